import { now } from '../../shared/clock';
import { config } from '../../shared/config/runtime';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { certificatePdf, pdfReply } from '../../shared/http/render/certificate-pdf';
import { certificatePdfRoutes } from '../../shared/http/routes/credentials';
import { certificateDocument } from '../../shared/use-cases/certificate-document';

/** Certificate documents, in their own function: PDFKit, the QR encoder and the fonts weigh on no other bundle. */
const render = async (number: string, holderSub?: string) =>
  pdfReply(await certificatePdf(await certificateDocument(number, holderSub), now(), config.publicBaseUrl), number);

export const handler = areaHandler(
  certificatePdfRoutes,
  operations(certificatePdfRoutes, {
    myCertificatePdf: ({ params, caller }) => render(params.number, caller.sub),
    certificatePdf: ({ params }) => render(params.number),
  }),
);
