import { apiEvent, flattenClaims } from '../../scripts/local/api-event';
import { lambdaContext, loadAreaHandler } from '../../scripts/local/gateway';
import { isStaff, type Role } from '../../shared/domain/vocabulary';
import type { RouteSpec } from '../../shared/http/route';
import { conform } from './conformance';

/** A signed-in person as the authorizer would describe them (claims), for in-process calls. */
export interface As {
  sub: string;
  roles: Role[];
  email?: string;
  /** The token's `email_verified`; true unless a test says otherwise. */
  emailVerified?: boolean;
  /**
   * The app client the token was issued to: by default the one the web app signs the role in through (staff roles
   * the staff client, `STAFF_CLIENT_ID`; applicants the web client).
   */
  clientId?: string;
  /** The token's `iat` (seconds); by default, now. */
  issuedAt?: number;
}
export const ads: As = { sub: 'ads-staff-1', roles: ['ads-staff'], email: 'ads.staff@ads.example.org' };
export const dds: As = { sub: 'dds-reader-1', roles: ['dds'], email: 'dds.reader@dds.example.org' };
export const applicantA: As = { sub: 'applicant-a', roles: ['applicant'], email: 'ann.a@provider-one.example.org' };

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body string (to send malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  as?: As;
  /** Only for a route deliberately absent from the API document (a stray route key): skips the conformance check. */
  outsideTheDocument?: true;
}

export interface Answer<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

/** An ID token's claims for this person, as Cognito issues them. */
export function claimsOf(as: As): Record<string, string> {
  return flattenClaims({
    sub: as.sub,
    'cognito:groups': as.roles,
    ...(as.email ? { email: as.email, email_verified: as.emailVerified ?? true } : {}),
    aud: as.clientId ?? (isStaff(as.roles) ? process.env.STAFF_CLIENT_ID : 'local-web-client'),
    iat: as.issuedAt ?? Math.floor(Date.now() / 1000),
    token_use: 'id',
  });
}

/**
 * Calls a route's handler in-process through the same middleware stack Lambda runs, with the event the HTTP API
 * would build (claims flattened the way its JWT authorizer flattens them). Token verification itself is covered
 * by the end-to-end tests through the local gateway.
 *
 * Every answer is checked against the served API document (`conformance.ts`), except a call without a caller to
 * a signed-in route: in AWS the JWT authorizer answers that one before the function runs (checked end to end).
 */
export async function invoke<T = any>(route: RouteSpec, call: Call = {}): Promise<Answer<T>> {
  const params = call.params ?? {};
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const claims = call.as ? claimsOf(call.as) : undefined;
  const event = apiEvent({
    route,
    rawPath,
    pathParameters: params,
    query: call.query,
    headers: { 'content-type': 'application/json', ...call.headers },
    body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
    claims,
  });
  const handler = await loadAreaHandler(route.area);
  const result = await handler(event, lambdaContext(`api-${route.area}`));
  const text = result.body ?? '';
  // Header names are case-insensitive: read them lower-case, as an HTTP client would.
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const status = result.statusCode ?? 200;
  if ((call.as || route.access === 'public') && !call.outsideTheDocument)
    await conform(route, { status, headers, text });
  let body: unknown = text;
  if (/json/.test(headers['content-type'] ?? '') && text) body = JSON.parse(text);
  return { status, headers, body: body as T, text };
}
