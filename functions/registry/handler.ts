import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { registryCsv } from '../../shared/http/render/csv';
import { registryRoutes } from '../../shared/http/routes/registry';
import * as certifications from '../../shared/use-cases/certifications';

/** The CT CE Staff Registry (ADS, DDS), certificate verification and the list of qualified agencies (anyone). */
export const handler = areaHandler(
  registryRoutes,
  operations(registryRoutes, {
    searchRegistry: ({ query }) => certifications.searchRegistry(query, query.cursor, query.limit),
    registryCsv: async ({ query }) => registryCsv(await certifications.registryRows(query)),
    verifyCertificate: ({ params }) => certifications.verify(params.number),
    qualifiedProviders: () => certifications.qualifiedProviders(),
  }),
);
