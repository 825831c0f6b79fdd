import { TZDate } from '@date-fns/tz';
import { CT_ZONE } from '../vocabulary';

/**
 * Dates and times written out, in the patterns of date-fns's `format` that this system uses (`yyyy-MM-dd`,
 * `EEEE, MMMM d, yyyy 'at' h:mm a`, ISO with `xxx`…), in US English. Written here rather than imported: date-fns's
 * `format` brings every token and its English locale, about 19 KB in each Lambda bundle (README, "Performance").
 * A unit test holds the output to date-fns's for every pattern in use. A letter it does not know is an error, never
 * printed as is.
 */
/** Month names in US English, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Fields {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
  ms: number;
  /** Minutes ahead of UTC (Connecticut: -300 in winter, -240 in summer). */
  offset: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function token(f: Fields, t: string): string {
  switch (t) {
    case 'yyyy':
      return pad(f.year, 4);
    case 'MMMM':
      return MONTHS[f.month - 1]!;
    case 'MM':
      return pad(f.month);
    case 'dd':
      return pad(f.day);
    case 'd':
      return String(f.day);
    case 'EEEE':
      return WEEKDAYS[f.weekday]!;
    case 'HH':
      return pad(f.hours);
    case 'h':
      return String(f.hours % 12 || 12);
    case 'mm':
      return pad(f.minutes);
    case 'ss':
      return pad(f.seconds);
    case 'SSS':
      return pad(f.ms, 3);
    case 'a':
      return f.hours < 12 ? 'AM' : 'PM';
    case 'xxx': {
      const abs = Math.abs(f.offset);
      return `${f.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    }
    default:
      if (t.startsWith("'")) return t.slice(1, -1);
      throw new Error(`Unknown date pattern token: ${t}`);
  }
}

const render = (f: Fields, pattern: string) => pattern.replace(/'[^']*'|([A-Za-z])\1*/g, (t) => token(f, t));

/** An instant as Connecticut's wall time, e.g. `formatCt(instant, "MMMM d, yyyy 'at' h:mm a")`. */
export function formatCt(instant: Date, pattern: string): string {
  // As date-fns does: an invalid date is an error, never "NaN-NaN-NaN".
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid time value');
  const t = new TZDate(instant.getTime(), CT_ZONE);
  return render(
    {
      year: t.getFullYear(),
      month: t.getMonth() + 1,
      day: t.getDate(),
      weekday: t.getDay(),
      hours: t.getHours(),
      minutes: t.getMinutes(),
      seconds: t.getSeconds(),
      ms: t.getMilliseconds(),
      offset: -t.getTimezoneOffset(),
    },
    pattern,
  );
}

/** A calendar day (`YYYY-MM-DD`) in words, e.g. "March 3, 2027": a day is not an instant, so no zone applies. */
export function formatDay(date: string, pattern: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return render({ year, month, day, weekday, hours: 0, minutes: 0, seconds: 0, ms: 0, offset: 0 }, pattern);
}
