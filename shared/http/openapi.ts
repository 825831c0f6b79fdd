import * as z from 'zod/mini';
import { createDocument } from 'zod-openapi';
import { answersWithPages, replyTypes, type RouteSpec } from './route';
import { TAGS } from './routes/tags';
import { described, meta, region } from './schemas';

const FieldProblem = z.object({
  field: described(z.string(), 'Where the value came from and its path in it, e.g. `body.liveClasses.2.date`.'),
  code: described(z.string(), 'A stable code for what is wrong (zod issue codes, or the rule broken).'),
  message: described(z.string(), 'What is wrong with this field, in words for a person.'),
});

const SeatRefusal = z.object({
  region: described(region, 'The region whose seats could not be lowered.'),
  requested: described(z.number(), 'The seats asked for.'),
  offered: described(z.number(), 'Seats of the region currently offered.'),
  enrolled: described(z.number(), 'Seats of the region currently filled.'),
});

/**
 * RFC 9457 problem details: every error a function raises. Open, as the RFC says (a client ignores members it
 * does not know), and every extension member this API sends is named here; the conformance test holds the code
 * to that list.
 */
const Problem = meta(
  z.looseObject({
    type: described(z.string(), 'Always `about:blank`: the status and title say what kind of problem it is.'),
    title: described(z.string(), "The status's short name, e.g. `Conflict`."),
    status: described(z.int(), 'The HTTP status, repeated.'),
    detail: described(z.string(), 'What happened and what to do next, in words for a person.'),
    instance: described(
      z.string(),
      "This request's id (also the `x-correlation-id` header): quote it when reporting a problem.",
    ),
    errors: described(
      z.optional(z.array(FieldProblem)),
      '400 and 422: each offending field or broken rule (400: nothing ran; 422: nothing was written).',
    ),
    code: described(
      z.optional(z.enum(['staff_client_required'])),
      '403 `staff_client_required`: a staff account (ADS, DDS) signed in through the applicant sign-in; sign in through the staff sign-in.',
    ),
    currentVersion: described(
      z.optional(z.number()),
      '409 on an edit that sent a stale `version`: the version stored now. Reload, then edit again.',
    ),
    latestVersion: described(
      z.optional(z.number()),
      '409 on confirming an allocation proposal that is not the latest: the latest version.',
    ),
    missing: described(
      z.optional(z.array(z.string())),
      '409 on confirming an allocation: the applications endorsed after the proposal was computed.',
    ),
    seats: described(
      z.optional(z.array(SeatRefusal)),
      '409 on lowering seats below those offered or filled: each region refused, with its figures.',
    ),
  }),
  {
    id: 'Problem',
    description: 'RFC 9457 problem details. Extension members are named; a client should ignore any other.',
  },
);

/** API Gateway's own answers are not problem details but `{"message": "..."}`, always in the same words. */
const gatewayMessage = (id: string, message: string) =>
  meta(z.object({ message: described(z.literal(message), "API Gateway's own words for this status.") }), {
    id,
    description: `API Gateway's own answer, before or instead of the function: \`{"message": "${message}"}\`.`,
  });

const GATEWAY_ANSWERS: Record<number, z.ZodMiniType> = {
  401: gatewayMessage('GatewayUnauthorized', 'Unauthorized'),
  413: gatewayMessage('GatewayTooLarge', 'Request Entity Too Large'),
  429: gatewayMessage('GatewayThrottled', 'Too Many Requests'),
  500: gatewayMessage('GatewayFailed', 'Internal Server Error'),
};

/** Each error status: the name of its response component, and what it means. */
const STATUSES: Record<number, [name: string, meaning: string]> = {
  400: ['BadRequest', 'Invalid input (path, query, body or a header; each offending field listed); nothing ran.'],
  401: [
    'Unauthorized',
    "Missing, expired or invalid sign-in token: the HTTP API's JWT authorizer answers, before any function runs (`{message}`); or the session has ended — the account was disabled, or signed out on every device — and the function answers (problem details). Sign in again.",
  ],
  403: [
    'Forbidden',
    'Signed in, but this role may not do this; or (`code` `staff_client_required`) a staff account signed in through the applicant sign-in.',
  ],
  404: ['NotFound', "Not found (also for another person's records: their existence is not revealed)."],
  409: [
    'Conflict',
    'Conflicts with the current state (stale version, wrong state, a concurrent change); reload, or retry when `Retry-After` says so.',
  ],
  410: ['Gone', 'The link has expired or was already used.'],
  413: ['TooLarge', 'The request is larger than API Gateway accepts (10 MiB).'],
  415: ['UnsupportedMediaType', 'The body is not `application/json`.'],
  422: ['RuleViolated', 'Breaks a rule of the course (each rule named); nothing was written.'],
  429: [
    'TooManyRequests',
    "Too many requests: API Gateway's throttling (`{message}`), or the database's (problem details, with `Retry-After`).",
  ],
  500: [
    'InternalError',
    'A bug: the function logged it (problem details), or failed outright and API Gateway answered (`{message}`).',
  ],
  503: ['Unavailable', 'A backing service did not answer in time; retry after `Retry-After` seconds.'],
};

const RETRY_AFTER = {
  'Retry-After': {
    description: "Seconds to wait before retrying (sent with the problem details, not with API Gateway's own answers).",
    schema: { type: 'integer', minimum: 0 },
  },
};
const REPLAYED = {
  'idempotent-replayed': {
    description: '`true` when this is the remembered answer to an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const IDEMPOTENCY_HEADER = z.object({
  'idempotency-key': described(
    z.optional(z.string()),
    'Makes a retried request safe: the same answer, nothing done twice (8–128 letters, digits, `_ . : -`; kept 24 hours).',
  ),
});

type Source = 'function' | 'gateway';

/** Only the docs area answers from its own files; every other function reads or writes the table. */
const usesTable = (r: RouteSpec) => r.area !== 'docs';

/**
 * Every error status a route may answer and who answers it. The general rules live here, once; a route lists only
 * what is particular to it (`problems`).
 * - every route: 400 (invalid path, query, body or header; an unknown query parameter; a body where none is taken),
 *   429 from API Gateway's throttling, 500 (a bug);
 * - signed-in routes: 401 from the JWT authorizer, or from the function when the session has ended; 403 from the
 *   function's role check, or a staff token from the applicant app client (every route, even one open to all roles);
 * - routes with a body: 413 from API Gateway, 415 from the function;
 * - routes on the table: 429 (the database throttled), 503 (it did not answer in time); writes also 409 (a
 *   concurrent change to the same record), except a POST that only reads (`readOnly`);
 * - idempotent routes: 409 (the first request with this key is still running), 422 (the key was used for another
 *   request).
 */
function errorStatuses(r: RouteSpec): Map<number, Set<Source>> {
  const answers: [number, Source][] = [
    [400, 'function'],
    [429, 'gateway'],
    [500, 'function'],
    [500, 'gateway'],
  ];
  if (r.access !== 'public') answers.push([401, 'gateway'], [401, 'function'], [403, 'function']);
  if (r.body) answers.push([413, 'gateway'], [415, 'function']);
  if (usesTable(r)) {
    answers.push([429, 'function'], [503, 'function']);
    if (r.method !== 'GET' && !r.readOnly) answers.push([409, 'function']);
  }
  if (r.idempotent) answers.push([409, 'function'], [422, 'function']);
  for (const status of r.problems ?? []) answers.push([status, 'function']);
  const statuses = new Map<number, Set<Source>>();
  for (const [status, source] of answers.sort(([a], [b]) => a - b))
    statuses.set(status, (statuses.get(status) ?? new Set()).add(source));
  return statuses;
}

const bare = (mediaType: string) => mediaType.split(';')[0]!.trim();

/**
 * An error response as it comes: problem details from the function (or, on routes that answer with pages, an
 * HTML page — the function's problem either way, picked by the client's `Accept`), `{message}` from API Gateway.
 * Each variant is one response component (`made` keeps them), so the document says it once.
 */
function errorResponse(made: Map<string, object>, r: RouteSpec, status: number, sources: Set<Source>) {
  const known = STATUSES[status];
  if (!known) throw new Error(`${r.operationId}: say what ${status} means in STATUSES`);
  const [name, description] = known;
  const fromFunction = sources.has('function');
  const pages = fromFunction && answersWithPages(r);
  const retries = fromFunction && (status === 429 || status === 503 || (status === 409 && r.idempotent === true));
  const id = [
    name,
    fromFunction ? '' : 'AtGateway',
    pages ? 'OrPage' : '',
    status === 409 && retries ? 'Retryable' : '',
  ]
    .filter(Boolean)
    .join('');
  let response = made.get(id);
  if (!response) {
    const content: Record<string, unknown> = {};
    if (fromFunction) content['application/problem+json'] = { schema: Problem };
    if (pages) content['text/html'] = { schema: { type: 'string', description: 'The problem as a page for people.' } };
    if (sources.has('gateway')) content['application/json'] = { schema: GATEWAY_ANSWERS[status]! };
    response = { id, description, content, ...(retries ? { headers: RETRY_AFTER } : {}) };
    made.set(id, response);
  }
  return response;
}

const LOCATION = {
  Location: {
    description: 'Where the page is: a path on the same origin.',
    required: true,
    schema: { type: 'string' },
  },
};

function successResponse(r: RouteSpec, description: string, status: number) {
  const redirect = status === 303 || status === 308;
  const headers = r.idempotent ? { headers: REPLAYED } : redirect ? { headers: LOCATION } : {};
  const types = replyTypes(r);
  if (types.length > 0) {
    const schema = r.success.schema ?? { type: 'string' };
    return { description, content: Object.fromEntries(types.map((t) => [bare(t), { schema }])), ...headers };
  }
  if (!r.success.schema) return { description, ...headers };
  return { description, content: { 'application/json': { schema: r.success.schema } }, ...headers };
}

/** The OpenAPI 3.1 document, built from the route table so it cannot drift from the API. */
export function openApiDocument(routes: readonly RouteSpec[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const made = new Map<string, object>();
  for (const r of routes) {
    const responses: Record<string, unknown> = {
      [r.success.status]: successResponse(r, r.success.description, r.success.status),
    };
    if (r.success.also)
      responses[r.success.also.status] = successResponse(r, r.success.also.description, r.success.also.status);
    for (const [status, sources] of errorStatuses(r)) responses[status] = errorResponse(made, r, status, sources);
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      description: [r.description, r.access === 'public' ? 'No sign-in needed.' : `Roles: ${r.access.join(', ')}.`]
        .filter(Boolean)
        .join('\n\n'),
      tags: [r.tag],
      security: r.access === 'public' ? [] : [{ cognito: [] }],
      requestParams: Object.fromEntries(
        Object.entries({
          path: r.params,
          query: r.query,
          header: r.idempotent ? IDEMPOTENCY_HEADER : undefined,
        }).filter(([, v]) => v !== undefined),
      ),
      responses,
    };
    if (r.body)
      operation.requestBody = {
        required: !r.form,
        content: {
          'application/json': { schema: r.body },
          ...(r.form ? { 'application/x-www-form-urlencoded': { schema: r.body } } : {}),
        },
      };
    const item = paths[r.path] ?? {};
    item[r.method.toLowerCase()] = operation;
    paths[r.path] = item;
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Connecticut Customized Employment certification — API',
      version: '1.0.0',
      description:
        'System of record for the CE certification course run by ADS with DDS. Times are ISO 8601 instants with Connecticut\'s offset for their date (America/New_York: `-05:00` in winter, `-04:00` in summer). Errors are RFC 9457 problem details (`application/problem+json`), except API Gateway\'s own answers (401, 413, throttling\'s 429, a failed function\'s 500), which are `{"message": "..."}` in `application/json`.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token (groups: applicant, ads-staff, dds)',
        },
      },
    },
    paths: paths as never,
  });
}
