import type { Actor } from '../domain/actor';
import { ROLES, type Role } from '../domain/vocabulary';

/**
 * Who is calling: the domain's actor, built here from the verified token's claims, and what the middleware needs to
 * know about the session: the app client the token was issued to, and when it was issued.
 */
export interface Caller extends Actor {
  /** The ID token's `aud` (the access token's `client_id`). */
  clientId?: string;
  /** The token's `iat`, in seconds since the epoch. */
  issuedAt?: number;
}

/**
 * `cognito:groups` arrives as an array from a token, but API Gateway's HTTP API JWT authorizer flattens array
 * claims into a string like `[applicant ads-staff]`. This is the one place that reads it, in any of its shapes.
 */
export function parseGroups(value: unknown): Role[] {
  let names: string[] = [];
  if (Array.isArray(value)) names = value.map(String);
  else if (typeof value === 'string') names = value.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  return names.filter((n): n is Role => (ROLES as readonly string[]).includes(n));
}

/** The authorizer hands every claim over as a string (`"true"`, `"1733650000"`); a token has them typed. */
const isTrue = (value: unknown) => value === true || value === 'true';
const seconds = (value: unknown) => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const caller: Caller = { sub: claims.sub, roles: parseGroups(claims['cognito:groups']) };
  if (typeof claims.email === 'string') caller.email = claims.email;
  caller.emailVerified = isTrue(claims.email_verified);
  const clientId = text(claims.aud) ?? text(claims.client_id);
  if (clientId) caller.clientId = clientId;
  const issuedAt = seconds(claims.iat);
  if (issuedAt !== undefined) caller.issuedAt = issuedAt;
  return caller;
}
