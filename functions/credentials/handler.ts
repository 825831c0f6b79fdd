import { readCertificateNumber } from '../../shared/domain/certificate-number';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { credentialRoutes } from '../../shared/http/routes/credentials';
import { credentialOf, issuerKeys, statusList } from '../../shared/use-cases/credentials';

/** Open Badges 3.0 credentials, the issuer's keys and the status list: the only function that may sign. */
export const handler = areaHandler(
  credentialRoutes,
  operations(credentialRoutes, {
    myCredential: ({ params, caller }) => credentialOf(params.number, caller.sub),
    publicCredential: ({ params }) => credentialOf(readCertificateNumber(params.number) ?? params.number),
    issuerKeys: () => issuerKeys(),
    credentialStatusList: async ({ params }) => ({
      body: await statusList(Number(params.list)),
      contentType: 'application/vc+jwt',
    }),
  }),
);
