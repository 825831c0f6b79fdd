import { auditPut } from '../data/audit';
import { authorisedCheck, getSupervisor, requestSupervisorItem, supervisorId } from '../data/supervisors';
import type { Application } from '../domain/application';
import { Gone, RuleBroken, StaleWrite } from '../domain/errors';
import { namingProblem, sameMailbox, supervisorScope, type Supervisor } from '../domain/supervisor';
import { type Change, commit, type NamedWrite, named } from './unit-of-work';

/**
 * An applicant names a supervisor (on their profile, applying, or changing supervisor).
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
        actor: { id: requestedBy, roles: ['applicant'] },
        at,
        after: { name: request.name, email: request.email },
      }),
    ],
  });
  // Refused only when someone named the same address at the same moment: theirs is the record.
  return created.ok ? request : ((await getSupervisor(scope, named.email)) ?? request);
}

const NOT_AUTHORISED = 'This link no longer works: ADS has not authorised this supervisor to vouch for the agency.';

/**
 * Before any vouching act (endorsing, co-signing): the application's supervisor is not the applicant (by any of
 * their addresses, then or now), and is authorised for the applicant's agency now. Returns the record (its
 * authorisation date decides the review flags) and the condition that re-checks the authorisation in the act's own
 * transaction, so a removal at the same moment also stops it.
 */
export async function mayVouch(
  application: Pick<Application, 'providerId' | 'supervisor' | 'applicant'>,
  applicantEmailNow: string | undefined,
): Promise<{ supervisor: Supervisor; check: NamedWrite }> {
  const address = application.supervisor.email;
  if ([application.applicant.email, applicantEmailNow].some((own) => own !== undefined && sameMailbox(own, address)))
    throw new Gone('This link cannot be used: an applicant cannot vouch for their own application.');
  const scope = supervisorScope(application.providerId);
  const supervisor = await getSupervisor(scope, address);
  if (supervisor?.status !== 'authorised') throw new Gone(NOT_AUTHORISED);
  return { supervisor, check: named('supervisor', authorisedCheck(scope, address)) };
}

/** A vouching act's commit: refused by the authorisation check, it says so; any other refusal is a stale write. */
export async function commitVouching(change: Change, whyRefused: string): Promise<void> {
  const outcome = await commit(change);
  if (outcome.ok) return;
  if (outcome.refused.has('supervisor')) throw new Gone(NOT_AUTHORISED);
  throw new StaleWrite(whyRefused);
}
