import * as z from 'zod/mini';
import { AUDIT_SUBJECTS } from '../../domain/audit';
import { route } from '../route';
import { instant, meta, page, pageQuery } from '../schemas';

const AuditEntry = meta(
  z.object({
    subjectType: z.enum(AUDIT_SUBJECTS),
    subjectId: z.string(),
    action: z.string(),
    actor: z.object({ id: z.string(), roles: z.array(z.string()) }),
    at: instant,
    reason: z.optional(z.string()),
    before: z.optional(z.unknown()),
    after: z.optional(z.unknown()),
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
    params: z.strictObject({
      subjectType: z.enum(AUDIT_SUBJECTS),
      subjectId: z.string().check(z.minLength(1), z.maxLength(200)),
    }),
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'A page of audit records', schema: page(AuditEntry) },
    problems: [400, 401, 403],
  }),
} as const;
