/**
 * A small stand-in for API Gateway's HTTP API: matches the route table, verifies the bearer token exactly as the
 * JWT authorizer does (signature against the issuer's JWKS, issuer, audience, expiry), builds the same payload 2.0
 * event, and calls the same handler module that Lambda runs, with the function's own timeout. What the HTTP API
 * answers itself, it answers the same way: 401 `{"message":"Unauthorized"}`, 404 `{"message":"Not Found"}` when no
 * route matches, 413 `{"message":"Request Entity Too Large"}` over 10 MiB, 500 `{"message":"Internal Server
 * Error"}` when the function fails; and CORS by the API's configuration (preflights are answered here, never by a
 * function). It also answers cognito-local's Lambda trigger invocations, and lets local users move the clock
 * (`/_local/clock`) — a path that exists only here, never in AWS.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Context } from 'aws-lambda';
import { now, resetLocalClock, setLocalClock } from '../../shared/clock';
import { CORS } from '../../shared/http/cors';
import type { ApiEvent, ApiResult } from '../../shared/http/response';
import type { Area, RouteSpec } from '../../shared/http/route';
import { routeClass, routeThrottle } from '../../shared/http/route-classes';
import { apiTimeoutSeconds } from '../../shared/http/timeouts';
import { apiEvent, flattenClaims, matchRoute } from './api-event';

export interface GatewayAuth {
  issuer: string;
  /** The app clients whose tokens are accepted (applicants' and staff's), as the JWT authorizer's audience. */
  audience: string[];
  jwksUrl: string;
}

type ApiHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;
type TriggerHandler = (event: unknown, context: Context) => Promise<unknown>;

const MAX_BODY = 10 * 1024 * 1024;

export function lambdaContext(functionName: string, budgetMs = 29_000): Context {
  const deadline = Date.now() + budgetMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const areaHandlers = new Map<Area, Promise<ApiHandler>>();
/** Loads `functions/<area>/handler.ts` on first use, as Lambda loads a function's bundle on its cold start. */
export function loadAreaHandler(area: Area): Promise<ApiHandler> {
  let loaded = areaHandlers.get(area);
  if (!loaded) {
    loaded = import(`../../functions/${area}/handler`).then((m: { handler: ApiHandler }) => m.handler);
    areaHandlers.set(area, loaded);
  }
  return loaded;
}

class TooLarge extends Error {}

/** Reads the whole body; past 10 MiB it reads on (so the client gets to read the answer) but keeps nothing. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new TooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The body API Gateway gives its own answers. */
const message = (text: string) => JSON.stringify({ message: text });

/** The CORS headers the HTTP API adds to every answer for an allowed origin, and none for any other. */
function corsHeaders(allowOrigins: readonly string[], origin: string | undefined, preflight: boolean) {
  if (!origin || !(allowOrigins.includes(origin) || allowOrigins.includes('*'))) return {};
  const allowOrigin = { 'access-control-allow-origin': allowOrigins.includes('*') ? '*' : origin };
  if (!preflight) return { ...allowOrigin, 'access-control-expose-headers': CORS.exposeHeaders.join(',') };
  return {
    ...allowOrigin,
    'access-control-allow-methods': CORS.allowMethods.join(','),
    'access-control-allow-headers': CORS.allowHeaders.join(','),
    'access-control-max-age': String(CORS.maxAgeSeconds),
  };
}

/** `{"at": "<ISO instant>"}`, or undefined for anything else (invalid JSON included). */
function clockSetting(body: Buffer): Date | undefined {
  try {
    const at = new Date((JSON.parse(body.toString('utf8')) as { at?: unknown }).at as string);
    return Number.isNaN(at.getTime()) ? undefined : at;
  } catch {
    return undefined;
  }
}

export async function startGateway(options: {
  port: number;
  routes: readonly RouteSpec[];
  auth: GatewayAuth;
  /** Browser origins allowed to call the API (CORS): those CDK deploys, plus a local web app's. */
  allowOrigins?: readonly string[];
  triggers?: Record<string, () => Promise<TriggerHandler>>;
}) {
  const jwks = createRemoteJWKSet(new URL(options.auth.jwksUrl));
  const admit = routeThrottle();

  async function verify(header: string | undefined): Promise<Record<string, string> | undefined> {
    const token = header?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: options.auth.issuer,
        audience: options.auth.audience,
      });
      return flattenClaims(payload as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const preflight = method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    const cors = corsHeaders(options.allowOrigins ?? [], req.headers.origin, preflight);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body ? { 'content-type': 'application/json' } : {}), ...headers, ...cors });
      res.end(body);
    };
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof TooLarge) return send(413, message('Request Entity Too Large'));
      throw error;
    }
    if (preflight) return send(204, '');

    if (url.pathname === '/_local/clock') {
      if (method === 'PUT' || method === 'POST') {
        const at = clockSetting(body);
        if (!at) return send(400, message('send {"at": "<ISO instant>"}'));
        setLocalClock(at);
      } else if (method === 'DELETE') resetLocalClock();
      return send(200, JSON.stringify({ now: now().toISOString() }));
    }

    const trigger = url.pathname.match(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/);
    if (trigger && method === 'POST') {
      const load = options.triggers?.[decodeURIComponent(trigger[1]!)];
      if (!load) return send(404, JSON.stringify({ Message: 'Function not found' }));
      try {
        const result = await (await load())(JSON.parse(body.toString('utf8')), lambdaContext(trigger[1]!));
        return send(200, JSON.stringify(result ?? {}));
      } catch (error) {
        return send(200, JSON.stringify({ errorMessage: (error as Error).message, errorType: (error as Error).name }), {
          'x-amz-function-error': 'Unhandled',
        });
      }
    }

    const match = matchRoute(options.routes, method, url.pathname);
    if (!match) return send(404, message('Not Found'));
    // API Gateway's per-route throttle, with the deployed figures: an empty bucket answers 429 before anything runs.
    if (!admit(`${match.route.method} ${match.route.path}`, routeClass(match.route)))
      return send(429, message('Too Many Requests'));
    let claims: Record<string, string> | undefined;
    if (match.route.access !== 'public') {
      claims = await verify(req.headers.authorization);
      if (!claims) return send(401, message('Unauthorized'), { 'www-authenticate': 'Bearer' });
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
    const event = apiEvent({
      route: match.route,
      rawPath: url.pathname,
      pathParameters: match.params,
      query,
      headers,
      body: body.length > 0 ? body.toString('utf8') : undefined,
      claims,
      sourceIp: req.socket.remoteAddress,
    });
    let result: ApiResult;
    try {
      const area = match.route.area;
      result = await (await loadAreaHandler(area))(event, lambdaContext(`api-${area}`, apiTimeoutSeconds(area) * 1000));
    } catch (error) {
      // What Lambda would report as a function error; API Gateway answers it with a bare 500.
      console.error(`[gateway] ${match.route.operationId} failed:`, error);
      return send(500, message('Internal Server Error'));
    }
    const out = result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? '');
    res.writeHead(result.statusCode ?? 200, {
      ...Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      ...cors,
    });
    res.end(out);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[gateway] failed:', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(message('Internal Server Error'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
