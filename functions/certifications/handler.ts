import { areaHandler } from '../../shared/http/middleware';
import { completionsCsv } from '../../shared/http/render/csv';
import { operations } from '../../shared/http/operations';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import { recordDeparture } from '../../shared/use-cases/certifications/departures';
import { recordExternal } from '../../shared/use-cases/certifications/external';
import {
  completionReport,
  myCertifications,
  personCertifications,
} from '../../shared/use-cases/certifications/holders';
import { issueForIteration } from '../../shared/use-cases/certifications/issuing';
import { changeLegalName } from '../../shared/use-cases/certifications/legal-name';
import { setStanding } from '../../shared/use-cases/certifications/standing';

/**
 * Issuing certifications and keeping their standing; outside certifications; departures; legal name changes;
 * completion reports.
 */
export const handler = areaHandler(
  certificationRoutes,
  operations(certificationRoutes, {
    issueCertifications: ({ params, body, caller }) => issueForIteration(params.iterationId, body.exceptions, caller),
    setCertificateStanding: ({ params, body, caller }) => setStanding(params.number, body.action, body.reason, caller),
    recordExternalCertification: ({ params, body, caller }) => recordExternal(params.personId, body, caller),
    personCertifications: ({ params }) => personCertifications(params.personId, { names: true }),
    recordDeparture: ({ params, body, caller }) =>
      recordDeparture(params.personId, body.providerId, body.leftOn, caller),
    changeLegalName: ({ params, body, caller }) => changeLegalName(params.personId, body.name, body.reason, caller),
    myCertifications: ({ caller }) => myCertifications(caller),
    completionReport: ({ params, query }) => completionReport(params.providerId, query.from, query.to),
    completionReportCsv: async ({ params, query }) =>
      completionsCsv(params.providerId, (await completionReport(params.providerId, query.from, query.to)).items),
  }),
);
