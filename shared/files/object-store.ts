import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { filesConfig } from '../config/files';

/**
 * The homework-files bucket. One client per container; locally `AWS_ENDPOINT_URL_S3` points the same calls at the
 * local S3 server (s3rver), which needs path-style addresses.
 */
const s3 = new S3Client({
  forcePathStyle: filesConfig.forcePathStyle,
  maxAttempts: 3,
  requestHandler: { requestTimeout: 5000, connectionTimeout: 1000, throwOnRequestTimeout: true },
});
const Bucket = filesConfig.bucket;

/** A form a browser posts as multipart/form-data: its fields first, then the file as the last field, `file`. */
export async function presignedUpload(
  key: string,
  policy: { fields: Record<string, string>; conditions: unknown[] },
  expiresSeconds: number,
) {
  return createPresignedPost(s3, {
    Bucket,
    Key: key,
    Fields: policy.fields,
    Conditions: policy.conditions as never,
    Expires: expiresSeconds,
  });
}

/** A short-lived GET link that makes the browser save the file under its own name. */
export function presignedDownload(key: string, name: string, contentType: string): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    }),
    { expiresIn: filesConfig.downloadLinkSeconds },
  );
}

/** The object's size and content type, or undefined if there is no such object. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Some bytes of the object: `bytes=0-4095` (its start) or `bytes=-65536` (its end). */
export async function readRange(key: string, range: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket, Key: key, Range: range }));
  return object.Body ? object.Body.transformToByteArray() : new Uint8Array();
}

export async function deleteObject(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
}

/** Moves an object under another key (copy, then delete the original), tagged with why. */
export async function moveObject(from: string, to: string, tags: Record<string, string>): Promise<void> {
  await s3.send(
    new CopyObjectCommand({
      Bucket,
      Key: to,
      CopySource: `${Bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
      TaggingDirective: 'REPLACE',
      Tagging: new URLSearchParams(tags).toString(),
    }),
  );
  await deleteObject(from);
}
