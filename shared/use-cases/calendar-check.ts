import { listBlackouts } from '../data/iterations';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { weekday } from '../domain/calendar/time';
import { checkPlan, type PlanInput } from '../domain/iteration';

export interface CalendarDraft {
  applicationWindow?: PlanInput['applicationWindow'];
  liveClasses: PlanInput['liveClasses'];
  assignments?: PlanInput['assignments'];
}

/**
 * A dry run of a calendar plan as ADS types it: the same checks creating or editing an iteration makes
 * (`checkPlan`: weekdays, Connecticut holidays by name, blackout dates, repeated dates, the window against the
 * first class, deadlines after it), nothing written. The parts not typed yet are not judged: without a window,
 * the window's checks are left out (the plan is checked with a placeholder window long before any class).
 */
export async function checkCalendar(draft: CalendarDraft) {
  let assignment = 0;
  const { problems } = checkPlan(
    {
      kind: 'initial',
      title: 'calendar check',
      seats: { North: 0, South: 0, West: 0 },
      applicationWindow: draft.applicationWindow ?? { opensAt: '2000-01-03T09:00', closesAt: '2000-01-04T09:00' },
      liveClasses: draft.liveClasses,
      assignments: draft.assignments ?? [],
    },
    await listBlackouts(),
    () => `check-${++assignment}`,
  );
  const judged = problems.filter((p) => draft.applicationWindow || !p.field.startsWith('applicationWindow'));
  return {
    ok: judged.length === 0,
    liveClasses: draft.liveClasses.map(({ date }, index) => ({
      ...liveClassTimes(date),
      weekday: weekday(date).name,
      problems: judged.filter((p) => p.field === `liveClasses.${index}.date`).map((p) => p.message),
    })),
    problems: judged,
  };
}
