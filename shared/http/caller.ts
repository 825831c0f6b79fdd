import type { Actor } from '../domain/actor';
import { ROLES, type Role } from '../domain/vocabulary';

/** Who is calling: the domain's actor, built here from the verified token's claims. */
export type Caller = Actor;

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

export function callerFromClaims(claims: Record<string, unknown> | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const caller: Caller = { sub: claims.sub, roles: parseGroups(claims['cognito:groups']) };
  if (typeof claims.email === 'string') caller.email = claims.email;
  return caller;
}
