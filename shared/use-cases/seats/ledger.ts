import { config } from '../../config/runtime';
import { auditPut } from '../../data/audit';
import type { AuditActor } from '../../domain/audit';
import { applicationsInStatus, saveApplicationItem } from '../../data/applications';
import { getIteration, seatChangeItem } from '../../data/iterations';
import type { Application } from '../../domain/application';
import { toCtIso } from '../../domain/calendar/time';
import { offerDeadline, promotionOpen } from '../../domain/enrolment';
import { holdsSeat, releasedSeat } from '../../domain/offers';
import type { Iteration } from '../../domain/iteration';
import { REGIONS, type Region } from '../../domain/vocabulary';
import type { Outgoing } from '../../email/outbox';
import { seatOffered, seatReleased } from '../../email/templates';
import { StaleWrite, StateConflict } from '../../domain/errors';
import { count } from '../../observability/metrics';
import { commit, named, type Change } from '../unit-of-work';
import { findIteration } from '../find';

/**
 * The seat ledger: every seat of a region's counter is offered, held, released or given to the next person waiting
 * here, each change in one transaction with the counter, so that offered + enrolled never exceeds the seats.
 */

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
  return {
    next,
    email: {
      key: `offer#${a.id}#${next.version}`,
      message: seatOffered(next, iteration, deadline, config.publicBaseUrl),
    },
  };
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
    const iteration = await findIteration(a.iterationId);
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
