import type { Role } from './vocabulary';

/**
 * A sign-in account's standing, kept beside Cognito's (`PERSON#<sub>`/`#ACCOUNT`): Cognito cannot revoke an ID token
 * it already issued (global sign-out ends refresh tokens only), so the API refuses tokens by this record.
 * No record: an account never disabled nor signed out everywhere.
 */
export interface AccountState {
  sub: string;
  status: 'enabled' | 'disabled';
  /** The groups it was in when it was disabled, so that enabling it gives them back. */
  groups: Role[];
  /** Every token issued before this instant is refused (disabling, or signing out on every device). */
  sessionsEndedAt?: string;
  version: number;
  updatedAt: string;
}

/**
 * The revocation rule, in one place: a token is refused when its account is disabled, or when it was issued before
 * (or in the same second as) the account's sessions were ended. `iat` has whole seconds, so a token issued in that
 * second cannot be told from one issued just before: it is refused too, and its holder signs in again.
 */
export function sessionEnded(
  state: Pick<AccountState, 'status' | 'sessionsEndedAt'> | undefined,
  issuedAtSeconds: number | undefined,
): boolean {
  if (!state) return false;
  if (state.status === 'disabled') return true;
  if (!state.sessionsEndedAt) return false;
  if (issuedAtSeconds === undefined) return true;
  return issuedAtSeconds <= Math.floor(Date.parse(state.sessionsEndedAt) / 1000);
}
