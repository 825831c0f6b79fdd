import * as z from 'zod/mini';
import { REGIONS } from '../../domain/vocabulary';
import { route } from '../route';
import { described, email, id, instant, meta, page, pageQuery, reason, region, text, whole } from '../schemas';

const providerId = described(id('pr'), 'The provider agency.');
const contract = z.enum(['yes', 'intends', 'no']);
const withAds = 'Whether it contracts (or intends to contract) with ADS.';
const withDds = 'Whether it contracts (or intends to contract) with DDS.';
const regions = 'The DDS regions the agency covers.';

const providerFields = {
  name: described(text(200), "The agency's name."),
  regions: described(z.array(region).check(z.minLength(1), z.maxLength(REGIONS.length)), regions),
  contractsWithAds: described(contract, withAds),
  contractsWithDds: described(contract, withDds),
  contact: described(
    z.strictObject({
      name: described(text(120), "The contact person's name."),
      email: described(email, "The contact person's email."),
      phone: described(z.optional(text(40)), "The contact person's phone."),
    }),
    "The agency's contact person.",
  ),
  staffEmailDomains: described(
    z.optional(
      z
        .array(
          z
            .string()
            .check(
              z.regex(
                /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
                'a domain such as harbor.org, lower case',
              ),
            ),
        )
        .check(z.maxLength(10)),
    ),
    "The email domains the agency's staff use (e.g. `harbor.org`): a supervisor on one of them is shown as such to ADS when it decides.",
  ),
};
const ProviderInput = meta(z.strictObject(providerFields), { id: 'ProviderInput' });
const ProviderUpdate = meta(
  z.strictObject({
    ...providerFields,
    version: described(whole(1, 1_000_000), 'The version you read; a stale one gets 409.'),
  }),
  { id: 'ProviderUpdate' },
);

const Provider = meta(
  z.object({
    id: described(z.string(), "The agency's id."),
    name: described(z.string(), "The agency's name."),
    regions: described(z.array(region), regions),
    contractsWithAds: described(contract, withAds),
    contractsWithDds: described(contract, withDds),
    costFree: described(z.boolean(), 'The course is cost-free: contracts, or intends to, with both ADS and DDS.'),
    contact: described(
      z.object({
        name: described(z.string(), "The contact person's name."),
        email: described(z.string(), "The contact person's email."),
        phone: described(z.optional(z.string()), "The contact person's phone."),
      }),
      "The agency's contact person.",
    ),
    futureStaff: described(
      z.optional(
        z.object({
          count: described(z.number(), 'How many staff it plans to send to future iterations.'),
          reportedAt: described(instant, 'When the figure was reported (with an application).'),
          applicationId: described(z.string(), 'The application that reported it: the latest one.'),
        }),
      ),
      "The agency's latest future-staff figure (never a sum of its applications).",
    ),
    priority: described(
      z.optional(
        z.object({
          since: described(instant, 'When it got priority.'),
          reason: described(z.string(), 'Why it has priority.'),
          source: described(
            z.enum(['ads', 'departure']),
            'Set by ADS, or automatic after a departure left it with no certified staff.',
          ),
        }),
      ),
      'Priority status for the next allocation, if it has it.',
    ),
    staffEmailDomains: described(z.optional(z.array(z.string())), "The email domains the agency's staff use."),
    firstConfirmedAt: described(
      z.optional(instant),
      'When a supervisor first confirmed one of its staff (that confirmation is flagged for review).',
    ),
    version: described(z.number(), 'The version to send back with an edit.'),
    updatedAt: described(instant, 'When the agency was last saved.'),
  }),
  { id: 'Provider' },
);
const PublicProvider = meta(
  z.object({
    id: described(z.string(), "The agency's id."),
    name: described(z.string(), "The agency's name."),
    regions: described(z.array(region), regions),
  }),
  { id: 'PublicProvider' },
);

const regionDemand = (name: string) =>
  described(
    z.object({
      providers: described(
        z.array(
          z.object({
            id: described(z.string(), "The agency's id."),
            name: described(z.string(), "The agency's name."),
            futureStaff: described(z.number(), "The agency's latest future-staff figure."),
          }),
        ),
        'The agencies covering the region, with their figures.',
      ),
      total: described(z.number(), 'The sum of their figures.'),
    }),
    `Demand in the ${name} region.`,
  );
const DemandPlan = meta(
  z.object({
    regions: described(
      z.object({ North: regionDemand('North'), South: regionDemand('South'), West: regionDemand('West') }),
      'Demand by region (an agency appears under each region it covers).',
    ),
    statewide: described(
      z.object({
        providers: described(z.number(), 'How many agencies reported a figure.'),
        total: described(z.number(), 'The statewide sum, each agency counted once.'),
      }),
      'Statewide demand.',
    ),
  }),
  { id: 'DemandPlan' },
);

const scopeId = described(
  z.union([id('pr'), z.literal('self-hired')]),
  'The provider agency, or `self-hired` for the supervisors (employers of record) of self-hired staff.',
);
const supervisorStatus = z.enum(['pending', 'authorised', 'refused', 'removed']);
const Supervisor = meta(
  z.object({
    id: described(z.string(), "The supervisor's id (one per address and agency)."),
    providerId: described(z.string(), 'The agency they may vouch for, or `self-hired`.'),
    providerName: described(z.nullable(z.string()), "The agency's name; null for self-hired staff's supervisors."),
    name: described(z.string(), "The supervisor's name."),
    email: described(z.string(), 'The exact address links go to.'),
    status: described(
      supervisorStatus,
      '`pending`: named by an applicant, waiting for ADS (nothing is sent to it); `authorised`: links go to it and may be used; `refused`: ADS said no; `removed`: no longer authorised (links of theirs still out stop working).',
    ),
    requestedAt: described(instant, 'When the address was first named or added.'),
    requestedBy: described(z.string(), 'Who named it: an applicant, ADS staff, or `migration`.'),
    authorisedAt: described(
      z.optional(instant),
      'When ADS last authorised it: endorsements in the 7 days after are flagged for review.',
    ),
    decidedAt: described(z.optional(instant), "When ADS's last decision on it was taken."),
    reason: described(z.optional(z.string()), "ADS's reason for its last decision."),
    freeMail: described(z.boolean(), 'A free-mail (personal) address: anyone can open one.'),
    onStaffDomain: described(z.boolean(), "On one of the agency's staff email domains."),
    version: described(z.number(), 'The version to send back with a decision.'),
  }),
  { id: 'Supervisor' },
);
const Review = meta(
  z.object({
    applicationId: described(z.string(), 'The endorsed application.'),
    personId: described(z.string(), 'The applicant.'),
    applicantName: described(z.string(), "The applicant's name."),
    providerId: described(z.optional(z.string()), 'The agency the endorsement vouched for.'),
    providerName: described(z.optional(z.string()), 'The name of the agency the endorsement vouched for.'),
    supervisor: described(
      z.object({
        name: described(z.string(), "The supervisor's name."),
        email: described(z.string(), "The supervisor's address."),
      }),
      'Who endorsed.',
    ),
    flags: described(
      z.array(z.enum(['first-confirmation', 'new-supervisor'])),
      "Why it is flagged: the agency's first confirmed member; a supervisor authorised in the 7 days before.",
    ),
    flaggedAt: described(instant, 'When the endorsement was given.'),
    status: described(z.enum(['open', 'upheld', 'overturned']), 'Open until ADS decides.'),
    decidedAt: described(z.optional(instant), 'When ADS decided.'),
    reason: described(z.optional(z.string()), "ADS's reason."),
  }),
  { id: 'Review' },
);

const ads = ['ads-staff'] as const;
const tag = 'Provider directory';

export const providerRoutes = {
  createProvider: route({
    operationId: 'createProvider',
    method: 'POST',
    path: '/ads/providers',
    area: 'providers',
    access: ads,
    tag,
    summary: 'Add a provider agency to the directory',
    body: ProviderInput,
    success: { status: 201, description: 'The provider', schema: Provider },
  }),
  listProvidersForAds: route({
    operationId: 'listProvidersForAds',
    method: 'GET',
    path: '/ads/providers',
    area: 'providers',
    access: ads,
    tag,
    summary: 'The provider directory, by name',
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of providers', schema: page(Provider) },
  }),
  getProviderForAds: route({
    operationId: 'getProviderForAds',
    method: 'GET',
    path: '/ads/providers/{providerId}',
    area: 'providers',
    access: ads,
    tag,
    summary: 'A provider agency',
    params: z.strictObject({ providerId }),
    success: { status: 200, description: 'The provider', schema: Provider },
    problems: [404],
  }),
  updateProvider: route({
    operationId: 'updateProvider',
    method: 'PUT',
    path: '/ads/providers/{providerId}',
    area: 'providers',
    access: ads,
    tag,
    summary: "Update a provider's profile (send the version you read)",
    params: z.strictObject({ providerId }),
    body: ProviderUpdate,
    success: { status: 200, description: 'The provider as saved', schema: Provider },
    problems: [404],
  }),
  setProviderPriority: route({
    operationId: 'setProviderPriority',
    method: 'PUT',
    path: '/ads/providers/{providerId}/priority',
    area: 'providers',
    access: ads,
    tag,
    summary: 'Set or clear priority status for the next allocation, with a reason (audited)',
    params: z.strictObject({ providerId }),
    body: z.strictObject({ priority: described(z.boolean(), 'Set (true) or clear (false) priority status.'), reason }),
    success: { status: 200, description: 'The provider', schema: Provider },
    problems: [404],
  }),
  demandPlanning: route({
    operationId: 'demandPlanning',
    method: 'GET',
    path: '/ads/demand-planning',
    area: 'providers',
    access: ads,
    tag,
    summary: "Providers' current future-staff figures by region and statewide",
    description:
      'A provider covering several regions appears under each region it covers and once in the statewide total. Each provider counts its latest figure, never a sum of its applications.',
    success: { status: 200, description: 'Demand by region', schema: DemandPlan },
  }),
  listSupervisorRequests: route({
    operationId: 'listSupervisorRequests',
    method: 'GET',
    path: '/ads/supervisor-requests',
    area: 'providers',
    access: ads,
    tag,
    summary: 'Supervisors named by applicants, waiting for ADS to authorise or refuse them (oldest first)',
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of pending supervisors', schema: page(Supervisor) },
  }),
  listProviderSupervisors: route({
    operationId: 'listProviderSupervisors',
    method: 'GET',
    path: '/ads/providers/{providerId}/supervisors',
    area: 'providers',
    access: ads,
    tag,
    summary: "An agency's supervisors, every status",
    params: z.strictObject({ providerId: scopeId }),
    success: {
      status: 200,
      description: 'The supervisors',
      schema: z.object({ items: described(z.array(Supervisor), "The agency's supervisors.") }),
    },
    problems: [404],
  }),
  addProviderSupervisor: route({
    operationId: 'addProviderSupervisor',
    method: 'POST',
    path: '/ads/providers/{providerId}/supervisors',
    area: 'providers',
    access: ads,
    tag,
    summary:
      'Authorise a supervisor for an agency, with a reason (audited); applications waiting for them get their links',
    params: z.strictObject({ providerId: scopeId }),
    body: z.strictObject({
      name: described(text(120), "The supervisor's name."),
      email: described(email, 'The exact address links may go to (a free-mail address only this way).'),
      reason,
    }),
    success: { status: 201, description: 'The supervisor, authorised', schema: Supervisor },
    problems: [404],
  }),
  decideSupervisor: route({
    operationId: 'decideSupervisor',
    method: 'PUT',
    path: '/ads/providers/{providerId}/supervisors/{supervisorId}',
    area: 'providers',
    access: ads,
    tag,
    summary: 'Authorise, refuse or remove a supervisor, with a reason (audited)',
    description:
      'Authorising emails the endorsement links of the applications waiting for this supervisor; refusing asks those applicants to name another; removing stops every link of theirs still out, when it would be used.',
    params: z.strictObject({ providerId: scopeId, supervisorId: described(id('sv'), 'The supervisor.') }),
    body: z.strictObject({
      decision: described(
        z.enum(['authorise', 'refuse', 'remove']),
        '`authorise` (from pending, refused or removed), `refuse` (from pending), `remove` (from authorised).',
      ),
      reason,
      version: described(whole(1, 1_000_000), 'The version you read; a stale one gets 409.'),
    }),
    success: { status: 200, description: 'The supervisor as decided', schema: Supervisor },
    problems: [404],
  }),
  listReviews: route({
    operationId: 'listReviews',
    method: 'GET',
    path: '/ads/reviews',
    area: 'providers',
    access: ads,
    tag,
    summary: "Endorsements flagged for review: an agency's first confirmed member, or a newly authorised supervisor",
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of open reviews, oldest first', schema: page(Review) },
  }),
  decideReview: route({
    operationId: 'decideReview',
    method: 'PUT',
    path: '/ads/reviews/{applicationId}',
    area: 'providers',
    access: ads,
    tag,
    summary: 'Uphold or overturn a flagged endorsement, with a reason (audited)',
    description:
      "Overturning makes the person's membership of the agency a claim again (their certifications leave its listing); the application stays endorsed.",
    params: z.strictObject({ applicationId: described(id('ap'), 'The endorsed application.') }),
    body: z.strictObject({
      outcome: described(z.enum(['upheld', 'overturned']), 'What ADS found.'),
      reason,
    }),
    success: { status: 200, description: 'The review as decided', schema: Review },
    problems: [404],
  }),
  listAuthorisedSupervisors: route({
    operationId: 'listAuthorisedSupervisors',
    method: 'GET',
    path: '/providers/{providerId}/supervisors',
    area: 'providers',
    access: ['applicant'],
    tag,
    summary: "An agency's authorised supervisors, to pick yours from (names and work addresses)",
    params: z.strictObject({ providerId }),
    success: {
      status: 200,
      description: 'The authorised supervisors, by name',
      schema: z.object({
        items: described(
          z.array(
            z.object({
              name: described(z.string(), "The supervisor's name."),
              email: described(z.string(), "The supervisor's work address."),
            }),
          ),
          'The supervisors ADS has authorised for the agency.',
        ),
      }),
    },
    problems: [404],
  }),
  listPublicProviders: route({
    operationId: 'listPublicProviders',
    method: 'GET',
    path: '/providers',
    area: 'providers',
    access: 'public',
    tag,
    summary: 'Provider agencies covering a region (names only, no personal data)',
    query: z.strictObject({ region: described(region, 'The region to list the agencies of.') }),
    success: {
      status: 200,
      description: 'Providers, by name',
      schema: z.object({ items: described(z.array(PublicProvider), 'The agencies covering the region, by name.') }),
    },
  }),
} as const;
