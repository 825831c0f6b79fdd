import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { certificationRoutes } from '../../shared/http/routes/certifications';
import * as certifications from '../../shared/use-cases/certifications';

/** Issuing certifications and keeping their standing; outside certifications; departures; completion reports. */
export const handler = areaHandler(
  certificationRoutes,
  operations(certificationRoutes, {
    issueCertifications: ({ params, body, caller }) =>
      certifications.issueForIteration(params.iterationId, body.exceptions, caller),
    setCertificateStanding: ({ params, body, caller }) =>
      certifications.setStanding(params.number, body.action, body.reason, caller),
    recordExternalCertification: ({ params, body, caller }) =>
      certifications.recordExternal(params.personId, body, caller),
    personCertifications: ({ params }) => certifications.personCertifications(params.personId),
    recordDeparture: ({ params, body, caller }) =>
      certifications.recordDeparture(params.personId, body.providerId, body.leftOn, caller),
    myCertifications: ({ caller }) => certifications.myCertifications(caller),
    completionReport: ({ params, query }) => certifications.completionReport(params.providerId, query.from, query.to),
  }),
);
