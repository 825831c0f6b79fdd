import { systemActor } from '../../domain/audit';
import { getApplications, offersDueBy } from '../../data/applications';
import { closeAllocationItem, listPublishedClosingAfter, type IterationRecord } from '../../data/iterations';
import { promotionOpen } from '../../domain/enrolment';
import { offerLapsed } from '../../domain/offers';
import { firstClassStart } from '../../domain/iteration';
import { StaleWrite, StateConflict } from '../../domain/errors';
import { commit } from '../unit-of-work';
import { fillFreeSeats, releaseSeat } from './ledger';
import { endWaitlist } from './waitlist-end';

/**
 * The `allocation-sweep` job:
 * 1. offers not answered by their deadline lapse (their seats go to the next person waiting);
 * 2. free seats of iterations still promoting are offered to those waiting;
 * 3. once the first class has started, allocation closes and the waitlist ends.
 */
export async function sweepAllocations(at: Date) {
  const by = systemActor('allocation-sweep');
  let lapsed = 0;
  const dueOffers = await offersDueBy(at);
  // The index is eventually consistent: the offer may have been answered since (read again, consistently, in batches).
  const fresh = await getApplications(dueOffers.map((due) => due.id));
  for (const due of dueOffers) {
    const current = fresh.get(due.id);
    if (!current || !offerLapsed(current, at)) continue;
    await releaseSeat(current, 'lapsed', by, 'not answered and co-signed by the offer deadline', at).then(
      () => lapsed++,
      (error: Error) => {
        // Someone answered or withdrew at the same moment: nothing left to lapse.
        if (!(error instanceof StaleWrite || error instanceof StateConflict)) throw error;
      },
    );
  }

  let promoted = 0;
  let ended = 0;
  for (const record of await listPublishedClosingAfter(new Date(at.getTime() - 400 * 24 * 3600_000))) {
    const iteration: IterationRecord = record;
    if (promotionOpen(iteration, at)) {
      promoted += await fillFreeSeats(iteration.id, by, at);
      continue;
    }
    const start = firstClassStart(iteration);
    if (!iteration.allocationClosedAt && start) await commit({ writes: [closeAllocationItem(iteration.id, start)] });
    ended += await endWaitlist(iteration, by, at);
  }
  return { lapsed, promoted, waitlistEnded: ended };
}
