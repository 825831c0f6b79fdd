import { apiEvent } from '../../scripts/local/api-event';
import { lambdaContext, loadAreaHandler } from '../../scripts/local/gateway';
import { applicationRoutes as r } from '../../shared/http/routes/applications';
import { API_TIMEOUT_SECONDS } from '../../shared/http/timeouts';
import { at, useClockReset } from '../support/clock';
import { createProvider, newApplicant, publishedIteration, saveProfile } from '../support/fixtures';
import { claimsOf, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const DURING_WINDOW = '2026-12-10T10:00:00-05:00';
const later = (seconds: number) => new Date(Date.parse(DURING_WINDOW) + seconds * 1000).toISOString();

async function applicant() {
  at('2026-11-22T12:00:00-05:00');
  const provider = await createProvider();
  const iteration = await publishedIteration();
  at(DURING_WINDOW);
  const who = newApplicant();
  await saveProfile(who, provider.id);
  const body = {
    iterationId: iteration.id,
    region: 'North',
    acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
    futureStaffPlanned: 2,
  };
  const key = `apply-${who.sub}`;
  const apply = () => invoke(r.apply, { as: who, body, headers: { 'idempotency-key': key } });
  return { who, body, key, apply };
}

/** A request that dies: its function has no time left, so middy's early timeout answers while the work goes on. */
async function dyingApply(who: ReturnType<typeof newApplicant>, body: unknown, key: string) {
  const event = apiEvent({
    route: r.apply,
    rawPath: r.apply.path,
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    claims: claimsOf(who),
  });
  const handler = await loadAreaHandler('applications');
  return handler(event, lambdaContext('api-applications', 0));
}

describe('an Idempotency-Key left behind by a request that died', () => {
  it('answers 409 with Retry-After while the claim holds, then lets the key be used again', async () => {
    const { who, body, key, apply } = await applicant();
    const died = await dyingApply(who, body, key);
    expect([died.statusCode, died.headers?.['retry-after']]).toEqual([503, '2']);
    // The operation outlives the answer (as it may in Lambda); wait for it, its email included, so nothing runs past
    // this point.
    while (
      (await invoke(r.myApplications, { as: who })).body.items.length === 0 ||
      (await emailsTo(who.email!)).length === 0
    )
      await new Promise((f) => setTimeout(f, 20));

    const hold = API_TIMEOUT_SECONDS + 5;
    const running = await apply();
    expect([running.status, running.headers['content-type'], running.headers['retry-after']]).toEqual([
      409,
      'application/problem+json',
      String(hold),
    ]);
    at(later(hold - 3));
    expect([(await apply()).status, (await apply()).headers['retry-after']]).toEqual([409, '3']);

    at(later(hold));
    const retried = await apply();
    // The key is free again: the request runs afresh and finds the application the first one made.
    expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([200, undefined]);
    const replayed = await apply();
    expect([replayed.status, replayed.headers['idempotent-replayed'], replayed.body.id]).toEqual([
      200,
      'true',
      retried.body.id,
    ]);
    expect(await emailsTo(who.email!)).toHaveLength(1);
  });

  it('forgets a finished answer after a day, whether or not DynamoDB has deleted it yet', async () => {
    const { apply } = await applicant();
    const first = await apply();
    const replay = await apply();
    expect([first.status, replay.status, replay.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    // A replay is an answer like any other: it passes through the whole stack again.
    expect([replay.headers['x-content-type-options'], replay.headers['referrer-policy']]).toEqual([
      'nosniff',
      'no-referrer',
    ]);
    at(later(24 * 60 * 60 - 1));
    expect((await apply()).headers['idempotent-replayed']).toBe('true');
    at(later(24 * 60 * 60));
    const afresh = await apply();
    expect([afresh.status, afresh.headers['idempotent-replayed'], afresh.body.id]).toEqual([
      200,
      undefined,
      first.body.id,
    ]);
  });

  it('a request that fails releases its key at once', async () => {
    const { who, body, key } = await applicant();
    const failed = invoke(r.apply, {
      as: who,
      body: { ...body, iterationId: 'it-0000000000000000' },
      headers: { 'idempotency-key': key },
    });
    expect((await failed).status).toBe(404);
    const retried = await invoke(r.apply, { as: who, body, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(201);
  });
});
