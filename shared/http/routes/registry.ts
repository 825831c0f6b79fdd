import * as z from 'zod/mini';
import { CE_STAGES } from '../../domain/vocabulary';
import { route } from '../route';
import { date, id, meta, page, pageQuery, region, text } from '../schemas';
import { Certificate, certificateNumber } from './certifications';

const filter = {
  providerId: z.optional(id('pr')),
  region: z.optional(region),
  stage: z.optional(z.enum(CE_STAGES)),
  namePrefix: meta(z.optional(text(100)), {
    description: "The start of the holder's name; case and accents do not matter.",
  }),
  expiresFrom: z.optional(date),
  expiresTo: z.optional(date),
};
const expiryRange = z.refine<{ expiresFrom?: string; expiresTo?: string }>(
  (q) => !q.expiresFrom || !q.expiresTo || q.expiresFrom <= q.expiresTo,
  { message: 'expiresFrom must not be after expiresTo', path: ['expiresTo'] },
);
const staff = ['ads-staff', 'dds'] as const;
const tag = 'Registry';

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
    problems: [400, 401, 403],
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
    problems: [400, 401, 403],
  }),
  verifyCertificate: route({
    operationId: 'verifyCertificate',
    method: 'GET',
    path: '/certificates/{number}',
    area: 'registry',
    access: 'public',
    tag,
    summary: "Verify a certificate by its number: holder's name, stage, status and dates (nothing else personal)",
    params: z.strictObject({ number: certificateNumber }),
    success: {
      status: 200,
      description: 'The certificate',
      schema: meta(
        z.object({
          number: z.string(),
          holderName: z.string(),
          stage: z.enum(CE_STAGES),
          stageName: z.string(),
          status: z.string(),
          active: z.boolean(),
          issuedOn: z.string(),
          expiresOn: z.string(),
        }),
        { id: 'CertificateVerification' },
      ),
    },
    problems: [400, 404],
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
        regions: z.record(region, z.array(z.object({ id: z.string(), name: z.string() }))),
        note: z.string(),
      }),
    },
  }),
} as const;
