import { openApiDocument } from '../../shared/http/openapi';
import { ALL_ROUTES } from '../../shared/http/routes';
import { HTTPS_URL_PATTERN } from '../../shared/http/schemas';

/**
 * What the served document promises, checked on the document itself (the conformance test checks the answers
 * against it): every field says what it is, times and dates say their format, response objects are closed, and
 * every route lists the statuses the general rules give it.
 */
type Node = Record<string, any>;
const doc = JSON.parse(JSON.stringify(openApiDocument(ALL_ROUTES))) as Node;

const resolve = (node: Node): Node => {
  if (typeof node?.$ref !== 'string') return node;
  const target = (node.$ref as string)
    .slice(2)
    .split('/')
    .reduce((at: Node, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return resolve(target);
};

interface Field {
  where: string;
  name: string;
  schema: Node;
}

/** Every property of every schema under `root`, following `$ref`s once each. */
function fieldsUnder(root: unknown, where: string, seen = new Set<Node>()): Field[] {
  const fields: Field[] = [];
  const visit = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    const target = resolve(node as Node);
    if (seen.has(target)) return;
    seen.add(target);
    const properties = target.properties as Record<string, Node> | undefined;
    if (properties && typeof properties === 'object')
      for (const [name, schema] of Object.entries(properties)) fields.push({ where: path, name, schema });
    for (const [key, value] of Object.entries(target)) visit(value, `${path}/${key}`);
  };
  visit(root, where);
  return fields;
}

const operations = Object.entries(doc.paths as Record<string, Record<string, Node>>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);
const responseRoots = operations.flatMap(({ key, op }) =>
  Object.entries(op.responses as Record<string, Node>).flatMap(([status, response]) =>
    Object.entries((resolve(response).content ?? {}) as Record<string, Node>).map(([type, media]) => ({
      where: `${key} ${status} ${type}`,
      schema: media.schema as Node,
    })),
  ),
);
const responseFields = responseRoots.flatMap((r) => fieldsUnder(r.schema, r.where));
const allFields = fieldsUnder(doc.components, '#/components').concat(fieldsUnder(doc.paths, '#/paths'));
const parameters = operations.flatMap(({ key, op }) =>
  ((op.parameters ?? []) as Node[]).map((p) => ({ where: key, name: p.name as string, schema: p.schema as Node, p })),
);

/** Names that say "an instant" / "a calendar date" in this API (inputs of ADS's wall times are their own type). */
const INSTANT = /(At|^at|^deadline|^until|^since)$/;
const DATE = /(On|^date|Date|^from|^to|^expiresFrom|^expiresTo)$/;
const formatOf = (schema: Node): string | undefined => {
  const s = resolve(schema);
  return s.format ?? (s.anyOf as Node[] | undefined)?.map(resolve).find((x) => x.format)?.format;
};

describe('the OpenAPI document: every field says what it is', () => {
  it('walks a document with fields in it (the walk itself is not vacuous)', () => {
    expect(allFields.length).toBeGreaterThan(500);
    expect(responseFields.length).toBeGreaterThan(300);
  });

  it('every property, in components and inline, has a description', () => {
    const bare = allFields.filter((f) => !f.schema.description).map((f) => `${f.where}: ${f.name}`);
    expect(bare).toEqual([]);
  });

  it('every parameter has a description', () => {
    expect(parameters.filter((p) => !p.p.description).map((p) => `${p.where}: ${p.name}`)).toEqual([]);
  });

  it('no description is shared by differently named fields (what a shared schema instance leaks looks like)', () => {
    const namesByText = new Map<string, Set<string>>();
    for (const f of allFields) {
      const text = f.schema.description as string;
      namesByText.set(text, (namesByText.get(text) ?? new Set()).add(f.name));
    }
    const leaked = [...namesByText].filter(([, names]) => names.size > 1).map(([t, n]) => `${[...n]}: ${t}`);
    expect(leaked).toEqual([]);
  });

  it('every instant an answer carries is a date-time, and every date a date', () => {
    const wrong = responseFields
      .filter(
        (f) =>
          (INSTANT.test(f.name) && formatOf(f.schema) !== 'date-time') ||
          (DATE.test(f.name) && formatOf(f.schema) !== 'date'),
      )
      .map((f) => `${f.where}: ${f.name} (${formatOf(f.schema)})`);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('every date a request carries is a date (its instants may be Connecticut wall times, so they have none)', () => {
    const requestDates = fieldsUnder(
      operations.map(({ op }) => op.requestBody),
      'requests',
    ).concat(parameters);
    const wrong = requestDates.filter((f) => DATE.test(f.name) && formatOf(f.schema) !== 'date');
    expect(wrong.map((f) => `${f.where}: ${f.name}`)).toEqual([]);
  });

  it('every link a request carries is https only, and says so with the pattern the API applies', () => {
    const links = fieldsUnder(
      operations.map(({ op }) => op.requestBody),
      'requests',
    ).filter((f) => /(url|link)$/i.test(f.name));
    expect(new Set(links.map((f) => f.name))).toEqual(new Set(['joinUrl', 'link']));
    const source = new RegExp(HTTPS_URL_PATTERN).source;
    const without = links.filter((f) => {
      const pattern = resolve(f.schema).pattern;
      return typeof pattern !== 'string' || new RegExp(pattern).source !== source;
    });
    expect(without.map((f) => `${f.where}: ${f.name}`)).toEqual([]);
    const pattern = new RegExp(HTTPS_URL_PATTERN);
    for (const taken of ['https://meet.example.org/j/1?pwd=a', 'https://drive.example.org/x'])
      expect(pattern.test(taken)).toBe(true);
    for (const refused of ['http://meet.example.org/x', 'javascript:alert(1)', 'data:text/html,x', 'https://a@b.org/'])
      expect(pattern.test(refused)).toBe(false);
  });

  it('every response object the API defines is closed; only problem details and the OpenAPI document are open', () => {
    const open = new Set<string>();
    const visit = (node: unknown, where: string, seen: Set<Node>) => {
      if (typeof node !== 'object' || node === null) return;
      const s = resolve(node as Node);
      if (seen.has(s)) return;
      seen.add(s);
      if (s === doc.components.schemas.Problem) return;
      if (s.properties && s.additionalProperties !== false) open.add(where);
      for (const value of Object.values(s)) visit(value, where, seen);
    };
    for (const r of responseRoots) visit(r.schema, r.where, new Set());
    expect([...open].filter((w) => !w.startsWith('GET /openapi.json 200'))).toEqual([]);
  });
});

describe('the OpenAPI document: every status, as it comes', () => {
  const route = (key: string) => operations.find((o) => o.key === key)!.op;
  const contentOf = (op: Node, status: number) => Object.keys(resolve(op.responses[status] ?? {}).content ?? {});

  it('declares every tag at the top level with a description, and uses only those', () => {
    const declared = new Map((doc.tags as Node[]).map((t) => [t.name as string, t.description as string]));
    expect([...declared.values()].every((d) => d.length > 20)).toBe(true);
    expect(operations.flatMap(({ op }) => op.tags as string[]).filter((t) => !declared.has(t))).toEqual([]);
  });

  it('signed-in routes answer 401 as the JWT authorizer does ({message}) or as problem details (a session ended), and 403 as problem details', () => {
    for (const r of ALL_ROUTES.filter((x) => x.access !== 'public')) {
      const op = route(`${r.method} ${r.path}`);
      expect([r.operationId, contentOf(op, 401).sort(), contentOf(op, 403)]).toEqual([
        r.operationId,
        ['application/json', 'application/problem+json'],
        ['application/problem+json'],
      ]);
      expect(resolve(resolve(op.responses[401]).content['application/json'].schema).properties.message.const).toBe(
        'Unauthorized',
      );
    }
  });

  it('every route answers 400 and 500; routes with a body 413 from API Gateway and 415; 429 and 503 carry Retry-After', () => {
    for (const r of ALL_ROUTES) {
      const op = route(`${r.method} ${r.path}`);
      const statuses = Object.keys(op.responses).map(Number);
      expect(statuses).toEqual(expect.arrayContaining([400, 429, 500]));
      if (r.body) {
        expect(contentOf(op, 413)).toEqual(['application/json']);
        expect(contentOf(op, 415)).toContain('application/problem+json');
      }
      for (const status of [429, 503].filter((s) => contentOf(op, s).includes('application/problem+json')))
        expect(Object.keys(resolve(op.responses[status]).headers ?? {})).toEqual(['Retry-After']);
    }
  });

  it('idempotent routes document the retry while the first request runs (409, Retry-After) and the replay header', () => {
    for (const r of ALL_ROUTES.filter((x) => x.idempotent)) {
      const op = route(`${r.method} ${r.path}`);
      expect(Object.keys(resolve(op.responses[409]).headers)).toEqual(['Retry-After']);
      expect(Object.keys(op.responses[r.success.status].headers)).toEqual(['idempotent-replayed']);
    }
  });

  it('documents 200 and 201 for applying (applying again returns the existing application)', () => {
    expect(Object.keys(route('POST /me/applications').responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('link routes answer errors as problem details or a page, whichever the client accepts', () => {
    for (const key of ['GET /links/{token}', 'POST /links/{token}/confirm'])
      for (const status of [400, 404, 410])
        expect(contentOf(route(key), status).sort()).toEqual(['application/problem+json', 'text/html']);
  });

  it('documents what the docs routes really return', () => {
    expect(contentOf(route('GET /openapi.json'), 200)).toEqual(['application/json']);
    expect(resolve(route('GET /openapi.json').responses[200].content['application/json'].schema).type).toBe('object');
    expect(contentOf(route('GET /docs/{asset}'), 200)).toEqual(['text/css', 'text/javascript']);
    expect(contentOf(route('GET /docs'), 200)).toEqual(['text/html']);
  });
});
