import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCognito, type Running } from '../../scripts/local/components';
import { cognitoClient, ensurePool } from '../../scripts/local/cognito';
import { ALL_ROUTES } from '../../shared/http/routes';
import type { RouteSpec } from '../../shared/http/route';
import { useClockReset } from '../support/clock';
import { invoke, type As } from '../support/invoke';
import {
  AGENCY_OBJECT_BODIES,
  buildWorld,
  OWN_OBJECT_BODIES,
  paramsFor,
  QUERY,
  type World,
} from '../support/route-world';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * The authorization matrix, generated from the route table (a route added later is in it automatically):
 * every route × anonymous, applicant A, applicant B (someone else's objects), ADS staff, DDS, and the provider
 * administrator of A's agency (another agency's objects: `agency.test.ts`).
 * Bad tokens (expired, another key, tampered) are covered through the gateway in test/e2e/token-matrix.
 */
let world: World;
let cognito: Running | undefined;
beforeAll(async () => {
  // Signing out everywhere ends the sessions in Cognito too: this file brings its own cognito-local.
  cognito = await startCognito({ dataDir: mkdtempSync(join(tmpdir(), 'ce-authz-cognito-')) });
  const { userPoolId } = await ensurePool(cognitoClient(cognito.endpoint));
  Object.assign(process.env, {
    USER_POOL_ID: userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
  });
  world = await buildWorld();
}, 60_000);
afterAll(async () => cognito?.stop());

type Who = 'anonymous' | 'A' | 'B' | 'ads-staff' | 'dds' | 'provider-admin' | 'other-admin';
const caller = (who: Who): As | undefined =>
  who === 'anonymous'
    ? undefined
    : who === 'A'
      ? world.a
      : who === 'B'
        ? world.b
        : who === 'ads-staff'
          ? world.ads
          : who === 'dds'
            ? world.dds
            : who === 'provider-admin'
              ? world.admin
              : world.otherAdmin;
const roleOf = (who: Who) =>
  who === 'A' || who === 'B' ? 'applicant' : who === 'other-admin' ? 'provider-admin' : who;
/** Routes under /me/ naming an application: B asking for A's gets "not found", never "forbidden". */
const ownsObject = (route: RouteSpec) => route.path.startsWith('/me/applications/{applicationId}');
/** Agency routes naming a person or an application: another agency's administrator gets "not found". */
const agencyObject = (route: RouteSpec) =>
  route.path.startsWith('/agency/') && /\{(personId|applicationId)\}/.test(route.path);

function expected(route: RouteSpec, who: Who): 'ok' | 401 | 403 | 404 {
  if (route.access === 'public') return 'ok';
  if (who === 'anonymous') return 401;
  if (!route.access.includes(roleOf(who) as never)) return 403;
  if (who === 'B' && ownsObject(route)) return 404;
  if (who === 'other-admin' && agencyObject(route)) return 404;
  return 'ok';
}

// B first (A's objects intact), A last (its own writes, e.g. withdrawing, come at the end).
const ORDER: Who[] = ['anonymous', 'B', 'other-admin', 'dds', 'provider-admin', 'ads-staff', 'A'];
const cases = ORDER.flatMap((who) =>
  ALL_ROUTES.map((route) => [`${who} → ${route.method} ${route.path}`, who, route] as const),
);

describe('the authorization matrix (generated from the route table)', () => {
  it.each(cases)('%s', async (_, who, route) => {
    const as = caller(who);
    const answer = await invoke(route, {
      // Signing out everywhere ends the caller's sessions: someone else of the same role does it, so the caller's
      // later cases keep theirs.
      as: as && route.operationId === 'signOutEverywhere' ? { ...as, sub: `${as.sub}-elsewhere` } : as,
      params: paramsFor(route, world),
      query: QUERY[route.operationId],
      body:
        who === 'B' || who === 'A'
          ? OWN_OBJECT_BODIES[route.operationId]
          : who === 'other-admin'
            ? AGENCY_OBJECT_BODIES[route.operationId]
            : undefined,
    });
    const want = expected(route, who);
    if (want === 'ok') {
      expect([answer.status < 500, [401, 403].includes(answer.status)]).toEqual([true, false]);
      if (who === 'A' && ownsObject(route)) expect(answer.status).not.toBe(404);
    } else {
      expect(answer.status).toBe(want);
    }
  });
});
