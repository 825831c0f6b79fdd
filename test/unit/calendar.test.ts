import { classDateProblem, liveClassTimes } from '../../shared/domain/calendar/live-classes';
import { CT_STATE_HOLIDAYS, HOLIDAY_TABLE_YEARS } from '../../shared/domain/calendar/ct-holidays.generated';
import { ctDate, parseCtDateTime, toCtIso } from '../../shared/domain/calendar/time';
import { connecticutStateHolidays } from '../../scripts/holiday-source';

const none = new Map<string, string>();

describe('live class dates', () => {
  it('accepts an ordinary weekday', () => {
    expect(classDateProblem('2027-03-02', none)).toBeUndefined();
  });

  it.each([
    ['2027-03-06', 'Saturday'],
    ['2027-03-07', 'Sunday'],
  ])('refuses %s, a weekend day', (date, day) => {
    expect(classDateProblem(date, none)).toBe(`${date} is a ${day}; live classes are on weekdays`);
  });

  it.each([
    ['2027-02-12', "Lincoln's Birthday"],
    ['2027-03-26', 'Good Friday'],
    ['2027-07-05', 'Independence Day (substitute day)'],
    ['2027-11-25', 'Thanksgiving Day'],
    ['2027-12-24', 'Christmas Day (substitute day)'],
  ])('refuses %s, a Connecticut state holiday (%s)', (date, name) => {
    expect(classDateProblem(date, none)).toBe(`${date} is a Connecticut state holiday (${name})`);
  });

  it("refuses one of ADS's blackout dates, naming it", () => {
    expect(classDateProblem('2027-03-15', new Map([['2027-03-15', 'Spring break']]))).toBe(
      '2027-03-15 is an ADS blackout date (Spring break)',
    );
  });

  it('refuses a date beyond the known holiday years rather than guessing', () => {
    expect(classDateProblem(`${HOLIDAY_TABLE_YEARS.last + 1}-03-02`, none)).toMatch(
      /outside the years whose state holidays are known/,
    );
  });

  it('runs 9:00–12:00 Connecticut time with the offset of its own day across daylight saving', () => {
    expect(liveClassTimes('2027-03-12')).toEqual({
      date: '2027-03-12',
      startsAt: '2027-03-12T09:00:00.000-05:00',
      endsAt: '2027-03-12T12:00:00.000-05:00',
      durationMinutes: 180,
    });
    // Clocks spring forward on Sunday 14 March 2027.
    expect(liveClassTimes('2027-03-15').startsAt).toBe('2027-03-15T09:00:00.000-04:00');
    // And fall back on Sunday 7 November 2027.
    expect(liveClassTimes('2027-11-05').startsAt).toBe('2027-11-05T09:00:00.000-04:00');
    expect(liveClassTimes('2027-11-08').startsAt).toBe('2027-11-08T09:00:00.000-05:00');
  });
});

describe('Connecticut date-times', () => {
  it('reads wall time in Connecticut', () => {
    const parsed = parseCtDateTime('2027-01-15T17:00');
    expect(parsed.ok && toCtIso(parsed.value)).toBe('2027-01-15T17:00:00.000-05:00');
  });

  it('keeps an instant given with an offset', () => {
    const parsed = parseCtDateTime('2027-01-15T22:00:00Z');
    expect(parsed.ok && toCtIso(parsed.value)).toBe('2027-01-15T17:00:00.000-05:00');
  });

  it('refuses dates and times that do not exist on any calendar', () => {
    expect(parseCtDateTime('2027-02-29T10:00')).toEqual({ ok: false, reason: 'not a valid date-time' });
    expect(parseCtDateTime('2027-03-01T24:00')).toEqual({ ok: false, reason: 'not a valid date-time' });
  });

  it('refuses a wall time skipped when clocks spring forward', () => {
    expect(parseCtDateTime('2027-03-14T02:30')).toEqual({ ok: false, reason: expect.stringMatching(/does not exist/) });
  });

  it('reads a repeated wall time (clocks fall back) as its first occurrence, daylight time', () => {
    const parsed = parseCtDateTime('2027-11-07T01:30');
    expect(parsed.ok && toCtIso(parsed.value)).toBe('2027-11-07T01:30:00.000-04:00');
  });

  it("gives today's date in Connecticut, not in UTC", () => {
    expect(ctDate(new Date('2027-03-02T03:00:00Z'))).toBe('2027-03-01');
  });
});

describe('the generated holiday table', () => {
  it('matches date-holidays for every year it covers (regenerate with npm run gen:holidays)', () => {
    expect(CT_STATE_HOLIDAYS).toEqual(connecticutStateHolidays(HOLIDAY_TABLE_YEARS.first, HOLIDAY_TABLE_YEARS.last));
  });
});
