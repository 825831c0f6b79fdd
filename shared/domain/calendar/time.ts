import { TZDate, tzOffset } from '@date-fns/tz';
import { CT_ZONE } from '../vocabulary';
import { formatCt } from './format';

/** A date-time as ADS types it: Connecticut wall time (`2027-03-15T23:59`) or an instant with an offset or `Z`. */
export const CT_DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Whether the fields name a real calendar date and clock time (no 30 February, no 24:00). */
function realFields(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo - 1 &&
    probe.getUTCDate() === d &&
    probe.getUTCHours() === h &&
    probe.getUTCMinutes() === mi &&
    probe.getUTCSeconds() === s
  );
}

/**
 * The instant of a Connecticut wall time. `exists` is false for a wall time skipped when clocks spring forward;
 * a wall time that happens twice (clocks fall back) gives its first occurrence, daylight time.
 */
export function ctWallTime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s = 0,
  ms = 0,
): { instant: Date; exists: boolean } {
  const local = new TZDate(y, mo - 1, d, h, mi, s, ms, CT_ZONE);
  return {
    instant: new Date(local.getTime()),
    exists: local.getHours() === h && local.getMinutes() === mi && local.getDate() === d,
  };
}

/** Reads a date-time in Connecticut's zone, refusing a wall time that does not exist rather than moving it. */
export function parseCtDateTime(text: string): Parsed<Date> {
  const m = CT_DATETIME_PATTERN.exec(text);
  if (!m) return { ok: false, reason: 'not a valid date-time' };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!realFields(y, mo, d, h, mi, s)) return { ok: false, reason: 'not a valid date-time' };
  if (m[8]) return { ok: true, value: new Date(Date.parse(text)) };
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const { instant, exists } = ctWallTime(y, mo, d, h, mi, s, ms);
  if (!exists)
    return { ok: false, reason: 'this wall time does not exist in Connecticut (clocks spring forward that night)' };
  return { ok: true, value: instant };
}

export function parseDate(text: string): Parsed<{ year: number; month: number; day: number }> {
  const m = DATE_PATTERN.exec(text);
  if (!m || !realFields(Number(m[1]), Number(m[2]), Number(m[3])))
    return { ok: false, reason: 'not a valid calendar date' };
  return { ok: true, value: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } };
}

export const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();

/**
 * Connecticut's offset from UTC in minutes at an instant. Asking the zone (Intl, under @date-fns/tz) costs
 * microseconds a call, which a 50,000-line allocation proposal or a 1,200-row export would pay per row; the offset
 * changes at most once an hour, so it is asked at each UTC hour's first and last millisecond and kept for the hour.
 * An hour in which it changes is asked at the instant itself.
 */
function ctOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = tzOffset(CT_ZONE, new Date(hour * HOUR_MS));
    offset = start === tzOffset(CT_ZONE, new Date(hour * HOUR_MS + HOUR_MS - 1)) ? start : Number.NaN;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return Number.isNaN(offset) ? tzOffset(CT_ZONE, new Date(ms)) : offset;
}

/**
 * Connecticut's clock at the start of a UTC hour (hours since the epoch) through which it runs in step with UTC: its
 * offset the same at the hour's first and last millisecond, and whole hours, so an instant's minutes and seconds
 * within the hour are UTC's. `undefined` for any other hour (the offset changes in it, or is local mean time).
 */
export function ctSteadyHour(hour: number): CtClock | undefined {
  const start = hour * HOUR_MS;
  ctOffset(start);
  // An hour whose offset changes is kept as NaN, which is no whole number of hours either.
  return offsetByHour.get(hour)! % 60 === 0 ? ctClock(start) : undefined;
}

/** Connecticut's wall clock at an instant: its fields (month 1–12), and the offset from UTC in minutes. */
export interface CtClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: number;
}

/** Instants from 1970 to 9999: whole-minute offsets, four-digit years (the rest is formatted by `formatCt`). */
const inCommonRange = (ms: number) => ms >= 0 && ms < Date.UTC(10000, 0, 1);

/** Connecticut's wall clock at an instant (milliseconds since the epoch). */
export function ctClock(ms: number): CtClock {
  const offset = ctOffset(ms);
  if (inCommonRange(ms) && Number.isInteger(offset)) {
    const wall = new Date(ms + offset * 60_000);
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      millisecond: wall.getUTCMilliseconds(),
      offset,
    };
  }
  const local = new TZDate(ms, CT_ZONE);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
    millisecond: local.getMilliseconds(),
    offset,
  };
}

const pad = (n: number, digits = 2) => String(n).padStart(digits, '0');
const dateText = (ct: CtClock) => `${ct.year}-${pad(ct.month)}-${pad(ct.day)}`;

/** ISO 8601 with Connecticut's offset on that day, e.g. `2027-03-15T23:59:00.000-04:00`. */
export function toCtIso(instant: Date): string {
  const ms = instant.getTime();
  if (!inCommonRange(ms)) return formatCt(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
  const ct = ctClock(ms);
  const abs = Math.abs(ct.offset);
  return `${dateText(ct)}T${pad(ct.hour)}:${pad(ct.minute)}:${pad(ct.second)}.${pad(ct.millisecond, 3)}${ct.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The calendar date in Connecticut at an instant (what "today" means for every rule). */
export function ctDate(instant: Date): string {
  const ms = instant.getTime();
  return inCommonRange(ms) ? dateText(ctClock(ms)) : formatCt(instant, 'yyyy-MM-dd');
}

/** Day of the week of a calendar date: 1 = Monday … 7 = Sunday, and its name. */
export function weekday(date: string): { number: number; name: string } {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return {
    number: day === 0 ? 7 : day,
    name: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day]!,
  };
}

/** The instant at a wall time on a Connecticut calendar date (for times that always exist, like 09:00). */
export function atCtTime(date: string, hour: number, minute = 0): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return ctWallTime(y, mo, d, hour, minute).instant;
}

export const instantMs = (iso: string): number => Date.parse(iso);

/** Sortable UTC form for index keys (ISO strings with different offsets do not sort by instant). */
export const sortableUtc = (iso: string): string => new Date(Date.parse(iso)).toISOString();
