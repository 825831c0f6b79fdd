import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** In a child process: openapi-typescript is ESM-only, which jest's CommonJS transform does not load. */
test('the web app’s checked-in API types match the route table (run npm run gen:client)', () => {
  const root = join(__dirname, '..', '..');
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/gen-client.ts', '--check'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(run.stdout.trim()).toMatch(/is up to date$/);
  expect(run.status).toBe(0);
}, 30_000);
