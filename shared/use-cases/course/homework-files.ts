import { now } from '../../clock';
import { getApplication } from '../../data/applications';
import { auditPut } from '../../data/audit';
import { getHomework } from '../../data/course';
import {
  fileSettings,
  filesOfAssignment,
  getFile,
  putFileItem,
  saveFileSettingsItem,
  type FileSettings,
} from '../../data/homework-files';
import { actorOf, systemActor } from '../../domain/audit';
import { toCtIso } from '../../domain/calendar/time';
import type { Actor } from '../../domain/actor';
import { NotFound, RuleBroken, StaleWrite, StateConflict } from '../../domain/errors';
import {
  assertMayDelete,
  assertMayStartUpload,
  contentMatches,
  FILE_TYPES,
  fileView,
  heldFiles,
  objectKey,
  parseObjectKey,
  QUARANTINE_PREFIX,
  recordedState,
  scanVerdict,
  sizeWords,
  UPLOAD_WINDOW_SECONDS,
  uploadConditions,
  type FileContentType,
  type HomeworkFile,
} from '../../domain/homework-files';
import { newId } from '../../domain/ids';
import { effectiveDeadline, markedComplete } from '../../domain/qualification';
import { homeworkFileQuarantined } from '../../email/templates';
import { filesConfig } from '../../config/files';
import {
  deleteObject,
  headObject,
  moveObject,
  presignedDownload,
  presignedUpload,
  readRange,
} from '../../files/object-store';
import { commitOrStale } from '../unit-of-work';
import { findIteration, findOwnApplication } from '../find';
import { ownEnrolment } from './learners';

async function ownAssignment(actor: Actor, applicationId: string, assignmentId: string) {
  const application = await ownEnrolment(actor, applicationId);
  const iteration = await findIteration(application.iterationId);
  const assignment = iteration.assignments.find((a) => a.id === assignmentId);
  if (!assignment) throw new NotFound('The assignment');
  return { application, iteration, assignment };
}

async function ownFile(actor: Actor, applicationId: string, assignmentId: string, fileId: string) {
  const found = await ownAssignment(actor, applicationId, assignmentId);
  const file = await getFile({ iterationId: found.iteration.id, assignmentId, learnerSub: actor.sub, fileId });
  if (!file || file.applicationId !== applicationId) throw new NotFound('The file');
  return { ...found, file };
}

/**
 * The learner asks to upload a file: checks the type, size and count against ADS's limits, reserves the file's
 * record (`uploading`) and returns a pre-signed POST for the browser to send the file straight to S3.
 */
export async function startUpload(
  actor: Actor,
  applicationId: string,
  assignmentId: string,
  input: { name: string; contentType: FileContentType; size: number },
) {
  const { iteration } = await ownAssignment(actor, applicationId, assignmentId);
  const at = now();
  const [record, limits, files] = await Promise.all([
    getHomework(iteration.id, assignmentId, actor.sub),
    fileSettings(),
    filesOfAssignment(iteration.id, assignmentId, actor.sub),
  ]);
  if (markedComplete(record)) throw new StateConflict('This assignment is already marked complete.');
  assertMayStartUpload(input.size, heldFiles(files, at), limits);
  const file: HomeworkFile = {
    fileId: newId('hf'),
    iterationId: iteration.id,
    assignmentId,
    learnerSub: actor.sub,
    applicationId,
    name: input.name,
    contentType: input.contentType,
    size: input.size,
    status: 'uploading',
    startedAt: toCtIso(at),
    version: 1,
  };
  await commitOrStale({ writes: [putFileItem(file, undefined)] }, 'The file was created at the same moment; retry.');
  const post = await presignedUpload(
    objectKey(file),
    uploadConditions(objectKey(file), file.contentType, limits),
    UPLOAD_WINDOW_SECONDS,
  );
  return {
    file: fileView(file),
    upload: {
      url: post.url,
      fields: post.fields,
      expiresAt: toCtIso(new Date(at.getTime() + UPLOAD_WINDOW_SECONDS * 1000)),
      maxBytes: limits.maxFileBytes,
    },
  };
}

const refusal = (code: string, message: string) =>
  new RuleBroken('The uploaded file was refused and removed.', [{ field: 'fileId', code, message }]);

/**
 * The learner says the upload finished. The API checks the object itself — it exists, its size is within the
 * limit, its stored content type is the one declared, its first bytes are that type's — because the local S3 server
 * enforces no POST policy (S3 does, in AWS). A wrong object is deleted and refused; a right one waits for the scan
 * (or is clean at once when the scan result came first). A scan result written between reading and saving makes the
 * save stale: it is tried once more, from a fresh read.
 */
export async function recordUpload(actor: Actor, applicationId: string, assignmentId: string, fileId: string) {
  try {
    return await recordOnce(actor, applicationId, assignmentId, fileId);
  } catch (error) {
    if (!(error instanceof StaleWrite)) throw error;
    return recordOnce(actor, applicationId, assignmentId, fileId);
  }
}

async function recordOnce(actor: Actor, applicationId: string, assignmentId: string, fileId: string) {
  const { file } = await ownFile(actor, applicationId, assignmentId, fileId);
  if (file.status === 'scan-pending' || file.status === 'clean') return fileView(file);
  if (file.status !== 'uploading') throw new StateConflict(`This file is ${file.status}.`);
  const key = objectKey(file);
  const object = await headObject(key);
  if (!object)
    throw new RuleBroken('The file has not arrived yet: post it to the upload address first.', [
      { field: 'fileId', code: 'not_uploaded', message: 'no object has been uploaded for this file' },
    ]);
  const limits = await fileSettings();
  const problem = await checkObject(key, object, file.contentType, limits);
  const at = toCtIso(now());
  if (problem) {
    await commitOrStale(
      { writes: [putFileItem({ ...file, status: 'deleted', deletedAt: at, version: file.version + 1 }, file.version)] },
      'This file changed at the same moment; reload.',
    );
    await deleteObject(key);
    throw refusal(problem.code, problem.message);
  }
  const next: HomeworkFile = {
    ...file,
    size: object.size,
    ...recordedState(file),
    recordedAt: at,
    version: file.version + 1,
  };
  await commitOrStale({ writes: [putFileItem(next, file.version)] }, 'This file changed at the same moment; reload.');
  return fileView(next);
}

async function checkObject(
  key: string,
  object: { size: number; contentType?: string },
  declared: FileContentType,
  limits: FileSettings,
): Promise<{ code: string; message: string } | undefined> {
  if (object.size < 1 || object.size > limits.maxFileBytes)
    return {
      code: 'too_large',
      message: `files may be at most ${sizeWords(limits.maxFileBytes)}; this one is ${sizeWords(object.size)}`,
    };
  if (object.contentType !== declared)
    return { code: 'wrong_type', message: `the upload was not sent as a ${FILE_TYPES[declared].label} file` };
  const head = await readRange(key, 'bytes=0-4095');
  const tail = object.size > head.length ? await readRange(key, 'bytes=-65536') : head;
  if (!contentMatches(declared, head, tail))
    return { code: 'wrong_type', message: `the content is not a ${FILE_TYPES[declared].label} file` };
  return undefined;
}

/** The learner deletes a file (to replace it, upload another), up to the deadline that applies to them. */
export async function deleteFile(actor: Actor, applicationId: string, assignmentId: string, fileId: string) {
  const { iteration, assignment, file } = await ownFile(actor, applicationId, assignmentId, fileId);
  const record = await getHomework(iteration.id, assignmentId, actor.sub);
  assertMayDelete(file, effectiveDeadline(assignment, record), markedComplete(record), now());
  await commitOrStale(
    {
      writes: [
        putFileItem({ ...file, status: 'deleted', deletedAt: toCtIso(now()), version: file.version + 1 }, file.version),
      ],
    },
    'This file changed at the same moment; reload.',
  );
  // The bucket is versioned: the deleted object stays as a noncurrent version for the records schedule.
  await deleteObject(objectKey(file));
}

const downloadLink = async (file: HomeworkFile) => {
  const expiresAt = toCtIso(new Date(Date.now() + filesConfig.downloadLinkSeconds * 1000));
  return {
    url: await presignedDownload(objectKey(file), file.name, file.contentType),
    expiresAt,
    file: fileView(file),
  };
};

/** A learner's own file, recorded and not quarantined (they uploaded it, so it may still be waiting for its scan). */
export async function learnerDownload(actor: Actor, applicationId: string, assignmentId: string, fileId: string) {
  const application = await findOwnApplication(actor, applicationId);
  const file = await getFile({ iterationId: application.iterationId, assignmentId, learnerSub: actor.sub, fileId });
  if (!file || file.applicationId !== applicationId || file.status === 'deleted') throw new NotFound('The file');
  if (file.status !== 'scan-pending' && file.status !== 'clean')
    throw new StateConflict(`This file is ${file.status}; it cannot be downloaded.`);
  return downloadLink(file);
}

/**
 * ADS downloads a learner's file: only once the malware scan found it clean. Every link issued is audited (who,
 * when, which file), in the same transaction that decides to issue it.
 */
export async function adsDownload(
  iterationId: string,
  assignmentId: string,
  applicationId: string,
  fileId: string,
  actor: Actor,
) {
  const application = await getApplication(applicationId);
  if (!application || application.iterationId !== iterationId) throw new NotFound('The learner');
  const file = await getFile({ iterationId, assignmentId, learnerSub: application.applicantSub, fileId });
  if (!file || file.applicationId !== applicationId) throw new NotFound('The file');
  if (file.status === 'scan-pending' || file.status === 'uploading')
    throw new StateConflict('This file has not been cleared by the malware scan yet; try again later.');
  if (file.status !== 'clean') throw new StateConflict(`This file is ${file.status}; it cannot be downloaded.`);
  const link = await downloadLink(file);
  await commitOrStale(
    {
      writes: [
        auditPut({
          subjectType: 'homework',
          subjectId: `${iterationId}#${assignmentId}#${applicationId}`,
          action: 'download-link-issued',
          actor: actorOf(actor),
          at: toCtIso(now()),
          before: null,
          after: { fileId, name: file.name, expiresAt: link.expiresAt },
        }),
      ],
    },
    'Retry.',
  );
  return link;
}

export const settingsView = ({ version, ...limits }: FileSettings) => ({ ...limits, version });
export const getFileSettings = async () => settingsView(await fileSettings());

/** ADS changes the limits on homework files (send the version read; audited before → after). */
export async function putFileSettings(input: FileSettings, actor: Actor) {
  const previous = await fileSettings();
  if (input.version !== previous.version)
    throw new StaleWrite('The settings were changed after you read them; reload.', previous.version);
  const next: FileSettings = { ...input, version: previous.version + 1 };
  await commitOrStale(
    {
      writes: [
        saveFileSettingsItem(next, previous.version),
        auditPut({
          subjectType: 'settings',
          subjectId: 'homework-files',
          action: 'updated',
          actor: actorOf(actor),
          at: toCtIso(now()),
          before: settingsView(previous),
          after: settingsView(next),
        }),
      ],
    },
    'The settings were changed at the same moment; reload.',
  );
  return settingsView(next);
}

/**
 * A malware scan's result for an object (GuardDuty Malware Protection for S3, through EventBridge). Clean: ADS may
 * download it. Infected: the record says `quarantined` (no link is issued from then on) and the learner is told, in
 * one transaction; then the object is moved under `quarantine/` — at once, even before the upload is recorded
 * (recording it is then refused). A clean result for a file still `uploading` (the scan beat the browser) is kept on
 * the record and applied when the upload is recorded. A result for an object that is not a homework file, or a file
 * already decided, changes nothing; a retry after a failed move moves it then.
 */
export async function applyScanResult(key: string, resultStatus: string) {
  const where = parseObjectKey(key);
  if (!where) return { outcome: 'not-a-homework-file' as const };
  const file = await getFile(where);
  if (!file) return { outcome: 'unknown-file' as const };
  const verdict = scanVerdict(resultStatus);
  if (verdict === 'undecided') return { outcome: 'undecided' as const };
  const at = toCtIso(now());
  if (verdict === 'clean') {
    if (file.status === 'uploading' && !file.earlyCleanScanAt) {
      // The scan was quicker than the browser's "recorded": keep the verdict; recording applies it.
      await commitOrStale(
        { writes: [putFileItem({ ...file, earlyCleanScanAt: at, version: file.version + 1 }, file.version)] },
        'The file changed at the same moment.',
      );
      return { outcome: 'kept-until-recorded' as const };
    }
    if (file.status !== 'scan-pending') return { outcome: 'unchanged' as const };
    await commitOrStale(
      { writes: [putFileItem({ ...file, status: 'clean', scannedAt: at, version: file.version + 1 }, file.version)] },
      'The file changed at the same moment.',
    );
    return { outcome: 'clean' as const };
  }
  if (file.status !== 'quarantined') {
    const [application, iteration] = await Promise.all([
      getApplication(file.applicationId),
      findIteration(file.iterationId),
    ]);
    const assignment = iteration.assignments.find((a) => a.id === file.assignmentId);
    await commitOrStale(
      {
        writes: [
          putFileItem({ ...file, status: 'quarantined', scannedAt: at, version: file.version + 1 }, file.version),
          auditPut({
            subjectType: 'homework',
            subjectId: `${file.iterationId}#${file.assignmentId}#${file.applicationId}`,
            action: 'file-quarantined',
            actor: systemActor('malware-scan'),
            at,
            before: { fileId: file.fileId, status: file.status },
            after: { fileId: file.fileId, status: 'quarantined', scanResult: resultStatus },
          }),
        ],
        emails: application
          ? [
              {
                key: `homework-file-quarantined#${file.fileId}`,
                message: homeworkFileQuarantined(
                  application,
                  iteration,
                  assignment?.title ?? file.assignmentId,
                  file.name,
                ),
              },
            ]
          : [],
      },
      'The file changed at the same moment.',
    );
  }
  if (await headObject(key)) await moveObject(key, `${QUARANTINE_PREFIX}${key}`, { 'ce-scan': 'THREATS_FOUND' });
  return { outcome: 'quarantined' as const };
}
