/**
 * What a zod schema checks, as plain data: its definition tree (types, fields, checks and their parameters), with
 * functions reduced to their presence and nothing of the OpenAPI metadata. Two schemas with the same shape validate
 * the same way. Used to show that the functions' bundles, built without the API's documentation text, keep every
 * route's schemas as the source has them (`test/infra/function-bundles.test.ts`).
 */
export function schemaShape(value: unknown, depth = 0): unknown {
  if (depth > 40) throw new Error('schema too deep (a cycle?)');
  if (value === null || ['string', 'number', 'boolean', 'undefined', 'bigint'].includes(typeof value)) {
    return typeof value === 'bigint' ? `${value}n` : value;
  }
  if (typeof value === 'function') return 'function';
  if (value instanceof RegExp) return value.toString();
  if (Array.isArray(value)) return value.map((v) => schemaShape(v, depth + 1));
  const zod = (value as { _zod?: { def: unknown } })._zod;
  if (zod) return schemaShape(zod.def, depth + 1);
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((k) => [k, schemaShape((value as Record<string, unknown>)[k], depth + 1)]),
  );
}

/** Every route's schemas, by operation id. */
export function routeShapes(
  routes: readonly {
    operationId: string;
    params?: unknown;
    query?: unknown;
    body?: unknown;
    success: { schema?: unknown };
  }[],
) {
  return Object.fromEntries(
    routes.map((r) => [
      r.operationId,
      schemaShape({ params: r.params, query: r.query, body: r.body, answer: r.success.schema }),
    ]),
  );
}
