import {
  calendarChanged,
  checkPlan,
  publishProblems,
  type IterationPlan,
  type PlanInput,
} from '../../shared/domain/iteration';
import { ids, none, plan } from '../support/plan';

/** The plan checks' edges: unreadable input, every message, no plan while anything is wrong, what counts as a calendar change. */
const check = (overrides: Partial<PlanInput>) => checkPlan(plan(overrides), none, ids);

describe('checking a plan', () => {
  it('refuses a window it cannot read, naming each field, without throwing', () => {
    const opens = check({ applicationWindow: { opensAt: 'soon', closesAt: '2027-01-15T17:00' } });
    expect(opens).toEqual({
      problems: [{ field: 'applicationWindow.opensAt', code: 'invalid_datetime', message: 'not a valid date-time' }],
    });
    const closes = check({ applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-02-30T17:00' } });
    expect(closes).toEqual({
      problems: [{ field: 'applicationWindow.closesAt', code: 'invalid_datetime', message: 'not a valid date-time' }],
    });
  });

  it('refuses a deadline it cannot read, naming the assignment', () => {
    expect(check({ assignments: [{ title: 'x', dueAt: '2027-03-15 late' }] })).toEqual({
      problems: [{ field: 'assignments.0.dueAt', code: 'invalid_datetime', message: 'not a valid date-time' }],
    });
  });

  it('says what each problem is, in words', () => {
    expect(
      check({ applicationWindow: { opensAt: '2027-01-15T17:00', closesAt: '2027-01-15T17:00' } }).problems,
    ).toEqual([
      {
        field: 'applicationWindow.closesAt',
        code: 'window_order',
        message: 'the application window must close after it opens',
      },
    ]);
    expect(
      check({ applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-02-02T09:01' } }).problems,
    ).toEqual([
      {
        field: 'applicationWindow.closesAt',
        code: 'window_after_course_start',
        message: 'applications must close by the first live class (2027-02-02T09:00:00.000-05:00)',
      },
    ]);
    expect(check({ liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-02' }] }).problems).toEqual([
      { field: 'liveClasses.1.date', code: 'duplicate_class', message: '2027-02-02 is listed twice' },
    ]);
    expect(check({ assignments: [{ title: 'Too early', dueAt: '2027-02-02T09:00' }] }).problems).toEqual([
      {
        field: 'assignments.0.dueAt',
        code: 'deadline_before_course',
        message: 'homework is due after the first live class starts (2027-02-02T09:00:00.000-05:00)',
      },
    ]);
    expect(
      check({
        assignments: [
          { id: 'a', title: 'x', dueAt: '2027-03-01T12:00' },
          { id: 'a', title: 'y', dueAt: '2027-03-02T12:00' },
        ],
      }).problems,
    ).toEqual([{ field: 'assignments.1.id', code: 'duplicate_assignment', message: 'assignment id a is used twice' }]);
  });

  it('gives no plan while anything is wrong', () => {
    expect(check({ liveClasses: [{ date: '2027-02-13' }] }).plan).toBeUndefined();
    expect(check({ assignments: [{ title: 'Too early', dueAt: '2027-02-02T09:00' }] }).plan).toBeUndefined();
  });

  it('puts the homework in deadline order', () => {
    const { plan: checked } = check({
      assignments: [
        { id: 'late', title: 'Later', dueAt: '2027-03-15T23:59' },
        { id: 'soon', title: 'Sooner', dueAt: '2027-02-20T23:59' },
        { id: 'mid', title: 'Middle', dueAt: '2027-03-01T23:59' },
      ],
    });
    expect(checked?.assignments.map((a) => a.id)).toEqual(['soon', 'mid', 'late']);
  });
});

describe('publishing', () => {
  it('needs nothing more of a plan with classes and a seat', () => {
    const { plan: checked } = check({ seats: { North: 0, South: 0, West: 1 } });
    expect(publishProblems(checked!)).toEqual([]);
  });

  it('says what is missing', () => {
    const { plan: empty } = check({ liveClasses: [], assignments: [], seats: { North: 0, South: 0, West: 0 } });
    expect(publishProblems(empty!)).toEqual([
      { field: 'liveClasses', code: 'no_classes', message: 'add the live classes before publishing' },
      { field: 'seats', code: 'no_seats', message: 'give at least one region a seat before publishing' },
    ]);
  });
});

describe('what counts as a calendar change (locked once the first class starts)', () => {
  const base: IterationPlan = {
    kind: 'initial',
    title: 'Spring 2027',
    applicationOpensAt: '2026-12-01T09:00:00.000-05:00',
    applicationClosesAt: '2027-01-15T17:00:00.000-05:00',
    seats: { North: 2, South: 1, West: 1 },
    classDates: ['2027-02-02', '2027-03-16'],
    assignments: [{ id: 'hw-1', title: 'Discovery profile', dueAt: '2027-03-15T23:59:00.000-04:00' }],
  };

  it('moving a class, adding one, or moving a deadline is', () => {
    expect(calendarChanged(base, { ...base, classDates: ['2027-02-03', '2027-03-16'] })).toBe(true);
    expect(calendarChanged(base, { ...base, classDates: [...base.classDates, '2027-03-23'] })).toBe(true);
    expect(
      calendarChanged(base, {
        ...base,
        assignments: [{ ...base.assignments[0]!, dueAt: '2027-03-16T23:59:00.000-04:00' }],
      }),
    ).toBe(true);
    expect(calendarChanged(base, { ...base, assignments: [{ ...base.assignments[0]!, id: 'hw-2' }] })).toBe(true);
  });

  it('retitling, the seats, the window, or writing the same deadline with another offset is not', () => {
    expect(calendarChanged(base, { ...base })).toBe(false);
    expect(
      calendarChanged(base, { ...base, title: 'Spring 2027 (cohort A)', seats: { North: 9, South: 1, West: 1 } }),
    ).toBe(false);
    expect(
      calendarChanged(base, {
        ...base,
        assignments: [{ ...base.assignments[0]!, title: 'Profile', dueAt: '2027-03-16T03:59:00.000Z' }],
      }),
    ).toBe(false);
  });
});
