import { now } from '../clock';
import { certificatesExpiringBetween, getCertificate, searchActive, type RegistryFilter } from '../data/certifications';
import { getProviders } from '../data/providers';
import { ctDate } from '../domain/calendar/time';
import { readCertificateNumber } from '../domain/certificate-number';
import { certificationState, hasCredential } from '../domain/certification';
import { credentialPath } from '../credentials/open-badge';
import { lifecycleSettings } from '../data/settings';
import { REGIONS, type Region } from '../domain/vocabulary';
import { NotFound } from '../domain/errors';
import { certificateView, type CertificateView } from './certifications/views';

/** The CT CE Staff Registry (ADS, DDS), certificate verification and the list of qualified agencies (anyone). */

export async function searchRegistry(filter: RegistryFilter, cursor: string | undefined, limit: number) {
  const today = ctDate(now());
  const page = await searchActive(filter, today, cursor, limit);
  const policy = await lifecycleSettings();
  return { items: page.certificates.map((c) => certificateView(c, today, policy)), cursor: page.cursor };
}

/** Every active certification matching the filter (all pages), for the CSV export. */
export async function registryRows(filter: RegistryFilter) {
  const rows: CertificateView[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchRegistry(filter, cursor, 100);
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return rows;
}

/**
 * Anyone may verify a certificate by its number, as typed from paper: name, stage, status, dates and when the record
 * last changed, nothing personal beyond that.
 */
export async function verify(typed: string) {
  const number = readCertificateNumber(typed);
  const cert = number ? await getCertificate(number) : undefined;
  if (!cert) throw new NotFound('The certificate');
  const v = certificateView(cert, ctDate(now()), await lifecycleSettings());
  return {
    number: v.number,
    holderName: v.holderName,
    stage: v.stage,
    stageName: v.stageName,
    status: v.status,
    active: v.active,
    issuedOn: v.issuedOn,
    expiresOn: v.expiresOn,
    lastChangedAt: v.lastChangedAt,
    credential: hasCredential(cert) ? credentialPath(cert.number) : null,
  };
}

/**
 * The public list of qualified agencies: per region, the providers with at least one staff member holding an
 * active certification — not a statement of their capacity. Reads only unexpired certifications (expiry index).
 */
export async function qualifiedProviders() {
  const today = ctDate(now());
  const policy = await lifecycleSettings();
  const active = (await certificatesExpiringBetween(today, '9999-12-31')).filter(
    (c) => certificationState(c, today, policy).active && c.providerId,
  );
  const providers = await getProviders([...new Set(active.map((c) => c.providerId!))]);
  const regions = Object.fromEntries(REGIONS.map((r) => [r, [] as { id: string; name: string }[]])) as Record<
    Region,
    { id: string; name: string }[]
  >;
  for (const provider of [...providers.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const region of provider.regions) regions[region].push({ id: provider.id, name: provider.name });
  }
  return {
    regions,
    note: 'Agencies with staff holding an active Customized Employment certification; not a statement of their capacity to take referrals.',
  };
}
