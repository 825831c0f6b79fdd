import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../clock';
import { config } from '../config/runtime';
import { auditPut } from '../data/audit';
import { actorOf, supervisorActor, systemActor, type AuditActor } from '../domain/audit';
import { applicationsInStatus, fromItem, getApplication, OFFERS_DUE, saveApplicationItem } from '../data/applications';
import { dynamo, TABLE_NAME } from '../data/client';
import {
  closeAllocationItem,
  getIteration,
  listPublishedClosingAfter,
  seatChangeItem,
  type IterationRecord,
} from '../data/iterations';
import { createLinkItem, newLinkToken, useLinkItem, type Link } from '../data/links';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { offerDeadline, promotionOpen, trainingAgreement } from '../domain/enrolment';
import { assertOffer, assertOpenOffer, holdsSeat, offerLapsed, releasedSeat } from '../domain/offers';
import { firstClassStart, type Iteration } from '../domain/iteration';
import { REGIONS, type Region } from '../domain/vocabulary';
import type { Outgoing } from '../email/outbox';
import { agreementCosignRequest, enrolled, seatOffered, seatReleased, waitlistEnded } from '../email/templates';
import type { Actor } from '../domain/actor';
import { NotFound, StaleWrite, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { applicationView } from './application-views';
import { commit, commitOrStale, named, type Change } from './unit-of-work';

async function loadIteration(id: string): Promise<Iteration> {
  const stored = await getIteration(id);
  if (!stored) throw new NotFound('The iteration');
  return stored.iteration;
}

/** The application moved to `offered` for a seat of `seatRegion`, with its email. */
export function offer(
  a: Application,
  iteration: Iteration,
  seatRegion: Region,
  via: 'allocation' | 'waitlist',
  at: Date,
): { next: Application; email: Outgoing } {
  const stamp = toCtIso(at);
  const deadline = offerDeadline(at, iteration, config.offerResponseDays);
  const next: Application = {
    ...a,
    status: 'offered',
    offer: { offeredAt: stamp, deadline, seatRegion, via },
    version: a.version + 1,
    updatedAt: stamp,
  };
  return { next, email: { key: `offer#${a.id}#${next.version}`, message: seatOffered(next, iteration, deadline) } };
}

/**
 * Those waiting for a seat of `region`, best first: that region's waitlist in order, or, if it is empty, the
 * statewide waitlist (the seat still counts against its own region). Read from the index (eventually
 * consistent), so the caller's transaction re-checks each one's status.
 */
async function waitingFor(iterationId: string, region: Region, skip: ReadonlySet<string>): Promise<Application[]> {
  const inRegion = (await applicationsInStatus(iterationId, 'waitlisted', region, 10)).filter((a) => !skip.has(a.id));
  if (inRegion.length > 0) return inRegion;
  const heads = await Promise.all(
    REGIONS.filter((r) => r !== region).map((r) => applicationsInStatus(iterationId, 'waitlisted', r, 10)),
  );
  return heads
    .flat()
    .filter((a) => !skip.has(a.id))
    .sort((x, y) => (x.waitlistPosition ?? Infinity) - (y.waitlistPosition ?? Infinity));
}

/**
 * Releases the seat an application holds (declined, withdrawn, lapsed) and, while promotion is open, offers it to
 * the next person waiting — in one transaction, so a released seat is never lost between the two. If that person
 * was taken meanwhile (another release, a capacity change), the next one is tried.
 */
export async function releaseSeat(
  a: Application,
  outcome: 'declined' | 'withdrawn' | 'lapsed',
  by: AuditActor,
  reason: string,
  at: Date,
): Promise<Application> {
  if (!holdsSeat(a)) throw new StateConflict(`An application that is ${a.status} holds no seat.`);
  const seatRegion = a.offer.seatRegion;
  const tried = new Set<string>();
  for (let attempt = 0; attempt < 12; attempt++) {
    const iteration = await loadIteration(a.iterationId);
    const stamp = toCtIso(at);
    const candidate = promotionOpen(iteration, at)
      ? (await waitingFor(a.iterationId, seatRegion, tried))[0]
      : undefined;
    const released: Application = {
      ...a,
      status: outcome,
      closedAt: stamp,
      closedReason: reason,
      version: a.version + 1,
      updatedAt: stamp,
    };
    const emails: Outgoing[] = [{ key: `released#${a.id}`, message: seatReleased(a, iteration, outcome) }];
    const release = releasedSeat(a.status);
    const writes: Change['writes'] = [
      named('application', saveApplicationItem(released, a)),
      seatChangeItem(
        a.iterationId,
        seatRegion,
        candidate ? { ...release, offered: (release.offered ?? 0) + 1 } : release,
      ),
      auditPut({
        subjectType: 'application',
        subjectId: a.id,
        action: `seat-${outcome}`,
        actor: by,
        at: stamp,
        reason,
        before: { status: a.status },
        after: { status: outcome, seatRegion },
      }),
    ];
    if (candidate) {
      const promoted = offer(candidate, iteration, seatRegion, 'waitlist', at);
      emails.push(promoted.email);
      writes.push(
        named('candidate', saveApplicationItem(promoted.next, candidate)),
        auditPut({
          subjectType: 'application',
          subjectId: candidate.id,
          action: 'offered-from-waitlist',
          actor: by,
          at: stamp,
          after: { seatRegion, releasedBy: a.id },
        }),
      );
    }
    const result = await commit({ writes, emails });
    if (result.ok) {
      if (candidate) count('OffersSent');
      return released;
    }
    if (result.refused.has('application'))
      throw new StaleWrite('The application changed at the same moment; reload and try again.');
    if (candidate && result.refused.has('candidate')) tried.add(candidate.id);
  }
  throw new StaleWrite('The seat could not be released for concurrent changes; retry.');
}

/**
 * Offers free seats of a region (capacity raised, an offer refused before confirmation, a release whose promotion
 * did not complete) to those waiting, one conditional seat at a time, while promotion is open.
 */
export async function fillFreeSeats(iterationId: string, by: AuditActor, at: Date): Promise<number> {
  let offered = 0;
  for (const region of REGIONS) {
    const tried = new Set<string>();
    for (let guard = 0; guard < 1000; guard++) {
      const stored = await getIteration(iterationId);
      if (!stored) return offered;
      const counter = stored.seatCounters[region];
      if (!promotionOpen(stored.iteration, at) || counter.held >= counter.capacity) break;
      const candidate = (await waitingFor(iterationId, region, tried))[0];
      if (!candidate) break;
      const promoted = offer(candidate, stored.iteration, region, 'waitlist', at);
      const result = await commit({
        writes: [
          seatChangeItem(iterationId, region, { offered: 1 }),
          named('candidate', saveApplicationItem(promoted.next, candidate)),
          auditPut({
            subjectType: 'application',
            subjectId: candidate.id,
            action: 'offered-from-waitlist',
            actor: by,
            at: toCtIso(at),
            after: { seatRegion: region, reason: 'a free seat' },
          }),
        ],
        emails: [promoted.email],
      });
      if (result.ok) {
        offered++;
        count('OffersSent');
      } else if (result.refused.has('candidate')) tried.add(candidate.id);
    }
  }
  return offered;
}

async function ownApplication(actor: Actor, id: string): Promise<Application> {
  const application = await getApplication(id);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  return application;
}

export async function agreementFor(actor: Actor, id: string) {
  const application = await ownApplication(actor, id);
  if (!application.offer) throw new StateConflict('There is no agreement before a seat is offered.');
  const iteration = await loadIteration(application.iterationId);
  return {
    ...trainingAgreement(iteration),
    deadline: application.offer.deadline,
    agreement: application.agreement ?? {},
  };
}

/**
 * The learner accepts the offer and signs the training agreement; their supervisor is asked to co-sign it by a
 * single-use link that expires with the offer. Enrolment follows the co-signature.
 */
export async function accept(actor: Actor, id: string) {
  const application = await ownApplication(actor, id);
  const at = now();
  assertOpenOffer(application, at, ['offered']);
  const iteration = await loadIteration(application.iterationId);
  const stamp = toCtIso(at);
  const next: Application = {
    ...application,
    status: 'accepted',
    agreement: { signedAt: stamp },
    version: application.version + 1,
    updatedAt: stamp,
  };
  const token = newLinkToken();
  const emails: Outgoing[] = [
    {
      key: `agreement-request#${application.id}`,
      message: agreementCosignRequest(
        next,
        iteration,
        `${config.publicBaseUrl}/links/${token}`,
        application.offer!.deadline,
      ),
    },
  ];
  await commitOrStale(
    {
      writes: [
        saveApplicationItem(next, application),
        createLinkItem(token, {
          purpose: 'agreement',
          applicationId: application.id,
          expiresAt: application.offer!.deadline,
          createdAt: stamp,
        }),
      ],
      emails,
    },
    'The application changed at the same moment; reload and try again.',
  );
  return applicationView(next, iteration.title);
}

export async function decline(actor: Actor, id: string) {
  const application = await ownApplication(actor, id);
  assertOffer(application, ['offered', 'accepted']);
  return applicationView(
    await releaseSeat(application, 'declined', actorOf(actor), 'declined by the applicant', now()),
  );
}

// ---- the supervisor's co-signature (a link purpose) ----

async function loadForLink(link: Link) {
  const application = await getApplication(link.applicationId);
  if (!application) throw new NotFound('This link');
  return { application, iteration: await loadIteration(application.iterationId) };
}

export async function describeAgreement(link: Link) {
  const { application: a, iteration } = await loadForLink(link);
  return {
    purpose: 'agreement' as const,
    applicantName: a.applicant.name,
    iterationTitle: iteration.title,
    supervisorName: a.supervisor.name,
    agreement: trainingAgreement(iteration),
    open: a.status === 'accepted',
  };
}

/** The co-signature enrols the learner: the seat moves from offered to enrolled (it stays held). */
export async function confirmAgreement(link: Link, token: string) {
  const { application, iteration } = await loadForLink(link);
  const at = now();
  assertOpenOffer(application, at, ['accepted']);
  const stamp = toCtIso(at);
  const next: Application = {
    ...application,
    status: 'enrolled',
    enrolledAt: stamp,
    agreement: { ...application.agreement, cosignedAt: stamp },
    version: application.version + 1,
    updatedAt: stamp,
  };
  const emails: Outgoing[] = [{ key: `enrolled#${application.id}`, message: enrolled(next, iteration) }];
  await commitOrStale(
    {
      writes: [
        useLinkItem(token, stamp),
        saveApplicationItem(next, application),
        seatChangeItem(application.iterationId, application.offer!.seatRegion, { offered: -1, enrolled: 1 }),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'enrolled',
          actor: supervisorActor(application.supervisor.email),
          at: stamp,
          before: { status: 'accepted' },
          after: { status: 'enrolled' },
        }),
      ],
      emails,
    },
    'This link was used or the application changed at the same moment; reload the page.',
  );
  count('Enrolments');
  return {
    purpose: 'agreement' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}

// ---- the end of the waitlist ----

/** Everyone still waitlisted is told the waitlist has ended and to apply again, naming the next iteration if any. */
export async function endWaitlist(
  iteration: Pick<Iteration, 'id' | 'title' | 'classDates' | 'applicationClosesAt'>,
  by: AuditActor,
  at: Date,
): Promise<number> {
  const waiting = await applicationsInStatus(iteration.id, 'waitlisted');
  if (waiting.length === 0) return 0;
  const stamp = toCtIso(at);
  const next = (await listPublishedClosingAfter(at))
    .filter((i) => i.id !== iteration.id)
    .sort((x, y) => Date.parse(x.applicationOpensAt) - Date.parse(y.applicationOpensAt))[0];
  const nextInfo = next && { title: next.title, opensAt: next.applicationOpensAt, closesAt: next.applicationClosesAt };
  let ended = 0;
  for (let i = 0; i < waiting.length; i += 30) {
    const batch = waiting.slice(i, i + 30);
    const emails = batch.map((a) => ({
      key: `waitlist-ended#${a.id}`,
      message: waitlistEnded(a, iteration, nextInfo),
    }));
    const result = await commit({
      writes: [
        ...batch.map((a) =>
          saveApplicationItem(
            {
              ...a,
              status: 'waitlist-ended',
              closedAt: stamp,
              closedReason: 'the waitlist ended with the allocation; apply again for a later iteration',
              version: a.version + 1,
              updatedAt: stamp,
            },
            a,
          ),
        ),
        ...batch.map((a) =>
          auditPut({
            subjectType: 'application',
            subjectId: a.id,
            action: 'waitlist-ended',
            actor: by,
            at: stamp,
            before: { status: 'waitlisted', waitlistPosition: a.waitlistPosition },
          }),
        ),
      ],
      emails,
    });
    if (result.ok) ended += batch.length;
  }
  return ended;
}

// ---- the hourly sweep ----

/**
 * The `allocation-sweep` job:
 * 1. offers not answered by their deadline lapse (their seats go to the next person waiting);
 * 2. free seats of iterations still promoting are offered to those waiting;
 * 3. once the first class has started, allocation closes and the waitlist ends.
 */
export async function sweepAllocations(at: Date) {
  const by = systemActor('allocation-sweep');
  let lapsed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p AND gsi3sk <= :now',
        ExpressionAttributeValues: { ':p': OFFERS_DUE, ':now': `${at.toISOString()}~` },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const due = fromItem(item);
      const current = await getApplication(due.id);
      if (!current || !offerLapsed(current, at)) continue;
      await releaseSeat(current, 'lapsed', by, 'not answered and co-signed by the offer deadline', at).then(
        () => lapsed++,
        (error: Error) => {
          if (!(error instanceof StaleWrite || error instanceof StateConflict)) throw error;
        },
      );
    }
    start = page.LastEvaluatedKey;
  } while (start);

  let promoted = 0;
  let ended = 0;
  for (const record of await listPublishedClosingAfter(new Date(at.getTime() - 400 * 24 * 3600_000))) {
    const iteration: IterationRecord = record;
    if (promotionOpen(iteration, at)) {
      promoted += await fillFreeSeats(iteration.id, by, at);
      continue;
    }
    const start = firstClassStart(iteration);
    if (!iteration.allocationClosedAt && start) await commit({ writes: [closeAllocationItem(iteration.id, start)] });
    ended += await endWaitlist(iteration, by, at);
  }
  return { lapsed, promoted, waitlistEnded: ended };
}
