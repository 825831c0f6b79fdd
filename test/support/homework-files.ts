import { handler as scanResult } from '../../functions/files/scan-result';
import { homeworkFileRoutes } from '../../shared/http/routes/homework-files';
import { type As, invoke } from './invoke';

/** A small PDF, as far as the content check reads it. */
export const aPdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);

/**
 * A learner's file, uploaded as a browser does (start, multipart POST to the pre-signed form, record) and, with
 * `scanned`, cleared by a malware scan result sent to its handler. Returns the file's id.
 */
export async function uploadedFile(
  learner: As,
  params: { applicationId: string; assignmentId: string },
  options: { post?: boolean; scanned?: boolean } = {},
): Promise<string> {
  const content = aPdf();
  const started = await invoke(homeworkFileRoutes.startHomeworkUpload, {
    as: learner,
    params,
    body: { name: 'profile.pdf', contentType: 'application/pdf', size: content.length },
  });
  if (started.status !== 201) throw new Error(`upload not started: ${started.text}`);
  const fileId = started.body.file.fileId as string;
  if (options.post === false) return fileId;
  const form = new FormData();
  for (const [name, value] of Object.entries(started.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(content)]), 'profile.pdf');
  const posted = await fetch(started.body.upload.url, { method: 'POST', body: form });
  if (!posted.ok) throw new Error(`upload refused by S3: ${posted.status}`);
  const recorded = await invoke(homeworkFileRoutes.recordHomeworkUpload, {
    as: learner,
    params: { ...params, fileId },
  });
  if (recorded.status !== 200) throw new Error(`upload not recorded: ${recorded.text}`);
  if (options.scanned)
    await scanResult({
      detail: {
        s3ObjectDetails: { bucketName: process.env.FILES_BUCKET!, objectKey: started.body.upload.fields.key },
        scanResultDetails: { scanResultStatus: 'NO_THREATS_FOUND' },
      },
    });
  return fileId;
}
