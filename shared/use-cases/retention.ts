import { auditPut } from '../data/audit';
import { applicationsInStatus } from '../data/applications';
import { listPublishedClosedBy } from '../data/iterations';
import { deleteIfStillDue, dueRecords } from '../data/retention';
import { systemActor } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { NEVER_SEATED, RETENTION_DAYS } from '../domain/retention';
import { anonymisedApplicationsWrites } from './anonymise';
import { commit } from './unit-of-work';

const DAY_MS = 86_400_000;

/**
 * The `records-retention` job, as of `at`:
 * 1. deletes every record whose period in the records schedule ended (the emails, links and user-pool exports of
 *    `shared/domain/retention.ts`, found in gsi3 `RETENTION`);
 * 2. anonymises the applications never seated of iterations whose window closed more than the schedule's period
 *    ago (one Query of the published iterations closed by then, one per status), each with its emails and review,
 *    audited on the application.
 * Idempotent: a second run finds nothing due.
 */
export async function applyRetention(at: Date): Promise<{ deleted: number; anonymised: number }> {
  let deleted = 0;
  for await (const page of dueRecords(at)) for (const record of page) if (await deleteIfStillDue(record)) deleted++;
  return { deleted, anonymised: await anonymiseUnseated(at) };
}

async function anonymiseUnseated(at: Date): Promise<number> {
  const closedBy = new Date(at.getTime() - RETENTION_DAYS.unseatedApplication * DAY_MS);
  const stamp = toCtIso(at);
  let anonymised = 0;
  for (const iteration of await listPublishedClosedBy(closedBy))
    for (const status of NEVER_SEATED)
      for (const application of await applicationsInStatus(iteration.id, status)) {
        if (application.anonymisedAt) continue;
        const { writes } = await anonymisedApplicationsWrites([application], stamp);
        const audit = auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'anonymised-by-records-schedule',
          actor: systemActor('records-retention'),
          at: stamp,
          reason: `never seated (${status}); the window closed more than ${RETENTION_DAYS.unseatedApplication} days ago`,
        });
        // Refused only if the application changed meanwhile: the next run takes it.
        if ((await commit({ writes: [...writes, audit] })).ok) anonymised++;
      }
  return anonymised;
}
