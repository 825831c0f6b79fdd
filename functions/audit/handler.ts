import { auditTrail } from '../../shared/data/audit';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { auditRoutes } from '../../shared/http/routes/audit';

/** ADS reads the append-only audit trail of any record. */
export const handler = areaHandler(
  auditRoutes,
  operations(auditRoutes, {
    getAuditTrail: async ({ params, query }) => {
      const { entries, cursor } = await auditTrail(params.subjectType, params.subjectId, query.cursor, query.limit);
      return { items: entries, cursor };
    },
  }),
);
