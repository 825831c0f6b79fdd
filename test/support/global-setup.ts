import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamo, startS3, startSes, type Running } from '../../scripts/local/components';
import { requireTools } from '../../scripts/local/preflight';

/**
 * One DynamoDB Local (in memory), one local SES and one local S3 (s3rver) for the whole run; each test file gets its own table
 * (see per-file-env.ts), so files run in parallel without seeing each other's data. Test processes record the
 * operation × status pairs they receive under CONFORMANCE_DIR (see conformance.ts).
 *
 * Components someone else started (both endpoints already in the environment, e.g. by test/mutation/run.ts for a
 * mutation run, where jest starts again for every mutant) are used as they are, and left running.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DYNAMO_ENDPOINT && process.env.TEST_SES_ENDPOINT && process.env.TEST_S3_ENDPOINT) return;
  requireTools(['java']);
  // s3rver keeps its objects in a new temporary directory, removed when it stops.
  const [dynamo, ses, s3] = await Promise.all([startDynamo(), startSes(), startS3()]);
  process.env.TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
  process.env.TEST_SES_ENDPOINT = ses.endpoint;
  process.env.TEST_S3_ENDPOINT = s3.endpoint;
  process.env.CONFORMANCE_DIR = mkdtempSync(join(tmpdir(), 'ce-conformance-'));
  (globalThis as { __localComponents?: Running[] }).__localComponents = [dynamo, ses, s3];
}
