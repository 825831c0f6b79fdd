import * as z from 'zod/mini';
import { createDocument } from 'zod-openapi';
import type { RouteSpec } from './route';
import { meta } from './schemas';

const Problem = meta(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.optional(z.string()),
    errors: z.optional(z.array(z.object({ field: z.string(), code: z.string(), message: z.string() }))),
  }),
  { id: 'Problem', description: 'RFC 9457 problem details; `errors` lists each offending field.' },
);

const IDEMPOTENCY_HEADER = z.object({
  'idempotency-key': meta(z.optional(z.string()), {
    description: 'Makes a retried request safe: the same answer, nothing done twice.',
  }),
});

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input (each offending field listed); nothing was written',
  401: 'Missing, expired or invalid sign-in token',
  403: 'Signed in, but this role may not do this',
  404: "Not found (also for another person's records)",
  409: 'Conflicts with the current state (stale version, seats taken, concurrent change)',
  410: 'The link has expired or was already used',
  415: 'Send JSON',
  422: 'Breaks a rule of the course (each rule named)',
  429: 'Busy; retry',
  503: 'A backing service did not answer; retry',
};

/** The OpenAPI 3.1 document, built from the route table so it cannot drift from the API. */
export function openApiDocument(routes: readonly RouteSpec[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {
      [r.success.status]: r.success.contentType
        ? {
            description: r.success.description,
            content: { [r.success.contentType.split(';')[0]!]: { schema: { type: 'string' } } },
          }
        : r.success.schema
          ? { description: r.success.description, content: { 'application/json': { schema: r.success.schema } } }
          : { description: r.success.description },
    };
    for (const status of r.problems ?? []) {
      responses[status] = {
        description: PROBLEM_TEXT[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: Problem } },
      };
    }
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
        "System of record for the CE certification course run by ADS with DDS. Times are ISO 8601 instants with Connecticut's offset (America/New_York).",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
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
