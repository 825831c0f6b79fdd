import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import {
  blackoutItem,
  createIterationItems,
  deleteBlackoutItem,
  getBlackout,
  listBlackouts,
  listIterations,
  listPublishedClosingAfter,
  replaceIterationItem,
  setCapacityItem,
  type StoredIteration,
} from '../data/iterations';
import { type ClassInput, nextClassEntries, nextDeadlineEntries } from '../domain/calendar/entries';
import { instantMs, toCtIso } from '../domain/calendar/time';
import { newId, randomCode } from '../domain/ids';
import {
  calendarChanged,
  calendarLocked,
  calendarOf,
  checkPlan,
  publishRefusals,
  type Iteration,
  type IterationPlan,
  type PlanInput,
} from '../domain/iteration';
import { REGIONS, type Region } from '../domain/vocabulary';
import type { Actor } from '../domain/actor';
import { NotFound, RuleBroken, StaleWrite, StateConflict } from '../domain/errors';
import { calendarView } from './calendars';
import { detailView, publicView, seatsView, summaryView } from './iteration-views';
import { fillFreeSeats } from './seats/ledger';
import { commit, commitOrStale, named, type Change } from './unit-of-work';
import { findPublishedIteration, findStoredIteration } from './find';

const newAssignmentId = () => `hw-${randomCode(5).toLowerCase()}`;
const newClassId = () => newId('lc');

/**
 * The calendar entries after a save: classes keep their ids across moves, removed ones stay as cancelled entries,
 * sequences only grow. A class id ADS sends must be one of this iteration's.
 */
function nextCalendar(previous: Iteration | undefined, plan: IterationPlan, classes: readonly ClassInput[]) {
  const before = previous ? calendarOf(previous) : { classes: [], deadlines: [] };
  const known = new Set(before.classes.map((c) => c.id));
  const problems = classes.flatMap((c, index) =>
    c.id && !known.has(c.id)
      ? [{ field: `liveClasses.${index}.id`, code: 'unknown_class', message: `no class ${c.id} in this iteration` }]
      : [],
  );
  if (problems.length > 0) throw new RuleBroken('The plan names classes this iteration does not have.', problems);
  return {
    classes: nextClassEntries(before.classes, classes, newClassId),
    deadlines: nextDeadlineEntries(before.deadlines, plan.assignments),
  };
}

async function checkedPlan(input: PlanInput): Promise<IterationPlan> {
  const { plan, problems } = checkPlan(input, await listBlackouts(), newAssignmentId);
  if (!plan) throw new RuleBroken('The plan breaks some rules of the course.', problems);
  return plan;
}

/**
 * Create a draft iteration.
 * 1. Check the plan against the calendar rules (weekdays, state holidays, blackouts, window order).
 * 2. Write the plan, its three seat counters and the audit record in one transaction.
 */
export async function createIteration(input: PlanInput, actor: Actor) {
  const plan = await checkedPlan(input);
  const at = toCtIso(now());
  const iteration: Iteration = {
    ...plan,
    calendar: nextCalendar(undefined, plan, input.liveClasses),
    id: newId('it'),
    status: 'draft',
    timeZone: 'America/New_York',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await commit({
    writes: [
      ...createIterationItems(iteration),
      auditPut({
        subjectType: 'iteration',
        subjectId: iteration.id,
        action: 'created',
        actor: actorOf(actor),
        at,
        after: plan,
      }),
    ],
  });
  return detailView(await findStoredIteration(iteration.id), now());
}

/**
 * Save a new version of an iteration (plan, window, seats).
 * 1. Refuse a stale version, a changed kind once published, and calendar changes once the first class started.
 * 2. Write the plan (conditional on the version read), any changed region capacities (conditional on the seats
 *    already offered or filled) and the audit record, all or nothing.
 */
async function saveIteration(
  stored: StoredIteration,
  plan: IterationPlan,
  classes: readonly ClassInput[],
  expectedVersion: number,
  actor: Actor,
  action: string,
  reason?: string,
) {
  const previous = stored.iteration;
  const at = toCtIso(now());
  const { joinUrl: _replacedByThePlan, ...kept } = previous;
  const next: Iteration = {
    ...kept,
    ...plan,
    calendar: nextCalendar(previous, plan, classes),
    version: previous.version + 1,
    updatedAt: at,
  };
  const capacityChanges = REGIONS.filter((r) => plan.seats[r] !== previous.seats[r]);
  const seatsOf = (region: Region) => `seats:${region}`;
  const writes: Change['writes'] = [
    named('iteration', replaceIterationItem(next, expectedVersion)),
    ...capacityChanges.map((r) => named(seatsOf(r), setCapacityItem(previous.id, r, plan.seats[r]))),
    auditPut({
      subjectType: 'iteration',
      subjectId: previous.id,
      action,
      actor: actorOf(actor),
      at,
      reason,
      before: planOf(previous),
      after: plan,
    }),
  ];
  const result = await commit({ writes });
  if (!result.ok) {
    if (result.refused.has('iteration'))
      throw new StaleWrite(
        'Someone saved this iteration after you read it; reload and try again.',
        result.refused.get('iteration')?.version as number | undefined,
      );
    const refused = capacityChanges
      .filter((region) => result.refused.has(seatsOf(region)))
      .map((region) => {
        const counter = result.refused.get(seatsOf(region));
        return {
          region,
          requested: plan.seats[region],
          offered: Number(counter?.offered ?? 0),
          enrolled: Number(counter?.enrolled ?? 0),
        };
      });
    throw new StateConflict('Seats cannot go below those already offered or filled.', { seats: refused });
  }
  // Seats added after the offers went out are offered to those waiting, as a released seat would be.
  if (capacityChanges.some((r) => plan.seats[r] > previous.seats[r]))
    await fillFreeSeats(previous.id, actorOf(actor), now());
  return detailView(await findStoredIteration(previous.id), now());
}

const planOf = (i: Iteration): IterationPlan => ({
  kind: i.kind,
  title: i.title,
  applicationOpensAt: i.applicationOpensAt,
  applicationClosesAt: i.applicationClosesAt,
  seats: i.seats,
  classDates: i.classDates,
  assignments: i.assignments,
  ...(i.joinUrl ? { joinUrl: i.joinUrl } : {}),
});

export async function updateIteration(id: string, input: PlanInput & { version: number }, actor: Actor) {
  const stored = await findStoredIteration(id);
  const previous = stored.iteration;
  if (input.version !== previous.version)
    throw new StaleWrite('Someone saved this iteration after you read it; reload and try again.', previous.version);
  const plan = await checkedPlan(input);
  if (previous.status === 'published' && plan.kind !== previous.kind) {
    throw new RuleBroken('A published iteration keeps its kind.', [
      { field: 'kind', code: 'kind_fixed', message: 'applications were made to this kind of iteration' },
    ]);
  }
  if (calendarLocked(previous, now()) && calendarChanged(planOf(previous), plan)) {
    throw new StateConflict(
      'The first live class has started: the calendar is locked. Use a calendar correction with a reason.',
    );
  }
  return saveIteration(stored, plan, input.liveClasses, input.version, actor, 'updated');
}

/** An explicit, audited change to the calendar, allowed even after the first class has started. */
export async function correctCalendar(
  id: string,
  input: Pick<PlanInput, 'liveClasses' | 'assignments'> & { version: number; reason: string },
  actor: Actor,
) {
  const stored = await findStoredIteration(id);
  const previous = stored.iteration;
  if (input.version !== previous.version)
    throw new StaleWrite('Someone saved this iteration after you read it; reload and try again.', previous.version);
  const plan = await checkedPlan({
    kind: previous.kind,
    title: previous.title,
    applicationWindow: { opensAt: previous.applicationOpensAt, closesAt: previous.applicationClosesAt },
    seats: previous.seats,
    liveClasses: input.liveClasses,
    assignments: input.assignments,
    joinUrl: previous.joinUrl,
  });
  return saveIteration(stored, plan, input.liveClasses, input.version, actor, 'calendar-corrected', input.reason);
}

export async function publishIteration(id: string, actor: Actor) {
  const stored = await findStoredIteration(id);
  const iteration = stored.iteration;
  if (iteration.status === 'published') return detailView(stored, now());
  const problems = publishRefusals(iteration, now());
  if (problems.length > 0) throw new RuleBroken('The iteration is not ready to publish.', problems);
  const at = toCtIso(now());
  const next: Iteration = {
    ...iteration,
    status: 'published',
    publishedAt: at,
    version: iteration.version + 1,
    updatedAt: at,
  };
  await commitOrStale(
    {
      writes: [
        replaceIterationItem(next, iteration.version),
        auditPut({ subjectType: 'iteration', subjectId: id, action: 'published', actor: actorOf(actor), at }),
      ],
    },
    'Someone saved this iteration at the same moment; reload and try again.',
  );
  return detailView(await findStoredIteration(id), now());
}

export async function getIterationForAds(id: string) {
  return detailView(await findStoredIteration(id), now());
}

export async function listIterationsForAds(status: 'draft' | 'published', cursor: string | undefined, limit: number) {
  const page = await listIterations(status, cursor, limit);
  const at = now();
  return { items: page.records.map((r) => summaryView(r, at)), cursor: page.cursor };
}

export async function listOpenIterations() {
  const at = now();
  const records = await listPublishedClosingAfter(at);
  return {
    items: records
      .sort((a, b) => instantMs(a.applicationClosesAt) - instantMs(b.applicationClosesAt))
      .map((r) => publicView(r, at)),
  };
}

export async function getPublishedIteration(id: string) {
  const stored = await findPublishedIteration(id);
  return { ...publicView(stored.iteration, now()), seats: seatsView(stored.iteration) };
}

/** A published iteration's calendar for anyone: classes (cancelled ones too) and deadlines — never join links. */
export async function publishedCalendar(id: string) {
  const { iteration } = await findPublishedIteration(id);
  return [calendarView(iteration, { withJoinLinks: false })];
}

// ---- blackout dates ----

export async function listBlackoutDates() {
  const map = await listBlackouts();
  return { items: [...map].sort(([a], [b]) => a.localeCompare(b)).map(([date, reason]) => ({ date, reason })) };
}

export async function putBlackoutDate(date: string, reason: string, actor: Actor) {
  const before = await getBlackout(date);
  const at = toCtIso(now());
  await commit({
    writes: [
      blackoutItem(date, reason),
      auditPut({
        subjectType: 'blackout',
        subjectId: date,
        action: before === undefined ? 'added' : 'changed',
        actor: actorOf(actor),
        at,
        before,
        after: reason,
      }),
    ],
  });
  return { date, reason };
}

export async function deleteBlackoutDate(date: string, actor: Actor) {
  const at = toCtIso(now());
  const result = await commit({
    writes: [
      named('blackout', deleteBlackoutItem(date)),
      auditPut({ subjectType: 'blackout', subjectId: date, action: 'removed', actor: actorOf(actor), at }),
    ],
  });
  if (!result.ok) throw new NotFound('The blackout date');
}
