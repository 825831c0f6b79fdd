/**
 * How every Lambda is bundled. The CDK construct and `npm run bench` both read this, so the bench measures the
 * bundles that are deployed.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call require(); an ESM bundle needs it defined. */
  banner: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
  /**
   * Constants the bundles are built with. `CE_OPENAPI_PREBUILT`: the docs function reads the OpenAPI document from
   * the file written beside its bundle at synth (`infra/stacks/api-stack.ts`), so the route table's schemas and
   * zod-openapi are left out of it.
   */
  define: { CE_OPENAPI_PREBUILT: 'true' },
} as const;
