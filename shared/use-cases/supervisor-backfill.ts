import { applicationsInStatus } from '../data/applications';
import { auditPut } from '../data/audit';
import { listPublishedClosingAfter } from '../data/iterations';
import { getSupervisor, requestSupervisorItem, supervisorId } from '../data/supervisors';
import type { ApplicationStatus } from '../domain/application';
import { systemActor } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { supervisorScope } from '../domain/supervisor';
import { commit } from './unit-of-work';

/** Applications a supervisor may still have to endorse or co-sign. */
const IN_FLIGHT: ApplicationStatus[] = ['submitted', 'not-endorsed', 'endorsed', 'waitlisted', 'offered', 'accepted'];

/**
 * The `supervisor-backfill` job, for data from before supervisors were authorised: every supervisor named on an
 * application still in flight (of the published iterations) becomes a pending request in ADS's queue, so ADS decides
 * on them; until it authorises one, the links already sent to them do not work. Nothing else changes: a membership
 * already confirmed stays confirmed, an endorsement already given stands. Idempotent: an address already on record
 * (whatever its status) is left as it is.
 */
export async function backfillSupervisorRequests(at: Date) {
  const stamp = toCtIso(at);
  const seen = new Set<string>();
  let requested = 0;
  for (const iteration of await listPublishedClosingAfter(new Date(0))) {
    for (const status of IN_FLIGHT) {
      for (const application of await applicationsInStatus(iteration.id, status)) {
        const scope = supervisorScope(application.providerId);
        const id = supervisorId(application.supervisor.email);
        if (seen.has(`${scope}#${id}`)) continue;
        seen.add(`${scope}#${id}`);
        if (await getSupervisor(scope, application.supervisor.email)) continue;
        const created = await commit({
          writes: [
            requestSupervisorItem({
              scope,
              id,
              name: application.supervisor.name,
              email: application.supervisor.email,
              status: 'pending',
              requestedAt: stamp,
              requestedBy: 'migration',
              version: 1,
            }),
            auditPut({
              subjectType: 'supervisor',
              subjectId: `${scope}#${id}`,
              action: 'requested',
              actor: systemActor('supervisor-backfill'),
              at: stamp,
              reason: `named on application ${application.id} before supervisors were authorised`,
              after: { name: application.supervisor.name, email: application.supervisor.email },
            }),
          ],
        });
        if (created.ok) requested++;
      }
    }
  }
  return { requested };
}
