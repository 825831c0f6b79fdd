import { identityConfig } from '../config/identity';
import { putUserPoolExport } from '../data/user-pool-exports';
import { ctDate, toCtIso } from '../domain/calendar/time';
import { ROLES } from '../domain/vocabulary';
import { poolUsers } from '../identity/cognito';

/**
 * The `user-pool-export` job: every user of the pool (sub, email, status, groups) into the table, once a day
 * (a second run that day replaces that day's export). Counts only in its log line.
 */
export async function exportUserPool(at: Date): Promise<{ users: number; parts: number }> {
  const users = await poolUsers(identityConfig.userPoolId, ROLES);
  const parts = await putUserPoolExport(ctDate(at), users, toCtIso(at));
  return { users: users.length, parts };
}
