import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { javaMajor, message, problems } from '../../scripts/local/preflight';

/**
 * The preflight check of scripts/local/preflight.ts: the version it reads, the one line it prints, and — in child
 * processes whose PATH has no Java — that `npm start` and jest's global setups stop with that line and no stack trace.
 * Runs in the unit project, which needs no Java itself.
 */

const root = join(__dirname, '..', '..');
const emptyDir = () => mkdtempSync(join(tmpdir(), 'ce-preflight-'));

/** A directory holding a `java` that prints `version` the way `java -version` does (on stderr). */
function fakeJava(version: string): string {
  const dir = emptyDir();
  const java = join(dir, 'java');
  writeFileSync(java, `#!/bin/sh\necho '${version}' >&2\n`);
  chmodSync(java, 0o755);
  return dir;
}

/** An executable file standing in for Chromium. */
function fakeChromium(): string {
  const file = join(emptyDir(), 'chromium');
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

const JAVA_APT = 'Install with: sudo apt-get install -y openjdk-17-jre-headless';

describe('javaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "11.0.22" 2024-01-16', 11],
    ['java version "1.8.0_392"\nJava(TM) SE Runtime Environment', 8],
    ['openjdk 17.0.2 2022-01-18\nOpenJDK Runtime Environment', 17],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25-ea" 2025-09-16', 25],
  ])('%j → %d', (output, major) => expect(javaMajor(output)).toBe(major));

  it.each(['', 'command not found', 'version "abc"'])('%j → no version', (output) =>
    expect(javaMajor(output)).toBeUndefined(),
  );
});

describe('problems', () => {
  it('names a missing java', () => {
    expect(problems(['java'], { PATH: emptyDir() })).toEqual([{ tool: 'java', what: 'Java 17+ (no `java` on PATH)' }]);
  });

  it('refuses Java older than 17 and takes 17 and later', () => {
    expect(problems(['java'], { PATH: fakeJava('openjdk version "11.0.22" 2024-01-16') })).toEqual([
      { tool: 'java', what: 'Java 17+ (found Java 11)' },
    ]);
    expect(problems(['java'], { PATH: fakeJava('openjdk version "17.0.15" 2025-04-15') })).toEqual([]);
    expect(problems(['java'], { PATH: fakeJava('openjdk version "21.0.1" 2023-10-17') })).toEqual([]);
  });

  it('names Chromium when its executable is absent, and checks it only when asked', () => {
    const java = fakeJava('openjdk version "17.0.15"');
    const absent = join(emptyDir(), 'chromium');
    expect(problems(['java', 'chromium'], { PATH: java, CHROMIUM_PATH: absent })).toEqual([
      { tool: 'chromium', what: `Chromium (no executable ${absent})` },
    ]);
    expect(problems(['java'], { PATH: java, CHROMIUM_PATH: absent })).toEqual([]);
    expect(problems(['java', 'chromium'], { PATH: java, CHROMIUM_PATH: fakeChromium() })).toEqual([]);
  });
});

describe('message', () => {
  it('is one line naming what is missing and the apt line for exactly that', () => {
    expect(message([{ tool: 'java', what: 'Java 17+ (found Java 11)' }])).toBe(
      `Missing: Java 17+ (found Java 11). ${JAVA_APT}`,
    );
    expect(
      message([
        { tool: 'java', what: 'Java 17+ (no `java` on PATH)' },
        { tool: 'chromium', what: 'Chromium (no executable /usr/bin/chromium)' },
      ]),
    ).toBe(
      'Missing: Java 17+ (no `java` on PATH); Chromium (no executable /usr/bin/chromium). Install with: sudo apt-get install -y openjdk-17-jre-headless chromium',
    );
  });
});

describe('on a machine without Java', () => {
  /** Runs a Node entry point of this project with `env` only (no inherited PATH), from the project root. */
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  // Ports no one uses, in case the check were skipped: the components must not start at all.
  const ports = { PORT: '1', WEB_PORT: '1', DYNAMODB_PORT: '1', SES_PORT: '1', COGNITO_PORT: '1', S3_PORT: '1' };

  it('npm start prints the one line and exits 1, with no stack trace', () => {
    const result = run([tsx, 'scripts/local/start.ts'], { PATH: emptyDir(), ...ports });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Missing: Java 17+ (no \`java\` on PATH). ${JAVA_APT}`);
    expect(result.stdout).toBe('');
  });

  it("the integration and e2e projects' global setup stops jest with that line", () => {
    const result = run([jest, '--selectProjects', 'integration', 'test/integration/verify-page.test.ts'], {
      PATH: emptyDir(),
      HOME: emptyDir(),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Missing: Java 17+ (no \`java\` on PATH). ${JAVA_APT}\n`);
    expect(result.stderr).not.toMatch(/ENOENT|\n\s+at /);
  }, 60_000);

  it("the web project's global setup names Java and Chromium in one line", () => {
    const chromium = join(emptyDir(), 'chromium');
    const result = run([jest, '--selectProjects', 'web', 'test/web/account.test.ts'], {
      PATH: emptyDir(),
      HOME: emptyDir(),
      CHROMIUM_PATH: chromium,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Missing: Java 17+ (no \`java\` on PATH); Chromium (no executable ${chromium}). Install with: sudo apt-get install -y openjdk-17-jre-headless chromium\n`,
    );
    expect(result.stderr).not.toMatch(/ENOENT|\n\s+at /);
  }, 60_000);
});
