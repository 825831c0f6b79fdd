import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { readableStack } from '../../shared/observability/stack';

describe('stack traces of a minified bundle, mapped only when logged', () => {
  it('maps each bundle frame back to its source file and line, and keeps frames it cannot map', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ce-stack-'));
    writeFileSync(
      join(dir, 'rule.ts'),
      [
        'export function decide(n: number) {',
        '  if (n > 1) {',
        "    throw new Error('broken rule');",
        '  }',
        '  return n;',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'entry.ts'), "import { decide } from './rule';\nexport const run = () => decide(2);\n");
    const outfile = join(dir, 'index.mjs');
    await build({
      entryPoints: [join(dir, 'entry.ts')],
      bundle: true,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      format: 'esm',
      platform: 'node',
      outfile,
      logLevel: 'error',
    });
    // A plain Node process, as in Lambda: jest's own source-map support would otherwise map the stack first.
    const script = `import(${JSON.stringify(pathToFileURL(outfile).href)}).then((m) => { try { m.run(); } catch (e) { process.stdout.write(e.stack); } });`;
    const stack = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(stack).toMatch(/index\.mjs:1:\d+/);
    const mapped = (await readableStack(stack))!;
    expect(mapped.split('\n')[0]).toBe('Error: broken rule');
    expect(mapped.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^ {4}at \S+ \(rule\.ts:3\)$/),
      expect.stringMatching(/^ {4}at \S+ \(entry\.ts:2\)$/),
    ]);
    expect(mapped).not.toMatch(/index\.mjs:1:\d+/);
  });

  it('leaves a stack without source maps as it is', async () => {
    const stack = 'Error: x\n    at f (/nowhere/file.js:10:5)\n    at node:internal/process:1:1';
    expect(await readableStack(stack)).toBe(stack);
  });
});
