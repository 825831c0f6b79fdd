import { liveClassTimes } from './calendar/live-classes';
import { instantMs } from './calendar/time';
import type { ReportRow } from './meeting-report';
import { normalizeEmail, normalizeName } from './names';
import type { AttendanceStatus } from './qualification';

/**
 * What a meeting's participant report says about each enrolled learner at one live class — a proposal ADS
 * confirms through the roster, never a record by itself. Rules (README, _Importing a meeting's participant
 * report_): connections are merged per learner (a reconnect, or a second device, counts each minute once), clipped
 * to the class's 9:00–12:00 Connecticut time; minutes missed = the class's minutes not covered, a started minute
 * counting as missed; within the tolerance → present, nothing attended → absent, otherwise partial.
 */

export type Interval = readonly [start: number, end: number];

/** The union of intervals, sorted, none overlapping or touching: the same set of instants, each once. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).toSorted((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The parts of the intervals inside [from, to). */
export const clipIntervals = (intervals: readonly Interval[], from: number, to: number): Interval[] =>
  intervals.map(([s, e]): Interval => [Math.max(s, from), Math.min(e, to)]).filter(([s, e]) => e > s);

/** Milliseconds covered by intervals that do not overlap (what `mergeIntervals` returns). */
export const coveredMs = (intervals: readonly Interval[]): number => intervals.reduce((sum, [s, e]) => sum + e - s, 0);

/** Whole minutes of the class a learner missed, given their connections: 0 (all there) to the class's length. */
export function minutesMissed(classDate: string, intervals: readonly Interval[]): number {
  const { startsAt, endsAt, durationMinutes } = liveClassTimes(classDate);
  const attended = coveredMs(clipIntervals(mergeIntervals(intervals), instantMs(startsAt), instantMs(endsAt)));
  return Math.min(durationMinutes, Math.ceil((durationMinutes * 60_000 - attended) / 60_000));
}

/** Present within the tolerance; absent if not a minute was attended; otherwise partial, with the minutes missed. */
export function proposedStatus(
  missed: number,
  toleranceMinutes: number,
  durationMinutes: number,
): { status: AttendanceStatus; minutesMissed?: number } {
  if (missed <= toleranceMinutes) return { status: 'present' };
  if (missed >= durationMinutes) return { status: 'absent' };
  return { status: 'partial', minutesMissed: missed };
}

/** How a report's participant was matched to an enrolled learner, best first. */
export type MatchConfidence = 'email' | 'exact-name' | 'close-name' | 'none';
const RANK: Record<MatchConfidence, number> = { email: 3, 'exact-name': 2, 'close-name': 1, none: 0 };

export interface EnrolledLearner {
  applicationId: string;
  personId: string;
  name: string;
  email: string;
}

/**
 * The names a report's row may stand for: as written, without a parenthesized part (Zoom's `Ann L (Ann Lee)` is
 * the name shown, then the original name; people add pronouns the same way), each parenthesized part, and
 * `Lee, Ann` turned round.
 */
export function nameVariants(name: string): string[] {
  const inside = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const outside = name.replace(/\([^)]*\)/g, ' ');
  const turned = (n: string) => (n.split(',').length === 2 ? n.split(',').reverse().join(' ') : n);
  return [
    ...new Set(
      [name, outside, ...inside].flatMap((n) => [n, turned(n)]).map((n) => normalizeName(n.replace(/[.,]/g, ' '))),
    ),
  ].filter(Boolean);
}

/**
 * Close, not equal: the same words in another order; the same first and last word (a middle name added or left
 * out); or the same last word with an initial for the first (`A Lee` for `Ann Lee`).
 */
export function closeNames(a: string, b: string): boolean {
  const [x, y] = [a.split(' '), b.split(' ')];
  if (x.length < 2 || y.length < 2) return false;
  if (x.toSorted().join(' ') === y.toSorted().join(' ')) return true;
  if (x.at(-1) !== y.at(-1)) return false;
  if (x[0] === y[0]) return true;
  return (x[0]!.length === 1 && y[0]!.startsWith(x[0]!)) || (y[0]!.length === 1 && x[0]!.startsWith(y[0]!));
}

export interface RowMatch {
  learner?: EnrolledLearner;
  confidence: MatchConfidence;
  /** Why a row was not matched, when it came close. */
  note?: string;
}

/** Learners with their email and name normalized once, not once per row. */
interface Candidate {
  learner: EnrolledLearner;
  email: string;
  name: string;
}
const candidatesOf = (learners: readonly EnrolledLearner[]): Candidate[] =>
  learners.map((learner) => ({
    learner,
    email: normalizeEmail(learner.email),
    name: normalizeName(learner.name),
  }));

function matchCandidates(row: Pick<ReportRow, 'name' | 'email'>, candidates: readonly Candidate[]): RowMatch {
  if (row.email) {
    const email = normalizeEmail(row.email);
    const byEmail = candidates.find((c) => c.email === email);
    if (byEmail) return { learner: byEmail.learner, confidence: 'email' };
  }
  const variants = nameVariants(row.name);
  const pick = (confidence: MatchConfidence, test: (learnerName: string) => boolean): RowMatch | undefined => {
    const found = candidates.filter((c) => test(c.name));
    if (found.length === 1) return { learner: found[0]!.learner, confidence };
    if (found.length > 1)
      return { confidence: 'none', note: `${found.length} enrolled learners have a name like this; choose by hand` };
    return undefined;
  };
  return (
    pick('exact-name', (n) => variants.includes(n)) ??
    pick('close-name', (n) => variants.some((v) => closeNames(v, n))) ?? { confidence: 'none' }
  );
}

/**
 * Matches one row: by email (without case), then by exact normalized name, then by a close name — each only if it
 * points at one learner.
 */
export const matchRow = (row: Pick<ReportRow, 'name' | 'email'>, learners: readonly EnrolledLearner[]): RowMatch =>
  matchCandidates(row, candidatesOf(learners));

export interface LearnerProposal {
  learner: EnrolledLearner;
  status: AttendanceStatus;
  minutesMissed: number;
  minutesAttended: number;
  confidence: MatchConfidence;
  /** The report's names and emails matched to this learner (two devices show as two). */
  reportNames: string[];
  reportEmails: string[];
  /** The learner's connections, merged and clipped to the class. */
  intervals: Interval[];
}

export interface UnmatchedParticipant {
  name: string;
  email?: string;
  role?: string;
  minutesAttended: number;
  connections: number;
  note?: string;
}

/**
 * The proposal for one class: each enrolled learner (absent when the report does not show them), and the report's
 * participants that matched nobody (guests, the host, a name too unlike any learner's), grouped by email or name.
 */
export function proposeAttendance(
  classDate: string,
  rows: readonly ReportRow[],
  learners: readonly EnrolledLearner[],
  toleranceMinutes: number,
): { learners: LearnerProposal[]; unmatched: UnmatchedParticipant[] } {
  const { startsAt, endsAt, durationMinutes } = liveClassTimes(classDate);
  const [from, to] = [instantMs(startsAt), instantMs(endsAt)];
  const byLearner = new Map<string, { rows: ReportRow[]; confidence: MatchConfidence }>();
  const others = new Map<string, { rows: ReportRow[]; note?: string }>();
  const candidates = candidatesOf(learners);
  for (const row of rows) {
    const match = matchCandidates(row, candidates);
    if (match.learner) {
      const entry = byLearner.get(match.learner.applicationId) ?? { rows: [], confidence: match.confidence };
      entry.rows.push(row);
      if (RANK[match.confidence] > RANK[entry.confidence]) entry.confidence = match.confidence;
      byLearner.set(match.learner.applicationId, entry);
    } else {
      const key = row.email ? `e:${normalizeEmail(row.email)}` : `n:${normalizeName(row.name)}`;
      const entry = others.get(key) ?? { rows: [] };
      entry.rows.push(row);
      entry.note ??= match.note;
      others.set(key, entry);
    }
  }
  const attendedWithin = (rs: readonly ReportRow[]) =>
    clipIntervals(mergeIntervals(rs.map((r) => [r.joinedAt, r.leftAt])), from, to);
  return {
    learners: learners.map((learner) => {
      const entry = byLearner.get(learner.applicationId);
      const intervals = attendedWithin(entry?.rows ?? []);
      const missed = minutesMissed(classDate, intervals);
      return {
        learner,
        ...proposedStatus(missed, toleranceMinutes, durationMinutes),
        minutesMissed: missed,
        minutesAttended: durationMinutes - missed,
        confidence: entry?.confidence ?? 'none',
        reportNames: [...new Set(entry?.rows.map((r) => r.name).filter(Boolean))],
        reportEmails: [...new Set(entry?.rows.flatMap((r) => (r.email ? [r.email] : [])))],
        intervals,
      };
    }),
    unmatched: [...others.values()].map(({ rows: rs, note }) => ({
      name: rs[0]!.name,
      ...(rs[0]!.email ? { email: rs[0]!.email } : {}),
      ...(rs[0]!.role ? { role: rs[0]!.role } : {}),
      minutesAttended: Math.floor(coveredMs(attendedWithin(rs)) / 60_000),
      connections: rs.length,
      ...(note ? { note } : {}),
    })),
  };
}
