import type { FieldProblem } from './errors';
import { normalizeEmail } from './names';

/**
 * Who may vouch for an applicant. A supervisor endorses applications (which confirms the applicant's membership of
 * the provider) and co-signs training agreements; an emailed link proves only that someone reads a mailbox, so the
 * mailbox must be one ADS has authorised for that provider before any link is sent to it, and at the moment the link
 * is used.
 *
 * Supervisors are authorised per provider agency; self-hired staff (Self-Determination program, no provider) share one
 * scope, `self-hired`, whose supervisors (employers of record) ADS authorises the same way.
 */
export const SELF_HIRED = 'self-hired';
export const supervisorScope = (providerId: string | undefined): string => providerId ?? SELF_HIRED;

/**
 * `authorised`: links may go to this address and be used. `pending`: named by an applicant (or proposed), waiting for
 * ADS. `refused`: ADS said no (with a reason). `removed`: was authorised, no longer is (left the provider).
 */
export type SupervisorStatus = 'pending' | 'authorised' | 'refused' | 'removed';

export interface Supervisor {
  scope: string;
  /** Derived from the address, so one address has one record per scope. */
  id: string;
  name: string;
  email: string;
  status: SupervisorStatus;
  requestedAt: string;
  /** Who asked: an applicant's sub, ADS staff's sub, or `migration` for supervisors named before authorisation. */
  requestedBy: string;
  /** When ADS last authorised the address: confirmations within `NEW_SUPERVISOR_DAYS` of it are flagged. */
  authorisedAt?: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  version: number;
}

/** A confirmation by a supervisor authorised this recently is flagged for ADS's review. */
export const NEW_SUPERVISOR_DAYS = 7;

export const isNewlyAuthorised = (supervisor: Pick<Supervisor, 'authorisedAt'>, at: Date): boolean =>
  supervisor.authorisedAt !== undefined &&
  at.getTime() - Date.parse(supervisor.authorisedAt) < NEW_SUPERVISOR_DAYS * 24 * 3600_000;

/**
 * The mailbox an address delivers to, for telling one person's addresses apart: without case, without a `+tag`,
 * and without dots in the local part (Gmail ignores them, and many hosts alias them). Used only to refuse an
 * applicant's own address as their supervisor; authorisation itself is for the exact address.
 */
export function mailbox(email: string): string {
  const address = normalizeEmail(email);
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const local = address.slice(0, at).split('+')[0]!.replace(/\./g, '');
  const domain = address.slice(at + 1);
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}

export const sameMailbox = (a: string, b: string): boolean => mailbox(a) === mailbox(b);

/**
 * Whether a signed-in voucher (the agency's provider administrator) would be vouching for themselves: the application
 * is theirs, or its applicant's address (as applied, or the sign-in email now) is the voucher's mailbox.
 */
export const ownApplication = (
  voucher: { sub: string; email: string },
  application: { applicantSub: string; applicant: { email: string } },
  applicantEmailNow: string | undefined,
): boolean =>
  voucher.sub === application.applicantSub ||
  [application.applicant.email, applicantEmailNow].some((e) => e !== undefined && sameMailbox(e, voucher.email));

/**
 * Free-mail domains: anyone can open an address there, so an applicant cannot name a new supervisor on one; only
 * ADS can authorise such an exact address. The big consumer providers (the packaged lists on the registry either
 * download their list at install time or weigh 0.3–2 MB in the function).
 */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'yandex.com',
  'zoho.com',
  'zohomail.com',
  'tutanota.com',
  'fastmail.com',
  'hey.com',
  'comcast.net',
  'att.net',
  'sbcglobal.net',
  'verizon.net',
  'cox.net',
  'optonline.net',
  'charter.net',
  'earthlink.net',
  'mailinator.com',
]);

export const domainOf = (email: string): string => normalizeEmail(email).split('@').at(-1) ?? '';
export const isFreeMail = (email: string): boolean => FREE_MAIL.has(domainOf(email));

/** Whether the address is on one of the provider's staff email domains (shown to ADS when it decides). */
export const onStaffDomain = (email: string, domains: readonly string[] | undefined): boolean =>
  (domains ?? []).includes(domainOf(email));

/**
 * Why an applicant cannot name this supervisor, if they cannot: their own address (or a variant of it), or a new
 * free-mail address that ADS has not authorised. `known` is the record of the address in the scope, if any.
 */
export function namingProblem(
  applicantEmail: string,
  supervisorEmail: string,
  known: Pick<Supervisor, 'status' | 'reason'> | undefined,
): FieldProblem | undefined {
  if (sameMailbox(applicantEmail, supervisorEmail))
    return {
      field: 'supervisor.email',
      code: 'own_address',
      message: 'your supervisor must be someone else: this is your own address (or a variant of it)',
    };
  if (known?.status === 'refused' || known?.status === 'removed')
    return {
      field: 'supervisor.email',
      code: `supervisor_${known.status}`,
      message: `${known.status === 'refused' ? 'ADS did not authorise this supervisor' : 'this supervisor is no longer authorised for the agency'}${known.reason ? `: ${known.reason}` : ''}; name another`,
    };
  if (known?.status !== 'authorised' && isFreeMail(supervisorEmail))
    return {
      field: 'supervisor.email',
      code: 'free_mail',
      message:
        "a personal (free-mail) address can be a supervisor only once ADS has authorised it: use your supervisor's work address",
    };
  return undefined;
}
