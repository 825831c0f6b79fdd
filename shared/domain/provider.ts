import { REGIONS, type Region } from './vocabulary';

export type ContractStatus = 'yes' | 'intends' | 'no';

export interface Provider {
  id: string;
  name: string;
  regions: Region[];
  contractsWithAds: ContractStatus;
  contractsWithDds: ContractStatus;
  contact: { name: string; email: string; phone?: string };
  /** The email domains its staff use (optional): shown to ADS when it decides on a supervisor. */
  staffEmailDomains?: string[];
  /** When a supervisor first confirmed one of its staff (that first confirmation is flagged for ADS's review). */
  firstConfirmedAt?: string;
  /** The latest figure the provider gave (through an application) for staff it plans to send to future iterations. */
  futureStaff?: { count: number; reportedAt: string; applicationId: string };
  /** Priority for the next allocation: set by ADS, or automatically when a provider's last certified staff leaves. */
  priority?: { since: string; reason: string; source: 'ads' | 'departure' };
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The course is cost-free to providers that contract, or intend to contract, with both ADS and DDS. */
export const costFree = (p: Pick<Provider, 'contractsWithAds' | 'contractsWithDds'>): boolean =>
  p.contractsWithAds !== 'no' && p.contractsWithDds !== 'no';

/**
 * "If the only certified CE staff leaves a provider, the provider will be given priority status": a departure
 * that leaves none holding an active certification grants it, unless the provider already has priority.
 */
export const departureGrantsPriority = (remainingCertifiedStaff: number, provider: Pick<Provider, 'priority'>) =>
  remainingCertifiedStaff === 0 && !provider.priority;

export interface DemandPlan {
  regions: Record<Region, { providers: { id: string; name: string; futureStaff: number }[]; total: number }>;
  /** Each provider counted once, however many regions it covers. */
  statewide: { providers: number; total: number };
}

/**
 * Demand planning from the providers' current future-staff figures: a provider covering several regions appears
 * under each region it covers, and once in the statewide total (never summed across its applications).
 */
export function demandPlan(providers: Pick<Provider, 'id' | 'name' | 'regions' | 'futureStaff'>[]): DemandPlan {
  const regions = Object.fromEntries(
    REGIONS.map((r) => [r, { providers: [], total: 0 }]),
  ) as unknown as DemandPlan['regions'];
  let statewideTotal = 0;
  let counted = 0;
  for (const p of providers) {
    const figure = p.futureStaff?.count ?? 0;
    if (figure === 0) continue;
    counted++;
    statewideTotal += figure;
    for (const region of p.regions) {
      regions[region].providers.push({ id: p.id, name: p.name, futureStaff: figure });
      regions[region].total += figure;
    }
  }
  for (const region of REGIONS)
    regions[region].providers.sort((a, b) => b.futureStaff - a.futureStaff || a.name.localeCompare(b.name));
  return { regions, statewide: { providers: counted, total: statewideTotal } };
}
