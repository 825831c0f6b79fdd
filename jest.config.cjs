/**
 * Tests run as CommonJS through swc (no type checking here: `npm run typecheck` does that once).
 * ESM-only dependencies (middy, jose, transliterate) are transformed too, so jest needs no experimental VM modules.
 */
const esmOnly = ['@middy', 'jose', '@sindresorhus/transliterate'].join('|');
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      { jsc: { target: 'es2024', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  // middy publishes only an `import` export condition; point jest's CommonJS resolver at the files it transforms.
  moduleNameMapper: { '^@middy/(core|util|http-security-headers)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/per-file-env.ts'],
  testTimeout: 30000,
};
