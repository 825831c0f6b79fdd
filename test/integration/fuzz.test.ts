import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startCognito, type Running } from '../../scripts/local/components';
import { cognitoClient, ensurePool } from '../../scripts/local/cognito';
import { dynamo } from '../../shared/data/client';
import type { RouteSpec } from '../../shared/http/route';
import { ALL_ROUTES } from '../../shared/http/routes';
import { applyMutation, arbitraryOf, mutation } from '../support/arbitrary';
import { useClockReset } from '../support/clock';
import { invoke, type As } from '../support/invoke';
import { buildWorld, paramsFor, type World } from '../support/route-world';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * Property-based fuzzing of every route: inputs generated from its zod schemas (path, query, body), then broken
 * (a field missing, an extra one, a wrong type, huge, unicode, injection-looking). Whatever comes in: never a
 * 5xx, and a 4xx never writes anything (checked by an SDK middleware counting successful writes).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
let writes = 0;
let world: World;

let cognito: Running | undefined;
beforeAll(async () => {
  // ADS creates staff accounts in Cognito: this file brings its own cognito-local, before any handler loads.
  cognito = await startCognito({ dataDir: mkdtempSync(join(tmpdir(), 'ce-fuzz-cognito-')) });
  const { userPoolId } = await ensurePool(cognitoClient(cognito.endpoint));
  Object.assign(process.env, {
    USER_POOL_ID: userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
  });
  world = await buildWorld();
  dynamo.middlewareStack.add(
    ((next: (a: unknown) => Promise<unknown>, context: { commandName: string }) => async (args: unknown) => {
      const result = await next(args);
      if (WRITES.has(context.commandName.replace(/Command$/, ''))) writes++;
      return result;
    }) as never,
    { step: 'initialize', name: 'write-counter' },
  );
}, 60_000);
afterAll(async () => cognito?.stop());

function callerFor(route: RouteSpec): As | undefined {
  if (route.access === 'public') return undefined;
  if (route.access.includes('applicant')) return world.a;
  if (route.access.includes('provider-admin')) return world.admin;
  return route.access.includes('ads-staff') ? world.ads : world.dds;
}

const asStrings = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
    : {};

describe('fuzzing every route from its schema', () => {
  it.each(ALL_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: never a 5xx, never a write on a 4xx',
    async (_, route) => {
      const realParams = paramsFor(route, world);
      const input = fc.record({
        params: route.params ? fc.oneof(fc.constant(realParams), arbitraryOf(route.params)) : fc.constant(undefined),
        query: route.query ? arbitraryOf(route.query) : fc.constant(undefined),
        body: route.body ? arbitraryOf(route.body) : fc.constant(undefined),
        target: fc.constantFrom('params', 'query', 'body'),
        mutation,
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, body, target, mutation: m }) => {
          const call = {
            params: asStrings(target === 'params' ? applyMutation(params, m) : params),
            query: asStrings(target === 'query' ? applyMutation(query, m) : query),
            body: target === 'body' ? applyMutation(body, m) : body,
          };
          const before = writes;
          const answer = await invoke(route, {
            as: callerFor(route),
            params: call.params,
            query: call.query,
            body: call.body,
          });
          if (answer.status >= 500)
            throw new Error(`${answer.status} for ${JSON.stringify(call).slice(0, 500)}: ${answer.text.slice(0, 300)}`);
          if (answer.status >= 400 && writes !== before)
            throw new Error(
              `a ${answer.status} wrote ${writes - before} time(s) for ${JSON.stringify(call).slice(0, 300)}`,
            );
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
      );
    },
  );
});
