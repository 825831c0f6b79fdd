import * as z from 'zod/mini';
import { APPLICATION_STATUSES } from '../../../domain/application';
import { described, instant, meta, region } from '../../schemas';

/**
 * An application, returned by more than one area: in a file of its own, so a route file that needs it imports only this,
 * not another area's route file (a function then bundles no other area's schemas).
 */
export const status = z.enum(APPLICATION_STATUSES);
export const position = z.enum(['direct-service', 'management']);
export const providerRegions = described(z.array(region), "The provider's total coverage area.");

/** Shown status: a status whose deadline has passed reads as what it becomes, before the job acting on it runs. */
export const shownStatus = described(
  status,
  'Where the application stands, as it is true now: an offer past its deadline reads `lapsed`, an application not endorsed by the close of the window reads `not-considered`, a waitlist place once promotion has stopped reads `waitlist-ended` (the scheduled jobs still release the seat and send the emails). `not-endorsed`: the supervisor said no; another supervisor may be named while the window is open.',
);

export const endorsementDeclinedFields = {
  at: described(instant, 'When the supervisor answered.'),
  reason: described(z.optional(z.string()), "The supervisor's reason, if they gave one."),
};

export const ApplicationView = meta(
  z.object({
    id: described(z.string(), "The application's id."),
    iteration: described(
      z.object({
        id: described(z.string(), "The iteration's id."),
        kind: described(z.enum(['initial', 'recertification']), 'An initial course or a recertification course.'),
        title: described(z.string(), "The iteration's title."),
      }),
      'The iteration applied to.',
    ),
    region: described(region, 'The region whose seat you compete for.'),
    providerId: described(z.nullable(z.string()), 'Your provider when you applied; null if self-hired.'),
    providerName: described(z.nullable(z.string()), "That provider's name; null if self-hired."),
    position: described(position, 'Your position when you applied (direct-service staff rank first).'),
    supervisor: described(
      z.object({
        name: described(z.string(), "The supervisor's name."),
        email: described(z.string(), "The supervisor's email, where endorsement and co-signing links go."),
      }),
      'The supervisor who endorses the application and co-signs the training agreement.',
    ),
    futureStaffPlanned: described(z.number(), 'How many staff the provider plans to send to future iterations.'),
    status: shownStatus,
    applicationClosesAt: described(
      instant,
      "When the iteration's application window closes: the endorsement must come before it, and a supervisor can be changed only until then.",
    ),
    actions: described(
      z.object({
        withdraw: described(z.boolean(), 'You may withdraw the application (`POST …/withdraw`).'),
        changeSupervisor: described(
          z.boolean(),
          'You may name another supervisor (`PUT …/supervisor`): not yet endorsed, window open.',
        ),
        resendEndorsementLink: described(
          z.boolean(),
          'You may have the endorsement link sent again (`POST …/endorsement-link`): the supervisor has not answered, window open. The resend limit still applies (429).',
        ),
        acceptOffer: described(
          z.boolean(),
          'You may accept the offer and sign the training agreement (`POST …/accept`).',
        ),
        declineOffer: described(z.boolean(), 'You may decline the offered seat (`POST …/decline`).'),
      }),
      'What you may do with the application now (the statuses and deadlines as they are true now).',
    ),
    submittedAt: described(instant, 'When the application was submitted (again, if it was reopened).'),
    endorsedAt: described(z.optional(instant), 'When the supervisor endorsed it.'),
    endorsementDeclined: described(
      z.optional(
        z.object({
          ...endorsementDeclinedFields,
          by: described(
            z.object({
              name: described(z.string(), "The supervisor's name."),
              email: described(z.string(), "The supervisor's email."),
            }),
            'The supervisor who answered.',
          ),
        }),
      ),
      'The supervisor\'s "I do not endorse this", while the application is not-endorsed.',
    ),
    endorsementLinkSentAt: described(
      z.optional(instant),
      'When the endorsement link now in force was emailed to the supervisor (earlier links no longer work).',
    ),
    awaitingSupervisor: described(
      z.optional(
        z.object({
          since: described(instant, 'Since when the application waits for ADS to authorise the supervisor named.'),
          refused: described(
            z.optional(
              z.object({
                at: described(instant, 'When ADS refused the supervisor.'),
                reason: described(z.string(), "ADS's reason."),
              }),
            ),
            'ADS did not authorise the supervisor: name another (`PUT …/supervisor`).',
          ),
        }),
      ),
      'The supervisor named is not (yet) authorised by ADS to vouch for your agency: no endorsement link has been sent. It is emailed to them as soon as ADS authorises them.',
    ),
    waitlistPosition: described(z.optional(z.number()), 'Your statewide waitlist position, while waitlisted.'),
    offer: described(
      z.optional(
        z.object({
          offeredAt: described(instant, 'When the seat was offered.'),
          deadline: described(
            instant,
            'By when the offer must be accepted and the agreement co-signed: a set number of days after the offer (7 by default), never later than the first live class.',
          ),
          seatRegion: described(
            region,
            "The region whose seat is offered (a statewide promotion may fill another region's).",
          ),
          via: described(
            z.enum(['allocation', 'waitlist']),
            'Offered by the allocation, or promoted from the waitlist.',
          ),
        }),
      ),
      'The seat offered, once there is one.',
    ),
    agreement: described(
      z.optional(
        z.object({
          signedAt: described(z.optional(instant), 'When the learner signed the training agreement.'),
          cosignedAt: described(z.optional(instant), 'When the supervisor co-signed it (this enrols the learner).'),
        }),
      ),
      'The training agreement, once signing has begun.',
    ),
    enrolledAt: described(z.optional(instant), 'When the learner was enrolled.'),
    closedAt: described(
      z.optional(instant),
      'When the application closed (withdrawn, declined, lapsed, not considered…).',
    ),
    closedReason: described(z.optional(z.string()), 'Why it closed, in words.'),
  }),
  { id: 'Application' },
);
