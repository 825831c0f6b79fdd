import * as z from 'zod/mini';
import { FILE_LIMIT_CEILING } from '../../domain/homework-files';
import { route } from '../route';
import { described, id, instant, meta, text, whole } from '../schemas';
import { contentType, FileView } from './views/homework';

const iterationId = described(id('it'), 'The iteration.');
const applicationId = described(id('ap'), "The learner's application (enrolment).");
const assignmentId = described(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)), 'The assignment.');
const fileId = described(id('hf'), 'The homework file.');

const Link = meta(
  z.object({
    url: described(
      z.string(),
      'A pre-signed GET address of the file; it works until `expiresAt`, for anyone holding it.',
    ),
    expiresAt: described(instant, 'When the link stops working.'),
    file: described(FileView, 'The file the link is for.'),
  }),
  { id: 'HomeworkFileLink' },
);

/** What a learner may upload, for the hand-in page's hint and its file chooser. */
export const FileLimits = meta(
  z.object({
    maxFileBytes: described(z.number(), 'The largest file accepted, in bytes.'),
    maxFilesPerAssignment: described(z.number(), 'How many files you may keep on one assignment.'),
    types: described(
      z.array(z.object({ contentType, label: described(z.string(), 'The type in words, e.g. "PDF".') })),
      'The accepted types.',
    ),
  }),
  { id: 'HomeworkFileLimits' },
);

const FileSettings = meta(
  z.object({
    maxFileBytes: described(z.number(), 'The largest file accepted, in bytes.'),
    maxFilesPerAssignment: described(z.number(), 'How many files a learner may keep on one assignment.'),
    version: described(z.number(), 'Send it back when changing the settings.'),
  }),
  { id: 'HomeworkFileSettings' },
);

const ads = ['ads-staff'] as const;
const mine = ['applicant'] as const;
const tag = 'Attendance and homework';
const ownFile = z.strictObject({ applicationId, assignmentId, fileId });

/** Homework handed in as files: uploads straight to S3 by pre-signed POST, downloads by short-lived pre-signed GET. */
export const homeworkFileRoutes = {
  startHomeworkUpload: route({
    operationId: 'startHomeworkUpload',
    method: 'POST',
    path: '/me/applications/{applicationId}/homework/{assignmentId}/files',
    area: 'course',
    access: mine,
    tag,
    summary: 'Start uploading a file for an assignment: a pre-signed POST form for S3',
    description:
      'Post `upload.fields` and then the file (as the last field, `file`) as multipart/form-data to `upload.url` before `upload.expiresAt`; then record it (`POST …/files/{fileId}`), then hand it in with a submission (`fileIds`). S3 enforces the size limit, the content type and the key.',
    params: z.strictObject({ applicationId, assignmentId }),
    body: z.strictObject({
      name: described(text(200), 'The file’s name (shown to ADS, and used when it is downloaded).'),
      contentType,
      size: described(whole(1, FILE_LIMIT_CEILING.maxFileBytes), 'The file’s size in bytes.'),
    }),
    success: {
      status: 201,
      description: 'The file reserved, and the form to post it with',
      schema: z.object({
        file: described(FileView, 'The file reserved (status `uploading`).'),
        upload: described(
          z.object({
            url: described(z.string(), 'Where to post the form.'),
            fields: described(z.record(z.string(), z.string()), 'The form fields, in this order, before the file.'),
            expiresAt: described(instant, 'The form is refused after this.'),
            maxBytes: described(z.number(), 'The largest file the form accepts.'),
          }),
          'A pre-signed POST.',
        ),
      }),
    },
    problems: [404, 422],
  }),
  recordHomeworkUpload: route({
    operationId: 'recordHomeworkUpload',
    method: 'POST',
    path: '/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}',
    area: 'course',
    access: mine,
    tag,
    summary: 'Record an uploaded file: checked by size and content, then waiting for the malware scan',
    description:
      'A file over the limit, or whose content is not the declared type, is deleted and refused (422). Recording it does not hand it in: a submission with `fileIds` does, at its own time stamp.',
    params: ownFile,
    success: { status: 200, description: 'The file, recorded', schema: FileView },
    problems: [404, 422],
  }),
  deleteHomeworkFile: route({
    operationId: 'deleteHomeworkFile',
    method: 'DELETE',
    path: '/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}',
    area: 'course',
    access: mine,
    tag,
    summary: 'Delete one of your files (to replace it, upload another), up to the deadline that applies to you',
    params: ownFile,
    success: { status: 204, description: 'Deleted' },
    problems: [404],
  }),
  myHomeworkFileLink: route({
    operationId: 'myHomeworkFileLink',
    method: 'POST',
    path: '/me/applications/{applicationId}/homework/{assignmentId}/files/{fileId}/download-link',
    area: 'course',
    access: mine,
    tag,
    summary: 'A short-lived download link to one of your own files',
    params: ownFile,
    success: { status: 200, description: 'The link', schema: Link },
    problems: [404],
  }),
  homeworkFileLink: route({
    operationId: 'homeworkFileLink',
    method: 'POST',
    path: '/ads/iterations/{iterationId}/homework/{assignmentId}/{applicationId}/files/{fileId}/download-link',
    area: 'course',
    access: ads,
    tag,
    summary: "A short-lived download link to a learner's file, once the malware scan cleared it (audited)",
    description:
      'Every link issued is in the homework’s audit trail: who, when, which file. 409 while the scan is pending.',
    params: z.strictObject({ iterationId, assignmentId, applicationId, fileId }),
    success: { status: 200, description: 'The link', schema: Link },
    problems: [404],
  }),
  getHomeworkFileSettings: route({
    operationId: 'getHomeworkFileSettings',
    method: 'GET',
    path: '/ads/settings/homework-files',
    area: 'course',
    access: ads,
    tag,
    summary: 'The limits on homework files (size, how many per assignment)',
    success: { status: 200, description: 'The settings', schema: FileSettings },
  }),
  putHomeworkFileSettings: route({
    operationId: 'putHomeworkFileSettings',
    method: 'PUT',
    path: '/ads/settings/homework-files',
    area: 'course',
    access: ads,
    tag,
    summary: 'Change the limits on homework files (send the version you read; audited)',
    body: z.strictObject({
      maxFileBytes: described(
        whole(1024, FILE_LIMIT_CEILING.maxFileBytes),
        `The largest file accepted, in bytes (at most ${FILE_LIMIT_CEILING.maxFileBytes}).`,
      ),
      maxFilesPerAssignment: described(
        whole(1, FILE_LIMIT_CEILING.maxFilesPerAssignment),
        'How many files a learner may keep on one assignment.',
      ),
      version: described(whole(0, 1_000_000), 'The version you read; a stale one gets 409.'),
    }),
    success: { status: 200, description: 'The settings as saved', schema: FileSettings },
  }),
} as const;
