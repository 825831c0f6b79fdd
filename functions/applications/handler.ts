import { idempotency } from '../../shared/http/idempotency';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { applicationsCsv } from '../../shared/http/render/csv';
import { WithStatus } from '../../shared/http/route';
import { applicationRoutes } from '../../shared/http/routes/applications';
import * as applications from '../../shared/use-cases/applications';
import { changeSupervisor, resendEndorsementLink } from '../../shared/use-cases/supervisor';

/** Applicants apply, see and withdraw their own applications; ADS lists and exports them. */
export const handler = areaHandler(
  applicationRoutes,
  operations(applicationRoutes, {
    apply: async ({ caller, body }) => {
      const { outcome, application } = await applications.apply(caller, body);
      return outcome === 'already-applied' ? new WithStatus(200, application) : application;
    },
    myApplications: ({ caller }) => applications.myApplications(caller),
    myApplication: ({ caller, params }) => applications.myApplication(caller, params.applicationId),
    withdrawApplication: ({ caller, params }) => applications.withdraw(caller, params.applicationId),
    changeSupervisor: ({ caller, params, body }) => changeSupervisor(caller, params.applicationId, body),
    resendEndorsementLink: ({ caller, params }) => resendEndorsementLink(caller, params.applicationId),
    listApplicationsForAds: ({ params, query }) =>
      applications.listForAds(params.iterationId, query, query.cursor, query.limit),
    exportApplications: async ({ params, query }) =>
      applicationsCsv(params.iterationId, await applications.exportRows(params.iterationId, query)),
    myRecertificationStanding: ({ caller, params }) =>
      applications.myRecertificationStanding(caller, params.iterationId),
    admitToRecertification: ({ params, body, caller }) =>
      applications.admit(params.iterationId, params.personId, body.reason, caller),
  }),
  [idempotency()],
);
