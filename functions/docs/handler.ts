import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { areaHandler } from '../../shared/http/middleware';
import { cspHash } from '../../shared/http/response';
import { docsRoutes, OPENAPI_FILE, type SWAGGER_ASSETS } from '../../shared/http/routes/docs';

/**
 * `true` in the Lambda bundle (esbuild's `define`, `infra/bundling.ts`): the document was written beside the bundle
 * when the app was synthesized (`infra/stacks/api-stack.ts`), so the function carries neither the route table's
 * schemas nor zod-openapi. Undefined elsewhere (tests, the local gateway): the document is built here, the same way.
 */
declare const CE_OPENAPI_PREBUILT: boolean | undefined;

const openApiText = async (): Promise<string> =>
  typeof CE_OPENAPI_PREBUILT !== 'undefined' && CE_OPENAPI_PREBUILT
    ? readFileSync(join(process.env.LAMBDA_TASK_ROOT ?? '.', OPENAPI_FILE), 'utf8')
    : (await import('../../shared/http/openapi-file')).openApiText();

/** Swagger UI's files sit beside the bundle in Lambda (copied at bundling) and in node_modules locally. */
const assetFile = (name: (typeof SWAGGER_ASSETS)[number]) => {
  const beside = join(process.env.LAMBDA_TASK_ROOT ?? '/nonexistent', name);
  return existsSync(beside) ? beside : join(process.cwd(), 'node_modules', 'swagger-ui-dist', name);
};

let document: Promise<string> | undefined;
const start = "window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#ui', deepLinking: true });";
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CE certification API</title>
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="docs/swagger-ui-bundle.js"></script>
<script>${start}</script>
</body></html>`;
/** Swagger UI runs its own scripts, styles elements inline, uses data: images and fetches the document from here. */
const policy = `default-src 'none'; script-src 'self' ${cspHash(start)}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export const handler = areaHandler(docsRoutes, {
  getOpenApi: async () => {
    document ??= openApiText();
    return { body: await document, contentType: 'application/json; charset=utf-8', cacheSeconds: 300 };
  },
  getDocsPage: async () => ({
    body: page,
    contentType: 'text/html; charset=utf-8',
    cacheSeconds: 300,
    contentSecurityPolicy: policy,
  }),
  getDocsAsset: async ({ params }) => ({
    body: readFileSync(assetFile(params.asset), 'utf8'),
    contentType: params.asset.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    cacheSeconds: 86400,
  }),
});
