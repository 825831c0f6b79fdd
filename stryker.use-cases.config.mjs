// @ts-check
/**
 * Mutation testing of the state-changing use cases (`npm run test:mutation:use-cases`, part of
 * `npm run test:mutation`; never part of `npm test`), killed by the integration tests on DynamoDB Local. Slow — jest
 * starts again for every mutant — so it is bounded: only the tests written for these rules run
 * (perTest coverage then picks, for each mutant, the tests that reach it), static mutants (module-level constants,
 * which every test would have to run for) are skipped, and it runs under test/mutation/with-local-components.ts,
 * so DynamoDB Local and SES start once, not once per mutant. To mutate another use case, pass
 * `--mutate shared/use-cases/<file>.ts` and add its integration tests to TESTS.
 */
import base, { jestProject } from './stryker.config.mjs';

/** The integration tests that exercise the mutated use cases. */
const TESTS = ['certificate-standing', 'notice-content', 'notices', 'certifications', 'lifecycle'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.cjs',
    config: { ...jestProject('integration'), testMatch: TESTS.map((t) => `**/test/integration/${t}.test.ts`) },
    // Handlers are loaded by area at run time (test/support/invoke.ts), which jest's related-tests search cannot see.
    enableFindRelatedTests: false,
  },
  // The certification standing rules (`setStanding`) and the DDS notice (`runDdsNotice` and the list it builds),
  // by line range as of this commit: when those functions move, move the ranges (or pass --mutate). The two whole
  // files are about 620 mutants, roughly half an hour here.
  mutate: ['shared/use-cases/certifications.ts:281-335', 'shared/use-cases/notices.ts:54-190'],
  ignoreStatic: true,
  // Tests on a shared 2-core machine: give a slow run room before calling it a timeout.
  timeoutMS: 20000,
  htmlReporter: { fileName: 'reports/mutation/use-cases.html' },
  jsonReporter: { fileName: 'reports/mutation/use-cases.json' },
};
