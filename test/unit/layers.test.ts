import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The HTTP edge depends on the core, never the other way round: no file of the domain, the data layer or the use
 * cases imports `shared/http`, so a rule can be read, tested and reused without HTTP in mind.
 */
const ROOT = resolve(__dirname, '../..');
const CORE = ['shared/domain', 'shared/data', 'shared/use-cases'];
const EDGE = join(ROOT, 'shared/http');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** Every module specifier a file names: static imports, re-exports, dynamic imports. */
const specifiers = (source: string): string[] =>
  [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('layers', () => {
  const files = CORE.flatMap((dir) => filesUnder(join(ROOT, dir)));

  it('finds the files it checks', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(specifiers("import { a } from './a';\nexport * from '../b';\nawait import('../c');")).toEqual([
      './a',
      '../b',
      '../c',
    ]);
  });

  it.each(CORE)('nothing under %s imports shared/http', (dir) => {
    const offending = files
      .filter((file) => file.startsWith(join(ROOT, dir)))
      .flatMap((file) =>
        specifiers(readFileSync(file, 'utf8'))
          .filter((s) => s.startsWith('.'))
          .map((s) => resolve(dirname(file), s))
          .filter((target) => target === EDGE || target.startsWith(`${EDGE}/`))
          .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
      );
    expect(offending).toEqual([]);
  });
});
