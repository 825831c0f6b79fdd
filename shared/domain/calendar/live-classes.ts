import { LIVE_CLASS_HOURS, LIVE_CLASS_START } from '../vocabulary';
import { CT_STATE_HOLIDAYS, HOLIDAY_TABLE_YEARS } from './ct-holidays.generated';
import { atCtTime, parseDate, toCtIso, weekday } from './time';

export interface LiveClassTimes {
  date: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
}

/** Every live class runs 9:00 AM–12:00 PM Connecticut time; the offset follows daylight saving on that date. */
export function liveClassTimes(date: string): LiveClassTimes {
  const start = atCtTime(date, LIVE_CLASS_START.hour, LIVE_CLASS_START.minute);
  const end = atCtTime(date, LIVE_CLASS_START.hour + LIVE_CLASS_HOURS, LIVE_CLASS_START.minute);
  return {
    date,
    startsAt: toCtIso(start),
    endsAt: toCtIso(end),
    durationMinutes: (end.getTime() - start.getTime()) / 60_000,
  };
}

/**
 * Why a date cannot hold a live class, or undefined if it can: classes are on weekdays, never on a Connecticut
 * state holiday (observed substitute days included), never on one of ADS's blackout dates.
 */
export function classDateProblem(date: string, blackouts: ReadonlyMap<string, string>): string | undefined {
  const parsed = parseDate(date);
  if (!parsed.ok) return parsed.reason;
  const day = weekday(date);
  if (day.number > 5) return `${date} is a ${day.name}; live classes are on weekdays`;
  if (parsed.value.year < HOLIDAY_TABLE_YEARS.first || parsed.value.year > HOLIDAY_TABLE_YEARS.last) {
    return `${date} is outside the years whose state holidays are known (${HOLIDAY_TABLE_YEARS.first}–${HOLIDAY_TABLE_YEARS.last})`;
  }
  const holiday = CT_STATE_HOLIDAYS[date];
  if (holiday) return `${date} is a Connecticut state holiday (${holiday})`;
  const blackout = blackouts.get(date);
  if (blackout !== undefined) return `${date} is an ADS blackout date (${blackout})`;
  return undefined;
}
