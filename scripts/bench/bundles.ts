/**
 * Bundle size and cold-start module init of every Lambda, against its floor: a bundle of only the AWS SDK clients
 * that function uses, built the same way in the same run. Init is measured in a fresh Node process per sample.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLING } from '../../infra/bundling';
import { API_AREAS } from '../../shared/http/routes';
import { JOBS } from '../../shared/jobs/catalog';

const ROOT = process.cwd();
const OUT = resolve(ROOT, '.local', 'bench', 'bundles');

const SDK_CLIENTS = {
  '@aws-sdk/client-dynamodb':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const ddb = new DynamoDBClient({});",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as D2 } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const doc = DynamoDBDocumentClient.from(new D2({}));",
  '@aws-sdk/client-ses': "import { SESClient } from '@aws-sdk/client-ses'; export const ses = new SESClient({});",
  '@aws-sdk/client-cognito-identity-provider':
    "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'; export const idp = new CognitoIdentityProviderClient({});",
} as const;

export interface BundleFigure {
  fn: string;
  bytes: number;
  mapBytes: number;
  initMs: number;
  floorBytes: number;
  floorInitMs: number;
  clients: string[];
}

async function bundle(
  name: string,
  options: { entry?: string; contents?: string },
): Promise<{ file: string; bytes: number; mapBytes: number; metafile: Metafile }> {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  const result = await build({
    ...(options.entry
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.contents!, resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: file,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    target: BUNDLING.target,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const js = Object.entries(outputs).find(([f]) => f.endsWith('.mjs'))![1];
  const map = Object.entries(outputs).find(([f]) => f.endsWith('.map'))?.[1];
  return { file, bytes: js.bytes, mapBytes: map?.bytes ?? 0, metafile: result.metafile };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const ENV = {
  ...process.env,
  TABLE_NAME: 'bench',
  USER_POOL_ID: 'us-east-1_bench',
  AWS_REGION: 'us-east-1',
  SENDER_EMAIL: 'bench@example.org',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  NODE_OPTIONS: '--enable-source-maps',
};

/** Module init in a fresh process: the time to import the bundle (what a cold start adds before the handler runs). */
function initOnce(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8' }));
}

/** A function's init and its floor's, sampled alternately so that the machine's drift affects both alike. */
export function measureInitPair(file: string, floor: string, samples: number): { initMs: number; floorInitMs: number } {
  const own: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < samples; i++) {
    own.push(initOnce(file));
    base.push(initOnce(floor));
  }
  return { initMs: median(own), floorInitMs: median(base) };
}

export function lambdaEntries(): { fn: string; entry: string }[] {
  return [
    ...API_AREAS.map((area) => ({ fn: `api-${area}`, entry: `functions/${area}/handler.ts` })),
    ...JOBS.map((job) => ({ fn: `job-${job.name}`, entry: `functions/jobs/${job.name}.ts` })),
    { fn: 'post-confirmation', entry: 'functions/accounts/post-confirmation.ts' },
  ];
}

export async function benchBundles(samples = 11): Promise<BundleFigure[]> {
  const figures: BundleFigure[] = [];
  const floors = new Map<string, { bytes: number; file: string }>();
  for (const { fn, entry } of lambdaEntries()) {
    const built = await bundle(fn, { entry: resolve(ROOT, entry) });
    const inputs = Object.keys(built.metafile.inputs);
    const clients = (Object.keys(SDK_CLIENTS) as (keyof typeof SDK_CLIENTS)[]).filter((c) =>
      inputs.some((i) => i.includes(`node_modules/${c}/`)),
    );
    const floorKey = clients.join('+') || 'none';
    if (!floors.has(floorKey)) {
      const floor = await bundle(`floor-${floors.size}`, {
        contents: `${clients.map((c) => SDK_CLIENTS[c]).join('\n')}\nexport const handler = async () => 1;`,
      });
      floors.set(floorKey, { bytes: floor.bytes, file: floor.file });
    }
    const floor = floors.get(floorKey)!;
    figures.push({
      fn,
      bytes: built.bytes,
      mapBytes: built.mapBytes,
      ...measureInitPair(built.file, floor.file, samples),
      floorBytes: floor.bytes,
      clients,
    });
  }
  return figures;
}
