import { actorNames } from '../data/staff';
import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import {
  confirmStateItem,
  deleteOverrideItem,
  getAllocationState,
  getOverrides,
  getProposal,
  putOverrideItem,
  saveProposalItems,
} from '../data/allocation';
import { applicationsInStatus, getApplication, getApplications, saveApplicationItem } from '../data/applications';
import { certifiedStaffCount, soonestExpiries } from '../data/certifications';
import { closeAllocationItem, getIteration, takeSeatsItem } from '../data/iterations';
import { getProviders, setPriorityItem } from '../data/providers';
import { proposeAllocation, type Candidate, type ProposalLine, type ProviderFacts } from '../domain/allocation';
import type { Application } from '../domain/application';
import { ctDate, toCtIso } from '../domain/calendar/time';
import { promotionOpen } from '../domain/enrolment';
import { REGIONS } from '../domain/vocabulary';
import type { Outgoing } from '../email/outbox';
import { waitlisted } from '../email/templates';
import type { Actor } from '../domain/actor';
import { NotFound, RuleBroken, StaleWrite, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { fillFreeSeats, offer } from './seats/ledger';
import { endWaitlist } from './seats/waitlist-end';
import { commit, commitOrStale, sendQueued } from './unit-of-work';
import { findPublishedIteration } from './find';

/**
 * Compute a new proposal version.
 * 1. Read the endorsed applications, their providers (priority, staff holding an active certification today),
 *    ADS's overrides, and for recertification each applicant's soonest expiry.
 * 2. Run the pure proposal, store it as the next version, and audit the computation.
 */
export async function computeProposal(iterationId: string, actor: Actor) {
  const { iteration } = await findPublishedIteration(iterationId);
  const state = await getAllocationState(iterationId);
  if (state.confirmedVersion !== undefined || state.confirmingVersion !== undefined)
    throw new StateConflict('The allocation is already confirmed; offers are out.');
  const endorsed = await applicationsInStatus(iterationId, 'endorsed');
  const providerIds = [...new Set(endorsed.flatMap((a) => (a.providerId ? [a.providerId] : [])))];
  const [directory, overrides, expiries] = await Promise.all([
    getProviders(providerIds),
    getOverrides(iterationId),
    iteration.kind === 'recertification'
      ? soonestExpiries(endorsed.map((a) => a.applicantSub))
      : Promise.resolve(new Map<string, string>()),
  ]);
  const today = ctDate(now());
  const providers = new Map<string, ProviderFacts>(
    await Promise.all(
      providerIds.map(
        async (id) =>
          [
            id,
            {
              priority: directory.get(id)?.priority !== undefined,
              certifiedStaff: await certifiedStaffCount(id, today),
            },
          ] as const,
      ),
    ),
  );
  const candidates: Candidate[] = endorsed.map((a) => ({
    applicationId: a.id,
    personId: a.applicantSub,
    applicantName: a.applicant.name,
    providerId: a.providerId,
    providerName: a.providerName,
    region: a.region,
    position: a.applicant.position,
    submittedAt: a.submittedAt,
    expiresOn: expiries.get(a.applicantSub),
  }));
  const proposal = proposeAllocation({
    kind: iteration.kind,
    seats: iteration.seats,
    candidates,
    providers,
    overrides,
  });
  const at = toCtIso(now());
  const { items, version } = saveProposalItems(
    iterationId,
    state,
    {
      computedAt: at,
      computedBy: actor.sub,
      seats: proposal.seats,
      seated: proposal.seated,
      waitlisted: proposal.waitlisted,
      lineCount: proposal.lines.length,
    },
    proposal,
  );
  await commitOrStale(
    {
      writes: [
        ...items,
        auditPut({
          subjectType: 'allocation',
          subjectId: iterationId,
          action: 'proposal-computed',
          actor: actorOf(actor),
          at,
          after: { version, seated: proposal.seated, waitlisted: proposal.waitlisted },
        }),
      ],
    },
    'Another proposal was computed at the same moment; reload.',
  );
  return { version, computedAt: at, ...proposal, lines: await withOverrideNames(proposal.lines) };
}

/** Who set each override, by their current name (one batched read for the whole board). */
async function withOverrideNames(lines: ProposalLine[]) {
  const names = await actorNames(lines.flatMap((l) => (l.override ? [l.override.by] : [])));
  return lines.map((l) => (l.override ? { ...l, override: { ...l.override, byName: names.get(l.override.by) } } : l));
}

/** Lines stored before they carried the applicant's person id get it from their application. */
async function withPersonIds(lines: ProposalLine[]): Promise<ProposalLine[]> {
  const missing = await getApplications(lines.flatMap((l) => (l.personId ? [] : [l.applicationId])));
  return lines.map((l) => (l.personId ? l : { ...l, personId: missing.get(l.applicationId)?.applicantSub ?? '' }));
}

export async function latestProposal(iterationId: string) {
  await findPublishedIteration(iterationId);
  const state = await getAllocationState(iterationId);
  const stored = state.latestVersion > 0 ? await getProposal(iterationId, state.latestVersion) : undefined;
  if (!stored) throw new NotFound('A proposal');
  return {
    version: stored.header.version,
    computedAt: stored.header.computedAt,
    seats: stored.header.seats,
    seated: stored.header.seated,
    waitlisted: stored.header.waitlisted,
    lines: await withOverrideNames(await withPersonIds(stored.lines)),
  };
}

/** ADS seats or waitlists someone, or removes its override, always with a reason (audited). Survives recomputation. */
export async function setOverride(
  iterationId: string,
  applicationId: string,
  decision: 'seat' | 'waitlist' | 'none',
  reason: string,
  actor: Actor,
) {
  await findPublishedIteration(iterationId);
  const application = await getApplication(applicationId);
  if (!application || application.iterationId !== iterationId) throw new NotFound('The application');
  if (application.status !== 'endorsed')
    throw new RuleBroken('Only endorsed applications take part in the allocation.', [
      { field: 'applicationId', code: 'not_endorsed', message: `this application is ${application.status}` },
    ]);
  const state = await getAllocationState(iterationId);
  if (state.confirmedVersion !== undefined || state.confirmingVersion !== undefined)
    throw new StateConflict('The allocation is already confirmed.');
  const at = toCtIso(now());
  await commit({
    writes: [
      decision === 'none'
        ? deleteOverrideItem(iterationId, applicationId)
        : putOverrideItem(iterationId, applicationId, { decision, reason, by: actor.sub, at }),
      auditPut({
        subjectType: 'application',
        subjectId: applicationId,
        action: decision === 'none' ? 'override-removed' : `override-${decision}`,
        actor: actorOf(actor),
        at,
        reason,
      }),
    ],
  });
  return { applicationId, decision, reason, at };
}

/**
 * Confirm a proposal: offers go to those seated (with a response deadline), the others are told their waitlist
 * position.
 * 1. Only the latest version, only while promotion is open, and only if no endorsed application is missing from it.
 * 2. Mark the confirmation started (a retry resumes it: applications already offered or waitlisted are skipped).
 * 3. Per region, batches of offers: one conditional update takes the seats on the region's counter (refused if it
 *    changed), with the applications and their emails, all or nothing. Then the waitlist, in order.
 * 4. Mark it confirmed; free seats (someone withdrew meanwhile) go to the waitlist.
 */
export async function confirmProposal(iterationId: string, version: number, actor: Actor) {
  const stored = await findPublishedIteration(iterationId);
  const state = await getAllocationState(iterationId);
  if (state.confirmedVersion === version) return summary(iterationId);
  if (state.latestVersion !== version || state.confirmedVersion !== undefined)
    throw new StateConflict('Confirm the latest proposal.', { latestVersion: state.latestVersion });
  if (!promotionOpen(stored.iteration, now()))
    throw new StateConflict('Allocation is closed for this iteration (its first class has started or ADS closed it).');
  const proposal = await getProposal(iterationId, version);
  if (!proposal) throw new NotFound('The proposal');
  const endorsed = new Map((await applicationsInStatus(iterationId, 'endorsed')).map((a) => [a.id, a]));
  const inProposal = new Set(proposal.lines.map((l) => l.applicationId));
  const missing = [...endorsed.keys()].filter((id) => !inProposal.has(id));
  if (missing.length > 0)
    throw new StateConflict('Applications were endorsed after this proposal was computed; compute a new one.', {
      missing,
    });

  const at = now();
  const stamp = toCtIso(at);
  await commitOrStale(
    {
      writes: [
        confirmStateItem(iterationId, version, undefined),
        auditPut({
          subjectType: 'allocation',
          subjectId: iterationId,
          action: 'confirmation-started',
          actor: actorOf(actor),
          at: stamp,
          after: { version },
        }),
      ],
    },
    'The allocation changed at the same moment; reload.',
  );

  // Each applicant's standing changes (offered, waitlisted): each gets an audit record naming the confirmation.
  const decidedBy: Decision = {
    actor: actorOf(actor),
    at: stamp,
    reason: `Allocation of iteration ${iterationId} confirmed (proposal version ${version})`,
  };
  const emails: Outgoing[] = [];
  let offers = 0;
  for (const region of REGIONS) {
    const seated = proposal.lines.filter(
      (l): l is ProposalLine => l.decision === 'seat' && l.seatRegion === region && endorsed.has(l.applicationId),
    );
    for (let i = 0; i < seated.length; i += 30)
      offers += await offerBatch(iterationId, seated.slice(i, i + 30), endorsed, at, emails, decidedBy);
  }
  const waiting = proposal.lines.filter((l) => l.decision === 'waitlist' && endorsed.has(l.applicationId));
  // 30 a transaction: each application's update, its email and its audit record (DynamoDB allows 100 items).
  for (let i = 0; i < waiting.length; i += 30) {
    const batch = waiting.slice(i, i + 30).map((l) => ({ line: l, a: endorsed.get(l.applicationId)! }));
    const batchEmails = batch.map(({ line, a }) => ({
      key: `waitlisted#${a.id}`,
      message: waitlisted(a, stored.iteration, line.waitlistPosition!),
    }));
    const result = await commit({
      writes: batch.flatMap(({ line, a }) => [
        saveApplicationItem(
          {
            ...a,
            status: 'waitlisted',
            waitlistPosition: line.waitlistPosition,
            version: a.version + 1,
            updatedAt: stamp,
          },
          a,
        ),
        standingAudit(a.id, 'waitlisted', decidedBy, { status: 'waitlisted', waitlistPosition: line.waitlistPosition }),
      ]),
      emails: batchEmails,
      sendLater: true,
    });
    if (result.ok) emails.push(...batchEmails);
  }
  await commit({ writes: [confirmStateItem(iterationId, version, stamp)] });
  await usePriorities(proposal.lines, iterationId, actor, stamp);
  count('OffersSent', offers);
  await fillFreeSeats(iterationId, actorOf(actor), at);
  await sendQueued(emails);
  return summary(iterationId);
}

/**
 * Priority granted because a provider's last certified staff member left is used by one allocation: once a
 * confirmed allocation seats one of its applicants, it is cleared (audited). Priority ADS set by hand stays until
 * ADS clears it.
 */
async function usePriorities(lines: ProposalLine[], iterationId: string, actor: Actor, stamp: string) {
  const seatedProviders = [
    ...new Set(
      lines.filter((l) => l.decision === 'seat' && l.providerId && l.factors.priority).map((l) => l.providerId!),
    ),
  ];
  const providers = await getProviders(seatedProviders);
  for (const provider of providers.values()) {
    if (provider.priority?.source !== 'departure') continue;
    await commit({
      writes: [
        setPriorityItem(provider.id, undefined, stamp),
        auditPut({
          subjectType: 'provider',
          subjectId: provider.id,
          action: 'priority-cleared',
          actor: actorOf(actor),
          at: stamp,
          reason: `used by the allocation of iteration ${iterationId}`,
          before: provider.priority,
        }),
      ],
    });
  }
}

interface Decision {
  actor: ReturnType<typeof actorOf>;
  at: string;
  reason: string;
}

const standingAudit = (applicationId: string, action: string, d: Decision, after: Record<string, unknown>) =>
  auditPut({
    subjectType: 'application',
    subjectId: applicationId,
    action,
    actor: d.actor,
    at: d.at,
    reason: d.reason,
    before: { status: 'endorsed' },
    after,
  });

/** One batch of offers for one region: the counter takes the seats only if nobody changed it since it was read. */
async function offerBatch(
  iterationId: string,
  lines: ProposalLine[],
  endorsed: Map<string, Application>,
  at: Date,
  emails: Outgoing[],
  decidedBy: Decision,
): Promise<number> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const stored = await getIteration(iterationId);
    if (!stored) return 0;
    const region = lines[0]!.seatRegion!;
    const counter = stored.seatCounters[region];
    const room = counter.capacity - counter.held;
    const batch = lines.slice(0, Math.max(0, room)).map((l) => endorsed.get(l.applicationId)!);
    if (batch.length === 0) return 0;
    const offers = batch.map((a) => offer(a, stored.iteration, region, 'allocation', at));
    const result = await commit({
      writes: [
        takeSeatsItem(iterationId, counter, batch.length),
        ...offers.flatMap((o, i) => [
          saveApplicationItem(o.next, batch[i]!),
          standingAudit(o.next.id, 'offered', decidedBy, { status: o.next.status, offer: o.next.offer }),
        ]),
      ],
      emails: offers.map((o) => o.email),
      sendLater: true,
    });
    if (result.ok) {
      emails.push(...offers.map((o) => o.email));
      return batch.length;
    }
    // Someone withdrew, or the counter moved: keep only those still endorsed and try again.
    const current = await getApplications(batch.map((a) => a.id));
    for (const a of batch) {
      const fresh = current.get(a.id);
      if (fresh?.status === 'endorsed') endorsed.set(a.id, fresh);
      else {
        endorsed.delete(a.id);
        lines = lines.filter((l) => l.applicationId !== a.id);
      }
    }
  }
  throw new StaleWrite('Offers could not be made for concurrent changes; confirm again to resume.');
}

export async function closeAllocation(iterationId: string, reason: string, actor: Actor) {
  const { iteration } = await findPublishedIteration(iterationId);
  const at = toCtIso(now());
  if (!iteration.allocationClosedAt) {
    await commitOrStale(
      {
        writes: [
          closeAllocationItem(iterationId, at),
          auditPut({
            subjectType: 'allocation',
            subjectId: iterationId,
            action: 'allocation-closed',
            actor: actorOf(actor),
            at,
            reason,
          }),
        ],
      },
      'The allocation closed at the same moment.',
    );
  }
  await endWaitlist(iteration, actorOf(actor), now());
  return summary(iterationId);
}

export async function summary(iterationId: string) {
  const stored = await findPublishedIteration(iterationId);
  const state = await getAllocationState(iterationId);
  return {
    iterationId,
    latestVersion: state.latestVersion,
    confirmedVersion: state.confirmedVersion,
    confirmedAt: state.confirmedAt,
    promotionOpen: promotionOpen(stored.iteration, now()),
    allocationClosedAt: stored.iteration.allocationClosedAt,
    seats: Object.fromEntries(
      REGIONS.map((r) => {
        const c = stored.seatCounters[r];
        return [r, { capacity: c.capacity, offered: c.offered, enrolled: c.enrolled, free: c.capacity - c.held }];
      }),
    ) as Record<(typeof REGIONS)[number], { capacity: number; offered: number; enrolled: number; free: number }>,
  };
}
