import { auditRoutes } from '../../shared/http/routes/audit';
import { providerRoutes as r } from '../../shared/http/routes/providers';
import { useClockReset } from '../support/clock';
import { createProvider } from '../support/fixtures';
import { ads, applicantA, dds, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

describe('the provider directory', () => {
  it('keeps providers with their regions, contracts, contact, and says when the course is cost-free', async () => {
    const provider = await createProvider({
      name: 'Éclat Employment',
      contractsWithAds: 'intends',
      contractsWithDds: 'yes',
    });
    const read = await invoke(r.getProviderForAds, { as: ads, params: { providerId: provider.id } });
    expect(read.body).toMatchObject({
      name: 'Éclat Employment',
      regions: ['North', 'West'],
      costFree: true,
      version: 1,
    });
    const notFree = await createProvider({ contractsWithDds: 'no' });
    expect((await invoke(r.getProviderForAds, { as: ads, params: { providerId: notFree.id } })).body.costFree).toBe(
      false,
    );
  });

  it('lists providers by region publicly, by name, without contact details; a region dropped disappears', async () => {
    const provider = await createProvider({ name: 'Aardvark Agency' });
    const north = await invoke(r.listPublicProviders, { query: { region: 'North' } });
    const listed = north.body.items.find((p: { id: string }) => p.id === provider.id);
    expect(listed).toEqual({ id: provider.id, name: 'Aardvark Agency', regions: ['North', 'West'] });
    expect(north.text).not.toContain('@');
    const update = await invoke(r.updateProvider, {
      as: ads,
      params: { providerId: provider.id },
      body: {
        name: 'Aardvark Agency',
        regions: ['South'],
        contractsWithAds: 'yes',
        contractsWithDds: 'yes',
        contact: { name: 'Dana', email: 'dana@aardvark.example.org' },
        version: 1,
      },
    });
    expect(update.status).toBe(200);
    expect(
      (await invoke(r.listPublicProviders, { query: { region: 'North' } })).body.items.map((p: { id: string }) => p.id),
    ).not.toContain(provider.id);
    expect(
      (await invoke(r.listPublicProviders, { query: { region: 'South' } })).body.items.map((p: { id: string }) => p.id),
    ).toContain(provider.id);
    const stale = await invoke(r.updateProvider, {
      as: ads,
      params: { providerId: provider.id },
      body: {
        name: 'Lost',
        regions: ['South'],
        contractsWithAds: 'yes',
        contractsWithDds: 'yes',
        contact: { name: 'Dana', email: 'dana@aardvark.example.org' },
        version: 1,
      },
    });
    expect(stale.status).toBe(409);
  });

  it('sets and clears priority status with a reason, audited', async () => {
    const provider = await createProvider();
    const set = await invoke(r.setProviderPriority, {
      as: ads,
      params: { providerId: provider.id },
      body: { priority: true, reason: 'Only certified staff member left in June' },
    });
    expect(set.body.priority).toMatchObject({ reason: 'Only certified staff member left in June', source: 'ads' });
    const cleared = await invoke(r.setProviderPriority, {
      as: ads,
      params: { providerId: provider.id },
      body: { priority: false, reason: 'Used in the spring allocation' },
    });
    expect(cleared.body.priority).toBeUndefined();
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'provider', subjectId: provider.id },
    });
    expect(trail.body.items.map((e: { action: string; reason?: string }) => [e.action, e.reason])).toEqual([
      ['created', undefined],
      ['priority-set', 'Only certified staff member left in June'],
      ['priority-cleared', 'Used in the spring allocation'],
    ]);
  });

  it('refuses bad input with the offending fields, and other roles', async () => {
    const bad = await invoke(r.createProvider, {
      as: ads,
      body: {
        name: '',
        regions: [],
        contractsWithAds: 'maybe',
        contractsWithDds: 'yes',
        contact: { name: 'x', email: 'not-an-email' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.contact.email',
      'body.contractsWithAds',
      'body.name',
      'body.regions',
    ]);
    expect((await invoke(r.listProvidersForAds, { as: applicantA })).status).toBe(403);
    expect((await invoke(r.listProvidersForAds, { as: dds })).status).toBe(403);
    expect((await invoke(r.listPublicProviders, { query: { region: 'East' } })).status).toBe(400);
  });
});
