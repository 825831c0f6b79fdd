import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { providerRoutes } from '../../shared/http/routes/providers';
import * as providers from '../../shared/use-cases/providers';
import * as supervisors from '../../shared/use-cases/supervisor-decisions';

/** The provider directory (ADS), its authorised supervisors and flagged confirmations, demand planning, and the public list by region. */
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
    listSupervisorRequests: ({ query }) => supervisors.supervisorQueue(query.cursor, query.limit),
    listProviderSupervisors: ({ params }) => supervisors.providerSupervisors(params.providerId),
    addProviderSupervisor: ({ params, body, caller }) => supervisors.addSupervisor(params.providerId, body, caller),
    decideSupervisor: ({ params, body, caller }) =>
      supervisors.decideSupervisor(params.providerId, params.supervisorId, body, caller),
    listReviews: ({ query }) => supervisors.reviewQueue(query.cursor, query.limit),
    decideReview: ({ params, body, caller }) => supervisors.decideReview(params.applicationId, body, caller),
    listAuthorisedSupervisors: ({ params }) => supervisors.authorisedSupervisors(params.providerId),
  }),
);
