import { now } from '../../clock';
import { instantMs } from '../../domain/calendar/time';
import type { CalendarView } from '../../use-cases/calendars';
import type { Reply } from '../route';

const DOMAIN = 'ce-certification.ct.gov';
const PRODUCT = 'ct-ce-certification';
const CLASS_DESCRIPTION =
  'Customized Employment certification course, live synchronous class (9:00 AM–12:00 PM Connecticut time). Attendance at every live class is required to qualify for certification.';

/** An instant in iCalendar's UTC form, e.g. `20270302T140000Z`. */
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
const text = (value: string) => value.replace(/[\\;,]/g, '\\$&').replace(/\r?\n/g, '\\n');

/** A content line folded at 75 octets, never inside a character (RFC 5545 §3.1), ending in CRLF. */
function line(name: string, value: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of `${name}:${value}`) {
    const size = Buffer.byteLength(char);
    // The first line holds 75 octets; each continuation starts with a space, so it holds 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return `${parts.join('\r\n ')}\r\n`;
}

interface Entry {
  uid: string;
  sequence: number;
  cancelled: boolean;
  summary: string;
  description: string;
  start: string;
  end: string;
  url?: string;
  transparent?: boolean;
}

function event(e: Entry, stamp: string): string {
  return [
    'BEGIN:VEVENT\r\n',
    line('UID', e.uid),
    line('SUMMARY', text(e.summary)),
    line('DTSTAMP', stamp),
    line('DTSTART', utc(instantMs(e.start))),
    line('DTEND', utc(instantMs(e.end))),
    line('SEQUENCE', String(e.sequence)),
    line('DESCRIPTION', text(e.description)),
    ...(e.url ? [line('URL', e.url), line('LOCATION', text(e.url))] : []),
    line('STATUS', e.cancelled ? 'CANCELLED' : 'CONFIRMED'),
    ...(e.transparent ? [line('TRANSP', 'TRANSPARENT')] : []),
    'END:VEVENT\r\n',
  ].join('');
}

/**
 * Calendars as iCalendar (UTC instants, so any calendar shows them in its own zone). Every event's UID is the
 * class's or deadline's stable id, SEQUENCE its change counter, and removed entries come as STATUS:CANCELLED, so
 * a calendar that imported or subscribed before a change follows it. A join link appears only if the view has it
 * (the enrolled learner's own feed). Written here (RFC 5545: escaping, folding) rather than with the `ics` package,
 * whose validator added 72 KB to the function (README, "Performance").
 */
export function calendarFile(name: string, filename: string, views: CalendarView[]): Reply {
  const entries: Entry[] = views.flatMap((view) => {
    const scheduled = view.classes.filter((c) => !c.cancelled);
    const classes = view.classes.map((c): Entry => {
      const number = scheduled.indexOf(c) + 1;
      return {
        uid: `${c.id}@${DOMAIN}`,
        sequence: c.sequence,
        cancelled: c.cancelled,
        summary: c.cancelled
          ? `Cancelled: ${view.title} — live class`
          : `${view.title} — live class ${number} of ${scheduled.length}`,
        description: c.joinUrl ? `${CLASS_DESCRIPTION}\n\nJoin the class: ${c.joinUrl}` : CLASS_DESCRIPTION,
        url: c.joinUrl,
        start: c.startsAt,
        end: c.endsAt,
      };
    });
    const deadlines = view.deadlines.map(
      (d): Entry => ({
        uid: `${view.iterationId}-${d.assignmentId}@${DOMAIN}`,
        sequence: d.sequence,
        cancelled: d.cancelled,
        summary: `${d.cancelled ? 'Cancelled: ' : ''}Homework due: ${d.title} (${view.title})`,
        description: 'Homework deadline (Connecticut time). Work stamped after this moment is late.',
        start: d.dueAt,
        end: d.dueAt,
        transparent: true,
      }),
    );
    return [...classes, ...deadlines];
  });
  const stamp = utc(now().getTime());
  const body = [
    'BEGIN:VCALENDAR\r\n',
    line('VERSION', '2.0'),
    line('CALSCALE', 'GREGORIAN'),
    line('PRODID', PRODUCT),
    line('METHOD', 'PUBLISH'),
    // An extension property: calendar programs read it as written, with only line breaks escaped.
    ...(name ? [line('X-WR-CALNAME', name.replace(/\r?\n/g, '\\n'))] : []),
    line('X-PUBLISHED-TTL', 'PT1H'),
    ...entries.map((e) => event(e, stamp)),
    'END:VCALENDAR\r\n',
  ].join('');
  return { body, contentType: 'text/calendar; charset=utf-8', filename };
}

/** A published iteration's public calendar file: no join links are in its view. */
export const iterationCalendar = (views: CalendarView[]): Reply =>
  calendarFile(views[0]?.title ?? 'CE certification course', `${views[0]?.iterationId ?? 'calendar'}.ics`, views);

/** A learner's subscribed feed. */
export const feedCalendar = (views: CalendarView[]): Reply =>
  calendarFile('CE certification course — my classes', 'ce-classes.ics', views);
