import { now } from '../../clock';
import { config } from '../../config/runtime';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { applicationsInStatus, getApplications } from '../../data/applications';
import {
  attendanceOfIteration,
  attendanceOfLearner,
  getAttendance,
  putAttendanceItem,
  type StoredAttendance,
} from '../../data/course';
import type { Application } from '../../domain/application';
import { liveClassTimes } from '../../domain/calendar/live-classes';
import { toCtIso } from '../../domain/calendar/time';
import type { Iteration } from '../../domain/iteration';
import { assertClassStarted, type AttendanceStatus, classesWithoutRoster } from '../../domain/qualification';
import { getEmail, getEmails, type Outgoing } from '../../email/outbox';
import { cannotQualify } from '../../email/templates';
import type { Actor } from '../../domain/actor';
import { RuleBroken, StateConflict } from '../../domain/errors';
import { commitOrStale, type Change } from '../unit-of-work';
import { findIteration } from '../find';
import { assertEnrolled, enrolledApplication } from './learners';
import { findOwnApplication } from '../find';

const missedClassWords = (date: string, status: AttendanceStatus, minutes?: number) =>
  status === 'absent'
    ? `You were recorded absent from the live class of ${date}`
    : `You were recorded as joining late or leaving early (${minutes ?? 0} minutes missed) at the live class of ${date}`;

const cannotQualifyKey = (a: Pick<Application, 'id'>) => `cannot-qualify#${a.id}`;

/** The "can no longer qualify" email, once per application (`alreadyQueued`: its key was used), whatever happens after. */
function cannotQualifyEmailUnlessQueued(
  a: Application,
  iteration: Iteration,
  date: string,
  status: AttendanceStatus,
  minutes: number | undefined,
  alreadyQueued: boolean,
): Outgoing[] {
  if (status === 'present' || alreadyQueued) return [];
  const message = cannotQualify(a, iteration, missedClassWords(date, status, minutes), config.adsTeam);
  return [{ key: cannotQualifyKey(a), message }];
}

async function cannotQualifyEmail(
  a: Application,
  iteration: Iteration,
  date: string,
  status: AttendanceStatus,
  minutes?: number,
): Promise<Outgoing[]> {
  const queued = status !== 'present' && (await getEmail(cannotQualifyKey(a))) !== undefined;
  return cannotQualifyEmailUnlessQueued(a, iteration, date, status, minutes, queued);
}

/**
 * The roster of one live class, in one submission: every entry or none. Refused before the class starts, for
 * anyone not enrolled, and for learners already recorded (that is a correction, with a reason). A learner
 * recorded absent or partial is emailed (with their supervisor and ADS) that they can no longer qualify.
 * Reads do not grow with the roster: the applications and their emails in batches, the class's records in one Query.
 */
export async function recordAttendance(
  iterationId: string,
  date: string,
  entries: { applicationId: string; status: AttendanceStatus; minutesMissed?: number }[],
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
    getEmails(entries.filter((e) => e.status !== 'present').map((e) => cannotQualifyKey({ id: e.applicationId }))),
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
    const alreadyQueued = queued.has(cannotQualifyKey(application));
    emails.push(
      ...cannotQualifyEmailUnlessQueued(application, iteration, date, entry.status, entry.minutesMissed, alreadyQueued),
    );
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

/** A correction of one learner's attendance at one class, with a reason: audited before → after. */
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
  const emails = await cannotQualifyEmail(application, iteration, date, change.status, change.minutesMissed);
  await commitOrStale(
    {
      writes: [
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
      emails,
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
