import * as z from 'zod/mini';
import { AUDIT_SUBJECTS } from '../../domain/audit';
import { route } from '../route';
import { described, instant, meta, page, pageQuery } from '../schemas';

const subjectType = described(z.enum(AUDIT_SUBJECTS), 'The kind of record.');
const subjectId = described(z.string().check(z.minLength(1), z.maxLength(200)), "The record's id.");
const AuditEntry = meta(
  z.object({
    subjectType,
    subjectId,
    action: described(z.string(), 'What was done, e.g. `updated`, `published`, `override-seat`.'),
    actor: described(
      z.object({
        id: described(z.string(), 'Who: a person id, or `system:<job>` for a scheduled job.'),
        roles: described(z.array(z.string()), 'Their roles at the time.'),
        name: described(
          z.optional(z.string()),
          "The person's current name (their staff account's, else their profile's), looked up when the trail is read; absent for a scheduled job, a supervisor's emailed link, or an account with no name on record.",
        ),
      }),
      'Who made the change.',
    ),
    at: described(instant, 'When the change was made.'),
    reason: described(z.optional(z.string()), 'Why, as given.'),
    before: described(z.optional(z.unknown()), 'The record (or the part changed) before the change, as stored.'),
    after: described(z.optional(z.unknown()), 'The record (or the part changed) after the change, as stored.'),
  }),
  { id: 'AuditEntry' },
);

export const auditRoutes = {
  getAuditTrail: route({
    operationId: 'getAuditTrail',
    method: 'GET',
    path: '/ads/audit/{subjectType}/{subjectId}',
    area: 'audit',
    access: ['ads-staff'],
    tag: 'Audit',
    summary: 'The audit trail of one record (who, when, what, why), oldest first',
    description: "Append-only: every ADS decision that changes someone's standing is recorded with the change it made.",
    params: z.strictObject({ subjectType, subjectId }),
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of audit records', schema: page(AuditEntry) },
  }),
} as const;
