import type { Application, ApplicationStatus } from './application';
import { liveClassTimes } from './calendar/live-classes';
import { instantMs, toCtIso } from './calendar/time';
import { StateConflict } from './errors';
import { firstClassStart, type Iteration } from './iteration';

/**
 * Offers, promotion and the training agreement.
 *
 * An offer must be answered — accepted and the training agreement signed by the learner and co-signed by their
 * supervisor — by its deadline: a number of days after the offer, and never later than the first live class.
 * Promotion from the waitlist stops when the first live class starts (a learner must attend every class, so
 * nobody is offered a seat they could no longer qualify in), or when ADS closes allocation earlier.
 */
export function offerDeadline(offeredAt: Date, iteration: Pick<Iteration, 'classDates'>, responseDays: number): string {
  const byDays = offeredAt.getTime() + responseDays * 24 * 3600_000;
  const start = firstClassStart(iteration);
  const latest = start ? Math.min(byDays, instantMs(start)) : byDays;
  return toCtIso(new Date(latest));
}

export function promotionOpen(iteration: Pick<Iteration, 'classDates' | 'allocationClosedAt'>, now: Date): boolean {
  if (iteration.allocationClosedAt) return false;
  const start = firstClassStart(iteration);
  return start === undefined || now.getTime() < instantMs(start);
}

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

/** The CE Provider Training Agreement the learner signs and the supervisor co-signs. */
export function trainingAgreement(iteration: Pick<Iteration, 'title' | 'classDates' | 'assignments'>) {
  return {
    title: `CE Provider Training Agreement — ${iteration.title}`,
    courseDates: iteration.classDates.map((d) => liveClassTimes(d)),
    homeworkDeadlines: iteration.assignments.map((a) => ({ title: a.title, dueAt: a.dueAt })),
    responsibilities: [
      'The learner attends and participates in every synchronous live class, 9:00 AM–12:00 PM Connecticut time, for its full three hours.',
      'The learner completes each homework assignment by its established deadline.',
      'The supervisor releases the learner from other duties for the live classes and the time homework needs.',
      'Certification is personal: it allows only the certified person to provide Customized Employment services, and only for the stages certified.',
    ],
    attendancePolicy:
      'To qualify for certification a learner must attend all live classes; only full attendance counts (joining late or leaving early does not). Missing a class means the learner cannot be certified in this iteration.',
  };
}
