import * as z from 'zod/mini';
import { route } from '../route';
import { described } from '../schemas';

export const SWAGGER_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

/** The file the docs function serves `GET /openapi.json` from in Lambda, written beside its bundle at synth. */
export const OPENAPI_FILE = 'openapi.json';

/** The shape of an OpenAPI 3.1 document, in outline: its members are the OpenAPI specification's, not this API's. */
const OpenApiDocument = z.looseObject({
  openapi: described(z.string().check(z.regex(/^3\.1\.\d+$/)), 'The OpenAPI version: 3.1.x.'),
  info: described(
    z.looseObject({
      title: described(z.string(), "The API's name."),
      version: described(z.string(), "The API's version."),
    }),
    'What this API is.',
  ),
  tags: described(
    z.array(
      z.looseObject({
        name: described(z.string(), "The section's name."),
        description: described(z.string(), 'What the section covers.'),
      }),
    ),
    'The sections operations are grouped in.',
  ),
  paths: described(z.record(z.string(), z.unknown()), 'Every operation, by path and method.'),
  components: described(z.looseObject({}), 'Schemas and security schemes the operations refer to.'),
});

export const docsRoutes = {
  getOpenApi: route({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    area: 'docs',
    access: 'public',
    tag: 'API documentation',
    summary: 'This API as an OpenAPI 3.1 document (generated from the route table)',
    success: {
      status: 200,
      description: 'The OpenAPI 3.1 document',
      contentType: 'application/json; charset=utf-8',
      schema: OpenApiDocument,
    },
  }),
  getDocsPage: route({
    operationId: 'getDocsPage',
    method: 'GET',
    path: '/docs',
    area: 'docs',
    access: 'public',
    tag: 'API documentation',
    summary: 'Human-readable API documentation (Swagger UI served from this API, no CDN)',
    success: { status: 200, description: 'HTML page', contentType: 'text/html; charset=utf-8' },
  }),
  getDocsAsset: route({
    operationId: 'getDocsAsset',
    method: 'GET',
    path: '/docs/{asset}',
    area: 'docs',
    access: 'public',
    tag: 'API documentation',
    summary: 'A script or stylesheet of the documentation page',
    params: z.strictObject({ asset: described(z.enum(SWAGGER_ASSETS), "A file of Swagger UI's distribution.") }),
    success: {
      status: 200,
      description: 'The stylesheet or the script',
      contentType: ['text/css; charset=utf-8', 'text/javascript; charset=utf-8'],
    },
  }),
} as const;
