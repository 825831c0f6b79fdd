// @ts-check
/**
 * Mutation testing of the pure rules (`npm run test:mutation:domain`, part of `npm run test:mutation`; never part of
 * `npm test`): StrykerJS changes `shared/domain` one small fault at a time and the unit tests must notice each.
 * The use cases have their own configuration (stryker.use-cases.config.mjs): their tests need DynamoDB Local.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * One project of jest.config.cjs, as a flat jest configuration (StrykerJS's jest runner cannot run `projects`).
 * (`projects: []` overrides the file's list: options reach the workers as JSON, where `undefined` would vanish.)
 * Its rootDir is left to the configuration file Stryker reads inside its sandbox, so the sandbox's mutated files
 * are the ones tested.
 * @param {string} name
 */
export function jestProject(name) {
  const { projects } = require('./jest.config.cjs');
  const { rootDir: _rootDir, ...project } = projects.find(
    (/** @type {{ displayName: string }} */ p) => p.displayName === name,
  );
  return { ...project, projects: [] };
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.cjs',
    config: jestProject('unit'),
    enableFindRelatedTests: true,
  },
  mutate: ['shared/domain/**/*.ts', '!shared/domain/calendar/ct-holidays.generated.ts'],
  coverageAnalysis: 'perTest',
  // The machine is shared: two workers at most.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/domain.html' },
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
};
