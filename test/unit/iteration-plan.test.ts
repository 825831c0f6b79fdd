import {
  applicationWindowState,
  calendarLocked,
  checkPlan,
  publishProblems,
  publishRefusals,
  totalSeats,
} from '../../shared/domain/iteration';
import { ids, none, plan } from '../support/plan';

describe('an iteration plan', () => {
  it("is normalized: classes in date order, instants with the day's offset", () => {
    const { plan: checked, problems } = checkPlan(plan(), none, ids);
    expect(problems).toEqual([]);
    expect(checked?.classDates).toEqual(['2027-02-02', '2027-03-16']);
    expect(checked?.applicationClosesAt).toBe('2027-01-15T17:00:00.000-05:00');
    expect(checked?.assignments[0]?.dueAt).toBe('2027-03-15T23:59:00.000-04:00');
  });

  it('needs the window to open before it closes', () => {
    const { problems } = checkPlan(
      plan({ applicationWindow: { opensAt: '2027-01-15T17:00', closesAt: '2027-01-15T17:00' } }),
      none,
      ids,
    );
    expect(problems).toEqual([expect.objectContaining({ field: 'applicationWindow.closesAt', code: 'window_order' })]);
  });

  it('needs applications to close by the first live class', () => {
    const { problems } = checkPlan(
      plan({ applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-02-02T09:01' } }),
      none,
      ids,
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'window_after_course_start' })]);
    expect(
      checkPlan(plan({ applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-02-02T09:00' } }), none, ids)
        .problems,
    ).toEqual([]);
  });

  it('lists every bad class date and repeated date at once, by field', () => {
    const { problems } = checkPlan(
      plan({
        liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-13' }, { date: '2027-02-02' }, { date: '2027-02-12' }],
      }),
      none,
      ids,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['liveClasses.1.date', 'class_date'],
      ['liveClasses.2.date', 'duplicate_class'],
      ['liveClasses.3.date', 'class_date'],
    ]);
  });

  it('needs homework due after the first class starts', () => {
    const { problems } = checkPlan(
      plan({ assignments: [{ title: 'Too early', dueAt: '2027-02-02T09:00' }] }),
      none,
      ids,
    );
    expect(problems).toEqual([
      expect.objectContaining({ field: 'assignments.0.dueAt', code: 'deadline_before_course' }),
    ]);
  });

  it('refuses two assignments with one id', () => {
    const { problems } = checkPlan(
      plan({
        assignments: [
          { id: 'a', title: 'x', dueAt: '2027-03-01T12:00' },
          { id: 'a', title: 'y', dueAt: '2027-03-02T12:00' },
        ],
      }),
      none,
      ids,
    );
    expect(problems).toEqual([expect.objectContaining({ field: 'assignments.1.id', code: 'duplicate_assignment' })]);
  });

  it('derives the total seats from the regions', () => {
    expect(totalSeats({ North: 4, South: 3, West: 2 })).toBe(9);
  });

  it('needs classes and a seat before publishing', () => {
    const { plan: empty } = checkPlan(
      plan({ liveClasses: [], assignments: [], seats: { North: 0, South: 0, West: 0 } }),
      none,
      ids,
    );
    expect(publishProblems(empty!).map((p) => p.code)).toEqual(['no_classes', 'no_seats']);
  });

  it('is refused once the application window has closed', () => {
    const { plan: ready } = checkPlan(plan({}), none, ids);
    const closes = Date.parse(ready!.applicationClosesAt);
    expect(publishRefusals(ready!, new Date(closes - 1))).toEqual([]);
    expect(publishRefusals(ready!, new Date(closes))).toEqual([
      expect.objectContaining({ field: 'applicationWindow.closesAt', code: 'window_passed' }),
    ]);
  });
});

describe('the application window', () => {
  const window = {
    applicationOpensAt: '2026-12-01T09:00:00.000-05:00',
    applicationClosesAt: '2027-01-15T17:00:00.000-05:00',
  };
  it('opens at its first instant and closes at its last (open from opensAt inclusive to closesAt exclusive)', () => {
    expect(applicationWindowState(window, new Date('2026-12-01T13:59:59.999Z'))).toBe('upcoming');
    expect(applicationWindowState(window, new Date('2026-12-01T14:00:00.000Z'))).toBe('open');
    expect(applicationWindowState(window, new Date('2027-01-15T21:59:59.999Z'))).toBe('open');
    expect(applicationWindowState(window, new Date('2027-01-15T22:00:00.000Z'))).toBe('closed');
  });
});

describe('the calendar lock', () => {
  it('locks the moment the first class starts (9:00 Connecticut time)', () => {
    const classes = { classDates: ['2027-03-15'] };
    expect(calendarLocked(classes, new Date('2027-03-15T12:59:59.999Z'))).toBe(false);
    expect(calendarLocked(classes, new Date('2027-03-15T13:00:00.000Z'))).toBe(true);
    expect(calendarLocked({ classDates: [] }, new Date())).toBe(false);
  });
});
