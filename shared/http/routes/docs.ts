import * as z from 'zod/mini';
import { route } from '../route';

export const SWAGGER_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

export const docsRoutes = {
  getOpenApi: route({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    area: 'docs',
    access: 'public',
    tag: 'API documentation',
    summary: 'This API as an OpenAPI 3.1 document (generated from the route table)',
    success: { status: 200, description: 'OpenAPI 3.1', contentType: 'application/json' },
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
    params: z.strictObject({ asset: z.enum(SWAGGER_ASSETS) }),
    success: { status: 200, description: 'The asset', contentType: 'text/plain' },
    problems: [400],
  }),
} as const;
