import * as z from 'zod/mini';
import { route } from '../route';
import { id, instant, meta, reason, region, whole } from '../schemas';
import { ApplicationView } from './applications';

const iterationId = id('it');
const applicationId = id('ap');
const byRegion = <T extends z.ZodMiniType>(t: T) => z.object({ North: t, South: t, West: t });

const ProposalLine = meta(
  z.object({
    applicationId: z.string(),
    personId: meta(z.string(), {
      description: "The applicant's person id, for the routes keyed by a person.",
    }),
    applicantName: z.string(),
    providerId: z.optional(z.string()),
    providerName: z.optional(z.string()),
    region,
    decision: z.enum(['seat', 'waitlist']),
    round: z.optional(z.number()),
    seatRegion: z.optional(region),
    waitlistPosition: z.optional(z.number()),
    regionWaitlistPosition: z.optional(z.number()),
    rank: z.number(),
    factors: z.object({
      expiresOn: z.optional(z.string()),
      priority: z.boolean(),
      certifiedStaff: z.number(),
      position: z.enum(['direct-service', 'management']),
      submittedAt: z.string(),
    }),
    override: z.optional(
      z.object({ decision: z.enum(['seat', 'waitlist']), reason: z.string(), by: z.string(), at: z.string() }),
    ),
    reasons: meta(z.array(z.string()), { description: 'Why this line is where it is, in plain words.' }),
  }),
  { id: 'ProposalLine' },
);
const Proposal = meta(
  z.object({
    version: z.number(),
    computedAt: instant,
    seats: byRegion(z.number()),
    seated: byRegion(z.number()),
    waitlisted: z.number(),
    lines: z.array(ProposalLine),
  }),
  { id: 'AllocationProposal' },
);
const Summary = meta(
  z.object({
    iterationId: z.string(),
    latestVersion: z.number(),
    confirmedVersion: z.optional(z.number()),
    confirmedAt: z.optional(instant),
    promotionOpen: meta(z.boolean(), {
      description: 'Whether released seats are still offered to the waitlist (until the first class starts).',
    }),
    allocationClosedAt: z.optional(instant),
    seats: byRegion(z.object({ capacity: z.number(), offered: z.number(), enrolled: z.number(), free: z.number() })),
  }),
  { id: 'AllocationSummary' },
);
const Agreement = meta(
  z.object({
    title: z.string(),
    courseDates: z.array(
      z.object({ date: z.string(), startsAt: instant, endsAt: instant, durationMinutes: z.number() }),
    ),
    homeworkDeadlines: z.array(z.object({ title: z.string(), dueAt: instant })),
    responsibilities: z.array(z.string()),
    attendancePolicy: z.string(),
    deadline: instant,
    agreement: z.object({ signedAt: z.optional(instant), cosignedAt: z.optional(instant) }),
  }),
  { id: 'TrainingAgreement' },
);

const ads = ['ads-staff'] as const;
const mine = ['applicant'] as const;
const tag = 'Allocation and offers';

export const allocationRoutes = {
  computeProposal: route({
    operationId: 'computeProposal',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/allocation/proposals',
    area: 'allocation',
    access: ads,
    tag,
    summary: 'Compute a new allocation proposal from the endorsed applications (stored as the next version)',
    description:
      'Order: ADS overrides; (recertification: soonest-expiring certification); priority status; providers with fewer staff holding an active certification; direct-service staff; one seat per provider in round 1, further staff in round 2; earliest application.',
    params: z.strictObject({ iterationId }),
    success: { status: 201, description: 'The proposal, each line with its reasons', schema: Proposal },
    problems: [400, 401, 403, 404, 409],
  }),
  latestProposal: route({
    operationId: 'latestProposal',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/allocation/proposals/latest',
    area: 'allocation',
    access: ads,
    tag,
    summary: 'The latest allocation proposal',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The proposal', schema: Proposal },
    problems: [400, 401, 403, 404],
  }),
  setOverride: route({
    operationId: 'setOverride',
    method: 'PUT',
    path: '/ads/iterations/{iterationId}/allocation/overrides/{applicationId}',
    area: 'allocation',
    access: ads,
    tag,
    summary:
      'Seat or waitlist an applicant regardless of the ranking (or remove the override), with a reason (audited)',
    params: z.strictObject({ iterationId, applicationId }),
    body: z.strictObject({ decision: z.enum(['seat', 'waitlist', 'none']), reason }),
    success: {
      status: 200,
      description: 'The override',
      schema: z.object({ applicationId: z.string(), decision: z.string(), reason: z.string(), at: instant }),
    },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  confirmProposal: route({
    operationId: 'confirmProposal',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/allocation/confirm',
    area: 'allocation',
    access: ads,
    tag,
    summary:
      'Confirm the latest proposal: offers go out with a response deadline; the others learn their waitlist position',
    params: z.strictObject({ iterationId }),
    body: z.strictObject({ version: whole(1, 1_000_000) }),
    success: { status: 200, description: 'The allocation after confirmation', schema: Summary },
    problems: [400, 401, 403, 404, 409],
  }),
  closeAllocation: route({
    operationId: 'closeAllocation',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/allocation/close',
    area: 'allocation',
    access: ads,
    tag,
    summary: 'Close allocation early: promotion stops and the waitlist ends (everyone waiting is told to apply again)',
    params: z.strictObject({ iterationId }),
    body: z.strictObject({ reason }),
    success: { status: 200, description: 'The allocation', schema: Summary },
    problems: [400, 401, 403, 404, 409],
  }),
  allocationSummary: route({
    operationId: 'allocationSummary',
    method: 'GET',
    path: '/ads/iterations/{iterationId}/allocation',
    area: 'allocation',
    access: ads,
    tag,
    summary: 'Seats offered, enrolled and free by region, and the state of the allocation',
    params: z.strictObject({ iterationId }),
    success: { status: 200, description: 'The allocation', schema: Summary },
    problems: [400, 401, 403, 404],
  }),
  trainingAgreement: route({
    operationId: 'trainingAgreement',
    method: 'GET',
    path: '/me/applications/{applicationId}/agreement',
    area: 'allocation',
    access: mine,
    tag,
    summary:
      'The CE Provider Training Agreement for an offered seat (course dates, responsibilities, attendance policy)',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The agreement', schema: Agreement },
    problems: [400, 401, 403, 404, 409],
  }),
  acceptOffer: route({
    operationId: 'acceptOffer',
    method: 'POST',
    path: '/me/applications/{applicationId}/accept',
    area: 'allocation',
    access: mine,
    tag,
    summary: 'Accept the offered seat and sign the training agreement; your supervisor is asked to co-sign',
    params: z.strictObject({ applicationId }),
    body: z.strictObject({
      agreement: z.strictObject({
        courseDates: z.literal(true),
        responsibilities: z.literal(true),
        attendancePolicy: z.literal(true),
      }),
    }),
    success: {
      status: 200,
      description: 'The application (accepted; enrolled once co-signed)',
      schema: ApplicationView,
    },
    problems: [400, 401, 403, 404, 409],
  }),
  declineOffer: route({
    operationId: 'declineOffer',
    method: 'POST',
    path: '/me/applications/{applicationId}/decline',
    area: 'allocation',
    access: mine,
    tag,
    summary: 'Decline the offered seat (it goes to the next person waiting)',
    params: z.strictObject({ applicationId }),
    success: { status: 200, description: 'The application', schema: ApplicationView },
    problems: [400, 401, 403, 404, 409],
  }),
} as const;
