import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { certificatesOfProvider, saveCertificateItem } from '../data/certifications';
import {
  allProviders,
  getProvider,
  listProviders,
  providersInRegion,
  saveProviderItems,
  setPriorityItem,
} from '../data/providers';
import { toCtIso } from '../domain/calendar/time';
import { newId } from '../domain/ids';
import { costFree, demandPlan, type ContractStatus, type Provider } from '../domain/provider';
import type { Region } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import { NotFound, StaleWrite } from '../domain/errors';
import { commit, commitOrStale } from './unit-of-work';

export interface ProviderInput {
  name: string;
  regions: Region[];
  contractsWithAds: ContractStatus;
  contractsWithDds: ContractStatus;
  contact: { name: string; email: string; phone?: string };
  staffEmailDomains?: string[];
}

export const providerView = (p: Provider) => ({
  id: p.id,
  name: p.name,
  regions: p.regions,
  contractsWithAds: p.contractsWithAds,
  contractsWithDds: p.contractsWithDds,
  costFree: costFree(p),
  contact: p.contact,
  staffEmailDomains: p.staffEmailDomains,
  firstConfirmedAt: p.firstConfirmedAt,
  // Stored in UTC, the form the "latest figure wins" condition compares; shown on Connecticut's clock like every instant.
  futureStaff: p.futureStaff && { ...p.futureStaff, reportedAt: toCtIso(new Date(p.futureStaff.reportedAt)) },
  priority: p.priority,
  version: p.version,
  updatedAt: p.updatedAt,
});

async function loadProvider(id: string): Promise<Provider> {
  const provider = await getProvider(id);
  if (!provider) throw new NotFound('The provider');
  return provider;
}

/** What ADS types about an agency (not what the system keeps on it: figures, priority, versions). */
const inputFieldsOf = (p: Provider): ProviderInput => ({
  name: p.name,
  regions: p.regions,
  contractsWithAds: p.contractsWithAds,
  contractsWithDds: p.contractsWithDds,
  contact: p.contact,
  staffEmailDomains: p.staffEmailDomains,
});

const uniqueRegions = (regions: Region[]) => [...new Set(regions)].sort() as Region[];

export async function createProvider(input: ProviderInput, actor: Actor) {
  const at = toCtIso(now());
  const provider: Provider = {
    ...input,
    regions: uniqueRegions(input.regions),
    id: newId('pr'),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await commit({
    writes: [
      ...saveProviderItems(provider, undefined),
      auditPut({
        subjectType: 'provider',
        subjectId: provider.id,
        action: 'created',
        actor: actorOf(actor),
        at,
        after: input,
      }),
    ],
  });
  return providerView(provider);
}

export async function updateProvider(id: string, input: ProviderInput & { version: number }, actor: Actor) {
  const previous = await loadProvider(id);
  if (previous.version !== input.version)
    throw new StaleWrite('Someone saved this provider after you read it; reload and try again.', previous.version);
  const { version: _v, ...fields } = input;
  const at = toCtIso(now());
  const next: Provider = {
    ...previous,
    ...fields,
    regions: uniqueRegions(input.regions),
    version: previous.version + 1,
    updatedAt: at,
  };
  await commitOrStale(
    {
      writes: [
        ...saveProviderItems(next, previous),
        auditPut({
          subjectType: 'provider',
          subjectId: id,
          action: 'updated',
          actor: actorOf(actor),
          at,
          // The same fields on both sides, so the trail names only what the edit changed.
          before: inputFieldsOf(previous),
          after: inputFieldsOf(next),
        }),
      ],
    },
    'Someone saved this provider at the same moment; reload and try again.',
  );
  if (next.name !== previous.name || next.regions.join() !== previous.regions.join()) await relabelCertificates(next);
  return providerView(next);
}

/**
 * Certifications carry their holder's provider name and regions (so the registry filters by region without a
 * join); when the provider changes them, its staff's certifications follow.
 */
async function relabelCertificates(provider: Provider) {
  for (const cert of await certificatesOfProvider(provider.id)) {
    await commit({
      writes: [
        saveCertificateItem(
          { ...cert, providerName: provider.name, providerRegions: provider.regions, version: cert.version + 1 },
          cert.version,
        ),
      ],
    });
  }
}

/** ADS sets or clears priority status, always with a reason (audited). */
export async function setPriority(id: string, priority: boolean, reason: string, actor: Actor) {
  const previous = await loadProvider(id);
  const at = toCtIso(now());
  const next = priority ? { since: at, reason, source: 'ads' as const } : undefined;
  await commit({
    writes: [
      setPriorityItem(id, next, at),
      auditPut({
        subjectType: 'provider',
        subjectId: id,
        action: priority ? 'priority-set' : 'priority-cleared',
        actor: actorOf(actor),
        at,
        reason,
        before: previous.priority ?? null,
        after: next ?? null,
      }),
    ],
  });
  return providerView(await loadProvider(id));
}

export const getProviderForAds = async (id: string) => providerView(await loadProvider(id));

export async function listProvidersForAds(cursor: string | undefined, limit: number) {
  const page = await listProviders(cursor, limit);
  return { items: page.providers.map(providerView), cursor: page.cursor };
}

/** Anyone: provider agencies of a region, by name (no personal data). */
export async function publicProviders(region: Region) {
  const providers = await providersInRegion(region);
  return { items: providers.map(({ id, name, regions }) => ({ id, name, regions })) };
}

export async function demandPlanning() {
  return demandPlan(await allProviders());
}
