import * as domain from '../domain/errors';
import type { RouteSpec } from './route';

/**
 * The HTTP edge's problems, each with its status, rendered as `application/problem+json` (RFC 9457) by the single
 * error middleware. Use cases throw the domain's errors (`shared/domain/errors.ts`); `classifyUnexpected` is the
 * one place that maps them, and infrastructure failures, to these.
 */
export interface FieldProblem {
  /** Where the value came from and its path inside it, e.g. `body.liveClasses.2.date`. */
  field: string;
  code: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extras: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export class BadRequest extends HttpProblem {
  constructor(
    detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(400, 'Bad request', detail, { errors });
  }
}
/** The request is well-formed but breaks a rule of the course (e.g. a class on a state holiday). */
export class RuleViolation extends HttpProblem {
  constructor(
    detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(422, 'Rule violated', detail, { errors });
  }
}
export class Unauthorized extends HttpProblem {
  constructor(detail = 'Sign in first.') {
    super(401, 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' });
  }
}
export class Forbidden extends HttpProblem {
  /** `code` tells a refusal the client can act on (`staff_client_required`: sign in through the staff sign-in). */
  constructor(detail = 'Your role may not do this.', extras: { code?: string } = {}) {
    super(403, 'Forbidden', detail, extras);
  }
}
/** Also what someone gets for another person's object: its existence is not revealed. */
export class NotFound extends HttpProblem {
  constructor(what: string) {
    super(404, 'Not found', `${what} was not found.`);
  }
}
export class Conflict extends HttpProblem {
  constructor(detail: string, extras: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extras);
  }
}
export class Gone extends HttpProblem {
  constructor(detail: string) {
    super(410, 'Gone', detail);
  }
}
export class TooManyRequests extends HttpProblem {
  constructor(detail = 'The service is busy; retry shortly.', retryAfterSeconds = 1) {
    super(429, 'Too many requests', detail, {}, { 'retry-after': String(retryAfterSeconds) });
  }
}
export class ServiceUnavailable extends HttpProblem {
  constructor(
    detail = 'A backing service did not answer in time; nothing was changed by this attempt unless a retry says so. Retry shortly.',
  ) {
    super(503, 'Service unavailable', detail, {}, { 'retry-after': '2' });
  }
}

const THROTTLES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);
const UNAVAILABLE = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  'ServiceUnavailable',
  'InternalServerError',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** A route's top-level input keys, per part of the request; the part is the prefix of an offending field. */
function partsOf(route: RouteSpec): [prefix: string, keys: readonly string[]][] {
  const keys = (schema: unknown) => Object.keys((schema as { shape?: object } | undefined)?.shape ?? {});
  return [
    ['path', keys(route.params)],
    ['query', keys(route.query)],
    ['body', keys(route.body)],
  ];
}

/**
 * Names each offending input by where it came from: `iterationId` is `body.iterationId` on a route whose body has
 * it, `path.iterationId` on one whose path has it. A name that is no input of the route (`profile`, or the stored
 * plan's `liveClasses` when publishing) stays as it is.
 */
function located(problems: domain.FieldProblem[], route: RouteSpec | undefined): FieldProblem[] {
  const parts = route ? partsOf(route) : [];
  return problems.map((p) => {
    const key = p.field.split('.')[0]!;
    const part = parts.find(([, keys]) => keys.includes(key));
    return part ? { ...p, field: `${part[0]}.${p.field}` } : p;
  });
}

function fromDomain(error: domain.DomainError, route: RouteSpec | undefined): HttpProblem | undefined {
  if (error instanceof domain.NotFound) return new HttpProblem(404, 'Not found', error.message);
  if (error instanceof domain.RuleBroken) return new RuleViolation(error.message, located(error.problems, route));
  if (error instanceof domain.InvalidInput) return new BadRequest(error.message, located(error.problems, route));
  if (error instanceof domain.StaleWrite)
    return new Conflict(
      error.message,
      error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion },
    );
  if (error instanceof domain.StateConflict) return new Conflict(error.message, error.details);
  if (error instanceof domain.Gone) return new Gone(error.message);
  if (error instanceof domain.TooSoon)
    return new TooManyRequests(error.message, Math.max(1, Math.ceil(error.retryAfterSeconds)));
  if (error instanceof domain.Unavailable) return new ServiceUnavailable(error.message);
  return undefined;
}

/**
 * The one mapper to HTTP answers: the domain's errors by kind (offending inputs located in the request when the
 * route is known), infrastructure failures as clear 409/429/503 answers. Only a genuine bug stays a 500.
 * DynamoDB's transaction cancellations and unhandled condition failures mean someone else changed the same record
 * first: the client may retry.
 */
export function classifyUnexpected(error: unknown, route?: RouteSpec): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof domain.DomainError) return fromDomain(error, route);
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  const code = (error as { code?: string }).code;
  if (THROTTLES.has(name)) return new TooManyRequests();
  if (name === 'TransactionConflictException' || name === 'ConditionalCheckFailedException') {
    return new Conflict('The record was changed by another request at the same moment; retry.');
  }
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded')) {
      return new TooManyRequests();
    }
    return new Conflict('The record was changed by another request at the same moment; retry.');
  }
  if (UNAVAILABLE.has(name) || (code !== undefined && UNAVAILABLE.has(code))) return new ServiceUnavailable();
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return new ServiceUnavailable();
  if (/socket hang up|ECONNREFUSED|ECONNRESET|connect ETIMEDOUT/i.test(error.message)) return new ServiceUnavailable();
  return undefined;
}
