import { getProvider } from '../../data/providers';
import { certificationState, lastChanged, type Certification, type LifecyclePolicy } from '../../domain/certification';
import type { Person } from '../../domain/person';
import { CE_STAGE_NAMES } from '../../domain/vocabulary';

export type CertificateView = ReturnType<typeof certificateView>;

/** A certification as the API shows it, with its state today under ADS's lifecycle policy. */
export const certificateView = (c: Certification, today: string, policy: LifecyclePolicy) => {
  const state = certificationState(c, today, policy);
  return {
    number: c.number,
    personId: c.holderSub,
    holderName: c.holderName,
    stage: c.stage,
    stageName: CE_STAGE_NAMES[c.stage],
    source: c.source,
    status: state.state,
    active: state.active,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    renewalOpensOn: state.renewalOpensOn,
    graceEndsOn: state.graceEndsOn,
    providerId: c.providerId ?? null,
    providerName: c.providerName ?? null,
    providerRegions: c.providerRegions,
    iterationId: c.iterationId,
    external: c.external,
    renews: c.renews,
    supersededBy: c.supersededBy,
    history: c.history,
    lastChangedAt: lastChanged(c),
  };
};

/** The provider a person's certifications are listed under: their confirmed provider, or none. */
export async function currentProvider(person: Person | undefined) {
  if (!person?.providerId || person.membership !== 'confirmed') return undefined;
  return getProvider(person.providerId);
}
