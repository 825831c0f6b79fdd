import { now } from '../clock';
import { getApplications, saveApplicationItem } from '../data/applications';
import { auditPut } from '../data/audit';
import { certificatesOfPerson, followHolderItems } from '../data/certifications';
import { getIterationPlans, type IterationRecord } from '../data/iterations';
import { getPerson, unconfirmMembershipItem } from '../data/people';
import { getProvider, getProviders } from '../data/providers';
import { closeReviewItem, getReview, openReviews, type Review } from '../data/reviews';
import {
  dropWaiting,
  getSupervisor,
  getSupervisorById,
  pendingSupervisors,
  saveSupervisorItem,
  supervisorId,
  supervisorsOf,
  waitingDoneItem,
  waitingFor,
} from '../data/supervisors';
import type { Actor } from '../domain/actor';
import type { Application } from '../domain/application';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { NotFound, StaleWrite, StateConflict } from '../domain/errors';
import { applicationWindowState } from '../domain/iteration';
import {
  isFreeMail,
  onStaffDomain,
  SELF_HIRED,
  type Supervisor,
  type SupervisorStatus,
  supervisorScope,
} from '../domain/supervisor';
import type { Provider } from '../domain/provider';
import { supervisorRefused } from '../email/templates';
import { endorsementLink } from './supervisor';
import { commit, commitOrStale } from './unit-of-work';

/**
 * ADS decides who may vouch for each provider agency: authorising a supervisor sends the endorsement links of the
 * applications that waited for them; refusing one asks those applicants to name another; removing one (they left
 * the agency) stops every link of theirs still out, at the moment it would be used. Every decision has a reason and
 * is audited.
 */

export type SupervisorDecision = 'authorise' | 'refuse' | 'remove';

/** From which statuses each decision may be taken, and what it leads to. */
const DECISIONS: Record<SupervisorDecision, { from: SupervisorStatus[]; to: SupervisorStatus }> = {
  authorise: { from: ['pending', 'refused', 'removed'], to: 'authorised' },
  refuse: { from: ['pending'], to: 'refused' },
  remove: { from: ['authorised'], to: 'removed' },
};

/** The scope a route names: a provider that exists, or the self-hired scope. */
async function scopeOf(providerId: string): Promise<{ scope: string; provider?: Provider }> {
  if (providerId === SELF_HIRED) return { scope: SELF_HIRED };
  const provider = await getProvider(providerId);
  if (!provider) throw new NotFound('The provider');
  return { scope: supervisorScope(provider.id), provider };
}

export const supervisorView = (s: Supervisor, provider: Pick<Provider, 'name' | 'staffEmailDomains'> | undefined) => ({
  id: s.id,
  providerId: s.scope,
  providerName: s.scope === SELF_HIRED ? null : (provider?.name ?? null),
  name: s.name,
  email: s.email,
  status: s.status,
  requestedAt: s.requestedAt,
  requestedBy: s.requestedBy,
  authorisedAt: s.authorisedAt,
  decidedAt: s.decidedAt,
  reason: s.reason,
  freeMail: isFreeMail(s.email),
  onStaffDomain: onStaffDomain(s.email, provider?.staffEmailDomains),
  version: s.version,
});

/** ADS's queue: supervisors named by applicants and not yet decided, oldest first. */
export async function supervisorQueue(cursor: string | undefined, limit: number) {
  const page = await pendingSupervisors(cursor, limit);
  const providers = await getProviders(page.supervisors.flatMap((s) => (s.scope === SELF_HIRED ? [] : [s.scope])));
  return { items: page.supervisors.map((s) => supervisorView(s, providers.get(s.scope))), cursor: page.cursor };
}

export async function providerSupervisors(providerId: string) {
  const { scope, provider } = await scopeOf(providerId);
  return { items: (await supervisorsOf(scope)).map((s) => supervisorView(s, provider)) };
}

/** The applicant's picker: the authorised supervisors of an agency (names and work addresses only). */
export async function authorisedSupervisors(providerId: string) {
  const { scope } = await scopeOf(providerId);
  if (scope === SELF_HIRED) return { items: [] };
  const all = await supervisorsOf(scope);
  return { items: all.filter((s) => s.status === 'authorised').map(({ name, email }) => ({ name, email })) };
}

/** ADS adds an authorised supervisor itself (a provider's list, or an exact free-mail address). */
export async function addSupervisor(
  providerId: string,
  input: { name: string; email: string; reason: string },
  actor: Actor,
) {
  const { scope, provider } = await scopeOf(providerId);
  const known = await getSupervisor(scope, input.email);
  if (known?.status === 'authorised') return supervisorView(known, provider);
  const at = toCtIso(now());
  const next: Supervisor = {
    scope,
    id: supervisorId(input.email),
    name: input.name,
    email: input.email.trim(),
    status: 'authorised',
    requestedAt: known?.requestedAt ?? at,
    requestedBy: known?.requestedBy ?? actor.sub,
    authorisedAt: at,
    decidedAt: at,
    decidedBy: actor.sub,
    reason: input.reason,
    version: (known?.version ?? 0) + 1,
  };
  await save(next, known, 'authorise', input.reason, actor);
  await releaseWaiting(next, actor);
  return supervisorView(next, provider);
}

export async function decideSupervisor(
  providerId: string,
  id: string,
  input: { decision: SupervisorDecision; reason: string; version: number },
  actor: Actor,
) {
  const { scope, provider } = await scopeOf(providerId);
  const known = await getSupervisorById(scope, id);
  if (!known) throw new NotFound('The supervisor');
  if (known.version !== input.version)
    throw new StaleWrite('Someone decided on this supervisor after you read it; reload and try again.', known.version);
  const rule = DECISIONS[input.decision];
  if (!rule.from.includes(known.status))
    throw new StateConflict(`A supervisor who is ${known.status} cannot be given "${input.decision}".`);
  const at = toCtIso(now());
  const next: Supervisor = {
    ...known,
    status: rule.to,
    decidedAt: at,
    decidedBy: actor.sub,
    reason: input.reason,
    ...(rule.to === 'authorised' ? { authorisedAt: at } : {}),
    version: known.version + 1,
  };
  await save(next, known, input.decision, input.reason, actor);
  if (rule.to === 'authorised') await releaseWaiting(next, actor);
  if (rule.to === 'refused') await tellRefused(next, input.reason, actor);
  return supervisorView(next, provider);
}

async function save(
  next: Supervisor,
  previous: Supervisor | undefined,
  decision: SupervisorDecision,
  reason: string,
  actor: Actor,
) {
  await commitOrStale(
    {
      writes: [
        saveSupervisorItem(next, previous?.version),
        auditPut({
          subjectType: 'supervisor',
          subjectId: `${next.scope}#${next.id}`,
          action: decision === 'authorise' ? 'authorised' : decision === 'refuse' ? 'refused' : 'removed',
          actor: actorOf(actor),
          at: next.decidedAt!,
          reason,
          before: previous ? { status: previous.status } : null,
          after: { status: next.status, name: next.name, email: next.email },
        }),
      ],
    },
    'Someone decided on this supervisor at the same moment; reload and try again.',
  );
}

/**
 * The applications still waiting for this supervisor, each as it stands now: still `submitted`, still naming this
 * address, its window still open. The markers of the others are dropped.
 */
async function stillWaiting(supervisor: Supervisor) {
  const ids = await waitingFor(supervisor.scope, supervisor.id);
  const applications = await getApplications(ids);
  const iterations = await getIterationPlans([...new Set([...applications.values()].map((a) => a.iterationId))]);
  const out: { application: Application; iteration: IterationRecord }[] = [];
  for (const applicationId of ids) {
    const application = applications.get(applicationId);
    const iteration = application && iterations.get(application.iterationId);
    const waits =
      application?.status === 'submitted' &&
      application.awaitingSupervisor !== undefined &&
      supervisorId(application.supervisor.email) === supervisor.id &&
      supervisorScope(application.providerId) === supervisor.scope &&
      iteration !== undefined &&
      applicationWindowState(iteration, now()) === 'open';
    if (waits) out.push({ application, iteration });
    else await dropWaiting(supervisor.scope, supervisor.id, applicationId);
  }
  return out;
}

/** Authorised: each waiting application's endorsement link is made and emailed now (audited on the application). */
async function releaseWaiting(supervisor: Supervisor, actor: Actor) {
  for (const { application, iteration } of await stillWaiting(supervisor)) {
    const at = now();
    const stamp = toCtIso(at);
    const version = application.version + 1;
    const link = endorsementLink(application, iteration, at, `endorsement-request#${application.id}#${version}`);
    const next: Application = {
      ...application,
      endorsementLink: link.record,
      awaitingSupervisor: undefined,
      version,
      updatedAt: stamp,
    };
    await commit({
      writes: [
        saveApplicationItem(next, application),
        link.item,
        waitingDoneItem(supervisor.scope, supervisor.id, application.id),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'endorsement-link-sent',
          actor: actorOf(actor),
          at: stamp,
          reason: 'ADS authorised the supervisor',
          after: { supervisor: application.supervisor },
        }),
      ],
      emails: [link.email],
    });
  }
}

/** Refused: each waiting applicant is asked to name another supervisor (the application stays, waiting). */
async function tellRefused(supervisor: Supervisor, reason: string, actor: Actor) {
  for (const { application, iteration } of await stillWaiting(supervisor)) {
    const stamp = toCtIso(now());
    const next: Application = {
      ...application,
      awaitingSupervisor: { since: application.awaitingSupervisor!.since, refused: { at: stamp, reason } },
      version: application.version + 1,
      updatedAt: stamp,
    };
    await commit({
      writes: [
        saveApplicationItem(next, application),
        waitingDoneItem(supervisor.scope, supervisor.id, application.id),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'supervisor-refused',
          actor: actorOf(actor),
          at: stamp,
          reason,
          after: { supervisor: application.supervisor },
        }),
      ],
      emails: [
        {
          key: `supervisor-refused#${application.id}#${next.version}`,
          message: supervisorRefused(next, iteration, reason),
        },
      ],
    });
  }
}

// ---- Confirmations flagged for review ----

export async function reviewQueue(cursor: string | undefined, limit: number) {
  const page = await openReviews(cursor, limit);
  return { items: page.reviews, cursor: page.cursor };
}

/**
 * ADS looks at a flagged confirmation: `upheld` closes it; `overturned` also makes the person's membership a claim
 * again (if it is still the one confirmed), so their certifications leave the provider's listing, in one transaction.
 */
export async function decideReview(
  applicationId: string,
  input: { outcome: 'upheld' | 'overturned'; reason: string },
  actor: Actor,
) {
  const review = await getReview(applicationId);
  if (!review) throw new NotFound('The review');
  if (review.status !== 'open') throw new StateConflict(`This review was already ${review.status}.`);
  const at = toCtIso(now());
  const next: Review = { ...review, status: input.outcome, decidedAt: at, decidedBy: actor.sub, reason: input.reason };
  const person = input.outcome === 'overturned' ? await getPerson(review.personId) : undefined;
  const unconfirm =
    person !== undefined && person.membership === 'confirmed' && person.providerId === review.providerId;
  const follow = unconfirm
    ? followHolderItems(await certificatesOfPerson(review.personId), undefined, { at, by: actor.sub })
    : { items: [], moved: [] };
  await commitOrStale(
    {
      writes: [
        closeReviewItem(next),
        ...(unconfirm ? [unconfirmMembershipItem(review.personId, review.providerId!)] : []),
        ...follow.items,
        auditPut({
          subjectType: 'review',
          subjectId: applicationId,
          action: input.outcome,
          actor: actorOf(actor),
          at,
          reason: input.reason,
          before: { status: 'open' },
          after: { status: next.status, membershipUnconfirmed: unconfirm, certificationsMoved: follow.moved },
        }),
      ],
    },
    'Someone decided on this review at the same moment; reload.',
  );
  return next;
}
