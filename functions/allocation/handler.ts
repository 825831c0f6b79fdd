import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import * as allocation from '../../shared/use-cases/allocation';
import * as offers from '../../shared/use-cases/seats/offers';

/** ADS proposes, overrides and confirms the allocation; applicants answer their offers. */
export const handler = areaHandler(
  allocationRoutes,
  operations(allocationRoutes, {
    computeProposal: ({ params, caller }) => allocation.computeProposal(params.iterationId, caller),
    latestProposal: ({ params }) => allocation.latestProposal(params.iterationId),
    setOverride: ({ params, body, caller }) =>
      allocation.setOverride(params.iterationId, params.applicationId, body.decision, body.reason, caller),
    confirmProposal: ({ params, body, caller }) => allocation.confirmProposal(params.iterationId, body.version, caller),
    closeAllocation: ({ params, body, caller }) => allocation.closeAllocation(params.iterationId, body.reason, caller),
    allocationSummary: ({ params }) => allocation.summary(params.iterationId),
    trainingAgreement: ({ params, caller }) => offers.agreementFor(caller, params.applicationId),
    acceptOffer: ({ params, caller }) => offers.accept(caller, params.applicationId),
    declineOffer: ({ params, caller }) => offers.decline(caller, params.applicationId),
  }),
);
