import type { Application, ApplicationStatus } from './application';
import { StateConflict } from './errors';

/**
 * Answering an offer: an offer holds a seat until it is accepted and co-signed (enrolment), declined, withdrawn,
 * or lapses at its deadline (`offerDeadline` in enrolment.ts).
 */
type WithOffer = Pick<Application, 'status' | 'offer'>;

/** An application holds a seat of its region from the offer until it is declined, withdrawn or lapses. */
export const holdsSeat = <A extends WithOffer>(a: A): a is A & { offer: NonNullable<Application['offer']> } =>
  a.offer !== undefined && (['offered', 'accepted', 'enrolled'] as ApplicationStatus[]).includes(a.status);

/** What releasing an application's seat gives back to its region's counts. */
export const releasedSeat = (status: ApplicationStatus) => (status === 'enrolled' ? { enrolled: -1 } : { offered: -1 });

/** Refuses unless the application has an offer, in one of `statuses`, to answer (declining may follow a deadline). */
export function assertOffer(
  a: WithOffer,
  statuses: ApplicationStatus[],
): asserts a is WithOffer & {
  offer: NonNullable<Application['offer']>;
} {
  if (!statuses.includes(a.status) || !a.offer)
    throw new StateConflict(`This application is ${a.status}; there is no open offer.`);
}

/** As `assertOffer`, and the offer's deadline has not passed: accepting and co-signing must be in time. */
export function assertOpenOffer(a: WithOffer, at: Date, statuses: ApplicationStatus[]) {
  assertOffer(a, statuses);
  if (Date.parse(a.offer.deadline) <= at.getTime())
    throw new StateConflict('The offer deadline has passed; the offer has lapsed.');
}

/** An offer not accepted and co-signed by its deadline lapses: its seat goes to the next person waiting. */
export const offerLapsed = (a: WithOffer, at: Date): boolean =>
  a.offer !== undefined &&
  (['offered', 'accepted'] as ApplicationStatus[]).includes(a.status) &&
  Date.parse(a.offer.deadline) <= at.getTime();
