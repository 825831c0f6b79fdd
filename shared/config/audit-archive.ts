import * as z from 'zod/mini';
import { readEnv } from './env';

/** The audit archive bucket (S3 Object Lock), for the function that copies audit records there; read at cold start. */
const Archive = z.object({
  AUDIT_ARCHIVE_BUCKET: z.string().check(z.minLength(3)),
  /** The local S3 server (s3rver) answers path-style addresses only; AWS uses virtual-hosted ones. */
  S3_FORCE_PATH_STYLE: z._default(z.enum(['true', 'false']), 'false'),
});

const env = readEnv(Archive);

export const auditArchiveConfig = {
  bucket: env.AUDIT_ARCHIVE_BUCKET,
  forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
} as const;
