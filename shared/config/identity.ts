import * as z from 'zod/mini';
import { readEnv } from './env';

/** Only the accounts function manages Cognito users, so only it is given the pool; validated at its cold start. */
const Identity = z.object({
  USER_POOL_ID: z.string().check(z.minLength(1)),
  /** cognito-local cannot send invitations; in AWS Cognito emails the temporary password itself. */
  COGNITO_SUPPRESS_INVITES: z._default(z.enum(['true', 'false']), 'false'),
});

const env = readEnv(Identity);

export const identityConfig = {
  userPoolId: env.USER_POOL_ID,
  suppressInvites: env.COGNITO_SUPPRESS_INVITES === 'true',
} as const;
