import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { requireTools } from '../../scripts/local/preflight';

/** Starts `stack-process.ts` once for the web project and hands its addresses to the test files (WEB_STACK). */
export default async function globalSetup(): Promise<void> {
  requireTools(['java', 'chromium']);
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'test/web/stack-process.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    },
  );
  (globalThis as { __webStack?: ChildProcess }).__webStack = child;
  process.env.WEB_STACK = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the web stack did not start in 120 s:\n${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('WEB_STACK '));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('WEB_STACK '.length));
      }
    });
    child.once('exit', (code) => reject(new Error(`the web stack exited (${code}):\n${out}`)));
  });
}
