import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { apiEvent } from '../../scripts/local/api-event';
import { lambdaContext, loadAreaHandler } from '../../scripts/local/gateway';
import { toCtIso } from '../../shared/domain/calendar/time';
import type { RouteSpec } from '../../shared/http/route';
import { docsRoutes } from '../../shared/http/routes/docs';

/**
 * Response conformance: every answer the integration suites (`invoke`) and the end-to-end suites (the local
 * gateway) receive is checked, where it is received, against the OpenAPI document the API serves — its status,
 * its media type, and its body by the document's JSON Schema (2020-12, with formats). A failure names the
 * operation, the status and what is wrong, and fails the test that got the answer.
 *
 * Stricter than the document in two ways, both so the code cannot drift from it unnoticed: problem details are
 * checked closed (the document leaves them open, as RFC 9457 says, but names every extension member the code may
 * send), and every `date-time` must carry Connecticut's offset for its date (`-05:00` or `-04:00`, never `Z`).
 *
 * Each operation × status seen is recorded under `CONFORMANCE_DIR` (one file per test process); the global
 * teardown prints those the document declares and no test ever got.
 */
type Node = Record<string, any>;

export interface Received {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text: string;
}

/** Connecticut's offset on the date of that instant, as the API's own formatter writes it. */
const ctOffsetOk = (value: string) => {
  const offset = /(Z|[+-]\d{2}:\d{2})$/i.exec(value)?.[1];
  return offset !== undefined && offset === toCtIso(new Date(value)).slice(-6);
};

async function servedDocument(): Promise<Node> {
  const handler = await loadAreaHandler('docs');
  const route = docsRoutes.getOpenApi;
  const result = await handler(apiEvent({ route, rawPath: route.path }), lambdaContext('api-docs'));
  if (result.statusCode !== 200) throw new Error(`GET /openapi.json answered ${result.statusCode}`);
  return JSON.parse(result.body ?? '') as Node;
}

interface Checker {
  document: Node;
  validator(pointer: string): ValidateFunction;
}

let checker: Promise<Checker> | undefined;
function load(): Promise<Checker> {
  checker ??= servedDocument().then((served) => {
    const document = structuredClone(served);
    document.$id = 'openapi.json';
    document.components.schemas.Problem.additionalProperties = false;
    // The document is not itself a schema: its own members (openapi, info, paths…) are not keywords.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    addFormats(ajv);
    const rfc3339 = fullFormats['date-time'] as { validate: (value: string) => boolean };
    ajv.addFormat('date-time', {
      type: 'string',
      validate: (value: string) => rfc3339.validate(value) && ctOffsetOk(value),
    });
    ajv.addSchema(document);
    const compiled = new Map<string, ValidateFunction>();
    return {
      document: served,
      validator(pointer) {
        let validate = compiled.get(pointer);
        if (!validate) {
          validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
          compiled.set(pointer, validate);
        }
        return validate;
      },
    };
  });
  return checker;
}

const pointerSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const resolve = (document: Node, node: Node): Node =>
  typeof node?.$ref === 'string'
    ? resolve(
        document,
        (node.$ref as string)
          .slice(2)
          .split('/')
          .reduce((at: Node, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], document),
      )
    : node;

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .map((e) =>
      e.keyword === 'format' && e.params.format === 'date-time'
        ? { ...e, message: "must be an RFC 3339 date-time with Connecticut's offset for its date" }
        : e,
    )
    .map(
      (e) =>
        `  ${e.instancePath || '(body)'} ${e.message}${e.data === undefined ? '' : `: ${JSON.stringify(e.data).slice(0, 120)}`}`,
    )
    .join('\n');

const hitsFile = () =>
  process.env.CONFORMANCE_DIR ? join(process.env.CONFORMANCE_DIR, `hits-${process.pid}.txt`) : undefined;
const recorded = new Set<string>();
function record(route: RouteSpec, status: number) {
  const key = `${route.method} ${route.path} ${status}`;
  const file = hitsFile();
  if (recorded.has(key) || !file) return;
  recorded.add(key);
  appendFileSync(file, `${key}\n`);
}

/** Throws, naming what is wrong, unless the answer is one the served document declares for this route. */
export async function conform(route: RouteSpec, answer: Received): Promise<void> {
  const { document, validator } = await load();
  const where = `${route.method} ${route.path} → ${answer.status}`;
  const responsePointer = `/paths/${pointerSegment(route.path)}/${route.method.toLowerCase()}/responses/${answer.status}`;
  const declared = document.paths[route.path]?.[route.method.toLowerCase()]?.responses?.[answer.status];
  if (!declared)
    throw new Error(`Conformance: ${where} is not in the API document.\n  body: ${answer.text.slice(0, 300)}`);
  const response = resolve(document, declared);
  const type = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const content = (response.content ?? {}) as Record<string, Node>;
  if (!type) {
    if (answer.text === '' && Object.keys(content).length === 0) return record(route, answer.status);
    throw new Error(`Conformance: ${where} came without a media type; the document says ${Object.keys(content)}.`);
  }
  if (!content[type])
    throw new Error(
      `Conformance: ${where} came as ${type}; the document declares ${Object.keys(content).join(', ') || 'no body'}.\n  body: ${answer.text.slice(0, 300)}`,
    );
  const body = /json$/.test(type) ? JSON.parse(answer.text) : answer.text;
  // A `$ref`'d response component: validate against its schema where it is defined.
  const pointer = declared.$ref
    ? `${(declared.$ref as string).slice(1)}/content/${pointerSegment(type)}/schema`
    : `${responsePointer}/content/${pointerSegment(type)}/schema`;
  const validate = validator(pointer);
  if (!validate(body))
    throw new Error(
      `Conformance: ${where} (${type}) does not match the API document:\n${describeErrors(validate.errors)}`,
    );
  record(route, answer.status);
}

/** Every operation × status a document declares, as `METHOD /path status`. */
export function declaredPairs(document: Node): string[] {
  return Object.entries(document.paths as Record<string, Record<string, Node>>).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) =>
      Object.keys(op.responses).map((status) => `${method.toUpperCase()} ${path} ${status}`),
    ),
  );
}
