/**
 * `npm run web:build` — builds the web app into `web/dist` and publishes the U.S. Web Design System's compiled
 * stylesheet, fonts and images under `web/dist/uswds/` (fixed names: the server-rendered pages link
 * `/uswds/css/uswds.min.css`). `buildWebIfStale()` skips the build when nothing it depends on changed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { USWDS_ASSETS } from '../shared/http/web-paths';

const ROOT = resolve(import.meta.dirname, '..');
export const WEB_DIST = join(ROOT, 'web', 'dist');
/** The build's cache key, beside the local data (git-ignored); `npm start -- --fresh` forgets it. */
const KEY_FILE = join(ROOT, '.local', 'web-build-key');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A hash of what the build reads: the app, the shared code it imports, the lock file (dependency versions). */
export function webInputsKey(): string {
  const hash = createHash('sha256');
  for (const file of [
    ...files(join(ROOT, 'web')),
    ...files(join(ROOT, 'shared')),
    join(ROOT, 'package-lock.json'),
  ].sort()) {
    hash.update(relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error' });
  // The package exports only its script (dist/js/uswds.min.js); the compiled assets sit beside it.
  const uswds = resolve(dirname(createRequire(import.meta.url).resolve('@uswds/uswds')), '..');
  const target = join(WEB_DIST, USWDS_ASSETS.slice(1));
  mkdirSync(join(target, 'css'), { recursive: true });
  cpSync(join(uswds, 'css', 'uswds.min.css'), join(target, 'css', 'uswds.min.css'));
  cpSync(join(uswds, 'fonts'), join(target, 'fonts'), { recursive: true });
  cpSync(join(uswds, 'img'), join(target, 'img'), { recursive: true });
}

/** Builds unless `web/dist` was built from exactly these inputs. Returns whether it built. */
export async function buildWebIfStale(): Promise<boolean> {
  const key = webInputsKey();
  if (existsSync(join(WEB_DIST, 'index.html')) && existsSync(KEY_FILE) && readFileSync(KEY_FILE, 'utf8') === key)
    return false;
  await buildWeb();
  mkdirSync(dirname(KEY_FILE), { recursive: true });
  writeFileSync(KEY_FILE, key);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildWeb();
  console.log(`built ${relative(ROOT, WEB_DIST)}`);
}
