import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { registryCsv } from '../../shared/http/render/csv';
import { registryRoutes } from '../../shared/http/routes/registry';
import * as registry from '../../shared/use-cases/registry';

/** The CT CE Staff Registry (ADS, DDS), certificate verification and the list of qualified agencies (anyone). */
export const handler = areaHandler(
  registryRoutes,
  operations(registryRoutes, {
    searchRegistry: ({ query }) => registry.searchRegistry(query, query.cursor, query.limit),
    registryCsv: async ({ query }) => registryCsv(await registry.registryRows(query)),
    verifyCertificate: ({ params }) => registry.verify(params.number),
    verifyAtAddress: ({ params }) => registry.verify(params.number),
    qualifiedProviders: () => registry.qualifiedProviders(),
  }),
);
