import * as z from 'zod/mini';
import { readEnv } from './env';

/**
 * How the functions that send email reach the key that seals link tokens waiting in the outbox: in AWS a symmetric
 * KMS key, locally a key file generated on first use. At most one; a function given neither never queues or sends a
 * link (it fails on the first it meets, naming the variables).
 */
const LinkSeal = z
  .object({
    LINK_SEAL_KMS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
    LINK_SEAL_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.refine((env) => !(env.LINK_SEAL_KMS_KEY_ID && env.LINK_SEAL_KEY_FILE), {
      message: 'set at most one of LINK_SEAL_KMS_KEY_ID and LINK_SEAL_KEY_FILE',
      path: ['LINK_SEAL_KMS_KEY_ID'],
    }),
  );

const env = readEnv(LinkSeal);

export const linkSealConfig = {
  kmsKeyId: env.LINK_SEAL_KMS_KEY_ID,
  keyFile: env.LINK_SEAL_KEY_FILE,
} as const;
