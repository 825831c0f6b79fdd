import type { Role } from './vocabulary';

/** Someone signed in, acting: who (their sign-in `sub`), their verified sign-in email, their roles. */
export interface Actor {
  sub: string;
  email?: string;
  roles: Role[];
}
