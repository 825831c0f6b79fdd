import * as z from 'zod/mini';
import { CE_STAGES } from '../../domain/vocabulary';
import { route } from '../route';
import { date, described, id, meta, page, pageQuery, region, text } from '../schemas';
import { Certificate, certificateNumber } from './certifications';

const filter = {
  providerId: described(z.optional(id('pr')), "Only this provider's staff."),
  region: described(z.optional(region), 'Only staff of providers covering this region.'),
  stage: described(z.optional(z.enum(CE_STAGES)), 'Only this stage.'),
  namePrefix: described(
    z.optional(text(100)),
    "The start of any word of the holder's name (a surname finds them); case, accents and letters such as ł, ø, ß or æ do not matter.",
  ),
  expiresFrom: described(z.optional(date), 'Only certifications expiring on or after this day.'),
  expiresTo: described(z.optional(date), 'Only certifications expiring on or before this day.'),
};
const expiryRange = z.refine<{ expiresFrom?: string; expiresTo?: string }>(
  (q) => !q.expiresFrom || !q.expiresTo || q.expiresFrom <= q.expiresTo,
  { message: 'expiresFrom must not be after expiresTo', path: ['expiresTo'] },
);
/** What anyone may learn of a certificate by its number: nothing personal beyond the holder's name. */
const { number, holderName, stage, stageName, status, active, issuedOn, expiresOn } = Certificate.shape;
const verification = { number, holderName, stage, stageName, status, active, issuedOn, expiresOn };
const staff = ['ads-staff', 'dds'] as const;
const tag = 'Registry';

/** What anyone may see of a certificate (one component, answered at both verification addresses). */
const certificateVerification = meta(z.object(verification), { id: 'CertificateVerification' });

export const registryRoutes = {
  searchRegistry: route({
    operationId: 'searchRegistry',
    method: 'GET',
    path: '/registry/certifications',
    area: 'registry',
    access: staff,
    tag,
    summary: 'The CT CE Staff Registry: active certifications by provider, region, stage, name prefix and expiry range',
    query: z.strictObject({ ...filter, ...pageQuery }).check(expiryRange),
    success: { status: 200, description: 'A page of active certifications', schema: page(Certificate) },
  }),
  registryCsv: route({
    operationId: 'registryCsv',
    method: 'GET',
    path: '/registry/certifications.csv',
    area: 'registry',
    access: staff,
    tag,
    summary: 'The registry search as CSV',
    query: z.strictObject(filter).check(expiryRange),
    success: { status: 200, description: 'text/csv', contentType: 'text/csv; charset=utf-8' },
  }),
  verifyCertificate: route({
    operationId: 'verifyCertificate',
    method: 'GET',
    path: '/certificates/{number}',
    area: 'registry',
    access: 'public',
    tag,
    summary: "Verify a certificate by its number: holder's name, stage, status and dates (nothing else personal)",
    params: z.strictObject({ number: described(certificateNumber, 'The certificate number.') }),
    success: {
      status: 200,
      description: 'The certificate',
      schema: certificateVerification,
    },
    problems: [404],
  }),
  verifyAtAddress: route({
    operationId: 'verifyAtAddress',
    method: 'GET',
    path: '/verify/{number}',
    area: 'registry',
    access: 'public',
    tag,
    summary: 'The permanent public verification address of a certificate (printed in emails, PDFs and QR codes)',
    description:
      'Answers what `GET /certificates/{number}` answers. The address is settled: the web app will serve a page here that works without JavaScript; until then it answers the JSON verification.',
    params: z.strictObject({ number: described(certificateNumber, 'The certificate number.') }),
    success: {
      status: 200,
      description: 'The certificate',
      schema: certificateVerification,
    },
    problems: [404],
  }),
  qualifiedProviders: route({
    operationId: 'qualifiedProviders',
    method: 'GET',
    path: '/registry/providers',
    area: 'registry',
    access: 'public',
    tag,
    summary:
      'Per region, the provider agencies with staff holding an active CE certification (not a statement of capacity)',
    success: {
      status: 200,
      description: 'Qualified agencies by region',
      schema: z.object({
        regions: described(
          z.record(
            region,
            z.array(
              z.object({
                id: described(z.string(), "The agency's id."),
                name: described(z.string(), "The agency's name."),
              }),
            ),
          ),
          'By region: the agencies covering it with staff holding an active certification, by name.',
        ),
        note: described(z.string(), 'What the list means, and what it does not.'),
      }),
    },
  }),
} as const;
