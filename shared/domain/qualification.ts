import { liveClassTimes } from './calendar/live-classes';
import { instantMs, parseCtDateTime } from './calendar/time';
import { NotFound, RuleBroken } from './errors';
import { whenCt } from '../email/format';
import type { Assignment } from './iteration';

/** Attendance at one live class. Only `present` counts toward qualifying: joining late or leaving early does not. */
export type AttendanceStatus = 'present' | 'absent' | 'partial';

export interface AttendanceRecord {
  classDate: string;
  status: AttendanceStatus;
  minutesMissed?: number;
}

export interface Submission {
  at: string;
  text?: string;
  link?: string;
  /** The files handed in with it: each recorded (uploaded and checked) before the submission's stamp. */
  files?: { fileId: string; name: string }[];
}

export interface HomeworkRecord {
  assignmentId: string;
  submissions: Submission[];
  /** ADS's review of the latest submission. */
  review?: { status: 'complete' | 'returned'; feedback?: string; at: string; by: string };
  extension?: { until: string; reason: string; at: string; by: string };
}

/** The deadline that applies to this learner: an individual extension ADS granted, or the assignment's own. */
export const effectiveDeadline = (
  assignment: Pick<Assignment, 'dueAt'>,
  record: Pick<HomeworkRecord, 'extension'> | undefined,
): string =>
  record?.extension && instantMs(record.extension.until) > instantMs(assignment.dueAt)
    ? record.extension.until
    : assignment.dueAt;

/**
 * The classes that have ended with a roster still to take: an enrolled learner has no attendance recorded for it.
 * ADS's console flags them; a class not yet over is not overdue.
 */
export function classesWithoutRoster(
  classDates: readonly string[],
  learners: readonly string[],
  recorded: readonly { classDate: string; learnerSub: string }[],
  at: Date,
): string[] {
  if (learners.length === 0) return [];
  const done = new Set(recorded.map((r) => `${r.classDate}#${r.learnerSub}`));
  return classDates.filter(
    (date) =>
      instantMs(liveClassTimes(date).endsAt) <= at.getTime() && learners.some((sub) => !done.has(`${date}#${sub}`)),
  );
}

/** A live class has started (9:00 Connecticut time): from then on its attendance may be taken. */
export const classHasStarted = (date: string, at: Date): boolean =>
  at.getTime() >= instantMs(liveClassTimes(date).startsAt);

/** Attendance is taken for a live class of the iteration, once it has started: before, nobody has attended it. */
export function assertClassStarted(classDates: readonly string[], date: string, at: Date): void {
  if (!classDates.includes(date)) throw new NotFound('The live class');
  if (!classHasStarted(date, at))
    throw new RuleBroken('Attendance cannot be recorded before the class has started.', [
      {
        field: 'date',
        code: 'class_not_started',
        message: `the class has not started yet: it starts ${whenCt(liveClassTimes(date).startsAt)}`,
      },
    ]);
}

/** ADS marked the latest submission complete: the assignment is done, and a further submission is refused. */
export const markedComplete = (record: Pick<HomeworkRecord, 'review' | 'submissions'> | undefined): boolean =>
  record?.review?.status === 'complete' && instantMs(record.review.at) >= instantMs(record.submissions.at(-1)!.at);

/** The end of an individual extension: a Connecticut date-time after the assignment's own deadline. */
export function extensionEnd(assignment: Pick<Assignment, 'dueAt'>, until: string): Date {
  const parsed = parseCtDateTime(until);
  if (!parsed.ok)
    throw new RuleBroken('The extension end is not a valid Connecticut date-time.', [
      { field: 'until', code: 'invalid_datetime', message: parsed.reason },
    ]);
  if (parsed.value.getTime() <= instantMs(assignment.dueAt))
    throw new RuleBroken('An extension must end after the deadline.', [
      { field: 'until', code: 'not_later', message: `the deadline is ${assignment.dueAt}` },
    ]);
  return parsed.value;
}

/** On time: stamped at or before the deadline that applies (Connecticut time is just a way to write the instant). */
export const onTime = (submittedAt: string, deadline: string): boolean => instantMs(submittedAt) <= instantMs(deadline);

export type Missing =
  | { kind: 'class'; date: string; reason: 'absent' | 'partial' | 'not-recorded' | 'upcoming' }
  | {
      kind: 'assignment';
      assignmentId: string;
      title: string;
      reason: 'not-submitted' | 'submitted-late' | 'awaiting-review' | 'returned' | 'not-yet-due';
    };

export interface Qualification {
  qualifies: boolean;
  /** False once something can no longer be made good (an absence, a deadline passed without an on-time submission). */
  canStillQualify: boolean;
  missing: Missing[];
}

/**
 * Whether a learner qualifies for certification: attended every live class in full (only `present` counts) and
 * completed every assignment by its deadline (the latest submission on time, and marked complete by ADS). Says
 * exactly what is still missing, and whether it can still be made good.
 */
export function qualification(
  plan: { classDates: string[]; assignments: Assignment[] },
  attendance: AttendanceRecord[],
  homework: HomeworkRecord[],
  now: Date,
): Qualification {
  const missing: Missing[] = [];
  let lost = false;
  for (const date of plan.classDates) {
    const record = attendance.find((a) => a.classDate === date);
    if (record?.status === 'present') continue;
    if (record) {
      lost = true;
      missing.push({ kind: 'class', date, reason: record.status });
    } else
      missing.push({
        kind: 'class',
        date,
        reason: now.getTime() < instantMs(liveClassTimes(date).startsAt) ? 'upcoming' : 'not-recorded',
      });
  }
  for (const assignment of plan.assignments) {
    const record = homework.find((h) => h.assignmentId === assignment.id);
    const deadline = effectiveDeadline(assignment, record);
    const latest = record?.submissions.at(-1);
    const item = { kind: 'assignment' as const, assignmentId: assignment.id, title: assignment.title };
    const passed = now.getTime() > instantMs(deadline);
    if (!latest) {
      missing.push({ ...item, reason: passed ? 'not-submitted' : 'not-yet-due' });
      if (passed) lost = true;
    } else if (!onTime(latest.at, deadline)) {
      missing.push({ ...item, reason: 'submitted-late' });
      lost = true;
    } else if (record?.review?.status === 'returned' && instantMs(record.review.at) >= instantMs(latest.at)) {
      missing.push({ ...item, reason: 'returned' });
      if (passed) lost = true;
    } else if (record?.review?.status !== 'complete' || instantMs(record.review.at) < instantMs(latest.at)) {
      missing.push({ ...item, reason: 'awaiting-review' });
    }
  }
  return { qualifies: missing.length === 0, canStillQualify: !lost, missing };
}

const CLASS_WORDS = {
  absent: 'absent',
  partial: 'joined late or left early (only full attendance counts)',
  'not-recorded': 'attendance not recorded yet',
  upcoming: 'class still to come',
};
const HOMEWORK_WORDS = {
  'not-submitted': 'not submitted by the deadline',
  'submitted-late': 'submitted after the deadline',
  'awaiting-review': 'awaiting ADS review',
  returned: 'returned for rework',
  'not-yet-due': 'not submitted yet (not yet due)',
};

/** What is wrong with a missing class or assignment, in words ("absent", "submitted after the deadline"). */
export const missingReasonWords = (m: { kind: Missing['kind']; reason: string }): string =>
  m.kind === 'class'
    ? (CLASS_WORDS[m.reason as keyof typeof CLASS_WORDS] ?? m.reason)
    : (HOMEWORK_WORDS[m.reason as keyof typeof HOMEWORK_WORDS] ?? m.reason);

/** "Live class of 2027-02-09: absent" — what is missing, in words. */
export const describeMissing = (m: Missing): string =>
  m.kind === 'class'
    ? `Live class of ${m.date}: ${missingReasonWords(m)}`
    : `Assignment "${m.title}": ${missingReasonWords(m)}`;

/** What a learner was last told about qualifying, and how many such notices went (each has its own email key). */
export interface QualificationNotices {
  told: 'none' | 'lost' | 'restored';
  sent: number;
}

/**
 * The notice a change to a learner's record calls for. **Lost**: a class now marked absent or partial, unless the
 * learner was already told so and not told otherwise since. **Restored** ("back on track"): a correction or an
 * extension after which the learner can qualify again, when a "no longer" notice stands or the change itself undid
 * the loss. Anything else changes nothing the learner was told.
 */
export function qualificationNotice(
  notices: QualificationNotices,
  change: { missedClass: boolean; canStillQualifyBefore?: boolean; canStillQualifyAfter?: boolean },
): 'lost' | 'restored' | undefined {
  if (change.missedClass) return notices.told === 'lost' ? undefined : 'lost';
  if (change.canStillQualifyAfter !== true) return undefined;
  return notices.told === 'lost' || change.canStillQualifyBefore === false ? 'restored' : undefined;
}
