import { classDateProblem } from '../../shared/domain/calendar/live-classes';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import {
  ctClock,
  ctDate,
  instantMs,
  parseCtDateTime,
  parseDate,
  sortableUtc,
  toCtIso,
  weekday,
} from '../../shared/domain/calendar/time';
import { addDays, addMonths, certificationState, expiryAfterThreeYears } from '../../shared/domain/certification';

/** The edges of reading dates and times as ADS types them, and of the date arithmetic the certification rules use. */
describe('reading a date-time', () => {
  it.each([
    ['wall time with seconds and milliseconds', '2027-03-15T23:59:30.123', '2027-03-16T03:59:30.123Z'],
    ['a fraction shorter than milliseconds is tenths', '2027-03-15T23:59:30.5', '2027-03-16T03:59:30.500Z'],
    ['no fraction', '2027-03-15T23:59:30', '2027-03-16T03:59:30.000Z'],
    ['an offset east of UTC', '2027-03-15T23:59:00+02:00', '2027-03-15T21:59:00.000Z'],
    ['an offset west of UTC', '2027-03-15T23:59:00-07:00', '2027-03-16T06:59:00.000Z'],
    ['UTC', '2027-03-15T23:59:00.250Z', '2027-03-15T23:59:00.250Z'],
  ])('reads %s', (_, text, instant) => {
    const parsed = parseCtDateTime(text);
    expect(parsed.ok && parsed.value.toISOString()).toBe(instant);
  });

  it.each([
    ['anything before it', 'on 2027-03-15T23:59'],
    ['anything after it', '2027-03-15T23:59 please'],
    ['a month that does not exist', '2027-13-01T09:00'],
    ['a day that does not exist', '2027-02-29T09:00'],
    ['an hour that does not exist', '2027-03-15T24:00'],
    ['no time at all', '2027-03-15'],
    ['words', 'next Tuesday'],
  ])('refuses %s, without throwing', (_, text) => {
    expect(parseCtDateTime(text)).toEqual({ ok: false, reason: 'not a valid date-time' });
  });
});

describe('reading a calendar date', () => {
  it('reads a real date', () => {
    expect(parseDate('2028-02-29')).toEqual({ ok: true, value: { year: 2028, month: 2, day: 29 } });
  });

  it.each(['2027-02-29', '2027-13-01', '2027-04-31', 'x2027-03-15', '2027-03-15x', 'tomorrow', ''])(
    'refuses %j, without throwing',
    (text) => {
      expect(parseDate(text)).toEqual({ ok: false, reason: 'not a valid calendar date' });
    },
  );
});

describe("Connecticut's time at an instant (the offset looked up once per hour)", () => {
  // The reference: date-fns formatting in the zone on every call, which toCtIso and ctDate must equal.
  const inCt = tz('America/New_York');
  const reference = (at: Date) => format(at, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", { in: inCt });

  it('agrees with date-fns at every millisecond around the clock changes', () => {
    // 2027's spring forward (07:00 UTC, March 14) and fall back (06:00 UTC, November 7), and 2026's.
    for (const change of [
      '2027-03-14T07:00:00Z',
      '2027-11-07T06:00:00Z',
      '2026-03-08T07:00:00Z',
      '2026-11-01T06:00:00Z',
    ]) {
      const at = Date.parse(change);
      for (const delta of [-3_600_001, -3_600_000, -1, 0, 1, 59_999, 3_599_999, 3_600_000]) {
        const instant = new Date(at + delta);
        expect(toCtIso(instant)).toBe(reference(instant));
        expect(ctDate(instant)).toBe(reference(instant).slice(0, 10));
      }
    }
    expect(toCtIso(new Date('2027-03-14T06:59:59.999Z'))).toBe('2027-03-14T01:59:59.999-05:00');
    expect(toCtIso(new Date('2027-03-14T07:00:00.000Z'))).toBe('2027-03-14T03:00:00.000-04:00');
  });

  it('agrees with date-fns at any instant, from before 1970 to after 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(10050, 0, 1) }), (ms) => {
        const instant = new Date(ms);
        expect(toCtIso(instant)).toBe(reference(instant));
        expect(ctDate(instant)).toBe(format(instant, 'yyyy-MM-dd', { in: inCt }));
        const ct = ctClock(ms);
        const [y, mo, d, h, mi, s, milli] = format(instant, 'yyyy M d H m s SSS', { in: inCt }).split(' ').map(Number);
        expect([ct.year, ct.month, ct.day, ct.hour, ct.minute, ct.second, ct.millisecond]).toEqual([
          y,
          mo,
          d,
          h,
          mi,
          s,
          milli,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an invalid date as date-fns does', () => {
    expect(() => toCtIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('days of the week', () => {
  it('names each day, Monday = 1 … Sunday = 7', () => {
    const week = ['2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19', '2027-03-20', '2027-03-21'];
    expect(week.map(weekday)).toEqual([
      { number: 1, name: 'Monday' },
      { number: 2, name: 'Tuesday' },
      { number: 3, name: 'Wednesday' },
      { number: 4, name: 'Thursday' },
      { number: 5, name: 'Friday' },
      { number: 6, name: 'Saturday' },
      { number: 7, name: 'Sunday' },
    ]);
  });
});

describe('instants', () => {
  it('compare by the instant, whatever the offset they are written with', () => {
    expect(instantMs('2027-03-15T23:59:00.000-04:00')).toBe(Date.UTC(2027, 2, 16, 3, 59));
    expect(sortableUtc('2027-03-15T23:59:00.000-04:00')).toBe('2027-03-16T03:59:00.000Z');
  });
});

describe('class dates at the edges of the holiday table', () => {
  const none = new Map<string, string>();
  it('accepts weekdays in the first and the last year the table knows', () => {
    expect(classDateProblem('2024-01-03', none)).toBeUndefined();
    expect(classDateProblem('2045-12-13', none)).toBeUndefined();
  });

  it('refuses the years just outside it', () => {
    expect(classDateProblem('2023-12-13', none)).toMatch(/outside the years whose state holidays are known/);
    expect(classDateProblem('2046-01-03', none)).toMatch(/outside the years whose state holidays are known/);
  });

  it('refuses a date that does not exist, saying so', () => {
    expect(classDateProblem('2027-02-30', none)).toBe('not a valid calendar date');
  });
});

describe('certification date arithmetic', () => {
  it('refuses to compute an expiry from something that is not a date', () => {
    expect(() => expiryAfterThreeYears('2027-02-30')).toThrow('not a date: 2027-02-30');
  });

  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2030-03-31', -9)).toBe('2029-06-30');
    expect(addMonths('2027-05-15', 12)).toBe('2028-05-15');
  });

  it('adds days across months and years', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('derives the state with the default policy: a 9-month renewal window, 90 days of grace', () => {
    expect(certificationState({ standing: 'issued', expiresOn: '2030-03-16' }, '2030-03-16')).toMatchObject({
      state: 'in-grace',
      renewalOpensOn: '2029-06-16',
      graceEndsOn: '2030-06-14',
    });
  });

  it('is in its renewal window only while active', () => {
    const inWindow = '2029-12-01';
    expect(certificationState({ standing: 'issued', expiresOn: '2030-03-16' }, inWindow).inRenewalWindow).toBe(true);
    for (const standing of ['suspended', 'revoked', 'superseded'] as const)
      expect(certificationState({ standing, expiresOn: '2030-03-16' }, inWindow).inRenewalWindow).toBe(false);
    expect(certificationState({ standing: 'issued', expiresOn: '2030-03-16' }, '2030-04-01').inRenewalWindow).toBe(
      false,
    );
  });
});
