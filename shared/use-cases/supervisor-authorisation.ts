import { now } from '../clock';
import { auditPut } from '../data/audit';
import { useLinkByHashItem, useLinkItem } from '../data/links';
import { activeAdminCheck, type ProviderAdmin } from '../data/provider-admins';
import { authorisedCheck, getSupervisor, requestSupervisorItem, supervisorId } from '../data/supervisors';
import type { TransactItem } from '../data/transactions';
import type { Application } from '../domain/application';
import type { Role } from '../domain/vocabulary';
import { type AuditActor, supervisorActor } from '../domain/audit';
import { type DomainError, Gone, NotFound, RuleBroken, StaleWrite } from '../domain/errors';
import {
  isNewlyAuthorised,
  namingProblem,
  ownApplication,
  sameMailbox,
  supervisorScope,
  type Supervisor,
} from '../domain/supervisor';
import { type Change, commit, type NamedWrite, named } from './unit-of-work';

/**
 * An applicant names a supervisor (on their profile, applying, or changing supervisor), or the agency's provider
 * administrator proposes one (`role`); the same request either way.
 * 1. Refused when it is their own address or a variant of it, an address ADS refused or removed, or a new
 *    free-mail address.
 * 2. An address already on record in the scope is returned as it is (authorised, or still pending).
 * 3. A new address becomes a pending request in ADS's queue (audited); nothing is sent to it until ADS authorises it.
 */
export async function nameSupervisor(
  scope: string,
  named: { name: string; email: string },
  applicantEmail: string,
  requestedBy: string,
  at: string,
  role: Role = 'applicant',
): Promise<Supervisor> {
  const known = await getSupervisor(scope, named.email);
  const problem = namingProblem(applicantEmail, named.email, known);
  if (problem) throw new RuleBroken('This supervisor cannot be named.', [problem]);
  if (known) return known;
  const request: Supervisor = {
    scope,
    id: supervisorId(named.email),
    name: named.name,
    email: named.email.trim(),
    status: 'pending',
    requestedAt: at,
    requestedBy,
    version: 1,
  };
  const created = await commit({
    writes: [
      requestSupervisorItem(request),
      auditPut({
        subjectType: 'supervisor',
        subjectId: `${scope}#${request.id}`,
        action: 'requested',
        actor: { id: requestedBy, roles: [role] },
        at,
        after: { name: request.name, email: request.email },
      }),
    ],
  });
  // Refused only when someone named the same address at the same moment: theirs is the record.
  return created.ok ? request : ((await getSupervisor(scope, named.email)) ?? request);
}

const NOT_AUTHORISED = 'This link no longer works: ADS has not authorised this supervisor to vouch for the agency.';
const OWN = 'an applicant cannot vouch for their own application';

/**
 * Who vouches (endorses, declines, co-signs): the application's supervisor through the emailed single-use link, or
 * the agency's provider administrator — an accountable party ADS created and linked to the agency — from their page.
 */
export type Voucher = { by: 'link'; token: string } | { by: 'provider-admin'; admin: ProviderAdmin };

export interface Vouching {
  /** Who the audit record names. */
  actor: AuditActor;
  /** Who vouched, in the application's and the review's words. */
  who: { name: string; email: string };
  /** ADS authorised (or linked) them in the last days: their confirmations are flagged for review. */
  newlyAuthorised: boolean;
  /** For the act's own transaction: the link used up, and the re-check of the voucher's authorisation. */
  writes: (TransactItem | NamedWrite)[];
  /** What to say when that re-check refuses. */
  refused: () => DomainError;
}

/**
 * Before any vouching act: the voucher is not the applicant (by sign-in id, or by any of the applicant's addresses,
 * then or now), and is authorised for the applicant's agency now — the supervisor by ADS's authorisation of their
 * address, the provider administrator by their link to the agency. The emailed link is used up either way: by its
 * holder, or (`emailedLink`, the hash of the link in force) when the administrator acts first, so it answers 410 like
 * a used one. Returns what the act's transaction writes, so that a removal or an ending at the same moment stops it.
 */
export async function mayVouch(
  application: Pick<Application, 'providerId' | 'supervisor' | 'applicant' | 'applicantSub'>,
  applicantEmailNow: string | undefined,
  voucher: Voucher,
  at: string,
  emailedLink: string | undefined,
): Promise<Vouching> {
  const own = [application.applicant.email, applicantEmailNow];
  if (voucher.by === 'link') {
    const address = application.supervisor.email;
    if (own.some((e) => e !== undefined && sameMailbox(e, address)))
      throw new Gone(`This link cannot be used: ${OWN}.`);
    const scope = supervisorScope(application.providerId);
    const supervisor = await getSupervisor(scope, address);
    if (supervisor?.status !== 'authorised') throw new Gone(NOT_AUTHORISED);
    return {
      actor: supervisorActor(address),
      who: application.supervisor,
      newlyAuthorised: isNewlyAuthorised(supervisor, now()),
      writes: [useLinkItem(voucher.token, at), named('supervisor', authorisedCheck(scope, address))],
      refused: () => new Gone(NOT_AUTHORISED),
    };
  }
  const { admin } = voucher;
  if (ownApplication(admin, application, applicantEmailNow))
    throw new RuleBroken(`You cannot vouch for this application: ${OWN}.`, [
      { field: 'applicationId', code: 'own_application', message: `${OWN}, nor one from the same mailbox` },
    ]);
  if (admin.status !== 'active' || admin.providerId !== application.providerId) throw new NotFound('The application');
  return {
    actor: { id: admin.sub, roles: ['provider-admin'] },
    who: { name: admin.name, email: admin.email },
    newlyAuthorised: isNewlyAuthorised({ authorisedAt: admin.linkedAt }, now()),
    writes: [
      named('voucher', activeAdminCheck(admin.providerId, admin.sub)),
      ...(emailedLink ? [named('link', useLinkByHashItem(emailedLink, at))] : []),
    ],
    refused: () => new NotFound('Your agency'),
  };
}

/**
 * A vouching act's commit: refused by the voucher's re-check, it says so; any other refusal (the link used by its
 * holder at the same moment, the application changed) is a stale write.
 */
export async function commitVouching(change: Change, vouching: Vouching, whyRefused: string): Promise<void> {
  const outcome = await commit(change);
  if (outcome.ok) return;
  if (outcome.refused.has('supervisor') || outcome.refused.has('voucher')) throw vouching.refused();
  throw new StaleWrite(whyRefused);
}
