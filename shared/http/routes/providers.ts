import * as z from 'zod/mini';
import { REGIONS } from '../../domain/vocabulary';
import { route } from '../route';
import { id, instant, meta, page, pageQuery, reason, region, text, whole } from '../schemas';
import { email } from './accounts';

const providerId = id('pr');
const contract = meta(z.enum(['yes', 'intends', 'no']), {
  description: 'Contracts (or intends to contract) with the agency.',
});

const providerFields = {
  name: text(200),
  regions: z.array(region).check(z.minLength(1), z.maxLength(REGIONS.length)),
  contractsWithAds: contract,
  contractsWithDds: contract,
  contact: z.strictObject({ name: text(120), email, phone: z.optional(text(40)) }),
};
const ProviderInput = meta(z.strictObject(providerFields), { id: 'ProviderInput' });
const ProviderUpdate = meta(z.strictObject({ ...providerFields, version: whole(1, 1_000_000) }), {
  id: 'ProviderUpdate',
});

const Provider = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    regions: z.array(region),
    contractsWithAds: contract,
    contractsWithDds: contract,
    costFree: meta(z.boolean(), {
      description: 'The course is cost-free: contracts, or intends to, with both ADS and DDS.',
    }),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
    futureStaff: z.optional(z.object({ count: z.number(), reportedAt: z.string(), applicationId: z.string() })),
    priority: z.optional(z.object({ since: instant, reason: z.string(), source: z.enum(['ads', 'departure']) })),
    version: z.number(),
    updatedAt: instant,
  }),
  { id: 'Provider' },
);
const PublicProvider = meta(z.object({ id: z.string(), name: z.string(), regions: z.array(region) }), {
  id: 'PublicProvider',
});

const regionDemand = z.object({
  providers: z.array(z.object({ id: z.string(), name: z.string(), futureStaff: z.number() })),
  total: z.number(),
});
const DemandPlan = meta(
  z.object({
    regions: z.object({ North: regionDemand, South: regionDemand, West: regionDemand }),
    statewide: z.object({ providers: z.number(), total: z.number() }),
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
    problems: [400, 401, 403],
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
    problems: [400, 401, 403],
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
    problems: [400, 401, 403, 404],
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
    problems: [400, 401, 403, 404, 409],
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
    body: z.strictObject({ priority: z.boolean(), reason }),
    success: { status: 200, description: 'The provider', schema: Provider },
    problems: [400, 401, 403, 404],
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
    problems: [401, 403],
  }),
  listPublicProviders: route({
    operationId: 'listPublicProviders',
    method: 'GET',
    path: '/providers',
    area: 'providers',
    access: 'public',
    tag,
    summary: 'Provider agencies covering a region (names only, no personal data)',
    query: z.strictObject({ region }),
    success: { status: 200, description: 'Providers, by name', schema: z.object({ items: z.array(PublicProvider) }) },
    problems: [400],
  }),
} as const;
