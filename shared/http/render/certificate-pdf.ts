import { format } from 'date-fns';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { ISSUER_NAME, WITH_AGENCY } from '../../credentials/open-badge';
import { STATE_WORDS } from '../../domain/certification';
import { toCtIso } from '../../domain/calendar/time';
import { verificationUrl, whenCt } from '../../email/format';
import type { CertificateView } from '../../use-cases/certifications/views';
import type { Reply } from '../route';
import { FONT_FILES, FONT_PACKAGE_DIR } from './certificate-fonts';

/**
 * Where Public Sans (USWDS's typeface, SIL Open Font License: embedding allowed) is read from: the bundle's
 * `fonts/` in Lambda (copied there at bundling), the design system's package locally.
 */
const FONT_DIR = process.env.CERTIFICATE_FONT_DIR ?? join(process.cwd(), FONT_PACKAGE_DIR);

const dayWords = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'MMMM d, yyyy');
};

type Shown = Pick<
  CertificateView,
  'number' | 'holderName' | 'stageName' | 'status' | 'active' | 'issuedOn' | 'expiresOn'
>;

/**
 * One certificate (one stage: each stage has its own number, standing and expiry) as a tagged PDF (PDF/UA): a
 * structure tree in reading order (heading, paragraphs, the QR code as a figure with alternative text), document
 * language and title, Public Sans embedded. It shows the certificate's state when it is made — a certificate not
 * active says so in words under the heading — and always prints the verification address and number as text
 * beside the QR code, so nothing depends on scanning.
 */
export async function certificatePdf(c: Shown, at: Date, publicBaseUrl: string): Promise<Buffer> {
  const url = verificationUrl(publicBaseUrl, c.number);
  const title = `Customized Employment certificate ${c.number}`;
  const doc = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: 54,
    tagged: true,
    pdfVersion: '1.7',
    // @types/pdfkit predates PDFKit's PDF/UA subset (0.15+).
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang: 'en-US',
    displayTitle: true,
    font: join(FONT_DIR, FONT_FILES[0]),
    info: { Title: title, Author: ISSUER_NAME, Subject: `${c.stageName} — ${c.holderName}` },
  });
  doc.registerFont('regular', join(FONT_DIR, FONT_FILES[0]));
  doc.registerFont('bold', join(FONT_DIR, FONT_FILES[1]));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 108;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const para = (text: string, font: 'regular' | 'bold', size: number, options: PDFKit.Mixins.TextOptions = {}) =>
    root.add(doc.struct('P', {}, () => doc.font(font).fontSize(size).fillColor('#1b1b1b').text(text, options)));

  root.add(
    doc.struct('H1', {}, () =>
      doc
        .font('bold')
        .fontSize(26)
        .fillColor('#1a4480')
        .text('Customized Employment Certification', { align: 'center', width }),
    ),
  );
  if (!c.active) {
    doc.moveDown(0.4);
    para(
      `Not valid: ${STATE_WORDS[c.status]} as of ${dayWords(toCtIso(at).slice(0, 10))}. The holder may not provide Customized Employment services under this certificate.`,
      'bold',
      14,
      { align: 'center', width },
    );
  }
  doc.moveDown(0.6);
  para(`${ISSUER_NAME}, ${WITH_AGENCY}, certifies that`, 'regular', 13, { align: 'center', width });
  doc.moveDown(0.4);
  root.add(
    doc.struct('H2', {}, () =>
      doc.font('bold').fontSize(24).fillColor('#1b1b1b').text(c.holderName, { align: 'center', width }),
    ),
  );
  doc.moveDown(0.4);
  para(
    'completed the Connecticut Customized Employment certification course and is certified for the stage',
    'regular',
    13,
    {
      align: 'center',
      width,
    },
  );
  doc.moveDown(0.3);
  root.add(
    doc.struct('H3', {}, () =>
      doc.font('bold').fontSize(18).fillColor('#1a4480').text(c.stageName, { align: 'center', width }),
    ),
  );

  const top = doc.y + 24;
  const qrSize = 130;
  const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  root.add(
    doc.struct('Figure', { alt: `QR code that opens the verification page for certificate ${c.number}: ${url}` }, () =>
      doc.image(qr, 54, top, { width: qrSize, height: qrSize }),
    ),
  );
  const textX = 54 + qrSize + 24;
  const textWidth = width - qrSize - 24;
  doc.x = textX;
  doc.y = top;
  const line = (label: string, value: string) =>
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font('bold')
          .fontSize(12)
          .fillColor('#1b1b1b')
          .text(`${label}: `, textX, undefined, { continued: true, width: textWidth });
        doc.font('regular').text(value);
      }),
    );
  line('Certificate number', c.number);
  line('Issued on', dayWords(c.issuedOn));
  line('Expires on', `${dayWords(c.expiresOn)} (the first day it is no longer active)`);
  line('Status', `${STATE_WORDS[c.status]}, as of ${whenCt(toCtIso(at))}`);
  doc.moveDown(0.5);
  line('Verify at', url);
  line('Or go to', `${publicBaseUrl.replace(/\/$/, '')}/verify and enter the certificate number`);

  doc.x = 54;
  doc.y = Math.max(doc.y, top + qrSize) + 18;
  para(
    'The verification page always shows the certificate’s current status. Customized Employment services may be provided only under an active certification for the stage.',
    'regular',
    10,
    { align: 'left', width },
  );
  root.end();
  doc.end();
  return done;
}

/** The document as the route answers it: a PDF download, base64 for API Gateway. */
export const pdfReply = (pdf: Buffer, number: string): Reply => ({
  body: pdf.toString('base64'),
  isBase64Encoded: true,
  contentType: 'application/pdf',
  filename: `certificate-${number}.pdf`,
});
