import { ALL_ROUTES } from '../../shared/http/routes';
import type { RouteSpec } from '../../shared/http/route';
import { useClockReset } from '../support/clock';
import { invoke, type As } from '../support/invoke';
import { buildWorld, OWN_OBJECT_BODIES, paramsFor, QUERY, type World } from '../support/route-world';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * The authorization matrix, generated from the route table (a route added later is in it automatically):
 * every route × anonymous, applicant A, applicant B (someone else's objects), ADS staff, DDS.
 * Bad tokens (expired, another key, tampered) are covered through the gateway in test/e2e/token-matrix.
 */
let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

type Who = 'anonymous' | 'A' | 'B' | 'ads-staff' | 'dds';
const caller = (who: Who): As | undefined =>
  who === 'anonymous'
    ? undefined
    : who === 'A'
      ? world.a
      : who === 'B'
        ? world.b
        : who === 'ads-staff'
          ? world.ads
          : world.dds;
const roleOf = (who: Who) => (who === 'A' || who === 'B' ? 'applicant' : who);
/** Routes under /me/ naming an application: B asking for A's gets "not found", never "forbidden". */
const ownsObject = (route: RouteSpec) => route.path.startsWith('/me/applications/{applicationId}');

function expected(route: RouteSpec, who: Who): 'ok' | 401 | 403 | 404 {
  if (route.access === 'public') return 'ok';
  if (who === 'anonymous') return 401;
  if (!route.access.includes(roleOf(who) as never)) return 403;
  if (who === 'B' && ownsObject(route)) return 404;
  return 'ok';
}

// B first (A's objects intact), A last (its own writes, e.g. withdrawing, come at the end).
const ORDER: Who[] = ['anonymous', 'B', 'dds', 'ads-staff', 'A'];
const cases = ORDER.flatMap((who) =>
  ALL_ROUTES.map((route) => [`${who} → ${route.method} ${route.path}`, who, route] as const),
);

describe('the authorization matrix (generated from the route table)', () => {
  it.each(cases)('%s', async (_, who, route) => {
    const answer = await invoke(route, {
      as: caller(who),
      params: paramsFor(route, world),
      query: QUERY[route.operationId],
      body: who === 'B' || who === 'A' ? OWN_OBJECT_BODIES[route.operationId] : undefined,
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
