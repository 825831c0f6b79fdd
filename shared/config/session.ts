import * as z from 'zod/mini';
import { readEnv } from './env';

/**
 * How long a sign-in lasts without signing in again (the app clients' refresh-token validity): a day for
 * applicants, 8 hours for staff (ADS, DDS), whose accounts reach everyone's records.
 */
export const SESSION_HOURS = { applicant: 24, staff: 8 } as const;

const Session = z.object({
  /** The staff app client: a token carrying a staff role must have been issued to it. */
  STAFF_CLIENT_ID: z.string().check(z.minLength(1)),
});

/** Read by every API function at its cold start (`areaHandler`), so a missing setting fails the init, not a request. */
export function readSessionConfig() {
  const env = readEnv(Session);
  return { staffClientId: env.STAFF_CLIENT_ID } as const;
}
