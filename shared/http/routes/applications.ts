import * as z from 'zod/mini';
import { APPLICATION_STATUSES } from '../../domain/application';
import { route } from '../route';
import { id, instant, meta, page, pageQuery, reason, region, whole } from '../schemas';

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

export const ApplicationView = meta(
  z.object({
    id: z.string(),
    iteration: z.object({
      id: z.string(),
      kind: z.enum(['initial', 'recertification']),
      title: z.optional(z.string()),
    }),
    region,
    providerId: z.nullable(z.string()),
    providerName: z.nullable(z.string()),
    position,
    supervisor: z.object({ name: z.string(), email: z.string() }),
    futureStaffPlanned: z.number(),
    status,
    submittedAt: instant,
    endorsedAt: z.optional(instant),
    waitlistPosition: z.optional(z.number()),
    offer: z.optional(
      z.object({ offeredAt: instant, deadline: instant, seatRegion: region, via: z.enum(['allocation', 'waitlist']) }),
    ),
    agreement: z.optional(z.object({ signedAt: z.optional(instant), cosignedAt: z.optional(instant) })),
    enrolledAt: z.optional(instant),
    closedAt: z.optional(instant),
    closedReason: z.optional(z.string()),
  }),
  { id: 'Application' },
);

const ApplicationRow = meta(
  z.object({
    id: z.string(),
    personId: meta(z.string(), {
      description: "The applicant's person id, for the routes keyed by a person.",
    }),
    applicantName: z.string(),
    applicantEmail: z.string(),
    jobTitle: z.string(),
    position,
    providerId: z.nullable(z.string()),
    providerName: z.nullable(z.string()),
    providerRegions: meta(z.array(region), { description: "The provider's total coverage area." }),
    providerPriority: z.boolean(),
    region,
    status,
    endorsed: z.boolean(),
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
      'One application per person per iteration: applying again returns the existing one (200). Send an Idempotency-Key to make a retry safe. Your supervisor is emailed a link to endorse it; only endorsed applications are considered for a seat.',
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
