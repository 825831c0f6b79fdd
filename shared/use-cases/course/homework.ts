import { config } from '../../config/runtime';
import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { applicationsInStatus } from '../../data/applications';
import {
  attendanceOfLearner,
  getHomework,
  homeworkOfIteration,
  homeworkOfLearner,
  putHomeworkItem,
  type StoredHomework,
} from '../../data/course';
import { toCtIso } from '../../domain/calendar/time';
import type { Iteration } from '../../domain/iteration';
import { effectiveDeadline, extensionEnd, markedComplete, onTime, qualification } from '../../domain/qualification';
import { whenCt } from '../../email/format';
import type { Outgoing } from '../../email/outbox';
import { homeworkReturned } from '../../email/templates';
import type { Actor } from '../../domain/actor';
import { NotFound, RuleBroken, StateConflict } from '../../domain/errors';
import { commitOrStale } from '../unit-of-work';
import { findIteration } from '../find';
import { enrolledApplication, ownEnrolment } from './learners';
import { noticeWrites, noticesOf, replaced } from './qualification-notices';
import type { Application } from '../../domain/application';
import { findOwnApplication } from '../find';
import { fileSettings, filesOfAssignment, filesOfLearner } from '../../data/homework-files';
import { FILE_TYPES, fileView, type FileContentType, type HomeworkFile } from '../../domain/homework-files';

export const homeworkView = (
  assignment: Iteration['assignments'][number],
  record: StoredHomework | undefined,
  files: readonly HomeworkFile[],
) => {
  const deadline = effectiveDeadline(assignment, record);
  const latest = record?.submissions.at(-1);
  const statusOf = (fileId: string) => files.find((f) => f.fileId === fileId)?.status ?? 'deleted';
  return {
    assignmentId: assignment.id,
    title: assignment.title,
    dueAt: assignment.dueAt,
    deadline,
    extension: record?.extension,
    files: files.filter((f) => f.status !== 'deleted').map(fileView),
    submissions: (record?.submissions ?? []).map((s) => ({
      ...s,
      files: s.files?.map((f) => ({ ...f, status: statusOf(f.fileId) })),
      onTime: onTime(s.at, deadline),
    })),
    onTime: latest ? onTime(latest.at, deadline) : undefined,
    review: record?.review,
  };
};

/**
 * The files a submission hands in: each the learner's own on this assignment, recorded (uploaded and checked) by
 * now — an upload that finishes later can only be handed in by a later submission — and not quarantined or deleted.
 */
function submittedFiles(fileIds: readonly string[] | undefined, files: readonly HomeworkFile[]) {
  if (!fileIds) return undefined;
  const problems = fileIds.flatMap((fileId, i) => {
    const file = files.find((f) => f.fileId === fileId);
    return file && (file.status === 'scan-pending' || file.status === 'clean')
      ? []
      : [
          {
            field: `fileIds.${i}`,
            code: 'file_not_recorded',
            message: file ? `this file is ${file.status}` : 'no such file of yours on this assignment',
          },
        ];
  });
  if (problems.length > 0) throw new RuleBroken('Hand in only files you uploaded and recorded.', problems);
  return [...new Set(fileIds)].map((fileId) => {
    const { name } = files.find((f) => f.fileId === fileId)!;
    return { fileId, name };
  });
}

/**
 * The learner submits (text, a link and/or files); the server stamps the time — what "on time" is judged by, never
 * when an upload started. A resubmission is refused once complete.
 */
export async function submitHomework(
  actor: Actor,
  applicationId: string,
  assignmentId: string,
  input: { text?: string; link?: string; fileIds?: string[] },
) {
  const application = await ownEnrolment(actor, applicationId);
  const iteration = await findIteration(application.iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const [previous, files] = await Promise.all([
    getHomework(iteration.id, assignmentId, actor.sub),
    filesOfAssignment(iteration.id, assignmentId, actor.sub),
  ]);
  if (markedComplete(previous)) throw new StateConflict('This assignment is already marked complete.');
  const { fileIds, ...words } = input;
  const handedIn = submittedFiles(fileIds, files);
  const next: StoredHomework = {
    iterationId: iteration.id,
    assignmentId,
    learnerSub: actor.sub,
    applicationId,
    submissions: [...(previous?.submissions ?? []), { at: toCtIso(now()), ...words, files: handedIn }],
    review: previous?.review,
    extension: previous?.extension,
    version: (previous?.version ?? 0) + 1,
  };
  await commitOrStale(
    { writes: [putHomeworkItem(next, previous?.version)] },
    'Submitted at the same moment from elsewhere; reload.',
  );
  return homeworkView(assignment, next, files);
}

async function homeworkFor(iterationId: string, assignmentId: string, applicationId: string) {
  const iteration = await findIteration(iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const application = await enrolledApplication(iterationId, applicationId);
  const [record, files] = await Promise.all([
    getHomework(iterationId, assignmentId, application.applicantSub),
    filesOfAssignment(iterationId, assignmentId, application.applicantSub),
  ]);
  return { iteration, assignment, application, record, files };
}

/** ADS marks the latest submission complete, or returns it with feedback (audited; a return emails the learner). */
export async function reviewHomework(
  iterationId: string,
  assignmentId: string,
  applicationId: string,
  input: { status: 'complete' | 'returned'; feedback?: string },
  actor: Actor,
) {
  const { iteration, assignment, application, record, files } = await homeworkFor(
    iterationId,
    assignmentId,
    applicationId,
  );
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
            message: homeworkReturned(application, iteration, assignment.title, input.feedback, config.publicBaseUrl),
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
  return homeworkView(assignment, next, files);
}

/**
 * The "back on track" notice an extension calls for: the learner's records judged before and with it, at once (an
 * extension to a deadline that had passed can make qualifying possible again).
 */
async function restoredByExtension(
  application: Application,
  iteration: Iteration,
  next: StoredHomework,
  title: string,
) {
  const [attendance, homework, notices] = await Promise.all([
    attendanceOfLearner(application.applicantSub, iteration.id),
    homeworkOfLearner(application.applicantSub, iteration.id),
    noticesOf([application.id]).then((n) => n.get(application.id)!),
  ]);
  const after = replaced(homework, next, (h) => h.assignmentId === next.assignmentId);
  return noticeWrites(application, iteration, notices, {
    missedClass: false,
    canStillQualifyBefore: qualification(iteration, attendance, homework, now()).canStillQualify,
    canStillQualifyAfter: qualification(iteration, attendance, after, now()).canStillQualify,
    what: `ADS extended your deadline for "${title}" to ${whenCt(next.extension!.until)}`,
  });
}

/** An individual extension for one learner and assignment, with a reason (audited). */
export async function grantExtension(
  iterationId: string,
  assignmentId: string,
  applicationId: string,
  input: { until: string; reason: string },
  actor: Actor,
) {
  const { iteration, assignment, application, record, files } = await homeworkFor(
    iterationId,
    assignmentId,
    applicationId,
  );
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
  const notice = await restoredByExtension(application, iteration, next, assignment.title);
  await commitOrStale(
    {
      writes: [
        ...notice.writes,
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
      emails: notice.emails,
    },
    'This homework changed at the same moment; reload.',
  );
  return homeworkView(assignment, next, files);
}

export async function myHomework(actor: Actor, applicationId: string) {
  const application = await findOwnApplication(actor, applicationId);
  const iteration = await findIteration(application.iterationId);
  const [records, files, limits] = await Promise.all([
    homeworkOfLearner(actor.sub, iteration.id),
    filesOfLearner(actor.sub, iteration.id),
    fileSettings(),
  ]);
  return {
    fileLimits: {
      maxFileBytes: limits.maxFileBytes,
      maxFilesPerAssignment: limits.maxFilesPerAssignment,
      types: Object.entries(FILE_TYPES).map(([contentType, t]) => ({
        contentType: contentType as FileContentType,
        label: t.label,
      })),
    },
    items: iteration.assignments.map((a) =>
      homeworkView(
        a,
        records.find((r) => r.assignmentId === a.id),
        files.filter((f) => f.assignmentId === a.id),
      ),
    ),
  };
}

export async function assignmentSubmissions(iterationId: string, assignmentId: string) {
  const iteration = await findIteration(iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  const [learners, records, files] = await Promise.all([
    applicationsInStatus(iterationId, 'enrolled'),
    homeworkOfIteration(iterationId, assignmentId),
    filesOfAssignment(iterationId, assignmentId),
  ]);
  return {
    items: learners.map((a) => ({
      applicationId: a.id,
      personId: a.applicantSub,
      name: a.applicant.name,
      ...homeworkView(
        assignment,
        records.find((r) => r.learnerSub === a.applicantSub),
        files.filter((f) => f.learnerSub === a.applicantSub),
      ),
    })),
  };
}
