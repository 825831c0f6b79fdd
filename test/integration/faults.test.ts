import { providerRoutes as r } from '../../shared/http/routes/providers';
import { createProvider } from '../support/fixtures';
import { injectFaults } from '../support/faults';
import { type Answer, ads, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();

const body = (i: number) => ({
  name: `Faulty ${i}`,
  regions: ['West'],
  contractsWithAds: 'yes',
  contractsWithDds: 'yes',
  contact: { name: 'F', email: `f${i}@faults.example.org` },
});
const count = async () => (await invoke(r.listPublicProviders, { query: { region: 'West' } })).body.items.length;

describe('DynamoDB faults injected at the SDK answer cleanly and write nothing', () => {
  it.each([
    ['throttling that outlasts the retries', { throttle: 1 }, 429, 'Too many requests'],
    ['transaction conflicts that outlast the retries', { transactionConflict: 1 }, 409, 'Conflict'],
    ['timeouts', { timeout: 1 }, 503, 'Service unavailable'],
  ] as const)('%s: a problem body, nothing half-written', async (_, rates, status, title) => {
    const before = await count();
    const fault = injectFaults(rates);
    let answer: Answer;
    try {
      answer = await invoke(r.createProvider, { as: ads, body: body(before) });
    } finally {
      fault.stop();
    }
    expect([answer.status, answer.headers['content-type'], answer.body.title]).toEqual([
      status,
      'application/problem+json',
      title,
    ]);
    expect(answer.body.detail.length).toBeGreaterThan(10);
    expect(await count()).toBe(before);
  });

  it('reads under injected timeouts fail with 503, and succeed once the fault clears', async () => {
    const provider = await createProvider({ regions: ['West'] });
    const fault = injectFaults({ timeout: 1 });
    const during = await invoke(r.getProviderForAds, { as: ads, params: { providerId: provider.id } });
    fault.stop();
    expect([during.status, during.headers['retry-after']]).toEqual([503, '2']);
    expect((await invoke(r.getProviderForAds, { as: ads, params: { providerId: provider.id } })).status).toBe(200);
  });

  it('occasional throttling is absorbed by the retries: the request succeeds', async () => {
    const fault = injectFaults({ throttle: 1, limit: 2 });
    const answer = await invoke(r.createProvider, { as: ads, body: body(1000) });
    fault.stop();
    expect(answer.status).toBe(201);
    expect(fault.injected.throttle).toBeGreaterThan(0);
  });
});
