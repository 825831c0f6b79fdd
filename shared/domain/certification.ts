import { parseDate } from './calendar/time';
import type { CeStage, Region } from './vocabulary';

export type Standing = 'issued' | 'suspended' | 'revoked' | 'superseded';

export interface Certification {
  number: string;
  holderSub: string;
  holderName: string;
  stage: CeStage;
  source: 'course' | 'external';
  /** Course certifications: the iteration completed. */
  iterationId?: string;
  applicationId?: string;
  /** External certifications: what was recorded as evidence. */
  external?: { body: string; course: string; evidenceReference: string };
  issuedOn: string;
  /** The first day the certification is no longer active (YYYY-MM-DD). */
  expiresOn: string;
  standing: Standing;
  /** The holder's current provider (certifications belong to the person and follow them). */
  providerId?: string;
  providerName?: string;
  providerRegions: Region[];
  history: { at: string; action: string; reason?: string; by: string }[];
  /** A renewal's predecessor, and a superseded certification's successor. */
  renews?: string;
  supersededBy?: string;
  createdAt: string;
  version: number;
}

/**
 * Three years after the issue date: the same day three years on, when the certification stops being active. A
 * certification issued on 29 February, whose anniversary does not exist, expires on 1 March — so it, too, is
 * active for three full years.
 */
export function expiryAfterThreeYears(issuedOn: string): string {
  const parsed = parseDate(issuedOn);
  if (!parsed.ok) throw new Error(`not a date: ${issuedOn}`);
  const { year, month, day } = parsed.value;
  const probe = new Date(Date.UTC(year + 3, month - 1, day));
  return probe.toISOString().slice(0, 10);
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds months to a calendar date, keeping the day or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export type CertificationState = 'active' | 'in-grace' | 'expired' | 'suspended' | 'revoked' | 'superseded';

export interface LifecyclePolicy {
  /** The renewal window opens this many months before expiry. */
  renewalWindowMonths: number;
  /** Days after expiry during which the holder may still recertify without starting over (not active). */
  graceDays: number;
}

export const DEFAULT_POLICY: LifecyclePolicy = { renewalWindowMonths: 9, graceDays: 90 };

/**
 * The one place a certification's state is derived, from its record and "today" in Connecticut (YYYY-MM-DD):
 * active until its expiry date; then in grace (not active: the holder may not provide the service) for the grace
 * period; then expired. Suspension, revocation and supersession override the dates.
 */
export function certificationState(
  c: Pick<Certification, 'standing' | 'expiresOn'>,
  today: string,
  policy: LifecyclePolicy = DEFAULT_POLICY,
) {
  const renewalOpensOn = addMonths(c.expiresOn, -policy.renewalWindowMonths);
  const graceEndsOn = addDays(c.expiresOn, policy.graceDays);
  let state: CertificationState;
  if (c.standing === 'revoked' || c.standing === 'superseded' || c.standing === 'suspended') state = c.standing;
  else if (today < c.expiresOn) state = 'active';
  else if (today < graceEndsOn) state = 'in-grace';
  else state = 'expired';
  return {
    state,
    active: state === 'active',
    renewalOpensOn,
    graceEndsOn,
    inRenewalWindow: state === 'active' && today >= renewalOpensOn,
  };
}
