import { liveClassTimes } from '../domain/calendar/live-classes';
import { applicationWindowState, calendarLocked, totalSeats, type Iteration } from '../domain/iteration';
import type { IterationRecord, StoredIteration } from '../data/iterations';
import { byRegion } from '../domain/vocabulary';

/** What anyone may see: the plan without seats or bookkeeping. */
export function publicView(record: IterationRecord, now: Date) {
  return {
    id: record.id,
    kind: record.kind,
    title: record.title,
    timeZone: record.timeZone,
    applicationWindow: {
      opensAt: record.applicationOpensAt,
      closesAt: record.applicationClosesAt,
      state: applicationWindowState(record, now),
    },
    liveClasses: record.classDates.map(liveClassTimes),
    assignments: record.assignments,
  };
}

export const seatsView = (iteration: Pick<Iteration, 'seats'>) => ({
  ...iteration.seats,
  total: totalSeats(iteration.seats),
});

export function summaryView(record: IterationRecord, now: Date) {
  return { ...publicView(record, now), status: record.status, version: record.version, updatedAt: record.updatedAt };
}

export function detailView({ iteration, seatCounters }: StoredIteration, now: Date) {
  return {
    ...summaryView(iteration, now),
    seats: seatsView(iteration),
    seatsHeld: byRegion((r) => ({
      capacity: seatCounters[r].capacity,
      offered: seatCounters[r].offered,
      enrolled: seatCounters[r].enrolled,
    })),
    calendarLocked: calendarLocked(iteration, now),
    createdAt: iteration.createdAt,
    publishedAt: iteration.publishedAt,
    allocationClosedAt: iteration.allocationClosedAt,
  };
}
