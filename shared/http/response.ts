import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpProblem } from './errors';
import { answersWithPages, type Reply, type RouteSpec, type SuccessStatus } from './route';
import { createHash } from 'node:crypto';
import { PAGE_POLICY } from './render/layout';
import { problemPage } from './render/problem-page';

/** The HTTP API payload 2.0 event; with a JWT authorizer it also carries `requestContext.authorizer.jwt.claims`. */
export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** A CSP source allowing exactly this inline script or stylesheet. */
export const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Content-Security-Policy by what the body is (the other security headers are the same on every answer and come
 * from the middy stack). A page — a supervisor link page, a verification page or an HTML problem page — may load
 * the design system's stylesheet, fonts and images from its own origin and post its form back there, nothing
 * else: no script, no inline style, no frame, no other origin (`PAGE_POLICY`, with the pages' layout). Anything
 * that is not a page (JSON, CSV, iCalendar, scripts) may load nothing at all.
 */
export { PAGE_POLICY };
export const NOT_A_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers of every answer. `no-store` unless a public route's reply says it may be cached (the docs): signed-in
 * data, link pages and errors are never kept by a browser or a proxy.
 */
const baseHeaders = (event: ApiEvent, contentSecurityPolicy = NOT_A_PAGE_POLICY): Record<string, string> => ({
  'x-correlation-id': event.requestContext.requestId,
  'cache-control': 'no-store',
  'content-security-policy': contentSecurityPolicy,
});

export function jsonResponse(status: SuccessStatus, body: unknown, event: ApiEvent): ApiResult {
  if (status === 204 || body === undefined) return { statusCode: status, headers: baseHeaders(event) };
  return {
    statusCode: status,
    headers: { ...baseHeaders(event), 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function replyResponse(status: SuccessStatus, reply: Reply, event: ApiEvent, route: RouteSpec): ApiResult {
  const policy =
    reply.contentSecurityPolicy ?? (reply.contentType.startsWith('text/html') ? PAGE_POLICY : NOT_A_PAGE_POLICY);
  const headers: Record<string, string> = { ...baseHeaders(event, policy), 'content-type': reply.contentType };
  if (reply.location) headers.location = reply.location;
  if (reply.filename) headers['content-disposition'] = `attachment; filename="${reply.filename}"`;
  if (reply.cacheSeconds && route.access === 'public')
    headers['cache-control'] = `public, max-age=${reply.cacheSeconds}`;
  return { statusCode: status, headers, body: reply.body, isBase64Encoded: reply.isBase64Encoded ?? false };
}

/** Ranges under which an API client accepts problem+json. */
const JSON_RANGES = new Set(['application/problem+json', 'application/json', 'application/*', '*/*']);

/**
 * Whether the client prefers a page to problem+json: `text/html` named explicitly, with a higher weight than any
 * range that covers problem+json. Browsers navigating name `text/html` first and give the wildcard a lower weight;
 * API clients send a JSON type, the wildcard or nothing, and a tie goes to problem+json.
 */
export function prefersHtml(accept: string | undefined): boolean {
  let html = 0;
  let json = 0;
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [range = '', ...params] = part.split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (Number.isNaN(q)) continue;
    if (range === 'text/html') html = Math.max(html, q);
    if (JSON_RANGES.has(range)) json = Math.max(json, q);
  }
  return html > json;
}

/**
 * RFC 9457 problem details: every error a function answers is `application/problem+json`, `errors` listing the
 * offending fields when there are any. Routes whose answer is a page for people (the supervisor links, the docs
 * page) negotiate: a browser (`Accept` preferring `text/html`) gets the same problem as a short readable page.
 */
export function problemResponse(problem: HttpProblem, event: ApiEvent, route?: RouteSpec): ApiResult {
  const negotiates = route ? answersWithPages(route) : false;
  const headers = { ...baseHeaders(event), ...problem.headers, ...(negotiates ? { vary: 'accept' } : {}) };
  if (negotiates && prefersHtml(event.headers?.accept)) {
    return {
      statusCode: problem.status,
      headers: { ...headers, 'content-security-policy': PAGE_POLICY, 'content-type': 'text/html; charset=utf-8' },
      body: problemPage(problem, event, route!),
    };
  }
  return {
    statusCode: problem.status,
    headers: { ...headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance: event.requestContext.requestId,
      ...problem.extras,
    }),
  };
}
