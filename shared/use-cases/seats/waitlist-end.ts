import { config } from '../../config/runtime';
import { auditPut } from '../../data/audit';
import type { AuditActor } from '../../domain/audit';
import { applicationsInStatus, saveApplicationItem } from '../../data/applications';
import { listPublishedClosingAfter } from '../../data/iterations';
import { toCtIso } from '../../domain/calendar/time';
import type { Iteration } from '../../domain/iteration';
import { waitlistEnded } from '../../email/templates';
import { commit } from '../unit-of-work';

/** Everyone still waitlisted is told the waitlist has ended and to apply again, naming the next iteration if any. */
export async function endWaitlist(
  iteration: Pick<Iteration, 'id' | 'title' | 'classDates' | 'applicationClosesAt'>,
  by: AuditActor,
  at: Date,
): Promise<number> {
  const waiting = await applicationsInStatus(iteration.id, 'waitlisted');
  if (waiting.length === 0) return 0;
  const stamp = toCtIso(at);
  const next = (await listPublishedClosingAfter(at))
    .filter((i) => i.id !== iteration.id)
    .sort((x, y) => Date.parse(x.applicationOpensAt) - Date.parse(y.applicationOpensAt))[0];
  const nextInfo = next && { title: next.title, opensAt: next.applicationOpensAt, closesAt: next.applicationClosesAt };
  let ended = 0;
  for (let i = 0; i < waiting.length; i += 30) {
    const batch = waiting.slice(i, i + 30);
    const emails = batch.map((a) => ({
      key: `waitlist-ended#${a.id}`,
      message: waitlistEnded(a, iteration, nextInfo, config.publicBaseUrl),
    }));
    const result = await commit({
      writes: [
        ...batch.map((a) =>
          saveApplicationItem(
            {
              ...a,
              status: 'waitlist-ended',
              closedAt: stamp,
              closedReason: 'the waitlist ended with the allocation; apply again for a later iteration',
              version: a.version + 1,
              updatedAt: stamp,
            },
            a,
          ),
        ),
        ...batch.map((a) =>
          auditPut({
            subjectType: 'application',
            subjectId: a.id,
            action: 'waitlist-ended',
            actor: by,
            at: stamp,
            before: { status: 'waitlisted', waitlistPosition: a.waitlistPosition },
          }),
        ),
      ],
      emails,
    });
    if (result.ok) ended += batch.length;
  }
  return ended;
}
