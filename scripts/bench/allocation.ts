/**
 * Allocation figures: the pure proposal's time and growth (500 → 50,000 applications across 3 regions and 150
 * providers), and confirming 1,000 offers end to end on the local stack (HTTP requests, DynamoDB calls, units).
 */
import { performance } from 'node:perf_hooks';
import { proposeAllocation, type Candidate, type ProviderFacts } from '../../shared/domain/allocation';
import { REGIONS } from '../../shared/domain/vocabulary';

function candidates(n: number, providers: number, random: () => number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({
    applicationId: `ap-${String(i).padStart(6, '0')}`,
    personId: `person-${i}`,
    applicantName: `Person ${i}`,
    providerId: `pr-${Math.floor(random() * providers)}`,
    providerName: 'Provider',
    region: REGIONS[Math.floor(random() * 3)]!,
    position: random() < 0.7 ? 'direct-service' : 'management',
    submittedAt: new Date(Date.UTC(2026, 11, 1) + Math.floor(random() * 40 * 86400_000)).toISOString(),
  }));
}

export function benchProposal(sizes = [500, 5000, 50000], providersCount = 150) {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const providers = new Map<string, ProviderFacts>(
    Array.from({ length: providersCount }, (_, i) => [`pr-${i}`, { priority: i % 25 === 0, certifiedStaff: i % 4 }]),
  );
  return sizes.map((n) => {
    const input = {
      kind: 'initial' as const,
      seats: { North: Math.ceil(n / 20), South: Math.ceil(n / 25), West: Math.ceil(n / 30) },
      candidates: candidates(n, providersCount, random),
      providers,
      overrides: new Map(),
    };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      proposeAllocation(input);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { applications: n, providers: providersCount, medianMs: times[2]!, minMs: times[0]! };
  });
}
