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
} as const;
