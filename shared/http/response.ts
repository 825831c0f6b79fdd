import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpProblem } from './errors';
import { answersWithPages, type Reply, type RouteSpec, type SuccessStatus } from './route';
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

/**
 * RFC 9457 problem details. `errors` lists the offending fields when there are any. Routes that answer people
 * with pages (the supervisor links) get the same problem as a short HTML page.
 */
export function problemResponse(problem: HttpProblem, event: ApiEvent, route?: RouteSpec): ApiResult {
  if (route && answersWithPages(route)) {
    return {
      statusCode: problem.status,
      headers: { ...baseHeaders(event), ...problem.headers, 'content-type': 'text/html; charset=utf-8' },
      body: page(problem.title, `<p>${escapeHtml(problem.message)}</p>`),
    };
  }
  return {
    statusCode: problem.status,
    headers: { ...baseHeaders(event), ...problem.headers, 'content-type': 'application/problem+json' },
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
