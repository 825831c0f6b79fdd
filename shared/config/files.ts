import * as z from 'zod/mini';
import { count, readEnv } from './env';

/**
 * The homework-files bucket, for the functions that touch it (the course area and the scan-result handler only);
 * validated at their cold start.
 */
const Files = z.object({
  FILES_BUCKET: z.string().check(z.minLength(3)),
  /** Seconds a pre-signed download link works. Short: a link pasted elsewhere soon stops working. */
  DOWNLOAD_LINK_SECONDS: count(300),
  /** The local S3 server (s3rver) answers path-style addresses only; AWS uses virtual-hosted ones. */
  S3_FORCE_PATH_STYLE: z._default(z.enum(['true', 'false']), 'false'),
});

const env = readEnv(Files);

export const filesConfig = {
  bucket: env.FILES_BUCKET,
  downloadLinkSeconds: env.DOWNLOAD_LINK_SECONDS,
  forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
} as const;
