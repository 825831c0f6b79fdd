import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { ALL_ROUTES } from '../../shared/http/routes';
import { startTestStack, tokenFromAnotherKey, type TestStack } from '../support/local-stack';

/**
 * Every route through the gateway with a bad token: expired (signed by the issuer's own key), signed by another
 * key, tampered (claims changed after signing). Protected routes answer as the HTTP API JWT authorizer does
 * (401 `{"message":"Unauthorized"}`) before any handler runs; public routes ignore the header.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack();
  const real = await stack.token('ads-staff');
  const claims = JSON.parse(Buffer.from(real.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  // cognito-local's signing key ships in its package: usable only locally, which is the point here.
  const keyFile = createRequire(join(process.cwd(), 'package.json')).resolve(
    'cognito-local/lib/keys/cognitoLocal.private.json',
  );
  const key = await importJWK(
    (JSON.parse(readFileSync(keyFile, 'utf8')) as { jwk: Record<string, string> }).jwk,
    'RS256',
  );
  const past = Math.floor(Date.now() / 1000) - 3600;
  tokens.expired = await new SignJWT({ ...claims, iat: past - 3600, exp: past })
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .sign(key);
  tokens.anotherKey = await tokenFromAnotherKey(
    { ...claims, exp: undefined, iat: undefined },
    stack.state.issuer,
    stack.state.clientId,
  );
  const [header, , signature] = real.split('.');
  tokens.tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
  tokens.valid = real;
}, 60_000);
afterAll(async () => stack?.stop());

const sample = (path: string) =>
  path.replace(
    /\{(\w+)\}/g,
    (_, name: string) =>
      ({
        iterationId: 'it-0000000000000000',
        applicationId: 'ap-0000000000000000',
        providerId: 'pr-0000000000000000',
        date: '2027-02-02',
        number: 'CT-CE-0000-0000-0000-0000',
        token: 'A'.repeat(43),
        subjectType: 'iteration',
        period: '2027-03',
        asset: 'swagger-ui.css',
      })[name] ?? 'x',
  );

describe('bad tokens, every route, through the gateway', () => {
  it("the signing key of the expired token is the issuer's own: a fresh token signed the same way is accepted", async () => {
    expect((await stack.fetch('/ads/iterations', { token: tokens.valid })).status).toBe(200);
  });

  for (const kind of ['expired', 'anotherKey', 'tampered']) {
    it.each(ALL_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(`${kind}: %s`, async (_, route) => {
      const answer = await stack.fetch(sample(route.path), {
        method: route.method,
        token: tokens[kind],
        ...(route.body ? { json: {} } : {}),
      });
      if (route.access === 'public') expect(answer.status).not.toBe(401);
      else expect([answer.status, answer.body]).toEqual([401, { message: 'Unauthorized' }]);
    });
  }
});
