import { now } from '../clock';
import { optionalEnv } from '../config/env';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { applicationsInStatus, getApplication } from '../data/applications';
import {
  attendanceOfIteration,
  attendanceOfLearner,
  getAttendance,
  getHomework,
  homeworkOfIteration,
  homeworkOfLearner,
  putAttendanceItem,
  putHomeworkItem,
  type StoredAttendance,
  type StoredHomework,
} from '../data/course';
import { getIteration, listPublishedClosingAfter } from '../data/iterations';
import type { Application } from '../domain/application';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { instantMs, toCtIso } from '../domain/calendar/time';
import type { Iteration } from '../domain/iteration';
import {
  assertClassStarted,
  effectiveDeadline,
  extensionEnd,
  markedComplete,
  onTime,
  qualification,
  type AttendanceStatus,
} from '../domain/qualification';
import { getEmail, type Outgoing } from '../email/outbox';
import { cannotQualify, homeworkReminder, homeworkReturned } from '../email/templates';
import type { Actor } from '../domain/actor';
import { NotFound, RuleBroken, StateConflict } from '../domain/errors';
import { commit, commitOrStale, type Change } from './unit-of-work';

const ADS_TEAM = optionalEnv('ADS_NOTIFY_EMAILS', '').split(',').filter(Boolean);
const HOMEWORK_REMINDER_HOURS = Number(optionalEnv('HOMEWORK_REMINDER_HOURS', '48'));

async function loadIteration(id: string): Promise<Iteration> {
  const stored = await getIteration(id);
  if (!stored) throw new NotFound('The iteration');
  return stored.iteration;
}

/** An enrolled learner of this iteration, by application. */
async function enrolledApplication(iterationId: string, applicationId: string): Promise<Application> {
  const application = await getApplication(applicationId);
  if (!application || application.iterationId !== iterationId) throw new NotFound('The learner');
  if (application.status !== 'enrolled')
    throw new RuleBroken('Only enrolled learners have attendance and homework.', [
      { field: 'applicationId', code: 'not_enrolled', message: `this application is ${application.status}` },
    ]);
  return application;
}

async function ownEnrolment(actor: Actor, applicationId: string): Promise<Application> {
  const application = await getApplication(applicationId);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  if (application.status !== 'enrolled')
    throw new StateConflict(
      `This application is ${application.status}; homework and attendance are for enrolled learners.`,
    );
  return application;
}

const missedClassWords = (date: string, status: AttendanceStatus, minutes?: number) =>
  status === 'absent'
    ? `You were recorded absent from the live class of ${date}`
    : `You were recorded as joining late or leaving early (${minutes ?? 0} minutes missed) at the live class of ${date}`;

/** The "can no longer qualify" email, once per application, whatever happens after. */
async function cannotQualifyEmail(
  a: Application,
  iteration: Iteration,
  date: string,
  status: AttendanceStatus,
  minutes?: number,
): Promise<Outgoing[]> {
  if (status === 'present') return [];
  const key = `cannot-qualify#${a.id}`;
  if (await getEmail(key)) return [];
  return [{ key, message: cannotQualify(a, iteration, missedClassWords(date, status, minutes), ADS_TEAM) }];
}

/**
 * The roster of one live class, in one submission: every entry or none. Refused before the class starts, for
 * anyone not enrolled, and for learners already recorded (that is a correction, with a reason). A learner
 * recorded absent or partial is emailed (with their supervisor and ADS) that they can no longer qualify.
 */
export async function recordAttendance(
  iterationId: string,
  date: string,
  entries: { applicationId: string; status: AttendanceStatus; minutesMissed?: number }[],
  actor: Actor,
) {
  const iteration = await loadIteration(iterationId);
  assertClassStarted(iteration.classDates, date, now());
  const stamp = toCtIso(now());
  const writes: Change['writes'] = [];
  const emails: Outgoing[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.applicationId))
      throw new RuleBroken('A learner appears twice in the roster.', [
        { field: 'entries', code: 'duplicate', message: entry.applicationId },
      ]);
    ids.add(entry.applicationId);
    const application = await enrolledApplication(iterationId, entry.applicationId);
    if (await getAttendance(iterationId, date, application.applicantSub))
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
    emails.push(...(await cannotQualifyEmail(application, iteration, date, entry.status, entry.minutesMissed)));
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
  const iteration = await loadIteration(iterationId);
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
  const iteration = await loadIteration(iterationId);
  const [learners, records] = await Promise.all([
    applicationsInStatus(iterationId, 'enrolled'),
    attendanceOfIteration(iterationId),
  ]);
  return {
    classes: iteration.classDates.map(liveClassTimes),
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
  const application = await getApplication(applicationId);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  const iteration = await loadIteration(application.iterationId);
  const records = await attendanceOfLearner(actor.sub, application.iterationId);
  return {
    classes: iteration.classDates.map((d) => ({
      ...liveClassTimes(d),
      status: records.find((r) => r.classDate === d)?.status ?? null,
      minutesMissed: records.find((r) => r.classDate === d)?.minutesMissed,
    })),
  };
}

// ---- homework ----

const homeworkView = (assignment: Iteration['assignments'][number], record: StoredHomework | undefined) => {
  const deadline = effectiveDeadline(assignment, record);
  const latest = record?.submissions.at(-1);
  return {
    assignmentId: assignment.id,
    title: assignment.title,
    dueAt: assignment.dueAt,
    deadline,
    extension: record?.extension,
    submissions: (record?.submissions ?? []).map((s) => ({ ...s, onTime: onTime(s.at, deadline) })),
    onTime: latest ? onTime(latest.at, deadline) : undefined,
    review: record?.review,
  };
};

/** The learner submits (text and/or a link); the server stamps the time. A resubmission is refused once complete. */
export async function submitHomework(
  actor: Actor,
  applicationId: string,
  assignmentId: string,
  input: { text?: string; link?: string },
) {
  const application = await ownEnrolment(actor, applicationId);
  const iteration = await loadIteration(application.iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const previous = await getHomework(iteration.id, assignmentId, actor.sub);
  if (markedComplete(previous)) throw new StateConflict('This assignment is already marked complete.');
  const next: StoredHomework = {
    iterationId: iteration.id,
    assignmentId,
    learnerSub: actor.sub,
    applicationId,
    submissions: [...(previous?.submissions ?? []), { at: toCtIso(now()), ...input }],
    review: previous?.review,
    extension: previous?.extension,
    version: (previous?.version ?? 0) + 1,
  };
  await commitOrStale(
    { writes: [putHomeworkItem(next, previous?.version)] },
    'Submitted at the same moment from elsewhere; reload.',
  );
  return homeworkView(assignment, next);
}

async function homeworkFor(iterationId: string, assignmentId: string, applicationId: string) {
  const iteration = await loadIteration(iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const application = await enrolledApplication(iterationId, applicationId);
  return {
    iteration,
    assignment,
    application,
    record: await getHomework(iterationId, assignmentId, application.applicantSub),
  };
}

/** ADS marks the latest submission complete, or returns it with feedback (audited; a return emails the learner). */
export async function reviewHomework(
  iterationId: string,
  assignmentId: string,
  applicationId: string,
  input: { status: 'complete' | 'returned'; feedback?: string },
  actor: Actor,
) {
  const { iteration, assignment, application, record } = await homeworkFor(iterationId, assignmentId, applicationId);
  if (!record || record.submissions.length === 0) throw new StateConflict('There is no submission to review.');
  const stamp = toCtIso(now());
  const next: StoredHomework = {
    ...record,
    review: { status: input.status, feedback: input.feedback, at: stamp, by: actor.sub },
    version: record.version + 1,
  };
  const emails: Outgoing[] =
    input.status === 'returned'
      ? [
          {
            key: `homework-returned#${application.id}#${assignmentId}#${next.version}`,
            message: homeworkReturned(application, iteration, assignment.title, input.feedback),
          },
        ]
      : [];
  await commitOrStale(
    {
      writes: [
        putHomeworkItem(next, record.version),
        auditPut({
          subjectType: 'homework',
          subjectId: `${iterationId}#${assignmentId}#${applicationId}`,
          action: `marked-${input.status}`,
          actor: actorOf(actor),
          at: stamp,
          reason: input.feedback,
          before: record.review ?? null,
          after: next.review,
        }),
      ],
      emails,
    },
    'This submission changed at the same moment; reload.',
  );
  return homeworkView(assignment, next);
}

/** An individual extension for one learner and assignment, with a reason (audited). */
export async function grantExtension(
  iterationId: string,
  assignmentId: string,
  applicationId: string,
  input: { until: string; reason: string },
  actor: Actor,
) {
  const { assignment, application, record } = await homeworkFor(iterationId, assignmentId, applicationId);
  const until = extensionEnd(assignment, input.until);
  const stamp = toCtIso(now());
  const extension = { until: toCtIso(until), reason: input.reason, at: stamp, by: actor.sub };
  const next: StoredHomework = record
    ? { ...record, extension, version: record.version + 1 }
    : {
        iterationId,
        assignmentId,
        learnerSub: application.applicantSub,
        applicationId,
        submissions: [],
        extension,
        version: 1,
      };
  await commitOrStale(
    {
      writes: [
        putHomeworkItem(next, record?.version),
        auditPut({
          subjectType: 'homework',
          subjectId: `${iterationId}#${assignmentId}#${applicationId}`,
          action: 'extension-granted',
          actor: actorOf(actor),
          at: stamp,
          reason: input.reason,
          before: record?.extension ?? null,
          after: extension,
        }),
      ],
    },
    'This homework changed at the same moment; reload.',
  );
  return homeworkView(assignment, next);
}

export async function myHomework(actor: Actor, applicationId: string) {
  const application = await getApplication(applicationId);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  const iteration = await loadIteration(application.iterationId);
  const records = await homeworkOfLearner(actor.sub, iteration.id);
  return {
    items: iteration.assignments.map((a) =>
      homeworkView(
        a,
        records.find((r) => r.assignmentId === a.id),
      ),
    ),
  };
}

export async function assignmentSubmissions(iterationId: string, assignmentId: string) {
  const iteration = await loadIteration(iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const [learners, records] = await Promise.all([
    applicationsInStatus(iterationId, 'enrolled'),
    homeworkOfIteration(iterationId, assignmentId),
  ]);
  return {
    items: learners.map((a) => ({
      applicationId: a.id,
      personId: a.applicantSub,
      name: a.applicant.name,
      ...homeworkView(
        assignment,
        records.find((r) => r.learnerSub === a.applicantSub),
      ),
    })),
  };
}

// ---- qualification ----

export async function qualificationOf(application: Application, iteration: Iteration) {
  const [attendance, homework] = await Promise.all([
    attendanceOfLearner(application.applicantSub, iteration.id),
    homeworkOfLearner(application.applicantSub, iteration.id),
  ]);
  return qualification(iteration, attendance, homework, now());
}

export async function myQualification(actor: Actor, applicationId: string) {
  const application = await ownEnrolment(actor, applicationId);
  return qualificationOf(application, await loadIteration(application.iterationId));
}

export async function iterationQualification(iterationId: string) {
  const iteration = await loadIteration(iterationId);
  const learners = await applicationsInStatus(iterationId, 'enrolled');
  return {
    items: await Promise.all(
      learners.map(async (a) => ({
        applicationId: a.id,
        personId: a.applicantSub,
        name: a.applicant.name,
        ...(await qualificationOf(a, iteration)),
      })),
    ),
  };
}

// ---- the homework-reminders job ----

/**
 * Reminds each enrolled learner without a submission, once per assignment, when its deadline is within the lead
 * time (`HOMEWORK_REMINDER_HOURS`, default 48). A learner with an extension is reminded against the assignment's
 * own deadline only. Idempotent: reminders are keyed by learner and assignment.
 */
export async function sendHomeworkReminders() {
  const at = now();
  let reminded = 0;
  const horizon = at.getTime() + HOMEWORK_REMINDER_HOURS * 3600_000;
  for (const record of await listPublishedClosingAfter(new Date(at.getTime() - 365 * 24 * 3600_000))) {
    const due = record.assignments.filter((a) => instantMs(a.dueAt) > at.getTime() && instantMs(a.dueAt) <= horizon);
    if (due.length === 0) continue;
    const learners = await applicationsInStatus(record.id, 'enrolled');
    for (const assignment of due) {
      const submitted = new Set(
        (await homeworkOfIteration(record.id, assignment.id))
          .filter((h) => h.submissions.length > 0)
          .map((h) => h.learnerSub),
      );
      for (const learner of learners.filter((l) => !submitted.has(l.applicantSub))) {
        const emails = [
          {
            key: `homework-reminder#${learner.id}#${assignment.id}`,
            message: homeworkReminder(learner, record, assignment.title, assignment.dueAt),
          },
        ];
        if ((await commit({ writes: [], emails })).ok) reminded++;
      }
    }
  }
  return { reminded };
}
