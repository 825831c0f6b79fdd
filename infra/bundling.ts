import { readFileSync } from 'node:fs';
import { build, type Metafile, type Plugin } from 'esbuild';
import ts from 'typescript';

/**
 * How every Lambda is bundled: one function, which the CDK construct runs at synth (`infra/constructs/ce-function.ts`,
 * through `infra/bundle-function.ts`), and `npm run bench` and the bundle tests call directly, so what is measured
 * and tested is what is deployed.
 *
 * - Minified ESM for Node 24, the AWS SDK inside (faster cold starts than the runtime's copy).
 * - Source maps beside the code, without sources, read only when an unexpected error is logged
 *   (`shared/observability/stack.ts`).
 * - Code splitting: a module the code loads with `import()` becomes its own file, loaded on first use rather than at
 *   every cold start: the source-map reader (needed only when an error is logged) and the AWS SDK's credential
 *   providers other than the environment's (Lambda gives credentials in the environment).
 * - The API's documentation text is left out (`stripApiDocs`): descriptions, examples and summaries exist for the
 *   OpenAPI document, which is written at synth (`CE_OPENAPI_PREBUILT`), never built by a function.
 */
export async function bundleFunction(entry: string, outdir: string): Promise<BundleResult> {
  const result = await build({
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    target: 'node24',
    mainFields: ['module', 'main'],
    // Some CommonJS dependencies call require(); an ESM bundle needs it defined.
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
    // `CE_OPENAPI_PREBUILT`: the docs function reads the OpenAPI document from the file written beside its bundle at
    // synth (`infra/stacks/api-stack.ts`), so the route table's schemas and zod-openapi are left out of it.
    define: { CE_OPENAPI_PREBUILT: 'true' },
    plugins: [stripApiDocs],
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const index = Object.keys(outputs).find((file) => file.endsWith('/index.mjs'))!;
  // What a cold start loads: the entry and, transitively, every file it imports statically.
  const atInit = new Set<string>();
  const load = (file: string) => {
    if (atInit.has(file)) return;
    atInit.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) load(i.path);
  };
  load(index);
  const sum = (files: string[]) => files.reduce((total, file) => total + outputs[file]!.bytes, 0);
  const code = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  return {
    bytes: sum(code.filter((file) => atInit.has(file))),
    lazyBytes: sum(code.filter((file) => !atInit.has(file))),
    mapBytes: sum(Object.keys(outputs).filter((file) => file.endsWith('.map'))),
    metafile: result.metafile,
  };
}

export interface BundleResult {
  /** What every cold start loads: `index.mjs` and the files it imports statically. */
  bytes: number;
  /** Files loaded on first use only (`import()`). */
  lazyBytes: number;
  mapBytes: number;
  metafile: Metafile;
}

/** The route table and its schema building blocks: where the API's documentation text is written. */
const API_DOCS_FILES = /[\\/]shared[\\/]http[\\/].*\.ts$/;
/** The route table itself: nothing in it but the API's declarations (routes, their answers, their schemas). */
const ROUTE_FILES = /[\\/]shared[\\/]http[\\/]routes[\\/]/;

/**
 * Leaves the API's documentation text out of a function's bundle, changing nothing the function does:
 * - `described(schema, text)` and `meta(schema, data)` become `schema`: they only attach OpenAPI metadata to a copy of
 *   the schema, which validates the same (`shared/http/schemas.ts`);
 * - in the route table, a `summary` or `description` written as text (a route's own, its answers') becomes `''`:
 *   only the OpenAPI document reads them.
 * Rewritten from TypeScript's syntax tree, not by pattern, so nothing else in those files is touched;
 * `test/infra/function-bundles.test.ts` checks that every route's schemas come out as the source has them.
 */
export const stripApiDocs: Plugin = {
  name: 'strip-api-docs',
  setup(b) {
    b.onLoad({ filter: API_DOCS_FILES }, ({ path }) => ({
      contents: withoutApiDocs(readFileSync(path, 'utf8'), ROUTE_FILES.test(path)),
      loader: 'ts',
    }));
  },
};

const DOC_CALLS = new Set(['described', 'meta']);
const DOC_PROPERTIES = new Set(['summary', 'description']);

/** Text written in place: a string, a template, or text joined with `+` (never a schema, e.g. a field named `description`). */
const isText = (node: ts.Expression): boolean =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateExpression(node) ||
  (ts.isParenthesizedExpression(node) && isText(node.expression)) ||
  (ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    (isText(node.left) || isText(node.right)));

/** `routeFile`: also empties the `summary` and `description` texts (see `stripApiDocs`). */
export function withoutApiDocs(source: string, routeFile: boolean): string {
  const file = ts.createSourceFile('source.ts', source, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const [schema] = node.arguments;
      if (DOC_CALLS.has(node.expression.text) && node.arguments.length === 2 && schema) {
        // `described(schema, text)` → `(schema)`: everything but the schema argument goes.
        edits.push({ start: node.getStart(), end: schema.getStart(), text: '(' });
        edits.push({ start: schema.getEnd(), end: node.getEnd(), text: ')' });
        visit(schema);
        return;
      }
    }
    if (
      routeFile &&
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      DOC_PROPERTIES.has(node.name.text) &&
      isText(node.initializer)
    ) {
      edits.push({ start: node.initializer.getStart(), end: node.initializer.getEnd(), text: "''" });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let text = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return text;
}
