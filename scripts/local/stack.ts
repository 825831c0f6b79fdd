/**
 * Brings the whole backend up on real local components and returns where everything is.
 * Used by `npm start`, the end-to-end tests and the bench, so all three run the same thing.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { allowedOrigins } from '../../infra/config';
import { ALL_ROUTES } from '../../shared/http/routes';
import { isStaff, type Role } from '../../shared/domain/vocabulary';
import {
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startCognito,
  startDynamo,
  LOCAL_FILES_BUCKET,
  startS3,
  startSes,
  type Running,
} from './components';
import { configureEnvironment } from './environment';
import { cognitoClient, ensurePool, ensureUser } from './cognito';
import { startGateway } from './gateway';
import { localScanner } from './scanner';
import { ensureTable } from './table';

/** npm runs every script from the project root. */
export const DEFAULT_DATA_DIR = resolve(process.cwd(), '.local');

export interface StackState {
  gatewayUrl: string;
  /** Where cognito-local keeps its data (it holds sign-up confirmation codes). */
  cognitoDir: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  /** The local S3 server (s3rver) and the homework-files bucket in it. */
  s3Endpoint: string;
  filesBucket: string;
  cognitoEndpoint: string;
  tableName: string;
  userPoolId: string;
  /** The applicants' app client. */
  clientId: string;
  /** The staff's app client (ADS, DDS): the API refuses a staff token from the applicants' one. */
  staffClientId: string;
  issuer: string;
  users: Record<Role, { email: string; password: string }>;
}

/** The demo staff accounts' names, as histories show who acted ("Dana Reyes (ADS)"). */
export const DEMO_STAFF_NAMES = {
  'ads-staff': 'Dana Reyes',
  dds: 'Morgan Ellis',
  'provider-admin': 'Riley Park',
} as const;

/** Demo accounts for each role (local only; the passwords mean nothing anywhere else). */
export const DEMO_USERS: StackState['users'] = {
  'ads-staff': { email: 'ads.staff@ads.example.org', password: 'Local-Passw0rd!' },
  dds: { email: 'dds.reader@dds.example.org', password: 'Local-Passw0rd!' },
  applicant: { email: 'pat.applicant@provider.example.org', password: 'Local-Passw0rd!' },
  // In the group, but linked to no agency until ADS creates one with `POST /ads/accounts` (the agency routes say 404).
  'provider-admin': { email: 'riley.admin@provider.example.org', password: 'Local-Passw0rd!' },
};

/** The app client a role signs in through, as the web app picks it. */
export const clientIdFor = (state: Pick<StackState, 'clientId' | 'staffClientId'>, role: Role) =>
  isStaff([role]) ? state.staffClientId : state.clientId;

export const stateFile = (dataDir: string) => join(dataDir, 'stack.json');
export const readState = (dataDir = DEFAULT_DATA_DIR): StackState =>
  JSON.parse(readFileSync(stateFile(dataDir), 'utf8')) as StackState;

export interface StackOptions {
  dataDir?: string;
  /** Start from empty: forget the data of earlier runs. */
  fresh?: boolean;
  /** Keep DynamoDB in memory (tests, bench) instead of persisting under the data directory. */
  inMemory?: boolean;
  ports?: Partial<Record<'gateway' | 'dynamo' | 'ses' | 'cognito' | 's3', number>>;
  /** Reuse components already running (the test suite's shared DynamoDB Local, SES and S3). */
  existing?: { dynamoEndpoint?: string; sesEndpoint?: string; s3Endpoint?: string };
  tableName?: string;
  logs?: boolean;
  /**
   * Local web apps' origins (the served app, `LOCAL_WEB_ORIGIN` e.g. Vite's `http://localhost:5173`), allowed by the
   * API's CORS and the local S3 server's (uploads are posted there from the browser) besides the deployed ones.
   */
  webOrigins?: (string | undefined)[];
  /** Stand in for GuardDuty: scan each uploaded homework file (`scanner.ts`); `npm start` only, not the tests. */
  scanUploads?: boolean;
  /** The web app's address when it is served too: email links then land on it (see `web.ts`). */
  publicBaseUrl?: string;
}

/** The origins CDK allows (`ce:allowedOrigins` in `cdk.json`), read through the same function CDK uses. */
export function deployedOrigins(): string[] {
  const { context } = JSON.parse(readFileSync(resolve(process.cwd(), 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return allowedOrigins((key) => context[key]);
}

export async function startStack(options: StackOptions = {}) {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started: Running[] = [];
  const browserOrigins = [...deployedOrigins(), ...(options.webOrigins ?? []).filter((o): o is string => !!o)];
  const stopAll = async () => {
    for (const component of started.reverse()) await component.stop().catch(() => undefined);
  };
  try {
    let dynamoEndpoint = options.existing?.dynamoEndpoint;
    if (!dynamoEndpoint) {
      const dynamo = await startDynamo({
        port: options.ports?.dynamo,
        dataDir: options.inMemory ? undefined : join(dataDir, 'dynamodb'),
        logFile: options.logs ? join(dataDir, 'dynamodb.log') : undefined,
      });
      started.push(dynamo);
      dynamoEndpoint = dynamo.endpoint;
    }
    let sesEndpoint = options.existing?.sesEndpoint;
    if (!sesEndpoint) {
      const ses = await startSes({ port: options.ports?.ses });
      started.push(ses);
      sesEndpoint = ses.endpoint;
    }
    let s3Endpoint = options.existing?.s3Endpoint;
    if (!s3Endpoint) {
      const s3 = await startS3({
        port: options.ports?.s3,
        dataDir: options.inMemory ? undefined : join(dataDir, 's3'),
        origins: browserOrigins,
        onObjectCreated: options.scanUploads
          ? localScanner(
              LOCAL_FILES_BUCKET,
              (line) =>
                options.logs && appendFileSync(join(dataDir, 'scanner.log'), `${new Date().toISOString()} ${line}\n`),
            )
          : undefined,
      });
      started.push(s3);
      s3Endpoint = s3.endpoint;
    }
    const gatewayPort = options.ports?.gateway ?? (await freePort());
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const cognitoDir = join(dataDir, 'cognito');
    mkdirSync(join(cognitoDir, '.cognito'), { recursive: true });
    // cognito-local invokes the sign-up trigger through the Lambda API; the gateway answers it with the same handler.
    writeFileSync(
      join(cognitoDir, '.cognito', 'config.json'),
      JSON.stringify(
        {
          LambdaClient: { endpoint: gatewayUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
          TriggerFunctions: { PostConfirmation: 'post-confirmation' },
        },
        null,
        2,
      ),
    );
    const cognito = await startCognito({
      dataDir: cognitoDir,
      port: options.ports?.cognito,
      logFile: options.logs ? join(dataDir, 'cognito.log') : undefined,
    });
    started.push(cognito);

    const idp = cognitoClient(cognito.endpoint);
    const { userPoolId, clientId, staffClientId } = await ensurePool(idp);
    const subs = new Map<Role, string>();
    for (const [role, user] of Object.entries(DEMO_USERS))
      subs.set(role as Role, await ensureUser(idp, userPoolId, user.email, user.password, role as Role));

    const state: StackState = {
      gatewayUrl,
      cognitoDir,
      dynamoEndpoint,
      sesEndpoint,
      s3Endpoint,
      filesBucket: LOCAL_FILES_BUCKET,
      cognitoEndpoint: cognito.endpoint,
      tableName: options.tableName ?? 'ce-local',
      userPoolId,
      clientId,
      staffClientId,
      issuer: `${cognito.endpoint}/${userPoolId}`,
      users: DEMO_USERS,
    };
    configureEnvironment({ ...state, publicBaseUrl: options.publicBaseUrl });
    const ddb = new DynamoDBClient({ endpoint: dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const table = await ensureTable(ddb, state.tableName);
    // The demo staff accounts as ADS would have created them: a name on record (the table name is set by now).
    const { staffItem } = await import('../../shared/data/staff');
    for (const role of ['ads-staff', 'dds', 'provider-admin'] as const)
      await ddb.send(
        new PutItemCommand({
          TableName: state.tableName,
          Item: marshall(
            staffItem({
              sub: subs.get(role) ?? '',
              name: DEMO_STAFF_NAMES[role],
              email: DEMO_USERS[role].email,
              role,
              createdAt: '2026-01-01T00:00:00-05:00',
            }),
          ),
        }),
      );
    ddb.destroy();

    const gateway = await startGateway({
      port: gatewayPort,
      routes: ALL_ROUTES,
      auth: {
        issuer: state.issuer,
        audience: [clientId, staffClientId],
        jwksUrl: `${state.issuer}/.well-known/jwks.json`,
      },
      allowOrigins: browserOrigins,
      triggers: {
        'post-confirmation': async () => (await import('../../functions/accounts/post-confirmation')).handler as never,
      },
    });
    started.push({ endpoint: gateway.url, port: gatewayPort, stop: gateway.stop });
    writeFileSync(stateFile(dataDir), JSON.stringify(state, null, 2));
    return { state, table, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
