import { PAGE_POLICY } from '../../shared/http/render/layout';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/local/components';
import { startGateway } from '../../scripts/local/gateway';
import { deployedOrigins } from '../../scripts/local/stack';
import { ALL_ROUTES } from '../../shared/http/routes';
import { useClockReset } from '../support/clock';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * The local gateway answers what API Gateway's HTTP API answers itself as the HTTP API does. Token verification is
 * covered with real cognito-local tokens elsewhere; these requests need none (public routes, or refused before).
 */
const WEB_APP = 'http://localhost:5173';
let gateway: { url: string; stop: () => Promise<void> };
beforeAll(async () => {
  gateway = await startGateway({
    port: await freePort(),
    routes: ALL_ROUTES,
    auth: { issuer: 'http://127.0.0.1:1/none', audience: ['none'], jwksUrl: 'http://127.0.0.1:1/none/jwks.json' },
    allowOrigins: [...deployedOrigins(), WEB_APP],
  });
});
afterAll(() => gateway.stop());

const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
const corsOf = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-')));

describe('CORS, from the configuration CDK deploys', () => {
  const DEPLOYED = 'https://ce-certification.example.org';

  it('reads the allowed origins from cdk.json', () => {
    expect(deployedOrigins()).toEqual([DEPLOYED]);
  });

  it.each([DEPLOYED, WEB_APP])('answers a preflight from %s itself, whatever the path', async (origin) => {
    for (const path of ['/ads/iterations', '/no/such/route']) {
      const res = await call(path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect([res.status, await res.text(), corsOf(res)]).toEqual([
        204,
        '',
        {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
          'access-control-allow-headers': 'authorization,content-type,idempotency-key',
          'access-control-max-age': '3600',
        },
      ]);
    }
  });

  it('gives another origin no CORS headers', async () => {
    const res = await call('/ads/iterations', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example.com', 'access-control-request-method': 'POST' },
    });
    expect([res.status, corsOf(res)]).toEqual([204, {}]);
    expect(corsOf(await call('/iterations', { headers: { origin: 'https://elsewhere.example.com' } }))).toEqual({});
  });

  it("adds the allowed origin and the exposed headers to every answer, the gateway's own included", async () => {
    const expected = {
      'access-control-allow-origin': WEB_APP,
      'access-control-expose-headers': 'x-correlation-id,idempotent-replayed,retry-after',
    };
    const listed = await call('/iterations', { headers: { origin: WEB_APP } });
    const refused = await call('/ads/iterations', { headers: { origin: WEB_APP } });
    expect([listed.status, corsOf(listed), refused.status, corsOf(refused)]).toEqual([200, expected, 401, expected]);
    expect(corsOf(await call('/iterations'))).toEqual({});
  });
});

describe("the HTTP API's own answers", () => {
  const exactly = async (res: Response) => [res.status, res.headers.get('content-type'), await res.text()];

  it('401 without a token, 404 without a route (a known path with another method included)', async () => {
    expect(await exactly(await call('/ads/iterations'))).toEqual([
      401,
      'application/json',
      '{"message":"Unauthorized"}',
    ]);
    expect(await exactly(await call('/no/such/route'))).toEqual([404, 'application/json', '{"message":"Not Found"}']);
    expect(await exactly(await call('/iterations', { method: 'DELETE' }))).toEqual([
      404,
      'application/json',
      '{"message":"Not Found"}',
    ]);
  });

  it('413 for a body over 10 MiB, as API Gateway answers it; 10 MiB itself goes through', async () => {
    const tenMiB = 10 * 1024 * 1024;
    const post = (size: number) =>
      call('/ads/iterations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(size, 0x20),
      });
    expect(await exactly(await post(tenMiB + 1))).toEqual([
      413,
      'application/json',
      '{"message":"Request Entity Too Large"}',
    ]);
    expect((await post(tenMiB)).status).toBe(401);
  });
});

describe('errors the functions produce', () => {
  it('are problem+json, or a page on the link routes for a browser, with the security headers', async () => {
    const link = `/links/${'A'.repeat(43)}`;
    const api = await call(link);
    const browser = await call(link, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    const invalid = await call('/iterations?sort=soonest');
    expect(
      [api, browser, invalid].map((res) => [
        res.status,
        res.headers.get('content-type'),
        res.headers.get('x-content-type-options'),
        res.headers.get('referrer-policy'),
        res.headers.get('cache-control'),
      ]),
    ).toEqual([
      [404, 'application/problem+json', 'nosniff', 'no-referrer', 'no-store'],
      [404, 'text/html; charset=utf-8', 'nosniff', 'no-referrer', 'no-store'],
      [400, 'application/problem+json', 'nosniff', 'no-referrer', 'no-store'],
    ]);
    expect(browser.headers.get('content-security-policy')).toBe(PAGE_POLICY);
  });
});

describe('the local clock', () => {
  it('refuses a setting that is not {"at": "<ISO instant>"} with 400', async () => {
    for (const body of ['{"at":', 'null', '{"at":"soon"}', '{}'])
      expect([body, (await call('/_local/clock', { method: 'PUT', body })).status]).toEqual([body, 400]);
    const set = await call('/_local/clock', { method: 'PUT', body: '{"at":"2027-03-01T09:00:00-05:00"}' });
    const shown = Date.parse(((await set.json()) as { now: string }).now) - Date.parse('2027-03-01T09:00:00-05:00');
    expect([set.status, shown >= 0 && shown < 5000]).toEqual([200, true]);
  });

  describe('npm run job', () => {
    /** `npm run job -- …` as a user runs it: its own process, finding the stack through `.local/stack.json`. */
    async function job(...args: string[]): Promise<{ ranAt: string }> {
      const cwd = mkdtempSync(join(tmpdir(), 'ce-job-'));
      mkdirSync(join(cwd, '.local'));
      const state = {
        gatewayUrl: gateway.url,
        tableName: process.env.TABLE_NAME,
        dynamoEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
        sesEndpoint: process.env.AWS_ENDPOINT_URL_SES,
      };
      writeFileSync(join(cwd, '.local', 'stack.json'), JSON.stringify(state));
      const root = resolve(__dirname, '../..');
      const { stdout } = await promisify(execFile)(
        join(root, 'node_modules/.bin/tsx'),
        [join(root, 'scripts/job.ts'), 'email-outbox', ...args],
        { cwd, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' } },
      );
      return JSON.parse(stdout.slice(stdout.indexOf('{')));
    }

    it("runs at the gateway's clock without --date; --date still wins", async () => {
      await call('/_local/clock', { method: 'PUT', body: '{"at":"2027-03-01T09:00:00-05:00"}' });
      const atGatewayClock = Date.parse((await job()).ranAt) - Date.parse('2027-03-01T09:00:00-05:00');
      expect(atGatewayClock).toBeGreaterThanOrEqual(0);
      expect(atGatewayClock).toBeLessThan(60_000);
      expect((await job('--date', '2027-04-10')).ranAt).toMatch(/^2027-04-10T10:0\d:/);
    }, 60_000);
  });
});
