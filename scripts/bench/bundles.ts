/**
 * Bundle size and cold-start module init of every Lambda, against its floor: a bundle of only the AWS SDK clients
 * that function uses, built the same way in the same run. Init is measured in a fresh Node process per sample.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleFunction } from '../../infra/bundling';
import { API_AREAS } from '../../shared/http/routes';
import { JOBS } from '../../shared/jobs/catalog';
import { deployedEnvironments } from './deployed-env';

const ROOT = process.cwd();
const OUT = resolve(ROOT, '.local', 'bench', 'bundles');

const SDK_CLIENTS = {
  '@aws-sdk/client-dynamodb':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const ddb = new DynamoDBClient({});",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as D2 } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const doc = DynamoDBDocumentClient.from(new D2({}));",
  '@aws-sdk/client-ses': "import { SESClient } from '@aws-sdk/client-ses'; export const ses = new SESClient({});",
  '@aws-sdk/client-kms': "import { KMSClient } from '@aws-sdk/client-kms'; export const kms = new KMSClient({});",
  '@aws-sdk/client-s3': "import { S3Client } from '@aws-sdk/client-s3'; export const s3 = new S3Client({});",
  '@aws-sdk/s3-request-presigner': "export { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
  '@aws-sdk/s3-presigned-post': "export { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
  '@aws-sdk/client-cognito-identity-provider':
    "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'; export const idp = new CognitoIdentityProviderClient({});",
} as const;

export interface BundleFigure {
  fn: string;
  /** What every cold start loads: `index.mjs` and the files it imports statically. */
  bytes: number;
  /** Files loaded on first use only (`import()`), not at a cold start. */
  lazyBytes: number;
  mapBytes: number;
  /** In-process import time, median. */
  initMs: number;
  /** Outside: from starting the process to its report after the import, by the bench's clock, median. */
  readyMs: number;
  floorReadyMs: number;
  floorBytes: number;
  floorLazyBytes: number;
  floorInitMs: number;
  clients: string[];
}

/** A function's bundle, or (with `contents`) a floor's, built by the deploy's own `bundleFunction`. */
async function bundle(name: string, options: { entry?: string; contents?: string }) {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let entry = options.entry;
  if (!entry) {
    entry = join(OUT, `${name}.entry.ts`);
    writeFileSync(entry, options.contents!);
  }
  return { file: join(dir, 'index.mjs'), ...(await bundleFunction(entry, dir)) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Env = Record<string, string>;

/**
 * Module init in a fresh process with exactly the function's deployed environment (nothing inherited from this
 * shell), measured two ways at once. Inside: the process times its own `import()` of the bundle, what a cold start
 * adds before the handler runs. Outside: this process's clock, from just before the process is started to the moment
 * its one line (that time) arrives — Node's start-up plus the init, without the in-process timer (the exit is not
 * counted; Lambda keeps the process). `NODE_OPTIONS` from that environment applies, as it does in Lambda.
 */
function initOnce(file: string, env: Env): Promise<{ inside: number; outside: number }> {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(performance.now()-t+'\\n');`;
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let line = '';
    let outside = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!outside) outside = performance.now() - start;
      line += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done({ inside: Number(line), outside }) : fail(new Error(`init of ${file} exited ${code}`)),
    );
  });
}

/**
 * A function's init and its floor's, sampled alternately so that the machine's drift affects both alike; each way of
 * measuring (`initOnce`) gives its own median.
 */
export async function measureInitPair(file: string, floor: string, samples: number, env: Env) {
  const own: { inside: number; outside: number }[] = [];
  const base: { inside: number; outside: number }[] = [];
  // One untimed pair first: the first process after the builds (or after another function's) reads its files cold.
  await initOnce(file, env);
  await initOnce(floor, env);
  for (let i = 0; i < samples; i++) {
    own.push(await initOnce(file, env));
    base.push(await initOnce(floor, env));
  }
  return {
    initMs: median(own.map((s) => s.inside)),
    floorInitMs: median(base.map((s) => s.inside)),
    readyMs: median(own.map((s) => s.outside)),
    floorReadyMs: median(base.map((s) => s.outside)),
  };
}

/** The environment as `KEY=value` lines, for measuring from outside with `env -i $(cat env) …` (see the README). */
const envFile = (env: Env) =>
  `${Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;

export function lambdaEntries(): { fn: string; entry: string }[] {
  return [
    ...API_AREAS.map((area) => ({ fn: `api-${area}`, entry: `functions/${area}/handler.ts` })),
    ...JOBS.map((job) => ({ fn: `job-${job.name}`, entry: `functions/jobs/${job.name}.ts` })),
    { fn: 'post-confirmation', entry: 'functions/accounts/post-confirmation.ts' },
    { fn: 'scan-result', entry: 'functions/files/scan-result.ts' },
    { fn: 'audit-archive', entry: 'functions/audit-archive/handler.ts' },
  ];
}

/**
 * `only`: the functions to measure (a partial run, `npm run bench -- --only api-a,api-b`); all when absent. Every
 * bundle is built first and measured after, so that no build's work (esbuild's threads, the collector after it)
 * runs while a process is being timed.
 */
export async function benchBundles(samples: number, only?: readonly string[]): Promise<BundleFigure[]> {
  const environments = await deployedEnvironments();
  const floors = new Map<string, Awaited<ReturnType<typeof bundle>>>();
  const built = [];
  for (const { fn, entry } of lambdaEntries().filter((e) => !only || only.includes(e.fn))) {
    const own = await bundle(fn, { entry: resolve(ROOT, entry) });
    const inputs = Object.keys(own.metafile.inputs);
    const clients = (Object.keys(SDK_CLIENTS) as (keyof typeof SDK_CLIENTS)[]).filter((c) =>
      inputs.some((i) => i.includes(`node_modules/${c}/`)),
    );
    const floorKey = clients.join('+') || 'none';
    if (!floors.has(floorKey)) {
      const floor = await bundle(`floor-${floors.size}`, {
        contents: `${clients.map((c) => SDK_CLIENTS[c]).join('\n')}\nexport const handler = async () => 1;`,
      });
      floors.set(floorKey, floor);
    }
    const floor = floors.get(floorKey)!;
    const env = environments.get(fn);
    if (!env) throw new Error(`No deployed function named ${fn} in the CDK app`);
    writeFileSync(join(OUT, fn, 'env'), envFile(env));
    writeFileSync(join(OUT, fn, 'floor'), `${floor.file}\n`);
    built.push({ fn, own, floor, env, clients });
  }
  const figures: BundleFigure[] = [];
  for (const { fn, own, floor, env, clients } of built) {
    figures.push({
      fn,
      bytes: own.bytes,
      lazyBytes: own.lazyBytes,
      mapBytes: own.mapBytes,
      ...(await measureInitPair(own.file, floor.file, samples, env)),
      floorBytes: floor.bytes,
      floorLazyBytes: floor.lazyBytes,
      clients,
    });
  }
  return figures;
}
