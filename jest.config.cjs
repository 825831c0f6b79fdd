/**
 * Tests run as CommonJS through swc (no type checking here: `npm run typecheck` does that once).
 * ESM-only dependencies (middy, jose, transliterate) are transformed too, so jest needs no experimental VM modules.
 *
 * Five projects, one per suite. Plain `jest` runs them all, each file once; `jest --selectProjects unit` (npm run
 * test:unit) runs only the pure rules, which need no Java: DynamoDB Local and local SES are started by the global
 * setup of the projects that use them, and jest runs a project's global setup only when one of its files runs
 * (integration and e2e share the same module, so it runs once for both).
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const esmOnly = ['@middy', 'jose', '@sindresorhus/transliterate'].join('|');
/**
 * Where middy is installed, found the way Node finds packages: not `<rootDir>/node_modules`, which is absent from
 * StrykerJS's sandbox copy of the project when node_modules is a symbolic link (as in a git worktree).
 */
const middy = require.resolve
  .paths('@middy/core')
  .map((dir) => join(dir, '@middy'))
  .find((dir) => existsSync(join(dir, 'core', 'index.js')));

/** What every project shares: the transform, the module mapping, and each file's own table name and endpoints. */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      { jsc: { target: 'es2024', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  // middy publishes only an `import` export condition; point jest's CommonJS resolver at the files it transforms.
  moduleNameMapper: { '^@middy/(core|util)$': `${middy}/$1/index.js` },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  setupFiles: ['<rootDir>/test/support/per-file-env.ts'],
};

/** The run's one DynamoDB Local and one local SES (see test/support/global-setup.ts). */
const localComponents = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

const projects = {
  unit: { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
  integration: { ...shared, ...localComponents, displayName: 'integration', roots: ['<rootDir>/test/integration'] },
  e2e: { ...shared, ...localComponents, displayName: 'e2e', roots: ['<rootDir>/test/e2e'] },
  infra: { ...shared, displayName: 'infra', roots: ['<rootDir>/test/infra'] },
  /** The web app in Chromium against its own whole local stack (test/web/global-setup.ts), one browser per file. */
  web: {
    ...shared,
    displayName: 'web',
    roots: ['<rootDir>/test/web'],
    setupFiles: [],
    globalSetup: '<rootDir>/test/web/global-setup.ts',
    globalTeardown: '<rootDir>/test/web/global-teardown.ts',
  },
};

/**
 * The mutation runs (stryker.config.mjs, stryker.use-cases.config.mjs) take one project's settings from here, by
 * its displayName: StrykerJS's jest runner cannot run `projects`.
 * @type {import('jest').Config}
 */
module.exports = {
  projects: Object.values(projects),
  testTimeout: 30000,
};
