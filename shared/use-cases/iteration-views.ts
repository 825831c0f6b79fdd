import { liveClassTimes } from '../domain/calendar/live-classes';
import { applicationWindowState, calendarLocked, calendarOf, totalSeats, type Iteration } from '../domain/iteration';
import type { IterationRecord, StoredIteration } from '../data/iterations';
import { byRegion } from '../domain/vocabulary';

/** The scheduled classes with their stable ids, without join links. */
const liveClassesOf = (record: IterationRecord) =>
  calendarOf(record)
    .classes.filter((c) => !c.cancelled)
    .map((c) => ({ id: c.id, ...liveClassTimes(c.date) }));

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
    liveClasses: liveClassesOf(record),
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
    // ADS sees the join links it set; no other view carries them.
    joinUrl: iteration.joinUrl,
    liveClasses: calendarOf(iteration)
      .classes.filter((c) => !c.cancelled)
      .map((c) => ({ id: c.id, ...liveClassTimes(c.date), joinUrl: c.joinUrl })),
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
