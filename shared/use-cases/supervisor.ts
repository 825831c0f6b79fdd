import { now } from '../clock';
import { config } from '../config/runtime';
import { auditPut } from '../data/audit';
import { getApplication, saveApplicationItem } from '../data/applications';
import { getIteration } from '../data/iterations';
import { createLinkItem, linkHash, newLinkToken, revokeLinkItem } from '../data/links';
import type { Actor } from '../domain/actor';
import type { Application } from '../domain/application';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { LINK_SENDS_PER_WINDOW, linkSendAllowance, SUPERVISOR_CHANGEABLE } from '../domain/endorsement';
import { NotFound, StaleWrite, StateConflict, TooSoon } from '../domain/errors';
import { applicationWindowState, type Iteration } from '../domain/iteration';
import { SEALED_TOKEN } from '../email/link-seal';
import type { Outgoing } from '../email/outbox';
import { endorsementLinkWithdrawn, endorsementRequest } from '../email/templates';
import type { TransactItem } from '../data/transactions';
import { waitingItem } from '../data/supervisors';
import { supervisorScope, type Supervisor } from '../domain/supervisor';
import { applicationView } from './application-views';
import { nameSupervisor } from './supervisor-authorisation';
import { commit, named } from './unit-of-work';

/**
 * A new endorsement link for the application's supervisor: the token (only in the email, sealed while it waits), its item (expiring when
 * the window closes), the application's record of it, and the email. `emailKey` names the event, so a retried
 * transaction never emails twice.
 */
export function endorsementLink(
  application: Application,
  iteration: Pick<Iteration, 'title' | 'classDates' | 'applicationClosesAt'>,
  at: Date,
  emailKey: string,
) {
  const token = newLinkToken();
  const stamp = toCtIso(at);
  return {
    record: { hash: linkHash(token), sentAt: stamp },
    item: createLinkItem(token, {
      purpose: 'endorsement',
      applicationId: application.id,
      expiresAt: iteration.applicationClosesAt,
      createdAt: stamp,
    }),
    email: {
      key: emailKey,
      message: endorsementRequest(application, iteration, `${config.publicBaseUrl}/links/${SEALED_TOKEN}`),
      linkToken: token,
    } satisfies Outgoing,
  };
}

/**
 * What applying (or naming another supervisor) sends: the endorsement link when the supervisor is authorised for the
 * applicant's agency; otherwise nothing yet, the application marked as waiting for ADS and a marker beside the
 * supervisor's record, so that authorising them sends the link (`releaseWaiting`).
 */
export function linkOrWait(
  draft: Application,
  iteration: Iteration,
  supervisor: Supervisor,
  at: Date,
  emailKey: string,
): { application: Application; writes: TransactItem[]; emails: Outgoing[] } {
  if (supervisor.status === 'authorised') {
    const link = endorsementLink(draft, iteration, at, emailKey);
    return {
      application: { ...draft, endorsementLink: link.record, awaitingSupervisor: undefined },
      writes: [link.item],
      emails: [link.email],
    };
  }
  const stamp = toCtIso(at);
  return {
    application: { ...draft, endorsementLink: undefined, awaitingSupervisor: { since: stamp } },
    writes: [waitingItem(supervisor.scope, supervisor.email, draft.id, stamp)],
    emails: [],
  };
}

async function ownChangeable(actor: Actor, id: string): Promise<{ application: Application; iteration: Iteration }> {
  const application = await getApplication(id);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  const stored = await getIteration(application.iterationId);
  if (!stored) throw new NotFound('The application');
  const iteration = stored.iteration;
  if (!SUPERVISOR_CHANGEABLE.includes(application.status))
    throw new StateConflict(
      `This application is ${application.status}: the supervisor can be changed, or the link sent again, only before endorsement.`,
    );
  if (applicationWindowState(iteration, now()) !== 'open')
    throw new StateConflict('The application window has closed: the endorsement can no longer be given.');
  return { application, iteration };
}

/** Refuses with the seconds to wait when the applicant has had as many link emails as the window allows. */
function allowance(application: Application, at: Date) {
  const allowed = linkSendAllowance(application.linkSends, at);
  if (!allowed.ok)
    throw new TooSoon(
      `The endorsement link was sent ${LINK_SENDS_PER_WINDOW} times lately; it can be sent again in ${Math.ceil(allowed.retryAfterSeconds / 60)} minutes.`,
      allowed.retryAfterSeconds,
    );
  return allowed;
}

/**
 * Writes a new endorsement link: the application (conditioned on its version and on the link-send counter), the
 * old link revoked, the new one created, the audit record and the emails, in one transaction. A refusal by the
 * counter's condition (a concurrent send took the last one) is answered as "too soon", any other as stale.
 */
async function issue(
  application: Application,
  next: Application,
  extra: { writes: TransactItem[]; emails: Outgoing[] },
  windowFloor: string,
) {
  const result = await commit({
    writes: [
      named('application', saveApplicationItem(next, application, { windowFloor, limit: LINK_SENDS_PER_WINDOW })),
      ...(application.endorsementLink ? [revokeLinkItem(application.endorsementLink.hash, next.updatedAt)] : []),
      ...extra.writes,
    ],
    emails: extra.emails,
  });
  if (result.ok) return;
  const current = await getApplication(application.id);
  if (current) allowance(current, now());
  throw new StaleWrite('The application changed at the same moment; reload and try again.');
}

export interface SupervisorChange {
  supervisor: { name: string; email: string };
  reason?: string;
}

/**
 * The applicant names another supervisor for an application not yet endorsed (also after the supervisor said no),
 * while the window is open.
 * 1. The application takes the new supervisor and is `submitted` again.
 * 2. In the same transaction: the old link stops working, a new one is created, the new supervisor is emailed it,
 *    the former one (if they had not answered) is told nothing more is needed, and the change is audited.
 * Counts as a link email against the rate limit.
 */
export async function changeSupervisor(actor: Actor, id: string, change: SupervisorChange) {
  const { application, iteration } = await ownChangeable(actor, id);
  const at = now();
  const allowed = allowance(application, at);
  const stamp = toCtIso(at);
  const supervisor = await nameSupervisor(
    supervisorScope(application.providerId),
    change.supervisor,
    application.applicant.email,
    actor.sub,
    stamp,
  );
  const version = application.version + 1;
  const draft: Application = {
    ...application,
    supervisor: change.supervisor,
    status: 'submitted',
    endorsementDeclined: undefined,
    linkSends: allowed.next,
    version,
    updatedAt: stamp,
  };
  const link = linkOrWait(draft, iteration, supervisor, at, `endorsement-request#${id}#${version}`);
  const next = link.application;
  const emails: Outgoing[] = [...link.emails];
  // Only a former supervisor who was sent a link is told it no longer works.
  if (
    application.status === 'submitted' &&
    application.endorsementLink &&
    application.supervisor.email !== change.supervisor.email
  )
    emails.push({
      key: `endorsement-withdrawn#${id}#${version}`,
      message: endorsementLinkWithdrawn(application, iteration, application.supervisor),
    });
  await issue(
    application,
    next,
    {
      writes: [
        ...link.writes,
        auditPut({
          subjectType: 'application',
          subjectId: id,
          action: 'supervisor-changed',
          actor: actorOf(actor),
          at: stamp,
          reason: change.reason,
          before: { status: application.status, supervisor: application.supervisor },
          after: { status: next.status, supervisor: next.supervisor, supervisorAuthorised: !next.awaitingSupervisor },
        }),
      ],
      emails,
    },
    allowed.windowFloor,
  );
  return applicationView(next, iteration, at);
}

/**
 * The applicant asks for the endorsement link to be sent again (lost, expired in a mailbox): a new link replaces the
 * old one (only hashes are stored, so the old token cannot be re-sent), within the rate limit; audited.
 */
export async function resendEndorsementLink(actor: Actor, id: string) {
  const { application, iteration } = await ownChangeable(actor, id);
  if (application.status !== 'submitted')
    throw new StateConflict('Your supervisor has answered; name another supervisor to ask again.');
  if (application.awaitingSupervisor)
    throw new StateConflict(
      application.awaitingSupervisor.refused
        ? 'ADS did not authorise this supervisor; name another supervisor.'
        : 'ADS has not yet authorised your supervisor: the link is emailed to them as soon as it does.',
    );
  const at = now();
  const allowed = allowance(application, at);
  const stamp = toCtIso(at);
  const version = application.version + 1;
  const link = endorsementLink(application, iteration, at, `endorsement-request#${id}#${version}`);
  const next: Application = {
    ...application,
    endorsementLink: link.record,
    linkSends: allowed.next,
    version,
    updatedAt: stamp,
  };
  await issue(
    application,
    next,
    {
      writes: [
        link.item,
        auditPut({
          subjectType: 'application',
          subjectId: id,
          action: 'endorsement-link-resent',
          actor: actorOf(actor),
          at: stamp,
          after: { supervisor: application.supervisor, linkSendsInWindow: allowed.next.count },
        }),
      ],
      emails: [link.email],
    },
    allowed.windowFloor,
  );
  return applicationView(next, iteration, at);
}
