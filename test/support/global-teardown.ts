import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Running } from '../../scripts/local/components';
import { openApiDocument } from '../../shared/http/openapi';
import { ALL_ROUTES } from '../../shared/http/routes';
import { declaredPairs } from './conformance';

export default async function globalTeardown(): Promise<void> {
  for (const component of (globalThis as { __localComponents?: Running[] }).__localComponents ?? [])
    await component.stop();
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
