import { InvalidInput, RuleBroken } from './errors';
import type { Role } from './vocabulary';

/** Someone signed in, acting: who (their sign-in `sub`), their sign-in email (and whether it is verified), their roles. */
export interface Actor {
  sub: string;
  email?: string;
  /** The token's `email_verified`: only `true` when the address was proved to be theirs. */
  emailVerified?: boolean;
  roles: Role[];
}

/**
 * The sign-in email, for a write that records or compares it. Refused unless Cognito verified it: an address
 * nobody proved would otherwise be written as the person's, and ADS's search by email would find the wrong person.
 */
export function verifiedEmail(actor: Actor): string {
  if (!actor.email)
    throw new InvalidInput('Your sign-in token carries no email.', [
      { field: 'token.email', code: 'missing', message: 'sign in again' },
    ]);
  if (actor.emailVerified !== true)
    throw new RuleBroken('Your sign-in email is not verified yet.', [
      {
        field: 'token.email_verified',
        code: 'email_not_verified',
        message: 'verify your new email address with the code sent to it, then sign in again',
      },
    ]);
  return actor.email;
}
