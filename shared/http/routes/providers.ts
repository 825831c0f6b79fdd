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
