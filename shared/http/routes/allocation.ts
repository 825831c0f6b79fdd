import * as z from 'zod/mini';
import { route } from '../route';
import { date, described, id, instant, meta, reason, region, whole } from '../schemas';
import { ApplicationView } from './views/application';
import { LiveClass } from './views/live-class';

const iterationId = described(id('it'), 'The iteration.');
const applicationId = described(id('ap'), 'The application.');
const byRegion = <T extends z.ZodMiniType>(t: T, what: string) =>
  z.object({
    North: described(t, `${what}: North.`),
    South: described(t, `${what}: South.`),
    West: described(t, `${what}: West.`),
  });
const decision = z.enum(['seat', 'waitlist']);

const ProposalLine = meta(
  z.object({
    applicationId: described(z.string(), 'The application this line places.'),
    personId: described(z.string(), "The applicant's person id, for the routes keyed by a person."),
    applicantName: described(z.string(), "The applicant's name."),
    providerId: described(z.optional(z.string()), "The applicant's provider (absent if self-hired)."),
    providerName: described(z.optional(z.string()), "The provider's name (absent if self-hired)."),
    region: described(region, 'The region whose seat the applicant competes for.'),
    decision: described(decision, 'Seated, or waitlisted.'),
    round: described(
      z.optional(z.number()),
      "The round that seated them: 1 one per provider, 2 further staff, 3 a region's unfilled seats statewide.",
    ),
    seatRegion: described(
      z.optional(region),
      "The region whose seat it is (another region's unfilled seat in round 3).",
    ),
    waitlistPosition: described(
      z.optional(z.number()),
      'Statewide waitlist position (1 = first offered a freed seat).',
    ),
    regionWaitlistPosition: described(z.optional(z.number()), 'Position among those waitlisted for the same region.'),
    rank: described(z.number(), 'Overall rank by the factors (1 = strongest claim).'),
    factors: described(
      z.object({
        expiresOn: described(
          z.optional(date),
          "Recertification: the applicant's soonest certification expiry (sooner ranks first).",
        ),
        priority: described(z.boolean(), 'Whether the provider has priority status.'),
        certifiedStaff: described(
          z.number(),
          "The provider's staff holding an active certification (fewer ranks first).",
        ),
        position: described(
          z.enum(['direct-service', 'management']),
          'Direct-service staff rank before management/director level.',
        ),
        submittedAt: described(instant, 'When the application was submitted (earlier ranks first).'),
      }),
      'What the ranking weighed, in its order.',
    ),
    override: described(
      z.optional(
        z.object({
          decision: described(decision, 'What ADS decided: seat or waitlist.'),
          reason: described(z.string(), 'Why ADS overrode the ranking.'),
          by: described(z.string(), 'Who set the override (their person id).'),
          byName: described(
            z.optional(z.string()),
            'Their current name, looked up when read; absent if the account has no name on record.',
          ),
          at: described(instant, 'When the override was set.'),
        }),
      ),
      'An ADS override, which comes before every factor.',
    ),
    reasons: described(z.array(z.string()), 'Why this line is where it is, in plain words.'),
  }),
  { id: 'ProposalLine' },
);
const Proposal = meta(
  z.object({
    version: described(z.number(), 'The proposal version (confirm only the latest).'),
    computedAt: described(instant, 'When the proposal was computed.'),
    seats: described(byRegion(z.number(), 'Seats of the region'), 'The seats per region it allocated.'),
    seated: described(byRegion(z.number(), 'Applicants seated in the region'), 'How many it seats per region.'),
    waitlisted: described(z.number(), 'How many it puts on the waitlist.'),
    lines: described(z.array(ProposalLine), 'Every endorsed application: seated first, then the waitlist in order.'),
  }),
  { id: 'AllocationProposal' },
);
const seatFigures = z.object({
  capacity: described(z.number(), "The region's seats."),
  offered: described(z.number(), 'Seats of the region offered and not yet answered.'),
  enrolled: described(z.number(), 'Seats of the region taken by enrolled learners (or accepted offers).'),
  free: described(z.number(), 'Seats of the region neither offered nor taken.'),
});
const Summary = meta(
  z.object({
    iterationId: described(z.string(), 'The iteration.'),
    latestVersion: described(z.number(), 'The latest proposal version (0 before any).'),
    confirmedVersion: described(z.optional(z.number()), 'The proposal version confirmed, once confirmed.'),
    confirmedAt: described(z.optional(instant), 'When the allocation was confirmed.'),
    promotionOpen: described(
      z.boolean(),
      'Whether released seats are still offered to the waitlist (until the first class starts).',
    ),
    allocationClosedAt: described(z.optional(instant), 'When ADS closed allocation early.'),
    seats: described(byRegion(seatFigures, 'Seat figures of the region'), 'Seat figures per region.'),
  }),
  { id: 'AllocationSummary' },
);
const Agreement = meta(
  z.object({
    title: described(z.string(), "The agreement's title, naming the iteration."),
    courseDates: described(z.array(LiveClass), 'Every live class, each of which must be attended.'),
    homeworkDeadlines: described(
      z.array(
        z.object({
          title: described(z.string(), "The assignment's title."),
          dueAt: described(instant, 'When the homework is due (on time = handed in at or before it).'),
        }),
      ),
      'Every homework deadline.',
    ),
    responsibilities: described(z.array(z.string()), "The learner's responsibilities, in words."),
    attendancePolicy: described(z.string(), 'The attendance policy, in words.'),
    deadline: described(
      instant,
      'By when the offer must be accepted and the agreement co-signed: a set number of days after the offer (7 by default), never later than the first live class.',
    ),
    agreement: described(
      z.object({
        signedAt: described(z.optional(instant), 'When the learner signed the training agreement.'),
        cosignedAt: described(z.optional(instant), 'When the supervisor co-signed it (this enrols the learner).'),
      }),
      'Signatures so far.',
    ),
    joinLinks: described(
      z.optional(
        z.array(
          z.object({
            date: described(date, 'The live class date.'),
            joinUrl: described(z.string(), "The class's virtual meeting URL."),
          }),
        ),
      ),
      'Once enrolled (and only then): the meeting link of each live class.',
    ),
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
    problems: [404],
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
    problems: [404],
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
    body: z.strictObject({
      decision: described(z.enum(['seat', 'waitlist', 'none']), 'Seat, waitlist, or `none` to remove the override.'),
      reason,
    }),
    success: {
      status: 200,
      description: 'The override',
      schema: z.object({
        applicationId: described(z.string(), 'The application the override is for.'),
        decision: described(z.enum(['seat', 'waitlist', 'none']), 'The override now (`none`: removed).'),
        reason: described(z.string(), 'Why ADS overrode the ranking.'),
        at: described(instant, 'When the override was set.'),
      }),
    },
    problems: [404, 422],
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
    body: z.strictObject({ version: described(whole(1, 1_000_000), 'The proposal version to confirm: the latest.') }),
    success: { status: 200, description: 'The allocation after confirmation', schema: Summary },
    problems: [404],
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
    problems: [404],
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
    problems: [404],
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
    problems: [404, 409],
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
      agreement: described(
        z.strictObject({
          courseDates: described(z.literal(true), 'You will attend every live class of the agreement.'),
          responsibilities: described(z.literal(true), 'You accept the responsibilities of the agreement.'),
          attendancePolicy: described(z.literal(true), 'You accept the attendance policy of the agreement.'),
        }),
        'The training agreement, signed: each part accepted.',
      ),
    }),
    success: {
      status: 200,
      description: 'The application (accepted; enrolled once co-signed)',
      schema: ApplicationView,
    },
    problems: [404],
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
    problems: [404],
  }),
} as const;
