import type { FieldProblem } from './errors';
import type { CalendarEntries, ClassInput } from './calendar/entries';
import { classDateProblem, liveClassTimes } from './calendar/live-classes';
import { instantMs, parseCtDateTime, toCtIso } from './calendar/time';
import { REGIONS, type CeCompetency, type CeComponent, type Region } from './vocabulary';

export type IterationKind = 'initial' | 'recertification';
export type IterationStatus = 'draft' | 'published';
export type Seats = Record<Region, number>;

export interface Assignment {
  id: string;
  title: string;
  /** ISO instant with Connecticut's offset. */
  dueAt: string;
  component?: CeComponent;
  competency?: CeCompetency;
}

/** What ADS plans for an iteration: everything it decides, before ids and status are attached. */
export interface IterationPlan {
  kind: IterationKind;
  title: string;
  applicationOpensAt: string;
  applicationClosesAt: string;
  seats: Seats;
  classDates: string[];
  assignments: Assignment[];
  /** The virtual meeting URL of every live class (a class may have its own). Only enrolled learners see it. */
  joinUrl?: string;
}

export interface Iteration extends IterationPlan {
  id: string;
  status: IterationStatus;
  timeZone: 'America/New_York';
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  /** Set when ADS closes allocation early, or when the first class starts (the waitlist ends then). */
  allocationClosedAt?: string;
  /** Stable identities of classes and deadlines for calendars (absent on iterations saved before they existed). */
  calendar?: CalendarEntries;
}

/** The calendar entries, or for an iteration saved before they existed, entries derived from its plan. */
export const calendarOf = (
  iteration: Pick<Iteration, 'id' | 'classDates' | 'assignments' | 'calendar'>,
): CalendarEntries =>
  iteration.calendar ?? {
    classes: iteration.classDates.map((date) => ({ id: `lc-${iteration.id.slice(3)}-${date}`, date, sequence: 0 })),
    deadlines: iteration.assignments.map((a) => ({ assignmentId: a.id, title: a.title, dueAt: a.dueAt, sequence: 0 })),
  };

/**
 * The meeting link of each scheduled live class (its own, else the iteration's). Only for enrolled learners: their
 * private feed, their training agreement and their own emails — never a public view, never a supervisor's copy.
 */
export const classJoinLinks = (
  iteration: Pick<Iteration, 'id' | 'classDates' | 'assignments' | 'calendar' | 'joinUrl'>,
): { date: string; joinUrl: string }[] =>
  calendarOf(iteration)
    .classes.filter((c) => !c.cancelled)
    .flatMap((c) => {
      const joinUrl = c.joinUrl ?? iteration.joinUrl;
      return joinUrl ? [{ date: c.date, joinUrl }] : [];
    });

export const totalSeats = (seats: Seats): number => REGIONS.reduce((sum, region) => sum + seats[region], 0);

export const firstClassStart = (plan: Pick<IterationPlan, 'classDates'>): string | undefined =>
  plan.classDates.length > 0 ? liveClassTimes(plan.classDates[0]!).startsAt : undefined;

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive), on Connecticut's clock. */
export function applicationWindowState(
  plan: Pick<IterationPlan, 'applicationOpensAt' | 'applicationClosesAt'>,
  now: Date,
): 'upcoming' | 'open' | 'closed' {
  const t = now.getTime();
  if (t < instantMs(plan.applicationOpensAt)) return 'upcoming';
  return t < instantMs(plan.applicationClosesAt) ? 'open' : 'closed';
}

/** Once the first live class has started, the calendar may change only through an audited correction. */
export function calendarLocked(plan: Pick<IterationPlan, 'classDates'>, now: Date): boolean {
  const start = firstClassStart(plan);
  return start !== undefined && now.getTime() >= instantMs(start);
}

/** Input as ADS sends it: date-times in Connecticut wall time or with an offset. */
export interface PlanInput {
  kind: IterationKind;
  title: string;
  applicationWindow: { opensAt: string; closesAt: string };
  seats: Seats;
  liveClasses: ClassInput[];
  assignments: (Omit<Assignment, 'id' | 'dueAt'> & { id?: string; dueAt: string })[];
  joinUrl?: string;
}

/**
 * Checks a plan against the course's rules and normalizes it (instants with Connecticut's offset, classes in date
 * order). Returns every problem at once, each naming its field, so ADS can fix them in one pass:
 * 1. the window opens before it closes, and closes no later than the first live class starts;
 * 2. every class date is a weekday, not a state holiday, not a blackout date, and not repeated;
 * 3. every homework deadline falls after the first class starts; assignment ids are unique.
 */
export function checkPlan(
  input: PlanInput,
  blackouts: ReadonlyMap<string, string>,
  newAssignmentId: () => string,
): { plan?: IterationPlan; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, message: string) => problems.push({ field, code, message });

  const opens = parseCtDateTime(input.applicationWindow.opensAt);
  const closes = parseCtDateTime(input.applicationWindow.closesAt);
  if (!opens.ok) problem('applicationWindow.opensAt', 'invalid_datetime', opens.reason);
  if (!closes.ok) problem('applicationWindow.closesAt', 'invalid_datetime', closes.reason);
  if (opens.ok && closes.ok && opens.value.getTime() >= closes.value.getTime()) {
    problem('applicationWindow.closesAt', 'window_order', 'the application window must close after it opens');
  }

  const seen = new Set<string>();
  input.liveClasses.forEach(({ date }, index) => {
    const reason = classDateProblem(date, blackouts);
    if (reason) problem(`liveClasses.${index}.date`, 'class_date', reason);
    if (seen.has(date)) problem(`liveClasses.${index}.date`, 'duplicate_class', `${date} is listed twice`);
    seen.add(date);
  });
  const classDates = [...seen].sort();
  const firstStart = firstClassStart({ classDates });
  if (firstStart && closes.ok && closes.value.getTime() > instantMs(firstStart)) {
    problem(
      'applicationWindow.closesAt',
      'window_after_course_start',
      `applications must close by the first live class (${firstStart})`,
    );
  }

  const assignmentIds = new Set<string>();
  const assignments: Assignment[] = [];
  input.assignments.forEach((a, index) => {
    const due = parseCtDateTime(a.dueAt);
    if (!due.ok) problem(`assignments.${index}.dueAt`, 'invalid_datetime', due.reason);
    else if (firstStart && due.value.getTime() <= instantMs(firstStart)) {
      problem(
        `assignments.${index}.dueAt`,
        'deadline_before_course',
        `homework is due after the first live class starts (${firstStart})`,
      );
    }
    const id = a.id ?? newAssignmentId();
    if (assignmentIds.has(id))
      problem(`assignments.${index}.id`, 'duplicate_assignment', `assignment id ${id} is used twice`);
    assignmentIds.add(id);
    if (due.ok) assignments.push({ ...a, id, dueAt: toCtIso(due.value) });
  });

  if (problems.length > 0 || !opens.ok || !closes.ok) return { problems };
  assignments.sort((x, y) => instantMs(x.dueAt) - instantMs(y.dueAt));
  return {
    problems,
    plan: {
      kind: input.kind,
      title: input.title,
      applicationOpensAt: toCtIso(opens.value),
      applicationClosesAt: toCtIso(closes.value),
      seats: input.seats,
      classDates,
      assignments,
      ...(input.joinUrl ? { joinUrl: input.joinUrl } : {}),
    },
  };
}

/** What publishing additionally needs: a calendar and at least one seat. */
export function publishProblems(plan: IterationPlan): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (plan.classDates.length === 0)
    problems.push({ field: 'liveClasses', code: 'no_classes', message: 'add the live classes before publishing' });
  if (totalSeats(plan.seats) === 0)
    problems.push({ field: 'seats', code: 'no_seats', message: 'give at least one region a seat before publishing' });
  return problems;
}

/** Everything that keeps an iteration from being published now: `publishProblems`, and a window already closed. */
export function publishRefusals(plan: IterationPlan, now: Date): FieldProblem[] {
  const problems = publishProblems(plan);
  if (instantMs(plan.applicationClosesAt) <= now.getTime())
    problems.push({
      field: 'applicationWindow.closesAt',
      code: 'window_passed',
      message: 'the application window has already closed; move it before publishing',
    });
  return problems;
}

/**
 * Whether two plans differ in their calendar — the class dates and which homework is due when — the part that
 * locks at the first class. Retitling or retagging an assignment is not a calendar change.
 */
export function calendarChanged(a: IterationPlan, b: IterationPlan): boolean {
  const calendar = (p: IterationPlan) =>
    JSON.stringify([p.classDates, p.assignments.map((x) => [x.id, instantMs(x.dueAt)])]);
  return calendar(a) !== calendar(b);
}
