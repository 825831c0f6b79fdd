import { DateTime } from 'luxon';
import { CT_ZONE } from '../vocabulary';

/** A date-time as ADS types it: Connecticut wall time (`2027-03-15T23:59`) or an instant with an offset or `Z`. */
export const CT_DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Reads a date-time in Connecticut's zone. A wall time that does not exist (the hour skipped when clocks spring
 * forward) is refused rather than silently moved; a wall time that happens twice (the hour repeated in
 * November) means its first occurrence, daylight time.
 */
export function parseCtDateTime(text: string): Parsed<DateTime> {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(text);
  const parsed = DateTime.fromISO(text, { zone: hasOffset ? undefined : CT_ZONE, setZone: hasOffset });
  if (!parsed.isValid) return { ok: false, reason: `not a valid date-time (${parsed.invalidExplanation ?? parsed.invalidReason})` };
  if (!hasOffset) {
    const wall = DateTime.fromISO(text, { zone: 'UTC' });
    if (parsed.hour !== wall.hour || parsed.minute !== wall.minute) {
      return { ok: false, reason: 'this wall time does not exist in Connecticut (clocks spring forward that night)' };
    }
    const [first] = parsed.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
    if (first) return { ok: true, value: first.setZone(CT_ZONE) };
  }
  return { ok: true, value: parsed.setZone(CT_ZONE) };
}

export function parseDate(text: string): Parsed<DateTime> {
  const parsed = DateTime.fromISO(text, { zone: CT_ZONE });
  if (!DATE_PATTERN.test(text) || !parsed.isValid) return { ok: false, reason: 'not a valid calendar date' };
  return { ok: true, value: parsed };
}

/** ISO 8601 with Connecticut's offset on that day, e.g. `2027-03-15T23:59:00.000-04:00`. */
export const toCtIso = (instant: Date | DateTime): string =>
  (instant instanceof Date ? DateTime.fromJSDate(instant) : instant).setZone(CT_ZONE).toISO()!;

/** The calendar date in Connecticut at an instant (what "today" means for every rule). */
export const ctDate = (instant: Date): string => DateTime.fromJSDate(instant).setZone(CT_ZONE).toISODate()!;

export const instantMs = (iso: string): number => DateTime.fromISO(iso).toMillis();

/** Sortable UTC form for index keys (ISO strings with different offsets do not sort by instant). */
export const sortableUtc = (iso: string): string => DateTime.fromISO(iso).toUTC().toISO()!;
