import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { matchRoute } from '../../scripts/local/api-event';
import { cognitoClient, signIn } from '../../scripts/local/cognito';
import { clientIdFor, startStack, type StackState } from '../../scripts/local/stack';
import type { Role } from '../../shared/domain/vocabulary';
import { ALL_ROUTES } from '../../shared/http/routes';
import { conform } from './conformance';

export interface TestStack {
  state: StackState;
  url: string;
  token(role: Role): Promise<string>;
  fetch(
    path: string,
    init?: RequestInit & { token?: string; json?: unknown },
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  stop(): Promise<void>;
}

/**
 * The whole local backend for an end-to-end test file: the run's shared DynamoDB Local and SES, this file's own
 * table, a cognito-local issuing real RS256 tokens, and the gateway verifying them. Every answer to a path of the
 * route table is checked against the served API document (`conformance.ts`).
 */
export async function startTestStack(): Promise<TestStack> {
  const { state, stop } = await startStack({
    dataDir: mkdtempSync(join(tmpdir(), 'ce-e2e-')),
    inMemory: true,
    existing: {
      dynamoEndpoint: process.env.TEST_DYNAMO_ENDPOINT,
      sesEndpoint: process.env.TEST_SES_ENDPOINT,
      s3Endpoint: process.env.TEST_S3_ENDPOINT,
    },
    tableName: process.env.TABLE_NAME,
  });
  const idp = cognitoClient(state.cognitoEndpoint);
  const tokens = new Map<Role, string>();
  return {
    state,
    url: state.gatewayUrl,
    async token(role) {
      if (!tokens.has(role))
        tokens.set(
          role,
          await signIn(idp, clientIdFor(state, role), state.users[role].email, state.users[role].password),
        );
      return tokens.get(role)!;
    },
    async fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      const res = await fetch(`${state.gatewayUrl}${path}`, { ...init, headers, body });
      const text = await res.text();
      const url = new URL(path, state.gatewayUrl);
      const route = matchRoute(ALL_ROUTES, (init.method ?? 'GET').toUpperCase(), url.pathname)?.route;
      if (route) await conform(route, { status: res.status, headers: Object.fromEntries(res.headers), text });
      let parsed: unknown = text;
      if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    stop,
  };
}

/** A token with the right shape but signed by a key the issuer never published. */
export async function tokenFromAnotherKey(
  claims: Record<string, unknown>,
  issuer: string,
  audience: string,
): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

export { exportJWK };

/** A stack for the whole test file: started before its tests, stopped after. Call the returned function to use it. */
export function useTestStack(): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return () => stack!;
}
