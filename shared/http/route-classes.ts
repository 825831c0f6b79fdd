import type { RouteSpec } from './route';

/**
 * How exposed a route is, which decides its throttle in API Gateway (per route, for all callers together) and its
 * per-IP rate rule in AWS WAF (on the web domain):
 * - `token-link`: anonymous pages whose path carries a secret token (supervisor links, private calendar feeds): a
 *   person opens a handful, so anything more is someone guessing tokens;
 * - `public`: anonymous reads (the published iterations and providers, certificate verification, the registry's
 *   provider list, the issuer's keys, the API document): cheap, cacheable, and open to scraping;
 * - `signed-in`: everything else, behind the JWT authorizer, with the stage's default throttle.
 * The one home of these figures: CDK, the WAF stack and the local gateway all read them from here.
 */
export type RouteClass = 'token-link' | 'public' | 'signed-in';

export const ROUTE_CLASSES: Record<
  RouteClass,
  { ratePerSecond: number; burst: number; perIpPerFiveMinutes?: number; description: string }
> = {
  'token-link': {
    ratePerSecond: 10,
    burst: 20,
    perIpPerFiveMinutes: 100,
    description: 'Anonymous pages carrying a token: supervisor links, private calendar feeds',
  },
  public: {
    ratePerSecond: 50,
    burst: 100,
    perIpPerFiveMinutes: 600,
    description: 'Anonymous reads: published iterations and providers, verification, registry providers, API document',
  },
  'signed-in': {
    ratePerSecond: 100,
    burst: 200,
    description: "Signed-in routes: the stage's default throttle; the web ACL's overall per-IP limit applies",
  },
};

export function routeClass(route: Pick<RouteSpec, 'access' | 'path'>): RouteClass {
  if (route.access !== 'public') return 'signed-in';
  return route.path.includes('{token}') ? 'token-link' : 'public';
}

/**
 * What WAF's rule for a class matches, per route: the whole path of a route without parameters (`/providers`, exactly:
 * `/providers/{id}/supervisors` is signed in), or the start of the path up to its first parameter
 * (`/links/{token}/confirm` → starts with `/links/`). Without any another matcher already covers.
 */
export function classPaths(
  routes: readonly Pick<RouteSpec, 'access' | 'path'>[],
  cls: RouteClass,
): { path: string; exact: boolean }[] {
  const all = routes
    .filter((r) => routeClass(r) === cls)
    .map((r) => (r.path.includes('{') ? { path: r.path.split('{')[0]!, exact: false } : { path: r.path, exact: true }));
  const starts = all.filter((m) => !m.exact).map((m) => m.path);
  const covered = (m: { path: string; exact: boolean }) =>
    starts.some((s) => m.path.startsWith(s) && (m.exact || s.length < m.path.length));
  const unique = new Map(all.filter((m) => !covered(m)).map((m) => [`${m.exact}${m.path}`, m]));
  return [...unique.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A token bucket per route, as API Gateway throttles: `burst` requests at once, refilled at `ratePerSecond`. The
 * local gateway answers 429 when it is empty. `now` is injectable so that the rule is tested without waiting.
 */
export function routeThrottle(now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (routeKey: string, cls: RouteClass): boolean => {
    const { ratePerSecond, burst } = ROUTE_CLASSES[cls];
    const t = now();
    const bucket = buckets.get(routeKey) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
    buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
