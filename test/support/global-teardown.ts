import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Running } from '../../scripts/local/components';
import { openApiDocument } from '../../shared/http/openapi';
import { ALL_ROUTES } from '../../shared/http/routes';
import { declaredPairs } from './conformance';

/** Stops what global-setup.ts started (nothing, if the components were someone else's). */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { __localComponents?: Running[] };
  const started = state.__localComponents ?? [];
  state.__localComponents = undefined;
  for (const component of started) await component.stop();
  if (started.length > 0) {
    // A later jest run in this process (Stryker runs jest in-band, once per mutant) must start its own again.
    delete process.env.TEST_DYNAMO_ENDPOINT;
    delete process.env.TEST_SES_ENDPOINT;
    delete process.env.TEST_S3_ENDPOINT;
  }
  reportNeverExercised();
}

/**
 * Prints, once per run, each operation's documented statuses that no test received (conformance.ts records what
 * they did receive). A list to read, not a failure: some answers (API Gateway's 413, a 500) have no test to
 * provoke them in process.
 */
function reportNeverExercised() {
  const dir = process.env.CONFORMANCE_DIR;
  if (!dir) return;
  const hits = new Set(
    readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)),
  );
  rmSync(dir, { recursive: true, force: true });
  const missing = new Map<string, string[]>();
  for (const pair of declaredPairs(JSON.parse(JSON.stringify(openApiDocument(ALL_ROUTES))))) {
    if (hits.has(pair)) continue;
    const [method, path, status] = pair.split(' ') as [string, string, string];
    missing.set(`${method} ${path}`, [...(missing.get(`${method} ${path}`) ?? []), status]);
  }
  const total = [...missing.values()].reduce((n, statuses) => n + statuses.length, 0);
  const lines = [...missing].map(([operation, statuses]) => `  ${operation}: ${statuses.join(', ')}`);
  console.log(
    `\nAPI conformance: ${hits.size} operation × status pairs received; ${total} documented but never exercised:\n${lines.join('\n')}\n`,
  );
}
