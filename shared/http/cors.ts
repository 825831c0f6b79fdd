/**
 * The API's CORS policy, apart from the origins (a deployment setting, `ce:allowedOrigins`): CDK configures the
 * HTTP API with it, and the local gateway answers preflights and adds the headers by it, as the HTTP API does.
 * `retry-after` is exposed so a browser client can honour it (it is not a CORS-safelisted response header).
 */
export const CORS = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  exposeHeaders: ['x-correlation-id', 'idempotent-replayed', 'retry-after'],
  maxAgeSeconds: 3600,
} as const;
