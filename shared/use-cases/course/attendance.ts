import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { applicationsInStatus, getApplications } from '../../data/applications';
import {
  attendanceOfIteration,
  attendanceOfLearner,
  getAttendance,
  homeworkOfLearner,
  putAttendanceItem,
  type StoredAttendance,
} from '../../data/course';
import { liveClassTimes } from '../../domain/calendar/live-classes';
import { toCtIso } from '../../domain/calendar/time';
import {
  assertClassStarted,
  type AttendanceStatus,
  classesWithoutRoster,
  classHasStarted,
  qualification,
} from '../../domain/qualification';
import { classDay } from '../../email/format';
import type { Outgoing } from '../../email/outbox';
import type { Actor } from '../../domain/actor';
import { RuleBroken, StateConflict } from '../../domain/errors';
import { commitOrStale, type Change } from '../unit-of-work';
import { findIteration } from '../find';
import { assertEnrolled, enrolledApplication } from './learners';
import { noticeWrites, noticesOf, replaced } from './qualification-notices';
import { findOwnApplication } from '../find';

const missedClassWords = (date: string, status: AttendanceStatus, minutes?: number) =>
  status === 'absent'
    ? `You were recorded absent from the live class of ${classDay(date)}`
    : `You were recorded as joining late or leaving early (${minutes ?? 0} minutes missed) at the live class of ${classDay(date)}`;

/**
 * The roster of one live class, in one submission: every entry or none. Refused before the class starts, for
 * anyone not enrolled, and for learners already recorded (that is a correction, with a reason). A learner
 * recorded absent or partial is emailed (with their supervisor and ADS) that they can no longer qualify, unless that
 * notice already stands (`qualification-notices.ts`).
 * Reads do not grow with the roster: the applications and their emails in batches, the class's records in one Query.
 */
export async function recordAttendance(
  iterationId: string,
  date: string,
  entries: { applicationId: string; status: AttendanceStatus; minutesMissed?: number; setBy?: 'report' | 'hand' }[],
  actor: Actor,
) {
  const iteration = await findIteration(iterationId);
  assertClassStarted(iteration.classDates, date, now());
  const stamp = toCtIso(now());
  const writes: Change['writes'] = [];
  const emails: Outgoing[] = [];
  const [applications, recorded, queued] = await Promise.all([
    getApplications(entries.map((e) => e.applicationId)),
    attendanceOfIteration(iterationId, date).then((l) => new Set(l.map((r) => r.learnerSub))),
    noticesOf(entries.filter((e) => e.status !== 'present').map((e) => e.applicationId)),
  ]);
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.applicationId))
      throw new RuleBroken('A learner appears twice in the roster.', [
        { field: 'entries', code: 'duplicate', message: entry.applicationId },
      ]);
    ids.add(entry.applicationId);
    const application = assertEnrolled(iterationId, applications.get(entry.applicationId));
    if (recorded.has(application.applicantSub))
      throw new StateConflict(
        `Attendance of ${date} is already recorded for ${application.applicant.name}; correct it with a reason.`,
      );
    writes.push(
      putAttendanceItem(
        {
          iterationId,
          classDate: date,
          learnerSub: application.applicantSub,
          applicationId: application.id,
          status: entry.status,
          minutesMissed: entry.status === 'partial' ? entry.minutesMissed : undefined,
          recordedBy: actor.sub,
          recordedAt: stamp,
          version: 1,
        },
        undefined,
      ),
    );
    const notices = queued.get(application.id);
    if (notices) {
      const notice = noticeWrites(application, iteration, notices, {
        missedClass: true,
        what: missedClassWords(date, entry.status, entry.minutesMissed),
      });
      writes.push(...notice.writes);
      emails.push(...notice.emails);
    }
  }
  writes.push(
    auditPut({
      subjectType: 'attendance',
      subjectId: `${iterationId}#${date}`,
      action: 'roster-recorded',
      actor: actorOf(actor),
      at: stamp,
      after: entries,
    }),
  );
  await commitOrStale({ writes, emails }, 'Attendance for this class was recorded at the same moment; reload.');
  return attendanceGrid(iterationId);
}

/**
 * A correction of one learner's attendance at one class, with a reason: audited before → after. A correction to
 * absent or partial tells the learner they can no longer qualify; one after which they can qualify again tells them
 * they are back on track (`qualification-notices.ts`).
 */
export async function correctAttendance(
  iterationId: string,
  date: string,
  applicationId: string,
  change: { status: AttendanceStatus; minutesMissed?: number; reason: string },
  actor: Actor,
) {
  const iteration = await findIteration(iterationId);
  assertClassStarted(iteration.classDates, date, now());
  const application = await enrolledApplication(iterationId, applicationId);
  const before = await getAttendance(iterationId, date, application.applicantSub);
  const stamp = toCtIso(now());
  const next: StoredAttendance = {
    iterationId,
    classDate: date,
    learnerSub: application.applicantSub,
    applicationId,
    status: change.status,
    minutesMissed: change.status === 'partial' ? change.minutesMissed : undefined,
    recordedBy: actor.sub,
    recordedAt: stamp,
    version: (before?.version ?? 0) + 1,
  };
  const [attendance, homework, notices] = await Promise.all([
    attendanceOfLearner(application.applicantSub, iterationId),
    homeworkOfLearner(application.applicantSub, iterationId),
    noticesOf([applicationId]).then((n) => n.get(applicationId)!),
  ]);
  const after = replaced(attendance, next, (r) => r.classDate === date);
  const notice = noticeWrites(application, iteration, notices, {
    missedClass: next.status !== 'present',
    canStillQualifyBefore: qualification(iteration, attendance, homework, now()).canStillQualify,
    canStillQualifyAfter: qualification(iteration, after, homework, now()).canStillQualify,
    what:
      next.status === 'present'
        ? `ADS corrected your attendance at the live class of ${classDay(date)}: you are now recorded as present`
        : missedClassWords(date, next.status, next.minutesMissed),
  });
  await commitOrStale(
    {
      writes: [
        ...notice.writes,
        putAttendanceItem(next, before?.version),
        auditPut({
          subjectType: 'attendance',
          subjectId: `${iterationId}#${date}`,
          action: 'corrected',
          actor: actorOf(actor),
          at: stamp,
          reason: change.reason,
          before: before ? { applicationId, status: before.status, minutesMissed: before.minutesMissed } : null,
          after: { applicationId, status: next.status, minutesMissed: next.minutesMissed },
        }),
      ],
      emails: notice.emails,
    },
    'This attendance changed at the same moment; reload.',
  );
  return { applicationId, classDate: date, status: next.status, minutesMissed: next.minutesMissed };
}

export type AttendanceGrid = Awaited<ReturnType<typeof attendanceGrid>>;

/** ADS's grid: every enrolled learner by every class. */
export async function attendanceGrid(iterationId: string) {
  const iteration = await findIteration(iterationId);
  const [learners, records] = await Promise.all([
    applicationsInStatus(iterationId, 'enrolled'),
    attendanceOfIteration(iterationId),
  ]);
  return {
    classes: iteration.classDates.map(liveClassTimes),
    classesStarted: iteration.classDates.filter((d) => classHasStarted(d, now())),
    rosterMissing: classesWithoutRoster(
      iteration.classDates,
      learners.map((a) => a.applicantSub),
      records,
      now(),
    ),
    learners: learners.map((a) => ({
      applicationId: a.id,
      personId: a.applicantSub,
      name: a.applicant.name,
      providerName: a.providerName ?? null,
      attendance: Object.fromEntries(
        iteration.classDates.map((d) => {
          const r = records.find((x) => x.learnerSub === a.applicantSub && x.classDate === d);
          return [d, r ? { status: r.status, minutesMissed: r.minutesMissed } : null];
        }),
      ),
    })),
  };
}

export async function myAttendance(actor: Actor, applicationId: string) {
  const application = await findOwnApplication(actor, applicationId);
  const iteration = await findIteration(application.iterationId);
  const records = await attendanceOfLearner(actor.sub, application.iterationId);
  return {
    classes: iteration.classDates.map((d) => ({
      ...liveClassTimes(d),
      status: records.find((r) => r.classDate === d)?.status ?? null,
      minutesMissed: records.find((r) => r.classDate === d)?.minutesMissed,
    })),
  };
}
