import { liveClassTimes } from './calendar/live-classes';
import { instantMs, toCtIso } from './calendar/time';
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
