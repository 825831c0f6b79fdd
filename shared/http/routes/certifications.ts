import * as z from 'zod/mini';
import { TYPED_NUMBER_MAX, TYPED_NUMBER_PATTERN } from '../../domain/certificate-number';
import { route } from '../route';
import { date, described, id, instant, reason, text } from '../schemas';
import { Certificate, personId, stage } from './views/certificate';

export const certificateNumber = z
  .string()
  .check(
    z.regex(
      /^CT-CE-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
      'not a certificate number',
    ),
  );
/**
 * A certificate number as a person types it from paper, for the public lookups: read by `readCertificateNumber`
 * (any case, separators optional, Crockford's reading of I, L and O); the pattern says exactly what it reads.
 */
export const typedCertificateNumber = described(
  z.string().check(z.maxLength(TYPED_NUMBER_MAX), z.regex(TYPED_NUMBER_PATTERN, 'not a certificate number')),
  'The certificate number as printed, `CT-CE-XXXX-XXXX-XXXX-XXXX`, or as typed from paper: any case, hyphens and spaces optional (the `CT-CE` prefix too), `I` and `L` read as `1` and `O` as `0` (Crockford base 32; `U` is not a symbol).',
);

const issued = z.object({
  applicationId: described(z.string(), "The learner's application."),
  personId: described(z.string(), "The learner's person id, for the routes keyed by a person."),
  name: described(z.string(), "The learner's name."),
  certificates: described(
    z.array(
      z.object({
        number: described(z.string(), 'The certificate number, `CT-CE-XXXX-XXXX-XXXX-XXXX`.'),
        stage: described(stage, 'The Connecticut CE stage certified.'),
        expiresOn: described(date, 'The first day the certification is no longer active.'),
      }),
    ),
    'One certification per stage.',
  ),
  byException: described(z.boolean(), 'Issued although the learner did not qualify, as ADS listed them.'),
});
const certificates = (what: string) => z.object({ items: described(z.array(Certificate), what) });
const ads = ['ads-staff'] as const;
const tag = 'Certifications';

/** The completions report's provider and date range (the JSON and the CSV take the same). */
const completionParams = z.strictObject({
  providerId: described(id('pr'), 'The provider the learners were enrolled from.'),
});
const completionRange = z
  .strictObject({
    from: described(date, 'The first completion date to include.'),
    to: described(date, 'The last completion date to include.'),
  })
  .check(z.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] }));

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
    params: z.strictObject({ iterationId: described(id('it'), 'The iteration.') }),
    body: z.strictObject({
      exceptions: described(
        z._default(
          z
            .array(
              z.strictObject({
                applicationId: described(id('ap'), "The learner's application."),
                reason,
              }),
            )
            .check(z.maxLength(100)),
          [],
        ),
        'Learners to certify although they do not qualify, each with a reason (audited).',
      ),
    }),
    success: {
      status: 200,
      description: 'Who was certified, who was skipped and why',
      schema: z.object({
        issued: described(z.array(issued), 'The learners certified now.'),
        skipped: described(
          z.array(
            z.object({
              applicationId: described(z.string(), "The learner's application."),
              personId: described(z.string(), "The learner's person id, for the routes keyed by a person."),
              name: described(z.string(), "The learner's name."),
              missing: described(z.array(z.string()), 'What they still miss, in words.'),
            }),
          ),
          'The learners not certified, with why.',
        ),
        alreadyIssued: described(z.array(z.string()), 'Applications certified before (nothing issued twice).'),
      }),
    },
    problems: [404, 422],
  }),
  setCertificateStanding: route({
    operationId: 'setCertificateStanding',
    method: 'POST',
    path: '/ads/certificates/{number}/standing',
    area: 'certifications',
    access: ads,
    tag,
    summary: 'Revoke, suspend or reinstate a certification, with a reason (history kept, audited)',
    params: z.strictObject({ number: described(certificateNumber, 'The certificate number.') }),
    body: z.strictObject({
      action: described(z.enum(['revoke', 'suspend', 'reinstate']), 'What to do: revoking is final.'),
      reason,
    }),
    success: { status: 200, description: 'The certification', schema: Certificate },
    problems: [404],
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
      credential: described(
        z.enum(['customized-employment', 'cesp', 'other']),
        'The credential earned. CESP is refused: it does not allow a person to provide CE services.',
      ),
      accreditedBy: described(text(100), 'Who accredits the course (only ACRE is accepted).'),
      body: described(text(200), 'The body that awarded the certification.'),
      course: described(text(200), 'The course it was earned in.'),
      issuedOn: described(date, 'When it was issued.'),
      expiresOn: described(date, 'The first day it is no longer active (after `issuedOn`).'),
      evidenceReference: described(text(500), "Where ADS's evidence of it is kept."),
      stages: described(
        z.optional(z.array(stage).check(z.minLength(1), z.maxLength(3))),
        'The stages it covers (default: all three).',
      ),
    }),
    success: {
      status: 201,
      description: 'The certifications recorded',
      schema: certificates('One per stage covered.'),
    },
    problems: [404, 422],
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
    success: {
      status: 200,
      description: 'The certifications',
      schema: certificates("The person's certifications, every state."),
    },
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
    body: z.strictObject({
      providerId: described(id('pr'), 'The provider they left.'),
      leftOn: described(date, 'The day they left.'),
    }),
    success: {
      status: 200,
      description: 'What followed',
      schema: z.object({
        personId: described(z.string(), 'The person who left.'),
        providerId: described(z.string(), 'The provider they left.'),
        leftOn: described(date, 'The day they left.'),
        remainingCertifiedStaff: described(z.number(), "The provider's staff still holding an active certification."),
        priorityGranted: described(z.boolean(), 'Whether the provider got priority (none left certified).'),
      }),
    },
    problems: [404, 422],
  }),
  changeLegalName: route({
    operationId: 'changeLegalName',
    method: 'POST',
    path: '/ads/people/{personId}/legal-name',
    area: 'certifications',
    access: ads,
    tag,
    summary:
      "Change or correct a person's legal name, with a reason: their profile and every certification, credentials reissued",
    description:
      "The profile and each certification take the new name (people search and the registry's name search too), audited on each. A certification with a credential is reissued: a new status-list entry, the old credential's entry set to superseded (a revoked one stays revoked), and the next download signs a new JWT with the new name. Each certification is its own transaction: if the request fails part-way, send it again and it finishes the certifications still carrying another name. 422 `unchanged` when the name is already theirs everywhere.",
    params: z.strictObject({ personId }),
    body: z.strictObject({
      name: described(text(120), 'The legal name, as it is to appear on their certificates and credentials.'),
      reason,
    }),
    success: {
      status: 200,
      description: 'The name now on their record, and what was renamed and reissued',
      schema: z.object({
        personId: described(z.string(), 'The person.'),
        name: described(z.string(), 'Their legal name now.'),
        previousName: described(
          z.optional(z.string()),
          'The name their profile had before; absent when only certifications were brought into line (a retry).',
        ),
        renamed: described(z.array(z.string()), 'The certificates that took the new name now.'),
        reissued: described(
          z.array(z.string()),
          'Of those, the certificates whose credential was reissued (a new status entry; the old one superseded).',
        ),
        certificates: described(z.array(Certificate), 'Their certifications as they stand now, every state.'),
      }),
    },
    problems: [404, 422],
  }),
  myCertifications: route({
    operationId: 'myCertifications',
    method: 'GET',
    path: '/me/certifications',
    area: 'certifications',
    access: ['applicant'],
    tag,
    summary: 'Your certifications',
    success: {
      status: 200,
      description: 'Your certifications',
      schema: certificates('Your certifications, every state.'),
    },
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
    params: completionParams,
    query: completionRange,
    success: {
      status: 200,
      description: 'Completions',
      schema: z.object({
        items: described(
          z.array(
            z.object({
              providerId: described(z.optional(z.string()), 'The provider the learner was enrolled from.'),
              providerName: described(z.optional(z.string()), "That provider's name."),
              applicationId: described(z.string(), "The learner's application."),
              iterationId: described(z.string(), 'The iteration completed.'),
              iterationTitle: described(z.string(), 'The title of the iteration completed.'),
              learnerName: described(z.string(), 'The name of the learner who completed it.'),
              enrolledAt: described(instant, 'When the learner was enrolled.'),
              completedOn: described(date, 'The day the course was completed (certifications issued).'),
            }),
          ),
          'Completions in the range, by date.',
        ),
      }),
    },
    problems: [404],
  }),
  completionReportCsv: route({
    operationId: 'completionReportCsv',
    method: 'GET',
    path: '/reports/providers/{providerId}/completions.csv',
    area: 'certifications',
    access: ['ads-staff', 'dds'],
    tag,
    summary: "The provider's course completions as CSV (for DDS's replacement-staff payments)",
    params: completionParams,
    query: completionRange,
    success: { status: 200, description: 'text/csv', contentType: 'text/csv; charset=utf-8' },
    problems: [404],
  }),
} as const;
