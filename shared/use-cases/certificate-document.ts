import { now } from '../clock';
import { getCertificate } from '../data/certifications';
import { lifecycleSettings } from '../data/settings';
import { ctDate } from '../domain/calendar/time';
import type { Certification } from '../domain/certification';
import { NotFound } from '../domain/errors';
import { certificateView } from './certifications/views';

/**
 * A certificate for one of its readers: the holder (`holderSub` given: someone else's answers as not found, its
 * existence not revealed), ADS, or anyone at its public address.
 */
export async function certificateFor(number: string, holderSub?: string): Promise<Certification> {
  const cert = await getCertificate(number);
  if (!cert || (holderSub !== undefined && cert.holderSub !== holderSub)) throw new NotFound('The certificate');
  return cert;
}

/** What the certificate document shows: the certificate as it stands today (a revoked one says so). */
export async function certificateDocument(number: string, holderSub?: string) {
  const cert = await certificateFor(number, holderSub);
  return certificateView(cert, ctDate(now()), await lifecycleSettings());
}
