import { areaHandler } from '../../shared/http/middleware';
import { registryRoutes } from '../../shared/http/routes/registry';
import * as certifications from '../../shared/use-cases/certifications';

/** The CT CE Staff Registry (ADS, DDS), certificate verification and the list of qualified agencies (anyone). */
export const handler = areaHandler(registryRoutes, {
  searchRegistry: ({ query }) => certifications.searchRegistry(query, query.cursor, query.limit),
  registryCsv: ({ query }) => certifications.registryCsv(query),
  verifyCertificate: ({ params }) => certifications.verify(params.number),
  qualifiedProviders: () => certifications.qualifiedProviders(),
});
