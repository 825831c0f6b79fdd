import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamo, type Running } from '../../scripts/local/components';
import { ensureTable } from '../../scripts/local/table';

/**
 * DynamoDB Local (persisting to disk) stops in the middle of a burst of writes and comes back: every request
 * either succeeded or failed cleanly (503 with a problem body, never an unexplained 500); nothing acknowledged is
 * lost after the restart; nothing is half-written; requests work again afterwards.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'ce-restart-'));
let port: number;
let dynamo: Running;
let m: {
  invoke: typeof import('../support/invoke').invoke;
  ads: typeof import('../support/invoke').ads;
  providerRoutes: typeof import('../../shared/http/routes/providers').providerRoutes;
};

beforeAll(async () => {
  port = await freePort();
  dynamo = await startDynamo({ port, dataDir });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  await ensureTable(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    process.env.TABLE_NAME!,
  );
  const invoke = await import('../support/invoke');
  m = {
    invoke: invoke.invoke,
    ads: invoke.ads,
    providerRoutes: (await import('../../shared/http/routes/providers')).providerRoutes,
  };
}, 60_000);
afterAll(async () => dynamo?.stop());

const provider = (i: number) => ({
  name: `Restart Provider ${i}`,
  regions: ['North', 'South'],
  contractsWithAds: 'yes',
  contractsWithDds: 'yes',
  contact: { name: 'R', email: `r${i}@restart.example.org` },
});

describe('DynamoDB Local restarted mid-run, with persistence on', () => {
  it('fails requests cleanly while it is down, loses nothing acknowledged, writes nothing by halves, and recovers', async () => {
    const answers: { i: number; status: number; body: any }[] = [];
    const burst = Array.from({ length: 60 }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 15)).then(async () => {
        const answer = await m.invoke(m.providerRoutes.createProvider, { as: m.ads, body: provider(i) });
        answers.push({ i, status: answer.status, body: answer.body });
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await dynamo.stop();
    await Promise.all(burst);
    dynamo = await startDynamo({ port, dataDir });

    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((s) => ![201, 503, 429].includes(s))).toEqual([]);
    expect(answers.some((a) => a.status === 503)).toBe(true);
    for (const failed of answers.filter((a) => a.status === 503))
      expect(failed.body).toMatchObject({
        status: 503,
        title: 'Service unavailable',
        detail: expect.stringContaining('Retry'),
      });

    // Everything acknowledged is there after the restart, with its region entries (written in the same transaction).
    for (const ok of answers.filter((a) => a.status === 201)) {
      const read = await m.invoke(m.providerRoutes.getProviderForAds, {
        as: m.ads,
        params: { providerId: ok.body.id },
      });
      expect([ok.i, read.status]).toEqual([ok.i, 200]);
    }
    const north = (await m.invoke(m.providerRoutes.listPublicProviders, { query: { region: 'North' } })).body.items
      .map((p: { id: string }) => p.id)
      .sort();
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await m.invoke(m.providerRoutes.listProvidersForAds, {
        as: m.ads,
        query: { limit: '100', ...(cursor ? { cursor } : {}) },
      });
      all.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(north).toEqual(all.sort());
    expect(all.length).toBeGreaterThanOrEqual(answers.filter((a) => a.status === 201).length);

    const after = await m.invoke(m.providerRoutes.createProvider, { as: m.ads, body: provider(999) });
    expect(after.status).toBe(201);
  }, 90_000);
});
