import { formatCt } from './calendar/format';
import { parseDate } from './calendar/time';
import { RuleBroken, StateConflict } from './errors';
import type { CeStage, Region } from './vocabulary';

export type Standing = 'issued' | 'suspended' | 'revoked' | 'superseded';

export interface Certification {
  number: string;
  holderSub: string;
  holderName: string;
  /** The holder was anonymised on request: only the name and number stay, and no name search finds it. */
  holderAnonymisedAt?: string;
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
  /**
   * Its entry in the credential status list (course certifications issued since credentials were added): where
   * its suspension or revocation is published for Open Badges verifiers.
   */
  statusIndex?: number;
  /**
   * The status entries of the credentials this certificate carried before it was reissued (a legal name change gives
   * the reissued credential a new entry and marks these superseded), oldest first.
   */
  replacedStatusIndexes?: number[];
  /**
   * When the record was last written: stamped by the data layer with every write (issue, standing, supersession,
   * provider moves and renames). Absent on records written before it was kept: read it with `lastChanged`.
   */
  updatedAt?: string;
  version: number;
}

/**
 * When a certification last changed: the latest of its write stamp, its creation and its history (a record written
 * before the stamp was kept has only the latter; a change not yet written has only its history entry).
 */
export function lastChanged(c: Pick<Certification, 'updatedAt' | 'createdAt' | 'history'>): string {
  const stamps = [c.createdAt, ...c.history.map((h) => h.at), ...(c.updatedAt ? [c.updatedAt] : [])];
  return stamps.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
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

/** How ADS dates a renewal: from the old expiry when renewed before it (no time lost), or always from the issue date. */
export type RenewFrom = 'old-expiry-if-unexpired' | 'issue-date';

/**
 * The expiry of a renewal, by ADS's policy: renewed before it expired, from the old expiry date (no time lost);
 * lapsed, from the issue date. With `issue-date`, always from the issue date.
 */
export function renewalExpiry(
  previous: Pick<Certification, 'expiresOn'>,
  issuedOn: string,
  renewFrom: RenewFrom,
): string {
  return renewFrom === 'old-expiry-if-unexpired' && issuedOn < previous.expiresOn
    ? expiryAfterThreeYears(previous.expiresOn)
    : expiryAfterThreeYears(issuedOn);
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

/**
 * Whether a certification has an Open Badges credential: those this course issued since credentials were added (they
 * have a place in the status list). An outside certification's credential is the awarding body's to issue.
 */
export const hasCredential = (c: Pick<Certification, 'source' | 'statusIndex'>) =>
  c.source === 'course' && c.statusIndex !== undefined;

export type CertificationState = 'active' | 'in-grace' | 'expired' | 'suspended' | 'revoked' | 'superseded';

/** Each state in words for the public (the verification page): only `active` allows providing the service. */
export const STATE_WORDS = {
  active: 'Active',
  'in-grace': 'In grace — not active',
  expired: 'Expired',
  suspended: 'Suspended',
  revoked: 'Revoked',
  superseded: 'Superseded',
} as const satisfies Record<CertificationState, string>;

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

/**
 * Whether a certification still stands: issued or suspended, lapsed or not. It can be renewed (a renewal supersedes
 * it) and DDS hears of its expiry. A revoked one is final; a superseded one lives on in its successor.
 */
export const stillStands = (c: Pick<Certification, 'standing'>): boolean =>
  c.standing === 'issued' || c.standing === 'suspended';

/**
 * Whose holder is reminded before it expires: one that still stands, unless it is suspended — a suspended holder
 * may not recertify until ADS reinstates them (see `mayRecertifyWith`), so a reminder to renew would mislead.
 */
export const remindedOfExpiry = (c: Pick<Certification, 'standing'>): boolean =>
  stillStands(c) && c.standing !== 'suspended';

/**
 * Whether this certification lets its holder apply to a recertification iteration: in its renewal window, in grace,
 * or expired — not revoked, superseded or suspended.
 */
export function mayRecertifyWith(
  c: Pick<Certification, 'standing' | 'expiresOn'>,
  today: string,
  policy: LifecyclePolicy,
): boolean {
  const s = certificationState(c, today, policy);
  return s.inRenewalWindow || s.state === 'in-grace' || s.state === 'expired';
}

/** Whether a person may apply to a recertification iteration, and why, in words the applicant reads before the form. */
export interface RecertificationStanding {
  mayApply: boolean;
  reason: string;
}

/** "March 20, 2029": a calendar day in words (noon UTC is that day in Connecticut too). */
const dayInWords = (date: string) => formatCt(new Date(`${date}T12:00:00Z`), 'MMMM d, yyyy');

/**
 * Who may apply to a recertification iteration: a holder of a certification in its renewal window, in grace or
 * expired (not revoked, superseded or suspended); or someone ADS admitted. One home for the rule and for saying it.
 */
export function recertificationStanding(
  certs: readonly Pick<Certification, 'standing' | 'expiresOn'>[],
  today: string,
  policy: LifecyclePolicy,
  admitted: boolean,
): RecertificationStanding {
  if (certs.some((c) => mayRecertifyWith(c, today, policy)))
    return {
      mayApply: true,
      reason:
        'You may apply: you hold a certification that can be renewed now (in its renewal window, in grace or expired).',
    };
  if (admitted) return { mayApply: true, reason: 'You may apply: ADS admitted you to this recertification course.' };
  const who = `A recertification course is for holders of a certification from ${policy.renewalWindowMonths} months before it expires, in its grace period (${policy.graceDays} days) or after it expired — not a revoked or suspended one.`;
  const opens = certs
    .filter((c) => certificationState(c, today, policy).active)
    .map((c) => certificationState(c, today, policy).renewalOpensOn)
    .sort()[0];
  const yours = opens
    ? `Yours can be renewed from ${dayInWords(opens)}.`
    : 'You hold no certification that can be renewed.';
  return {
    mayApply: false,
    reason: `${who} ${yours} If you think you should take this one, ask the ADS CE team: ADS can admit you, with a reason.`,
  };
}

/**
 * The reminder point a certification expiring on `expiresOn` has reached today: the nearest of the points (days
 * before expiry) it is within, or none. A point missed while the job was down is thus covered by the next one.
 */
export function reminderPoint(expiresOn: string, today: string, reminderDays: readonly number[]): number | undefined {
  const daysLeft = Math.round((Date.parse(expiresOn) - Date.parse(today)) / 86_400_000);
  return [...reminderDays].sort((a, b) => a - b).find((p) => daysLeft <= p);
}

// ---- standing: suspend, reinstate, revoke ----

export type StandingAction = 'revoke' | 'suspend' | 'reinstate';

/** Each action, the standings it applies to, and what it leaves. Revocation is final. */
const STANDING_CHANGES = {
  revoke: { from: ['issued', 'suspended'], to: 'revoked', done: 'revoked' },
  suspend: { from: ['issued'], to: 'suspended', done: 'suspended' },
  reinstate: { from: ['suspended'], to: 'issued', done: 'reinstated' },
} as const satisfies Record<StandingAction, { from: readonly Standing[]; to: Standing; done: string }>;

/** The standing an action leaves, and the word for what was done (history, audit, email) — or why it cannot be. */
export function changeStanding(
  standing: Standing,
  action: StandingAction,
): { standing: Standing; done: (typeof STANDING_CHANGES)[StandingAction]['done'] } {
  const change = STANDING_CHANGES[action];
  if (!(change.from as readonly Standing[]).includes(standing))
    throw new StateConflict(`A ${standing} certification cannot be ${change.done}.`);
  return { standing: change.to, done: change.done };
}

// ---- certifications earned elsewhere ----

export interface ExternalCredential {
  credential: 'customized-employment' | 'cesp' | 'other';
  accreditedBy: string;
  issuedOn: string;
  expiresOn: string;
}

/**
 * Why a credential earned elsewhere cannot be recorded, or undefined if it can. Only an ACRE-accredited Customized
 * Employment certification qualifies; the CESP credential is a different credential and does not allow a person to
 * provide CE services.
 */
export function externalCredentialRefusal(input: ExternalCredential): RuleBroken | undefined {
  if (input.credential === 'cesp')
    return new RuleBroken('A CESP credential is not a Customized Employment certification.', [
      {
        field: 'credential',
        code: 'cesp_not_ce',
        message:
          'CESP validates employment-support knowledge, but it does not allow a person to provide Customized Employment services in Connecticut',
      },
    ]);
  if (input.credential !== 'customized-employment')
    return new RuleBroken('Only a Customized Employment certification can be recorded.', [
      { field: 'credential', code: 'not_ce', message: 'record only Customized Employment certifications' },
    ]);
  if (input.accreditedBy.trim().toUpperCase() !== 'ACRE')
    return new RuleBroken('Only an ACRE-accredited Customized Employment certification qualifies.', [
      {
        field: 'accreditedBy',
        code: 'not_acre',
        message: 'the course must be accredited by ACRE (Association of Community Rehabilitation Educators)',
      },
    ]);
  if (input.expiresOn <= input.issuedOn)
    return new RuleBroken('The expiry must follow the issue date.', [
      { field: 'expiresOn', code: 'before_issue', message: 'expires on or before it was issued' },
    ]);
  return undefined;
}
