import * as z from 'zod/mini';
import { CE_STAGES } from '../../domain/vocabulary';
import { route } from '../route';
import { date, id, instant, meta, reason, region, text } from '../schemas';

export const certificateNumber = z
  .string()
  .check(
    z.regex(
      /^CT-CE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
      'not a certificate number',
    ),
  );
const stage = z.enum(CE_STAGES);
const state = z.enum(['active', 'in-grace', 'expired', 'suspended', 'revoked', 'superseded']);
const personId = z.string().check(z.minLength(1), z.maxLength(128));

export const Certificate = meta(
  z.object({
    number: z.string(),
    personId: meta(z.string(), {
      description: "The holder's person id, for the routes keyed by a person (their certifications, departure).",
    }),
    holderName: z.string(),
    stage,
    stageName: z.string(),
    source: z.enum(['course', 'external']),
    status: state,
    active: z.boolean(),
    issuedOn: z.string(),
    expiresOn: meta(z.string(), { description: 'The first day the certification is no longer active.' }),
    renewalOpensOn: z.string(),
    graceEndsOn: z.string(),
    providerId: z.nullable(z.string()),
    providerName: z.nullable(z.string()),
    providerRegions: z.array(region),
    iterationId: z.optional(z.string()),
    external: z.optional(z.object({ body: z.string(), course: z.string(), evidenceReference: z.string() })),
    renews: z.optional(z.string()),
    supersededBy: z.optional(z.string()),
    history: z.array(z.object({ at: instant, action: z.string(), reason: z.optional(z.string()), by: z.string() })),
  }),
  { id: 'Certificate' },
);

const learnerId = meta(z.string(), { description: "The learner's person id, for the routes keyed by a person." });
const issued = z.object({
  applicationId: z.string(),
  personId: learnerId,
  name: z.string(),
  certificates: z.array(z.object({ number: z.string(), stage, expiresOn: z.string() })),
  byException: z.boolean(),
});
const ads = ['ads-staff'] as const;
const tag = 'Certifications';

export const certificationRoutes = {
  issueCertifications: route({
    operationId: 'issueCertifications',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/certifications',
    area: 'certifications',
    access: ads,
    tag,
    summary: 'Issue certifications to every enrolled learner who qualifies (one per CE stage); never twice',
    description:
      'A learner who does not qualify is skipped with what is missing, unless listed in `exceptions` with a reason (audited). For a recertification iteration each stage held is renewed and the earlier certification superseded.',
    params: z.strictObject({ iterationId: id('it') }),
    body: z.strictObject({
      exceptions: z._default(z.array(z.strictObject({ applicationId: id('ap'), reason })).check(z.maxLength(100)), []),
    }),
    success: {
      status: 200,
      description: 'Who was certified, who was skipped and why',
      schema: z.object({
        issued: z.array(issued),
        skipped: z.array(
          z.object({ applicationId: z.string(), personId: learnerId, name: z.string(), missing: z.array(z.string()) }),
        ),
        alreadyIssued: z.array(z.string()),
      }),
    },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  setCertificateStanding: route({
    operationId: 'setCertificateStanding',
    method: 'POST',
    path: '/ads/certificates/{number}/standing',
    area: 'certifications',
    access: ads,
    tag,
    summary: 'Revoke, suspend or reinstate a certification, with a reason (history kept, audited)',
    params: z.strictObject({ number: certificateNumber }),
    body: z.strictObject({ action: z.enum(['revoke', 'suspend', 'reinstate']), reason }),
    success: { status: 200, description: 'The certification', schema: Certificate },
    problems: [400, 401, 403, 404, 409],
  }),
  recordExternalCertification: route({
    operationId: 'recordExternalCertification',
    method: 'POST',
    path: '/ads/people/{personId}/external-certifications',
    area: 'certifications',
    access: ads,
    tag,
    summary: 'Record a certification earned elsewhere (only an ACRE-accredited Customized Employment certification)',
    params: z.strictObject({ personId }),
    body: z.strictObject({
      credential: meta(z.enum(['customized-employment', 'cesp', 'other']), {
        description: 'CESP is refused: it does not allow a person to provide CE services.',
      }),
      accreditedBy: text(100),
      body: text(200),
      course: text(200),
      issuedOn: date,
      expiresOn: date,
      evidenceReference: text(500),
      stages: z.optional(z.array(stage).check(z.minLength(1), z.maxLength(3))),
    }),
    success: {
      status: 201,
      description: 'The certifications recorded',
      schema: z.object({ items: z.array(Certificate) }),
    },
    problems: [400, 401, 403, 404, 422],
  }),
  personCertifications: route({
    operationId: 'personCertifications',
    method: 'GET',
    path: '/ads/people/{personId}/certifications',
    area: 'certifications',
    access: ads,
    tag,
    summary: "A person's certifications, with their history",
    params: z.strictObject({ personId }),
    success: { status: 200, description: 'The certifications', schema: z.object({ items: z.array(Certificate) }) },
    problems: [400, 401, 403],
  }),
  recordDeparture: route({
    operationId: 'recordDeparture',
    method: 'POST',
    path: '/ads/people/{personId}/departure',
    area: 'certifications',
    access: ads,
    tag,
    summary:
      'Record that a staff member left their provider; a provider left with no active certified staff gets priority',
    params: z.strictObject({ personId }),
    body: z.strictObject({ providerId: id('pr'), leftOn: date }),
    success: {
      status: 200,
      description: 'What followed',
      schema: z.object({
        personId: z.string(),
        providerId: z.string(),
        leftOn: z.string(),
        remainingCertifiedStaff: z.number(),
        priorityGranted: z.boolean(),
      }),
    },
    problems: [400, 401, 403, 404, 409, 422],
  }),
  myCertifications: route({
    operationId: 'myCertifications',
    method: 'GET',
    path: '/me/certifications',
    area: 'certifications',
    access: ['applicant'],
    tag,
    summary: 'Your certifications',
    success: { status: 200, description: 'Your certifications', schema: z.object({ items: z.array(Certificate) }) },
    problems: [401, 403],
  }),
  completionReport: route({
    operationId: 'completionReport',
    method: 'GET',
    path: '/reports/providers/{providerId}/completions',
    area: 'certifications',
    access: ['ads-staff', 'dds'],
    tag,
    summary: "Course completions of a provider's learners (for DDS's replacement-staff payments)",
    description:
      'Learner, the provider they were enrolled from, enrolment date, completion date. Course completions only: DDS does not pay for outside training.',
    params: z.strictObject({ providerId: id('pr') }),
    query: z
      .strictObject({ from: date, to: date })
      .check(z.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })),
    success: {
      status: 200,
      description: 'Completions',
      schema: z.object({
        items: z.array(
          z.object({
            providerId: z.optional(z.string()),
            providerName: z.optional(z.string()),
            applicationId: z.string(),
            iterationId: z.string(),
            iterationTitle: z.string(),
            learnerName: z.string(),
            enrolledAt: instant,
            completedOn: z.string(),
          }),
        ),
      }),
    },
    problems: [400, 401, 403, 404],
  }),
} as const;
