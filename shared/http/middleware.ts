import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { atOneInstant } from '../clock';
import { logger } from '../observability/logger';
import { readableStack } from '../observability/stack';
import { readSessionConfig } from '../config/session';
import { sessionEnded } from '../domain/account';
import { isStaff } from '../domain/vocabulary';
import { callerFromClaims, type Caller } from './caller';
import {
  BadRequest,
  classifyUnexpected,
  Forbidden,
  HttpProblem,
  NotFound,
  Unauthorized,
  type FieldProblem,
} from './errors';
import { problemResponse, replyResponse, jsonResponse, type ApiEvent, type ApiResult } from './response';
import { WithStatus, type Implementations, type Reply, type RouteInput, type RouteSpec } from './route';

interface RouteContext extends Context {
  route: RouteSpec;
  caller?: Caller;
  input: RouteInput<RouteSpec>;
  /** A remembered answer to give again instead of running the operation (a retried `Idempotency-Key`). */
  replay?: ApiResult;
}

/** Finds the route the gateway matched; the route key is `METHOD /path/{param}` in both AWS and the local gateway. */
const resolveRoute = (routes: Map<string, RouteSpec>): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => ({
  before: (request) => {
    const route = routes.get(request.event.routeKey);
    if (!route) throw new NotFound(`Route ${request.event.routeKey}`);
    request.context.route = route;
    logger.appendKeys({ route: route.operationId });
  },
});

/** The settings a function with signed-in routes reads at its cold start. */
type SessionSettings = ReturnType<typeof readSessionConfig>;

/**
 * The account's standing, read on each signed-in request. Imported on first use: a function whose routes are all
 * public (the docs) never loads the table client.
 */
const accountState = async (sub: string) => (await import('../data/accounts')).getAccountState(sub);

/**
 * Role check on every route: anonymous → 401, wrong group → 403. Object ownership is checked by each use case.
 * On signed-in routes, first:
 * - a token with a staff role must come from the staff app client (8-hour sessions), else 403
 *   `staff_client_required`: the applicants' client keeps a session for a day;
 * - the account must not be disabled, nor the token issued before its sessions were ended (`sessionEnded`), else
 *   401: Cognito cannot revoke an ID token it issued, so the API refuses it here, the one place that checks.
 */
const authorize = (settings: SessionSettings | undefined): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => ({
  before: async (request) => {
    const { route } = request.context;
    const claims = (request.event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
      .authorizer?.jwt?.claims;
    const caller = callerFromClaims(claims);
    if (route.access === 'public') {
      if (caller) request.context.caller = caller;
      return;
    }
    if (!caller || !settings) throw new Unauthorized();
    if (isStaff(caller.roles) && caller.clientId !== settings.staffClientId)
      throw new Forbidden('Staff accounts sign in through the staff sign-in.', { code: 'staff_client_required' });
    if (sessionEnded(await accountState(caller.sub), caller.issuedAt))
      throw new Unauthorized('This session has ended; sign in again.');
    if (!caller.roles.some((role) => route.access.includes(role))) throw new Forbidden();
    request.context.caller = caller;
    logger.appendKeys({ callerRoles: caller.roles.join(' ') });
  },
});

/** One problem per offending field; an unknown key is named in `field` itself, so each one is listed on its own. */
function problemsOf(source: string, error: z.core.$ZodError): FieldProblem[] {
  return error.issues.flatMap((issue: z.core.$ZodIssue): FieldProblem[] => {
    const at = [source, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: [...at, key].join('.'),
        code: issue.code,
        message: 'Not a known field',
      }));
    return [{ field: at.join('.'), code: issue.code, message: issue.message }];
  });
}

const hasBody = (event: ApiEvent) => event.body !== undefined && event.body !== '';

const FORM = /^application\/x-www-form-urlencoded\b/i;

/**
 * The body as JSON, or `undefined` when none was sent (then the route's schema says it is missing). A route that
 * takes an HTML form (`form`) also reads `application/x-www-form-urlencoded`, and an absent body as an empty form.
 */
function parseBody(event: ApiEvent, route: RouteSpec): unknown {
  if (!hasBody(event)) return route.form ? {} : undefined;
  const contentType = event.headers?.['content-type'] ?? 'application/json';
  const text = event.isBase64Encoded ? Buffer.from(event.body!, 'base64').toString('utf8') : event.body!;
  if (route.form && FORM.test(contentType)) return Object.fromEntries(new URLSearchParams(text));
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new HttpProblem(415, 'Unsupported media type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('The body is not valid JSON.', [
      { field: 'body', code: 'invalid_json', message: 'Not valid JSON' },
    ]);
  }
}

/** A route that declares no query string takes none: an unknown parameter is refused like an unknown field. */
const NO_QUERY = z.strictObject({});

/**
 * zod validation of path, query and body; every offending field is listed, and nothing runs on a 400.
 * - Query: every route refuses parameters it does not declare (each one listed as `query.<name>`).
 * - Body: a route that declares a body requires one (missing or JSON `null` → `body`); a route that declares none
 *   accepts only an absent or empty body — anything else, `{}` included, is refused (`body`, `unrecognized_body`).
 */
const validate = (): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => ({
  before: (request) => {
    const { route } = request.context;
    const problems: FieldProblem[] = [];
    const parsePart = (source: string, schema: z.ZodMiniType | undefined, value: unknown) => {
      if (!schema) return undefined;
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      problems.push(...problemsOf(source, result.error));
      return undefined;
    };
    const params = parsePart('path', route.params, request.event.pathParameters ?? {});
    const query = parsePart('query', route.query ?? NO_QUERY, request.event.queryStringParameters ?? {});
    const body = parsePart('body', route.body, route.body ? parseBody(request.event, route) : undefined);
    if (!route.body && hasBody(request.event)) {
      problems.push({ field: 'body', code: 'unrecognized_body', message: 'This route takes no body' });
    }
    if (problems.length > 0) throw new BadRequest('Some fields are missing or invalid.', problems);
    request.context.input = {
      params,
      query: route.query ? query : undefined,
      body,
      caller: request.context.caller,
      requestId: request.event.requestContext.requestId,
    } as RouteInput<RouteSpec>;
  },
});

/** One structured line per request: route, status, duration, correlation id — never who or what was sent. */
const accessLog = (): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => {
  const line = (request: { event: ApiEvent; response?: ApiResult | null; context: RouteContext }) =>
    logger.info('request', {
      status: request.response?.statusCode,
      durationMs: Date.now() - request.event.requestContext.timeEpoch,
    });
  return {
    before: (request) => {
      logger.resetKeys();
      logger.appendKeys({ correlationId: request.event.requestContext.requestId });
    },
    after: line,
    onError: (request) => line(request as never),
  };
};

/** Renders every failure as problem+json. Unknown failures are logged (without personal data) and become 500s. */
const problemJson = (): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => ({
  onError: async (request) => {
    const problem = classifyUnexpected(request.error);
    if (problem) {
      if (problem.status >= 500) logger.warn('dependency failure', { error: request.error?.name });
      request.response = problemResponse(problem, request.event, request.context.route);
      return;
    }
    logger.error('unexpected failure', {
      error: request.error?.name,
      stack: await readableStack(request.error?.stack),
    });
    request.response = problemResponse(
      new HttpProblem(500, 'Internal error', 'Something failed on our side. It has been logged.'),
      request.event,
      request.context.route,
    );
  },
});

/**
 * The security headers every answer carries, errors and replays included. Content-Security-Policy is not here: it
 * depends on what the body is, so `response.ts` sets it with the body. HSTS: the API is HTTPS only. (Written here
 * rather than through a headers middleware package: four constant headers were 5 KB of library in every function.)
 */
const API_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
} as const;

const securityHeaders = (): MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> => {
  const add = (request: { response?: ApiResult | null }) => {
    if (request.response) request.response.headers = { ...request.response.headers, ...API_SECURITY_HEADERS };
  };
  return { after: add, onError: add };
};

export type ExtraMiddleware = MiddlewareObj<ApiEvent, ApiResult, Error, RouteContext> & { handles?: 'idempotency' };

/**
 * The one stack every API function goes through: route → session and role → validation → (idempotency) → operation →
 * response shaped by the route's schema; any error → problem+json; security headers on every answer.
 * Areas with idempotent routes pass the idempotency middleware (kept out of the others' bundles); forgetting it is
 * caught at cold start rather than silently ignoring `Idempotency-Key`.
 * No middleware answers early (middy would skip every `after`, security headers and the access log included): a
 * replay is handed to the handler, which gives it instead of running the operation.
 */
export function areaHandler<Routes extends Record<string, RouteSpec>>(
  routes: Routes,
  operations: Implementations<Routes>,
  extras: ExtraMiddleware[] = [],
) {
  if (Object.values(routes).some((r) => r.idempotent) && !extras.some((m) => m.handles === 'idempotency')) {
    throw new Error('An area with idempotent routes needs the idempotency middleware');
  }
  const signedIn = Object.values(routes).some((r) => r.access !== 'public');
  const settings = signedIn ? readSessionConfig() : undefined;
  const byKey = new Map<string, RouteSpec>();
  const byId = new Map<string, (input: RouteInput<RouteSpec>) => Promise<unknown>>();
  for (const [id, spec] of Object.entries(routes)) {
    byKey.set(`${spec.method} ${spec.path}`, spec);
    byId.set(spec.operationId, operations[id as keyof Routes] as (input: RouteInput<RouteSpec>) => Promise<unknown>);
  }
  return middy<ApiEvent, ApiResult, Error, RouteContext>()
    .use(accessLog())
    .use(securityHeaders())
    .use(problemJson())
    .use(resolveRoute(byKey))
    .use(authorize(settings))
    .use(validate())
    .use(extras)
    .handler(async (event, context) => {
      const { route, input, replay } = context;
      if (replay) return replay;
      const operation = byId.get(route.operationId);
      if (!operation) throw new NotFound(`Route ${route.operationId}`);
      const outcome = await atOneInstant(() => operation(input));
      const [status, result] =
        outcome instanceof WithStatus ? [outcome.status, outcome.body] : [route.success.status, outcome];
      if (route.success.contentType) return replyResponse(status, result as Reply, event, route);
      return jsonResponse(status, route.success.schema ? route.success.schema.parse(result) : undefined, event);
    });
}
