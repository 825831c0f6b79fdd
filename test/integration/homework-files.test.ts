// First, before any handler loads its configuration: download links that expire within the test.
import '../support/short-download-links';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handler as scanResult } from '../../functions/files/scan-result';
import { auditRoutes } from '../../shared/http/routes/audit';
import { courseRoutes } from '../../shared/http/routes/course';
import { homeworkFileRoutes as f } from '../../shared/http/routes/homework-files';
import { at, useClockReset } from '../support/clock';
import { enrolledLearners } from '../support/fixtures';
import { ads, type As, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pdf = (size = 600) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 1)]);
/** The shape of a .docx as far as the check reads it: a zip whose directory names the OOXML parts. */
const docx = () =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('[Content_Types].xml'),
    Buffer.alloc(5000, 0),
    Buffer.from('word/document.xml'),
  ]);

const s3 = new S3Client({ forcePathStyle: true });
const exists = (key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: process.env.FILES_BUCKET!, Key: key })).then(
    () => true,
    () => false,
  );

type Learner = { who: As & { email: string }; applicationId: string };
let iterationId: string;
let assignmentId: string;
let learners: Learner[];

beforeAll(async () => {
  const course = await enrolledLearners(3);
  iterationId = course.iteration.id;
  assignmentId = course.iteration.assignments[0]!.id;
  learners = course.learners as Learner[];
});

const own = (l: Learner, extra: Record<string, string> = {}) => ({
  applicationId: l.applicationId,
  assignmentId,
  ...extra,
});

/** Starts an upload, posts the form as a browser would (multipart, the file last), and records it. */
async function upload(
  l: Learner,
  content: Buffer,
  contentType = PDF,
  declaredSize = content.length,
  beforeRecording?: (key: string) => Promise<unknown>,
) {
  const started = await invoke(f.startHomeworkUpload, {
    as: l.who,
    params: own(l),
    body: { name: 'Discovery profile — Ana.pdf', contentType, size: declaredSize },
  });
  if (started.status !== 201) return { started, recorded: undefined, fileId: undefined };
  const form = new FormData();
  for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), 'upload.bin');
  const posted = await fetch(started.body.upload.url, { method: 'POST', body: form });
  expect(posted.status).toBeLessThan(300);
  const fileId = started.body.file.fileId as string;
  await beforeRecording?.(started.body.upload.fields.key);
  const recorded = await invoke(f.recordHomeworkUpload, { as: l.who, params: own(l, { fileId }) });
  return { started, recorded, fileId };
}

const keyOf = (l: Learner, fileId: string) => `homework/${iterationId}/${assignmentId}/${l.who.sub}/${fileId}`;

describe('homework as files', () => {
  it('a file within the limits is uploaded by pre-signed POST, recorded, handed in and waits for its scan', async () => {
    const [a] = learners;
    at('2027-03-10T10:00:00-05:00');
    const { started, recorded, fileId } = await upload(a!, pdf());
    expect(started.body.upload.fields).toMatchObject({ 'Content-Type': PDF, key: keyOf(a!, fileId!) });
    expect(started.body.file.status).toBe('uploading');
    expect(recorded!.status).toBe(200);
    expect(recorded!.body).toMatchObject({ fileId, status: 'scan-pending', size: 600 });
    const handed = await invoke(courseRoutes.submitHomework, {
      as: a!.who,
      params: own(a!),
      body: { text: 'See the attached profile', fileIds: [fileId] },
    });
    expect(handed.status).toBe(201);
    expect(handed.body.submissions.at(-1)).toMatchObject({
      onTime: true,
      files: [{ fileId, name: 'Discovery profile — Ana.pdf', status: 'scan-pending' }],
    });
    // ADS sees the file and its state; the scan has not cleared it, so no link yet.
    const list = await invoke(courseRoutes.assignmentSubmissions, { as: ads, params: { iterationId, assignmentId } });
    expect(list.body.items.find((i: { applicationId: string }) => i.applicationId === a!.applicationId).files).toEqual([
      expect.objectContaining({ fileId, status: 'scan-pending' }),
    ]);
    const early = await invoke(f.homeworkFileLink, {
      as: ads,
      params: { iterationId, assignmentId, applicationId: a!.applicationId, fileId: fileId! },
    });
    expect(early.status).toBe(409);
    // The learner may fetch their own file meanwhile.
    const mine = await invoke(f.myHomeworkFileLink, { as: a!.who, params: own(a!, { fileId: fileId! }) });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await (await fetch(mine.body.url)).arrayBuffer())).toEqual(pdf());
  });

  it('once the scan says clean, ADS gets a short-lived link, audited (who, when, which file), that stops working', async () => {
    const [, b] = learners;
    at('2027-03-10T11:00:00-05:00');
    const { fileId } = await upload(b!, docx(), DOCX);
    await scanResult(scanEvent(keyOf(b!, fileId!), 'NO_THREATS_FOUND'));
    const params = { iterationId, assignmentId, applicationId: b!.applicationId, fileId: fileId! };
    const link = await invoke(f.homeworkFileLink, { as: ads, params });
    expect(link.status).toBe(200);
    expect(link.body.file.status).toBe('clean');
    const got = await fetch(link.body.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(docx());
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'homework', subjectId: `${iterationId}#${assignmentId}#${b!.applicationId}` },
    });
    expect(trail.body.items.at(-1)).toMatchObject({
      action: 'download-link-issued',
      actor: { id: ads.sub },
      at: '2027-03-10T11:00:00.000-05:00',
      after: { fileId, name: 'Discovery profile — Ana.pdf', expiresAt: link.body.expiresAt },
    });
    // DOWNLOAD_LINK_SECONDS=5 in this file: the same link is refused by S3 once it has expired.
    await new Promise((r) => setTimeout(r, 6100));
    expect((await fetch(link.body.url)).status).toBe(403);
  });

  it('refuses a file over the limits, or whose content is not its declared type, and deletes what was uploaded', async () => {
    const [, , c] = learners;
    at('2027-03-11T10:00:00-05:00');
    const settings = await invoke(f.getHomeworkFileSettings, { as: ads });
    expect(settings.body).toEqual({ maxFileBytes: 10 * 1024 * 1024, maxFilesPerAssignment: 5, version: 0 });
    const saved = await invoke(f.putHomeworkFileSettings, {
      as: ads,
      body: { maxFileBytes: 2048, maxFilesPerAssignment: 2, version: 0 },
    });
    expect(saved.status).toBe(200);
    const declaredTooBig = await upload(c!, pdf(3000));
    expect(declaredTooBig.started.status).toBe(422);
    expect(declaredTooBig.started.body.errors).toEqual([
      expect.objectContaining({ field: 'body.size', code: 'too_large', message: 'files may be at most 2 KB' }),
    ]);
    // A type not accepted: refused in words naming the accepted types, never the content-type codes.
    const zip = await upload(c!, pdf(1000), 'application/zip');
    expect(zip.started.status).toBe(400);
    expect(zip.started.body.errors).toEqual([
      {
        field: 'body.contentType',
        code: 'invalid_value',
        message:
          'not a type of file that can be handed in (accepted: PDF, Word, PowerPoint, Excel, Word 97–2003, PowerPoint 97–2003, PNG image, JPEG image)',
      },
    ]);
    // Locally no POST policy is enforced: a body larger than declared arrives, and recording it refuses it.
    const sneaked = await upload(c!, pdf(3000), PDF, 1000);
    expect(sneaked.recorded!.status).toBe(422);
    expect(sneaked.recorded!.body.errors[0]).toMatchObject({
      code: 'too_large',
      message: 'files may be at most 2 KB; this one is 3 KB',
    });
    expect(await exists(keyOf(c!, sneaked.fileId!))).toBe(false);
    const disguised = await upload(c!, png(), PDF);
    expect(disguised.recorded!.status).toBe(422);
    expect(disguised.recorded!.body.errors).toEqual([
      expect.objectContaining({ field: 'path.fileId', code: 'wrong_type', message: 'the content is not a PDF file' }),
    ]);
    expect(await exists(keyOf(c!, disguised.fileId!))).toBe(false);
    const handed = await invoke(courseRoutes.submitHomework, {
      as: c!.who,
      params: own(c!),
      body: { fileIds: [disguised.fileId] },
    });
    expect(handed.status).toBe(422);
    expect(handed.body.errors[0]).toMatchObject({ field: 'body.fileIds.0', code: 'file_not_recorded' });
    // The count: two files held; a third is refused until one is deleted.
    await upload(c!, pdf(1000));
    const second = await upload(c!, pdf(1000));
    const third = await upload(c!, pdf(1000));
    expect(third.started.status).toBe(422);
    expect(third.started.body.errors[0].code).toBe('too_many_files');
    const deleted = await invoke(f.deleteHomeworkFile, { as: c!.who, params: own(c!, { fileId: second.fileId! }) });
    expect(deleted.status).toBe(204);
    expect(await exists(keyOf(c!, second.fileId!))).toBe(false);
    expect((await upload(c!, pdf(1000))).recorded!.status).toBe(200);
    await invoke(f.putHomeworkFileSettings, {
      as: ads,
      body: { maxFileBytes: 10 * 1024 * 1024, maxFilesPerAssignment: 5, version: 1 },
    });
  });

  it("someone else's file is not found, by their application or by the file", async () => {
    const [a, b] = learners;
    at('2027-03-12T10:00:00-05:00');
    const { fileId } = await upload(a!, pdf());
    expect((await invoke(f.myHomeworkFileLink, { as: b!.who, params: own(a!, { fileId: fileId! }) })).status).toBe(404);
    expect((await invoke(f.myHomeworkFileLink, { as: b!.who, params: own(b!, { fileId: fileId! }) })).status).toBe(404);
    expect((await invoke(f.deleteHomeworkFile, { as: b!.who, params: own(b!, { fileId: fileId! }) })).status).toBe(404);
    const handed = await invoke(courseRoutes.submitHomework, {
      as: b!.who,
      params: own(b!),
      body: { fileIds: [fileId] },
    });
    expect(handed.status).toBe(422);
    expect(await exists(keyOf(a!, fileId!))).toBe(true);
  });

  it('an upload finishing after the deadline is handed in late; files can be deleted until the deadline, not after', async () => {
    const [a] = learners;
    at('2027-03-15T23:50:00-04:00');
    const before = await upload(a!, pdf());
    at('2027-03-16T00:05:00-04:00');
    const refused = await invoke(f.deleteHomeworkFile, { as: a!.who, params: own(a!, { fileId: before.fileId! }) });
    expect([refused.status, refused.text]).toEqual([409, expect.stringContaining('deadline')]);
    const late = await upload(a!, pdf());
    const handed = await invoke(courseRoutes.submitHomework, {
      as: a!.who,
      params: own(a!),
      body: { fileIds: [late.fileId] },
    });
    expect(handed.body.submissions.at(-1)).toMatchObject({ at: '2027-03-16T00:05:00.000-04:00', onTime: false });
  });

  it('quarantines an infected file on the recorded GuardDuty event: moved away, no link, the learner told', async () => {
    const [, b] = learners;
    at('2027-03-12T09:00:00-05:00');
    const { fileId } = await upload(b!, pdf());
    const key = keyOf(b!, fileId!);
    const event = JSON.parse(
      readFileSync(join(__dirname, '../fixtures/guardduty-scan-result-threats-found.json'), 'utf8')
        .replace('__BUCKET__', process.env.FILES_BUCKET!)
        .replace('__OBJECT_KEY__', key),
    );
    expect(await scanResult(event)).toEqual({ outcome: 'quarantined' });
    expect(await exists(key)).toBe(false);
    expect(await exists(`quarantine/${key}`)).toBe(true);
    const params = { iterationId, assignmentId, applicationId: b!.applicationId, fileId: fileId! };
    expect((await invoke(f.homeworkFileLink, { as: ads, params })).status).toBe(409);
    expect((await invoke(f.myHomeworkFileLink, { as: b!.who, params: own(b!, { fileId: fileId! }) })).status).toBe(409);
    const told = (await emailsTo(b!.who.email)).filter((m) => m.subject.includes('was set aside'));
    expect(told).toHaveLength(1);
    // A retried event changes nothing more and tells no one twice.
    expect(await scanResult(event)).toEqual({ outcome: 'quarantined' });
    expect((await emailsTo(b!.who.email)).filter((m) => m.subject.includes('was set aside'))).toHaveLength(1);
  });
});

describe('a scan result that arrives before the browser records the upload', () => {
  it('clean: kept on the record while uploading, and the file is clean as soon as it is recorded', async () => {
    const [, , c] = learners;
    at('2027-03-11T09:00:00-05:00');
    const outcomes: unknown[] = [];
    const { recorded, fileId } = await upload(c!, pdf(), PDF, undefined, async (key) => {
      outcomes.push(await scanResult(scanEvent(key, 'NO_THREATS_FOUND')));
      // Still uploading in every answer until recorded (the verdict is not shown before).
      const mine = await invoke(courseRoutes.myHomework, { as: c!.who, params: { applicationId: c!.applicationId } });
      // The hand-in page's hint comes from here: ADS's limits and the accepted types.
      expect(mine.body.fileLimits).toMatchObject({ maxFileBytes: 10 * 1024 * 1024, maxFilesPerAssignment: 5 });
      expect(mine.body.fileLimits.types).toContainEqual({ contentType: PDF, label: 'PDF' });
      const file = key.split('/').at(-1);
      outcomes.push(mine.body.items[0].files.find((x: { fileId: string }) => x.fileId === file).status);
    });
    expect(outcomes).toEqual([{ outcome: 'kept-until-recorded' }, 'uploading']);
    expect(recorded!.status).toBe(200);
    expect(recorded!.body).toMatchObject({ fileId, status: 'clean', scannedAt: '2027-03-11T09:00:00.000-05:00' });
    // ADS may download it at once; a repeated event changes nothing.
    const params = { iterationId, assignmentId, applicationId: c!.applicationId, fileId: fileId! };
    expect((await invoke(f.homeworkFileLink, { as: ads, params })).status).toBe(200);
    expect(await scanResult(scanEvent(keyOf(c!, fileId!), 'NO_THREATS_FOUND'))).toEqual({ outcome: 'unchanged' });
  });

  it('threats found: quarantined at once (object moved, learner told), and recording it is refused', async () => {
    const [, , c] = learners;
    at('2027-03-11T10:00:00-05:00');
    let key = '';
    const { recorded, fileId } = await upload(c!, pdf(), PDF, undefined, async (k) => {
      key = k;
      expect(await scanResult(scanEvent(k, 'THREATS_FOUND'))).toEqual({ outcome: 'quarantined' });
    });
    expect(recorded!.status).toBe(409);
    expect(recorded!.body.detail).toContain('quarantined');
    expect(await exists(key)).toBe(false);
    expect(await exists(`quarantine/${key}`)).toBe(true);
    const mine = await invoke(courseRoutes.myHomework, { as: c!.who, params: { applicationId: c!.applicationId } });
    expect(mine.body.items[0].files.find((x: { fileId: string }) => x.fileId === fileId).status).toBe('quarantined');
    expect((await emailsTo(c!.who.email)).filter((m) => m.subject.includes('was set aside'))).toHaveLength(1);
  });
});

function scanEvent(objectKey: string, scanResultStatus: string) {
  return {
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    detail: {
      scanStatus: 'COMPLETED',
      s3ObjectDetails: { bucketName: process.env.FILES_BUCKET!, objectKey },
      scanResultDetails: { scanResultStatus },
    },
  };
}
