import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpProblem } from './errors';
import type { Reply, RouteSpec, SuccessStatus } from './route';
import { escapeHtml, page } from '../html';

/** The HTTP API payload 2.0 event; with a JWT authorizer it also carries `requestContext.authorizer.jwt.claims`. */
export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

const baseHeaders = (event: ApiEvent) => ({
  'x-correlation-id': event.requestContext.requestId,
  'cache-control': 'no-store',
});

export function jsonResponse(status: SuccessStatus, body: unknown, event: ApiEvent): ApiResult {
  if (status === 204 || body === undefined) return { statusCode: status, headers: baseHeaders(event) };
  return {
    statusCode: status,
    headers: { ...baseHeaders(event), 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export function replyResponse(status: SuccessStatus, reply: Reply, event: ApiEvent): ApiResult {
  const headers: Record<string, string> = { ...baseHeaders(event), 'content-type': reply.contentType };
  if (reply.filename) headers['content-disposition'] = `attachment; filename="${reply.filename}"`;
  if (reply.cacheSeconds) headers['cache-control'] = `public, max-age=${reply.cacheSeconds}`;
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
  const negotiates = route?.success.contentType?.startsWith('text/html') ?? false;
  const headers = { ...baseHeaders(event), ...problem.headers, ...(negotiates ? { vary: 'accept' } : {}) };
  if (negotiates && prefersHtml(event.headers?.accept)) {
    return {
      statusCode: problem.status,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
      body: page(problem.title, `<p>${escapeHtml(problem.message)}</p>`),
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
