import { auditTrail } from '../../shared/data/audit';
import { actorNames } from '../../shared/data/staff';
import { areaHandler } from '../../shared/http/middleware';
import { operations } from '../../shared/http/operations';
import { auditRoutes } from '../../shared/http/routes/audit';

/** ADS reads the append-only audit trail of any record. */
export const handler = areaHandler(
  auditRoutes,
  operations(auditRoutes, {
    getAuditTrail: async ({ params, query }) => {
      const { entries, cursor } = await auditTrail(params.subjectType, params.subjectId, query.cursor, query.limit);
      const names = await actorNames(entries.map((e) => e.actor.id));
      return { items: entries.map((e) => ({ ...e, actor: { ...e.actor, name: names.get(e.actor.id) } })), cursor };
    },
  }),
);
