import * as z from 'zod/mini';
import { route } from '../route';
import { LINK_SEND_WINDOW_HOURS, LINK_SENDS_PER_WINDOW } from '../../domain/endorsement';
import { described, email, id, instant, meta, page, pageQuery, reason, region, text, whole } from '../schemas';
import {
  ApplicationView,
  endorsementDeclinedFields,
  position,
  providerRegions,
  shownStatus,
  status,
} from './views/application';

const iterationId = described(id('it'), 'The iteration.');
const applicationId = described(id('ap'), 'The application.');

const ApplyInput = meta(
  z.strictObject({
    iterationId: described(id('it'), 'The iteration to apply to (its window must be open).'),
    region: described(region, 'The region whose seat you compete for: one your provider covers.'),
    acknowledgement: described(
      z.strictObject({
        attendAllLiveClasses: described(z.literal(true), 'You will attend every live class, in full.'),
        homeworkByDeadlines: described(z.literal(true), 'You will hand in every assignment by its deadline.'),
      }),
      'What the course requires of you, acknowledged.',
    ),
    futureStaffPlanned: described(whole(0, 1000), 'How many staff your provider plans to send to future iterations.'),
  }),
  { id: 'ApplyInput' },
);

const ApplicationRow = meta(
  z.object({
    id: described(z.string(), "The application's id."),
    personId: described(z.string(), "The applicant's person id, for the routes keyed by a person."),
    applicantName: described(z.string(), "The applicant's name."),
    applicantEmail: described(z.string(), "The applicant's email."),
    jobTitle: described(z.string(), "The applicant's job title."),
    position: described(position, "The applicant's position (direct-service staff rank first)."),
    providerId: described(z.nullable(z.string()), "The applicant's provider; null if self-hired."),
    providerName: described(z.nullable(z.string()), "The provider's name; null if self-hired."),
    providerRegions,
    providerPriority: described(z.boolean(), "Whether the applicant's provider has priority status."),
    region: described(region, 'The region whose seat the applicant competes for.'),
    status: shownStatus,
    endorsed: described(z.boolean(), 'Whether the supervisor has endorsed it.'),
    endorsementDeclined: described(
      z.optional(z.object(endorsementDeclinedFields)),
      'The supervisor\'s "I do not endorse this", while the application is not-endorsed.',
    ),
    endorsedAt: described(z.optional(instant), 'When the supervisor endorsed it.'),
    submittedAt: described(instant, 'When the application was submitted.'),
    futureStaffPlanned: described(z.number(), 'How many staff the provider plans to send to future iterations.'),
    waitlistPosition: described(z.optional(z.number()), 'The statewide waitlist position, while waitlisted.'),
    offer: described(
      z.optional(
        z.object({
          deadline: described(instant, 'By when the offer must be accepted and the agreement co-signed.'),
          seatRegion: described(
            region,
            "The region whose seat is offered (a statewide promotion may fill another region's).",
          ),
        }),
      ),
      'The seat offered, once offered (kept after acceptance: the co-signature is due by the same deadline).',
    ),
  }),
  { id: 'ApplicationRow' },
);

const SupervisorChangeInput = meta(
  z.strictObject({
    supervisor: described(
      z.strictObject({
        name: described(text(120), "The supervisor's name."),
        email: described(email, "The supervisor's email: the new endorsement link goes there."),
      }),
      'The supervisor who should endorse the application.',
    ),
    reason: described(z.optional(text(2000)), 'Why the supervisor changes: kept in the audit trail.'),
  }),
  { id: 'SupervisorChangeInput' },
);

const listFilter = {
  status: described(z.optional(status), 'Only applications in this status.'),
  region: described(z.optional(region), 'Only applications competing for this region.'),
  providerId: described(z.optional(id('pr')), "Only this provider's applicants."),
};
const mine = ['applicant'] as const;
const ads = ['ads-staff'] as const;
const tag = 'Applications';

export const applicationRoutes = {
  apply: route({
    operationId: 'apply',
    method: 'POST',
    path: '/me/applications',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Apply to a course iteration while its window is open',
    description:
      'One application per person per iteration: applying again returns the existing one (200), the same view as the first answer; an application you withdrew is reopened (201: the same application, submitted again, a new endorsement link) while the window is open. Send an Idempotency-Key to make a retry safe. Your supervisor is emailed a link to endorse it; only endorsed applications are considered for a seat. Refused (422 `token.email_verified`) while your sign-in email is not verified.',
    body: ApplyInput,
    idempotent: true,
    success: {
      status: 201,
      description: 'The application, created',
      schema: ApplicationView,
      also: { status: 200, description: 'You had already applied to this iteration: the existing application' },
    },
    problems: [404, 422],
  }),
  myApplications: route({
    operationId: 'myApplications',
    method: 'GET',
    path: '/me/applications',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Your applications, latest first',
    success: {
      status: 200,
      description: 'Your applications',
      schema: z.object({ items: described(z.array(ApplicationView), 'Your applications, latest first.') }),
    },
  }),
  myApplication: route({
    operationId: 'myApplication',
    method: 'GET',
    path: '/me/applications/{applicationId}',
    area: 'applications',
    access: mine,
    tag,
    summary: 'One of your applications',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The application', schema: ApplicationView },
    problems: [404],
  }),
  withdrawApplication: route({
    operationId: 'withdrawApplication',
    method: 'POST',
    path: '/me/applications/{applicationId}/withdraw',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Withdraw one of your applications (a seat it holds goes to the next person waitlisted)',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The application', schema: ApplicationView },
    problems: [404],
  }),
  changeSupervisor: route({
    operationId: 'changeSupervisor',
    method: 'PUT',
    path: '/me/applications/{applicationId}/supervisor',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Name another supervisor for an application not yet endorsed (also after a supervisor said no)',
    description: `While the window is open and the application is submitted or not-endorsed: the earlier link stops working, the new supervisor is emailed a new one (once ADS has authorised them for the agency: until then nothing is sent and the application waits; your own address, or a new free-mail one, is refused with 422), the former supervisor (if they had not answered) is told nothing more is needed, and the change is audited. The application is submitted again. Counts as an endorsement-link email: at most ${LINK_SENDS_PER_WINDOW} in ${LINK_SEND_WINDOW_HOURS} hours, then 429 with Retry-After.`,
    params: z.strictObject({ applicationId }),
    body: SupervisorChangeInput,
    success: { status: 200, description: 'The application, submitted again', schema: ApplicationView },
    problems: [404, 409, 422, 429],
  }),
  resendEndorsementLink: route({
    operationId: 'resendEndorsementLink',
    method: 'POST',
    path: '/me/applications/{applicationId}/endorsement-link',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Send the supervisor the endorsement link again (a new link; the earlier one stops working)',
    description: `Only while the application is submitted and the window open; audited. At most ${LINK_SENDS_PER_WINDOW} endorsement-link emails after the first in ${LINK_SEND_WINDOW_HOURS} hours (resends and supervisor changes together), then 429 with Retry-After (the seconds until the window ends).`,
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The application', schema: ApplicationView },
    problems: [404, 409, 429],
  }),
  listApplicationsForAds: route({
    operationId: 'listApplicationsForAds',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/applications',
    area: 'applications',
    access: ads,
    tag,
    summary: "An iteration's applications, with what allocation weighs",
    params: z.strictObject({ iterationId }),
    query: z.strictObject({ ...listFilter, ...pageQuery }),
    success: { status: 200, description: 'A page of applications', schema: page(ApplicationRow) },
    problems: [404],
  }),
  exportApplications: route({
    operationId: 'exportApplications',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/applications.csv',
    area: 'applications',
    access: ads,
    tag,
    summary: "An iteration's applications as CSV",
    params: z.strictObject({ iterationId }),
    query: z.strictObject(listFilter),
    success: { status: 200, description: 'text/csv', contentType: 'text/csv; charset=utf-8' },
    problems: [404],
  }),
  myRecertificationStanding: route({
    operationId: 'myRecertificationStanding',
    method: 'GET',
    path: '/me/iterations/{iterationId}/recertification-standing',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Whether you may apply to a recertification iteration, and why, before you fill in the form',
    description:
      'The rule the application itself is refused by (`not_eligible`), said in words: a certification in its renewal window, in grace or expired, or an admission by ADS. 422 `not_recertification` for an initial iteration (open to everyone).',
    params: z.strictObject({ iterationId }),
    success: {
      status: 200,
      description: 'Whether you may apply, and why',
      schema: meta(
        z.object({
          mayApply: described(z.boolean(), 'You may apply to this recertification iteration.'),
          reason: described(z.string(), 'Why, in words (who may apply, and when yours can be renewed).'),
        }),
        { id: 'RecertificationStanding' },
      ),
    },
    problems: [404, 422],
  }),
  admitToRecertification: route({
    operationId: 'admitToRecertification',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/admissions/{personId}',
    area: 'applications',
    access: ads,
    tag,
    summary: 'Admit a person to a recertification iteration, with a reason (audited)',
    params: z.strictObject({
      iterationId,
      personId: described(z.string().check(z.minLength(1), z.maxLength(128)), 'The person (their sign-in id).'),
    }),
    body: z.strictObject({ reason }),
    success: {
      status: 200,
      description: 'The admission',
      schema: z.object({
        iterationId: described(z.string(), 'The recertification iteration.'),
        personId: described(z.string(), 'The person admitted.'),
        reason: described(z.string(), 'Why ADS admitted them.'),
        admittedAt: described(instant, 'When they were admitted.'),
      }),
    },
    problems: [404, 422],
  }),
} as const;
