import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamo, startSes, type Running } from '../../scripts/local/components';

/**
 * One DynamoDB Local (in memory) and one local SES for the whole run; each test file gets its own table
 * (see per-file-env.ts), so files run in parallel without seeing each other's data. Test processes record the
 * operation × status pairs they receive under CONFORMANCE_DIR (see conformance.ts).
 *
 * Components someone else started (both endpoints already in the environment, e.g. by test/mutation/run.ts for a
 * mutation run, where jest starts again for every mutant) are used as they are, and left running.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DYNAMO_ENDPOINT && process.env.TEST_SES_ENDPOINT) return;
  const [dynamo, ses] = await Promise.all([startDynamo(), startSes()]);
  process.env.TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
  process.env.TEST_SES_ENDPOINT = ses.endpoint;
  process.env.CONFORMANCE_DIR = mkdtempSync(join(tmpdir(), 'ce-conformance-'));
  (globalThis as { __localComponents?: Running[] }).__localComponents = [dynamo, ses];
}
