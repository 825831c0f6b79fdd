import type { Assignment } from '../iteration';

/**
 * What a calendar program needs to follow changes: each live class and each homework deadline keeps one identity
 * (its id, hence the event's UID) for life, a sequence that only grows, and stays listed after removal as a
 * cancelled entry with its last date — so a feed or a re-imported file says CANCELLED instead of silently
 * dropping the event.
 */
export interface ClassEntry {
  /** `lc-…`, given when the class is first planned; kept across date moves. */
  id: string;
  date: string;
  /** iCalendar SEQUENCE: bumped whenever the date, the join link or the cancellation changes. */
  sequence: number;
  cancelled?: boolean;
  /** The virtual meeting URL for this class only (else the iteration's). Only enrolled learners see it. */
  joinUrl?: string;
}

export interface DeadlineEntry {
  assignmentId: string;
  title: string;
  dueAt: string;
  sequence: number;
  cancelled?: boolean;
}

export interface CalendarEntries {
  classes: ClassEntry[];
  deadlines: DeadlineEntry[];
}

export interface ClassInput {
  id?: string;
  date: string;
  joinUrl?: string;
}

/**
 * The entries after ADS saves a calendar. Each class of the input finds its entry by, in order:
 * 1. its id, when ADS sends one (the id the API shows);
 * 2. the same date as a class still scheduled;
 * 3. otherwise it is a move: unmatched new dates take the unmatched old classes, both in date order;
 * 4. anything left is a new class (new id) — and old classes left over are cancelled, keeping their last date.
 * A restored cancelled class (sent back by id) is scheduled again with a higher sequence.
 */
export function nextClassEntries(
  previous: readonly ClassEntry[],
  input: readonly ClassInput[],
  newClassId: () => string,
): ClassEntry[] {
  const byId = new Map(previous.map((e) => [e.id, e]));
  const claimed = new Set<string>();
  const matched = new Map<ClassInput, ClassEntry>();
  for (const c of input) {
    const entry = c.id ? byId.get(c.id) : undefined;
    if (entry && !claimed.has(entry.id)) {
      matched.set(c, entry);
      claimed.add(entry.id);
    }
  }
  const scheduled = () => previous.filter((e) => !e.cancelled && !claimed.has(e.id));
  for (const c of input) {
    if (matched.has(c) || c.id) continue;
    const entry = scheduled().find((e) => e.date === c.date);
    if (entry) {
      matched.set(c, entry);
      claimed.add(entry.id);
    }
  }
  const leftInput = input.filter((c) => !matched.has(c) && !c.id).sort((a, b) => a.date.localeCompare(b.date));
  const leftOld = scheduled().sort((a, b) => a.date.localeCompare(b.date));
  leftInput.forEach((c, i) => {
    const entry = leftOld[i];
    if (entry) {
      matched.set(c, entry);
      claimed.add(entry.id);
    }
  });

  const next: ClassEntry[] = input.map((c) => {
    const old = matched.get(c);
    if (!old) return withJoinUrl({ id: newClassId(), date: c.date, sequence: 0 }, c.joinUrl);
    const changed = old.date !== c.date || old.joinUrl !== c.joinUrl || old.cancelled === true;
    return withJoinUrl({ id: old.id, date: c.date, sequence: old.sequence + (changed ? 1 : 0) }, c.joinUrl);
  });
  const removed = previous
    .filter((e) => !claimed.has(e.id))
    .map((e) => (e.cancelled ? e : { ...e, cancelled: true, sequence: e.sequence + 1 }));
  return [...next, ...removed].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

const withJoinUrl = (entry: ClassEntry, joinUrl: string | undefined): ClassEntry =>
  joinUrl ? { ...entry, joinUrl } : entry;

/** Deadlines keep their assignment's id; a new due time or title bumps the sequence; removed ones are cancelled. */
export function nextDeadlineEntries(
  previous: readonly DeadlineEntry[],
  assignments: readonly Assignment[],
): DeadlineEntry[] {
  const old = new Map(previous.map((e) => [e.assignmentId, e]));
  const kept = new Set(assignments.map((a) => a.id));
  const next = assignments.map((a): DeadlineEntry => {
    const before = old.get(a.id);
    const changed = before && (before.dueAt !== a.dueAt || before.title !== a.title || before.cancelled === true);
    return {
      assignmentId: a.id,
      title: a.title,
      dueAt: a.dueAt,
      sequence: before ? before.sequence + (changed ? 1 : 0) : 0,
    };
  });
  const removed = previous
    .filter((e) => !kept.has(e.assignmentId))
    .map((e) => (e.cancelled ? e : { ...e, cancelled: true, sequence: e.sequence + 1 }));
  return [...next, ...removed];
}
