import { now } from '../../shared/clock';
import { readCertificateNumber } from '../../shared/domain/certificate-number';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { registryCsv } from '../../shared/http/render/csv';
import { certificateAddress, lookupPage, redirectTo } from '../../shared/http/render/verify-lookup';
import { certificatePage } from '../../shared/http/render/verify-pages';
import { WithStatus } from '../../shared/http/route';
import { registryRoutes } from '../../shared/http/routes/registry';
import * as registry from '../../shared/use-cases/registry';

/**
 * The CT CE Staff Registry (ADS, DDS), certificate verification and the list of qualified agencies (anyone).
 * A certificate's page has one address, its canonical number's: a number typed otherwise is sent there (308, so
 * the browser keeps the mapping); the lookup form sends a readable number there too (303).
 */
export const handler = areaHandler(
  registryRoutes,
  operations(registryRoutes, {
    searchRegistry: ({ query }) => registry.searchRegistry(query, query.cursor, query.limit),
    registryCsv: async ({ query }) => registryCsv(await registry.registryRows(query)),
    verifyCertificate: ({ params }) => registry.verify(params.number),
    verifyAtAddress: async ({ params }) => {
      const number = readCertificateNumber(params.number) ?? params.number;
      if (number !== params.number) return new WithStatus(308, redirectTo(certificateAddress(number)));
      return certificatePage(await registry.verify(number), now());
    },
    verifyLookup: async ({ query }) => {
      const number = query.number === undefined ? undefined : readCertificateNumber(query.number);
      return number ? new WithStatus(303, redirectTo(certificateAddress(number))) : lookupPage();
    },
    qualifiedProviders: () => registry.qualifiedProviders(),
  }),
);
