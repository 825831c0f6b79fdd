import { idempotency } from '../../shared/http/idempotency';
import { areaHandler } from '../../shared/http/middleware';
import { applicationRoutes } from '../../shared/http/routes/applications';
import * as applications from '../../shared/use-cases/applications';

/** Applicants apply, see and withdraw their own applications; ADS lists and exports them. */
export const handler = areaHandler(
  applicationRoutes,
  {
    apply: ({ caller, body }) => applications.apply(caller, body),
    myApplications: ({ caller }) => applications.myApplications(caller),
    myApplication: ({ caller, params }) => applications.myApplication(caller, params.applicationId),
    withdrawApplication: ({ caller, params }) => applications.withdraw(caller, params.applicationId),
    listApplicationsForAds: ({ params, query }) =>
      applications.listForAds(params.iterationId, query, query.cursor, query.limit),
    exportApplications: ({ params, query }) => applications.exportCsv(params.iterationId, query),
    admitToRecertification: ({ params, body, caller }) =>
      applications.admit(params.iterationId, params.personId, body.reason, caller),
  },
  [idempotency()],
);
