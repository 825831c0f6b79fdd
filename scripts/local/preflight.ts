/**
 * What this machine must have before the local components start: Java 17+ for DynamoDB Local, and Debian's Chromium
 * for the web app's browser tests. Where something is missing, one line says what and the apt line `.ci/run` uses
 * (that subset of it), and the process exits non-zero: no `spawn java ENOENT` stack trace from deep inside a child
 * process. Used by `npm start` and by jest's global setups.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export type Tool = 'java' | 'chromium';

/** The lowest Java major DynamoDB Local 3.x runs on. */
export const JAVA_MIN_MAJOR = 17;
/** The apt package `.ci/run` installs for each tool. */
const APT_PACKAGE: Record<Tool, string> = { java: 'openjdk-17-jre-headless', chromium: 'chromium' };

/** The browser the web tests drive (test/web/support.ts reads the same variable). */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env) => env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The major version in `java -version`'s output: `openjdk version "17.0.15" 2025-04-15` → 17,
 * `openjdk version "21" 2023-09-19` → 21, the old scheme `java version "1.8.0_392"` → 8, `openjdk 17.0.2 …`
 * (`java --version`) → 17. Undefined when no version can be read.
 */
export function javaMajor(output: string): number | undefined {
  const match = /\bversion "([^"]+)"/.exec(output) ?? /^(?:openjdk|java) (\d[^\s]*)/m.exec(output);
  if (!match) return undefined;
  const [first, second] = match[1]!.split(/[._+-]/).map(Number);
  if (first === undefined || Number.isNaN(first)) return undefined;
  return first === 1 && second !== undefined && !Number.isNaN(second) ? second : first;
}

export interface Problem {
  tool: Tool;
  /** What is wrong, in a few words: "Java 17+ (no `java` on PATH)". */
  what: string;
}

/** The Java on `env`'s PATH, or what is wrong with it. */
export function checkJava(env: NodeJS.ProcessEnv = process.env): Problem | undefined {
  const run = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    return {
      tool: 'java',
      what: `Java ${JAVA_MIN_MAJOR}+ (${code === 'ENOENT' ? 'no `java` on PATH' : `\`java -version\` failed: ${code ?? run.error.message}`})`,
    };
  }
  const major = javaMajor(`${run.stderr}\n${run.stdout}`);
  if (major === undefined)
    return { tool: 'java', what: `Java ${JAVA_MIN_MAJOR}+ (\`java -version\` printed no version)` };
  if (major < JAVA_MIN_MAJOR) return { tool: 'java', what: `Java ${JAVA_MIN_MAJOR}+ (found Java ${major})` };
  return undefined;
}

export function checkChromium(env: NodeJS.ProcessEnv = process.env): Problem | undefined {
  const path = chromiumPath(env);
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return { tool: 'chromium', what: `Chromium (no executable ${path})` };
  }
}

export function problems(tools: readonly Tool[], env: NodeJS.ProcessEnv = process.env): Problem[] {
  const checks: Record<Tool, (env: NodeJS.ProcessEnv) => Problem | undefined> = {
    java: checkJava,
    chromium: checkChromium,
  };
  return [...new Set(tools)].flatMap((tool) => checks[tool](env) ?? []);
}

/** The one line: what is missing, and the apt line that installs exactly that. */
export function message(found: readonly Problem[]): string {
  const packages = found.map((p) => APT_PACKAGE[p.tool]);
  return `Missing: ${found.map((p) => p.what).join('; ')}. Install with: sudo apt-get install -y ${packages.join(' ')}`;
}

/** Checks `tools`; if anything is missing, prints the one line on stderr and exits with status 1. */
export function requireTools(tools: readonly Tool[], env: NodeJS.ProcessEnv = process.env): void {
  const found = problems(tools, env);
  if (found.length === 0) return;
  process.stderr.write(`${message(found)}\n`);
  process.exit(1);
}
