import { createCertificateItems } from '../../shared/data/certifications';
import { transact } from '../../shared/data/transactions';
import type { Certification } from '../../shared/domain/certification';
import type { CeStage, Region } from '../../shared/domain/vocabulary';
import { newCertificateNumber } from '../../shared/domain/certificate-number';

/** A certification written straight to the table (as an earlier course would have left it), for lifecycle tests. */
export async function seedCertificate(fields: {
  holderSub: string;
  holderName: string;
  expiresOn: string;
  issuedOn?: string;
  stage?: CeStage;
  providerId?: string;
  providerName?: string;
  providerRegions?: Region[];
  standing?: Certification['standing'];
  /** Issued by this course, with a place in the status list (a credential); otherwise an outside certification. */
  course?: { statusIndex: number };
}) {
  const cert: Certification = {
    number: newCertificateNumber(),
    holderSub: fields.holderSub,
    holderName: fields.holderName,
    stage: fields.stage ?? 'discovery',
    ...(fields.course
      ? {
          source: 'course' as const,
          iterationId: `it-seed-${fields.course.statusIndex}`,
          statusIndex: fields.course.statusIndex,
        }
      : { source: 'external' as const, external: { body: 'Seed', course: 'Seed', evidenceReference: 'seed' } }),
    issuedOn: fields.issuedOn ?? `${Number(fields.expiresOn.slice(0, 4)) - 3}${fields.expiresOn.slice(4)}`,
    expiresOn: fields.expiresOn,
    standing: fields.standing ?? 'issued',
    providerId: fields.providerId,
    providerName: fields.providerName,
    providerRegions: fields.providerRegions ?? [],
    history: [{ at: '2024-01-01T00:00:00.000-05:00', action: 'seeded', by: 'test' }],
    createdAt: '2024-01-01T00:00:00.000-05:00',
    version: 1,
  };
  const result = await transact(createCertificateItems(cert));
  if (!result.ok) throw new Error('seed failed');
  return cert;
}
