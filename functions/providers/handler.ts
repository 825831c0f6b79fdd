import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { agencyRoutes } from '../../shared/http/routes/agency';
import { providerRoutes } from '../../shared/http/routes/providers';
import * as agency from '../../shared/use-cases/agency';
import * as admins from '../../shared/use-cases/provider-admins';
import * as providers from '../../shared/use-cases/providers';
import * as supervisors from '../../shared/use-cases/supervisor-decisions';

const routes = { ...providerRoutes, ...agencyRoutes };

/**
 * The provider directory (ADS), its authorised supervisors and flagged confirmations, demand planning, the public list
 * by region; and each agency's own side of it, for its provider administrators.
 */
export const handler = areaHandler(
  routes,
  operations(routes, {
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
    getAgency: ({ caller }) => agency.getAgency(caller),
    listAgencyStaff: ({ query, caller }) => agency.agencyStaff(caller, query.cursor, query.limit),
    getAgencyPerson: ({ params, caller }) => agency.agencyPerson(caller, params.personId),
    answerAgencyEndorsement: ({ params, body, caller }) => agency.answerEndorsement(caller, params.applicationId, body),
    cosignAgencyAgreement: ({ params, caller }) => agency.cosignFromAgency(caller, params.applicationId),
    reportAgencyDeparture: ({ params, body, caller }) => agency.reportDeparture(caller, params.personId, body.leftOn),
    listAgencySupervisors: ({ caller }) => agency.agencySupervisors(caller),
    proposeAgencySupervisor: ({ body, caller }) => agency.proposeSupervisor(caller, body),
    removeAgencySupervisor: ({ params, body, caller }) => agency.removeSupervisor(caller, params.supervisorId, body),
    listProviderAdmins: ({ params }) => admins.providerAdmins(params.providerId),
    endProviderAdmin: ({ params, body, caller }) =>
      admins.endProviderAdmin(params.providerId, params.personId, body.reason, caller),
  }),
);
