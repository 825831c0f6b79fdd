import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { providerRoutes } from '../../shared/http/routes/providers';
import * as providers from '../../shared/use-cases/providers';

/** The provider directory (ADS), demand planning, and the public list by region. */
export const handler = areaHandler(
  providerRoutes,
  operations(providerRoutes, {
    createProvider: ({ body, caller }) => providers.createProvider(body, caller),
    listProvidersForAds: ({ query }) => providers.listProvidersForAds(query.cursor, query.limit),
    getProviderForAds: ({ params }) => providers.getProviderForAds(params.providerId),
    updateProvider: ({ params, body, caller }) => providers.updateProvider(params.providerId, body, caller),
    setProviderPriority: ({ params, body, caller }) =>
      providers.setPriority(params.providerId, body.priority, body.reason, caller),
    demandPlanning: () => providers.demandPlanning(),
    listPublicProviders: ({ query }) => providers.publicProviders(query.region),
  }),
);
