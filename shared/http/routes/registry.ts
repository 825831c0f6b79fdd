import * as z from 'zod/mini';
import { CE_STAGES } from '../../domain/vocabulary';
import { route } from '../route';
import { date, described, id, meta, page, pageQuery, region, text } from '../schemas';
import { typedCertificateNumber } from './certifications';
import { Certificate } from './views/certificate';

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
const { number, holderName, stage, stageName, status, active, issuedOn, expiresOn, lastChangedAt } = Certificate.shape;
const verification = {
  number,
  holderName,
  stage,
  stageName,
  status,
  active,
  issuedOn,
  expiresOn,
  lastChangedAt,
  credential: described(
    z.nullable(z.string()),
    'Where its signed Open Badges 3.0 credential is (`/verify/{number}/credential`, on this site), for a wallet or a verifier; null when it has none (a certification recorded from an outside course, or one issued before credentials were).',
  ),
};
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
    summary:
      "Verify a certificate by its number: holder's name, stage, status, dates and when the record last changed (nothing else personal)",
    description:
      'The number may be given as typed from paper; the answer carries the canonical number. People use the page at `/verify/{number}`.',
    params: z.strictObject({ number: typedCertificateNumber }),
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
    summary: 'The permanent public verification page of a certificate (printed in emails, PDFs and QR codes)',
    description:
      "A page for people, without JavaScript: the holder's name, the stage, the status in words, the issue and expiry dates and when the record last changed — nothing else. A number typed other than canonically is sent on (308) to the canonical address. An unknown number gets a 404 page with the lookup form; JSON is at `/certificates/{number}`.",
    params: z.strictObject({ number: typedCertificateNumber }),
    success: {
      status: 200,
      description: 'The verification page',
      contentType: 'text/html; charset=utf-8',
      also: { status: 308, description: 'The number was typed otherwise: the page at its canonical address' },
    },
    problems: [404],
  }),
  verifyLookup: route({
    operationId: 'verifyLookup',
    method: 'GET',
    path: '/verify',
    area: 'registry',
    access: 'public',
    tag,
    summary: 'The certificate lookup form (works without JavaScript)',
    description:
      'Without `number`, the form. With a readable number, a 303 to its verification page `/verify/{number}`; with an unreadable one, the form again with the error tied to the field (400).',
    query: z.strictObject({
      number: described(
        z.optional(typedCertificateNumber),
        'The certificate number as typed from paper (read as at `/verify/{number}`); without it, the form.',
      ),
    }),
    success: {
      status: 200,
      description: 'The lookup form',
      contentType: 'text/html; charset=utf-8',
      also: { status: 303, description: "The number's verification page" },
    },
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
