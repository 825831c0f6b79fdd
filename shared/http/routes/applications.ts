import * as z from 'zod/mini';
import { APPLICATION_STATUSES } from '../../domain/application';
import { route } from '../route';
import { LINK_SEND_WINDOW_HOURS, LINK_SENDS_PER_WINDOW } from '../../domain/endorsement';
import { id, instant, meta, page, pageQuery, reason, region, text, whole } from '../schemas';
import { email } from './accounts';

const iterationId = id('it');
const applicationId = id('ap');
const status = z.enum(APPLICATION_STATUSES);
const position = z.enum(['direct-service', 'management']);

const ApplyInput = meta(
  z.strictObject({
    iterationId,
    region: meta(region, { description: 'The region whose seat you compete for: one your provider covers.' }),
    acknowledgement: meta(
      z.strictObject({ attendAllLiveClasses: z.literal(true), homeworkByDeadlines: z.literal(true) }),
      {
        description: 'You will attend every live class and complete the homework by its deadlines.',
      },
    ),
    futureStaffPlanned: meta(whole(0, 1000), {
      description: 'How many staff your provider plans to send to future iterations.',
    }),
  }),
  { id: 'ApplyInput' },
);

const d = <T extends z.ZodMiniType>(schema: T, description: string): T => meta(schema, { description });
const person = (who: string) =>
  z.object({
    name: d(z.string(), `The ${who}'s name.`),
    email: d(z.string(), `The ${who}'s email address.`),
  });

/** Shown status: a status whose deadline has passed reads as what it becomes, before the job acting on it runs. */
const shownStatus = d(
  status,
  'The status as it is true now: an offer past its deadline reads `lapsed`, an application not endorsed by the close of the window reads `not-considered`, a waitlist place once promotion has stopped reads `waitlist-ended` (the scheduled jobs still do the releasing and the emails).',
);

export const ApplicationView = meta(
  z.object({
    id: d(z.string(), 'The application id.'),
    iteration: d(
      z.object({
        id: d(z.string(), 'The iteration id.'),
        kind: d(z.enum(['initial', 'recertification']), 'Initial certification or recertification.'),
        title: d(z.string(), "The iteration's title."),
      }),
      'The iteration applied to.',
    ),
    region: d(region, 'The region whose seat the applicant competes for.'),
    providerId: d(z.nullable(z.string()), 'The provider agency applied from, or null for a self-hired person.'),
    providerName: d(z.nullable(z.string()), "The provider agency's name, or null for a self-hired person."),
    position: d(position, 'Direct-service staff, or management/director level, as declared when applying.'),
    supervisor: d(person('supervisor'), 'The supervisor asked to endorse the application and co-sign the agreement.'),
    futureStaffPlanned: d(z.number(), 'How many staff the provider plans to send to future iterations.'),
    status: shownStatus,
    submittedAt: d(instant, 'When the application was (last) submitted.'),
    endorsedAt: d(z.optional(instant), 'When the supervisor endorsed it.'),
    endorsementDeclined: d(
      z.optional(
        z.object({
          at: d(instant, 'When the supervisor answered.'),
          by: d(person('supervisor'), 'The supervisor who answered.'),
          reason: d(z.optional(z.string()), "The supervisor's reason, if they gave one."),
        }),
      ),
      'The supervisor\'s "I do not endorse this", while the application is not-endorsed.',
    ),
    endorsementLinkSentAt: d(
      z.optional(instant),
      'When the endorsement link now in force was sent to the supervisor (earlier links no longer work).',
    ),
    waitlistPosition: d(z.optional(z.number()), 'Statewide waitlist position, while waitlisted.'),
    offer: d(
      z.optional(
        z.object({
          offeredAt: d(instant, 'When the seat was offered.'),
          deadline: d(instant, 'Accept and have the agreement co-signed by then, or the offer lapses.'),
          seatRegion: d(region, 'The region whose seat is offered.'),
          via: d(z.enum(['allocation', 'waitlist']), 'Offered by the allocation, or from the waitlist.'),
        }),
      ),
      'The seat offered, once there is one.',
    ),
    agreement: d(
      z.optional(
        z.object({
          signedAt: d(z.optional(instant), 'When the learner signed the training agreement.'),
          cosignedAt: d(z.optional(instant), 'When the supervisor co-signed it.'),
        }),
      ),
      'The CE Provider Training Agreement, once signing started.',
    ),
    enrolledAt: d(z.optional(instant), 'When the learner was enrolled (the co-signature).'),
    closedAt: d(z.optional(instant), 'When the application was closed (withdrawn, declined, lapsed, …).'),
    closedReason: d(z.optional(z.string()), 'Why it was closed.'),
  }),
  { id: 'Application' },
);

const SupervisorChangeInput = meta(
  z.strictObject({
    supervisor: d(
      z.strictObject({ name: d(text(120), "The supervisor's name."), email: d(email, "The supervisor's email.") }),
      'The supervisor who should endorse the application: they are emailed a new link.',
    ),
    reason: d(z.optional(text(2000)), 'Why the supervisor changes: kept in the audit trail.'),
  }),
  { id: 'SupervisorChangeInput' },
);

const ApplicationRow = meta(
  z.object({
    id: z.string(),
    applicantName: z.string(),
    applicantEmail: z.string(),
    jobTitle: z.string(),
    position,
    providerId: z.nullable(z.string()),
    providerName: z.nullable(z.string()),
    providerRegions: meta(z.array(region), { description: "The provider's total coverage area." }),
    providerPriority: z.boolean(),
    region,
    status: shownStatus,
    endorsed: z.boolean(),
    endorsementDeclined: d(
      z.optional(
        z.object({
          at: d(instant, 'When the supervisor answered.'),
          reason: d(z.optional(z.string()), "The supervisor's reason, if they gave one."),
        }),
      ),
      'The supervisor\'s "I do not endorse this", while the application is not-endorsed.',
    ),
    endorsedAt: z.optional(instant),
    submittedAt: instant,
    futureStaffPlanned: z.number(),
    waitlistPosition: z.optional(z.number()),
  }),
  { id: 'ApplicationRow' },
);

const listFilter = { status: z.optional(status), region: z.optional(region), providerId: z.optional(id('pr')) };
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
      'One application per person per iteration: applying again returns the existing one (200), the same view as the first answer; an application you withdrew is reopened (201) while the window is open. Send an Idempotency-Key to make a retry safe. Your supervisor is emailed a link to endorse it; only endorsed applications are considered for a seat.',
    body: ApplyInput,
    idempotent: true,
    success: { status: 201, description: 'The application (200 if it already existed)', schema: ApplicationView },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  myApplications: route({
    operationId: 'myApplications',
    method: 'GET',
    path: '/me/applications',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Your applications, latest first',
    success: { status: 200, description: 'Your applications', schema: z.object({ items: z.array(ApplicationView) }) },
    problems: [401, 403],
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
    problems: [400, 401, 403, 404],
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
    problems: [400, 401, 403, 404, 409],
  }),
  changeSupervisor: route({
    operationId: 'changeSupervisor',
    method: 'PUT',
    path: '/me/applications/{applicationId}/supervisor',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Name another supervisor for an application not yet endorsed (also after a supervisor said no)',
    description: `While the window is open and the application is submitted or not-endorsed: the earlier link stops working, the new supervisor is emailed a new one, the former supervisor (if they had not answered) is told nothing more is needed, and the change is audited. Counts as an endorsement-link email: at most ${LINK_SENDS_PER_WINDOW} in ${LINK_SEND_WINDOW_HOURS} hours, then 429 with Retry-After.`,
    params: z.strictObject({ applicationId }),
    body: SupervisorChangeInput,
    success: { status: 200, description: 'The application, submitted again', schema: ApplicationView },
    problems: [400, 401, 403, 404, 409, 429],
  }),
  resendEndorsementLink: route({
    operationId: 'resendEndorsementLink',
    method: 'POST',
    path: '/me/applications/{applicationId}/endorsement-link',
    area: 'applications',
    access: mine,
    tag,
    summary: 'Send the supervisor the endorsement link again (a new link; the earlier one stops working)',
    description: `Only while the application is submitted and the window open; audited. At most ${LINK_SENDS_PER_WINDOW} endorsement-link emails after the first in ${LINK_SEND_WINDOW_HOURS} hours (resends and supervisor changes together), then 429 with Retry-After (seconds until the window ends).`,
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The application', schema: ApplicationView },
    problems: [400, 401, 403, 404, 409, 429],
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
    problems: [400, 401, 403, 404],
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
    problems: [400, 401, 403, 404],
  }),
  admitToRecertification: route({
    operationId: 'admitToRecertification',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/admissions/{personId}',
    area: 'applications',
    access: ads,
    tag,
    summary: 'Admit a person to a recertification iteration, with a reason (audited)',
    params: z.strictObject({ iterationId, personId: z.string().check(z.minLength(1), z.maxLength(128)) }),
    body: z.strictObject({ reason }),
    success: {
      status: 200,
      description: 'The admission',
      schema: z.object({ iterationId: z.string(), personId: z.string(), reason: z.string(), admittedAt: instant }),
    },
    problems: [400, 401, 403, 404, 422],
  }),
} as const;
