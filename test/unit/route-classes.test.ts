import { classPaths, ROUTE_CLASSES, routeClass, routeThrottle } from '../../shared/http/route-classes';
import { ALL_ROUTES } from '../../shared/http/routes';

/** A concrete path for a route: each parameter filled in. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x1');
const matches = (path: string, m: { path: string; exact: boolean }) =>
  m.exact ? path === m.path : path.startsWith(m.path);

describe('route classes', () => {
  it('puts the anonymous routes with a token in their path in token-link, the other anonymous ones in public, the rest signed-in', () => {
    const of = (cls: string) =>
      ALL_ROUTES.filter((r) => routeClass(r) === cls)
        .map((r) => `${r.method} ${r.path}`)
        .sort();
    expect(of('token-link')).toEqual([
      'GET /calendar-feeds/{token}/calendar.ics',
      'GET /links/{token}',
      'POST /links/{token}/confirm',
      'POST /links/{token}/decline',
    ]);
    expect(of('public')).toEqual(
      expect.arrayContaining(['GET /verify/{number}', 'GET /providers', 'GET /iterations', 'GET /openapi.json']),
    );
    expect(of('public')).not.toContain('GET /providers/{providerId}/supervisors');
    for (const r of ALL_ROUTES.filter((r) => r.access !== 'public'))
      expect([r.operationId, routeClass(r)]).toEqual([r.operationId, 'signed-in']);
  });

  it('gives the anonymous classes lower limits than the signed-in routes, and a per-IP rule each', () => {
    const signedIn = ROUTE_CLASSES['signed-in'];
    for (const cls of ['token-link', 'public'] as const) {
      expect(ROUTE_CLASSES[cls].ratePerSecond).toBeLessThan(signedIn.ratePerSecond);
      expect(ROUTE_CLASSES[cls].burst).toBeLessThan(signedIn.burst);
      expect(ROUTE_CLASSES[cls].perIpPerFiveMinutes).toBeGreaterThan(0);
    }
    expect(ROUTE_CLASSES['token-link'].perIpPerFiveMinutes!).toBeLessThan(ROUTE_CLASSES.public.perIpPerFiveMinutes!);
  });

  it("WAF's matchers for a class match every route of it and no route of another class", () => {
    for (const cls of ['token-link', 'public'] as const) {
      const matchers = classPaths(ALL_ROUTES, cls);
      for (const r of ALL_ROUTES) {
        const path = concrete(r.path);
        expect([cls, r.method, r.path, matchers.some((m) => matches(path, m))]).toEqual([
          cls,
          r.method,
          r.path,
          routeClass(r) === cls,
        ]);
      }
    }
  });

  it('throttles like a token bucket: the burst at once, then the rate per second', () => {
    let t = 0;
    const admit = routeThrottle(() => t);
    const { burst, ratePerSecond } = ROUTE_CLASSES['token-link'];
    const answers = Array.from({ length: burst + 3 }, () => admit('GET /links/{token}', 'token-link'));
    expect(answers.filter(Boolean)).toHaveLength(burst);
    // Another route has a bucket of its own.
    expect(admit('POST /links/{token}/confirm', 'token-link')).toBe(true);
    t += 1000;
    const refilled = Array.from({ length: ratePerSecond + 2 }, () => admit('GET /links/{token}', 'token-link'));
    expect(refilled.filter(Boolean)).toHaveLength(ratePerSecond);
  });
});
