import * as z from 'zod/mini';
import { readEnv } from './env';

/**
 * How the functions that sign credentials reach the issuer's key, validated at their cold start: in AWS an
 * asymmetric KMS key (the private key never leaves KMS), locally a PEM file generated on first use. Exactly one.
 */
const Credentials = z
  .object({
    CREDENTIAL_KMS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
    CREDENTIAL_SIGNING_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.refine((env) => Boolean(env.CREDENTIAL_KMS_KEY_ID) !== Boolean(env.CREDENTIAL_SIGNING_KEY_FILE), {
      message: 'set exactly one of CREDENTIAL_KMS_KEY_ID and CREDENTIAL_SIGNING_KEY_FILE',
      path: ['CREDENTIAL_KMS_KEY_ID'],
    }),
  );

const env = readEnv(Credentials);

export const credentialsConfig = {
  kmsKeyId: env.CREDENTIAL_KMS_KEY_ID,
  keyFile: env.CREDENTIAL_SIGNING_KEY_FILE,
} as const;
