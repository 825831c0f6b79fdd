import ICAL from 'ical.js';
import { createEvents, type EventAttributes } from 'ics';
import fc from 'fast-check';
import { calendarFile } from '../../shared/http/render/calendar';
import type { CalendarView } from '../../shared/use-cases/calendars';

/**
 * The calendar files are written by the system itself (RFC 5545), no longer by the `ics` package. Read by a real
 * parser (ical.js, as a calendar program would), they say what the package's files said — every event's UID,
 * SEQUENCE, STATUS, summary, description, times, link, location and transparency, and the calendar's name — for
 * random titles full of the characters iCalendar escapes, and no line is longer than 75 octets.
 */
const DOMAIN = 'ce-certification.ct.gov';
const CLASS_DESCRIPTION =
  'Customized Employment certification course, live synchronous class (9:00 AM–12:00 PM Connecticut time). Attendance at every live class is required to qualify for certification.';

/** How the files were made with `ics` before (the reference). */
function withPackage(name: string, views: CalendarView[]): string {
  const utc = (iso: string) => ({
    start: Date.parse(iso),
    startInputType: 'utc' as const,
    startOutputType: 'utc' as const,
  });
  const events: EventAttributes[] = views.flatMap((view) => {
    const scheduled = view.classes.filter((c) => !c.cancelled);
    return [
      ...view.classes.map(
        (c): EventAttributes => ({
          uid: `${c.id}@${DOMAIN}`,
          sequence: c.sequence,
          status: c.cancelled ? 'CANCELLED' : 'CONFIRMED',
          title: c.cancelled
            ? `Cancelled: ${view.title} — live class`
            : `${view.title} — live class ${scheduled.indexOf(c) + 1} of ${scheduled.length}`,
          description: c.joinUrl ? `${CLASS_DESCRIPTION}\n\nJoin the class: ${c.joinUrl}` : CLASS_DESCRIPTION,
          ...(c.joinUrl ? { url: c.joinUrl, location: c.joinUrl } : {}),
          ...utc(c.startsAt),
          end: Date.parse(c.endsAt),
          endInputType: 'utc',
          endOutputType: 'utc',
        }),
      ),
      ...view.deadlines.map(
        (d): EventAttributes => ({
          uid: `${view.iterationId}-${d.assignmentId}@${DOMAIN}`,
          sequence: d.sequence,
          status: d.cancelled ? 'CANCELLED' : 'CONFIRMED',
          title: `${d.cancelled ? 'Cancelled: ' : ''}Homework due: ${d.title} (${view.title})`,
          description: 'Homework deadline (Connecticut time). Work stamped after this moment is late.',
          ...utc(d.dueAt),
          end: Date.parse(d.dueAt),
          endInputType: 'utc',
          endOutputType: 'utc',
          transp: 'TRANSPARENT',
        }),
      ),
    ];
  });
  const { error, value } = createEvents(events, { productId: 'ct-ce-certification', calName: name });
  if (error || !value) throw error ?? new Error('no calendar');
  return value;
}

/** What a calendar program reads from a file. */
function read(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const value = (c: ICAL.Component, name: string) => c.getFirstPropertyValue(name)?.toString();
  return {
    name: value(calendar, 'x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((c) => ({
      uid: value(c, 'uid'),
      sequence: value(c, 'sequence'),
      status: value(c, 'status'),
      summary: value(c, 'summary'),
      description: value(c, 'description'),
      start: value(c, 'dtstart'),
      end: value(c, 'dtend'),
      url: value(c, 'url'),
      location: value(c, 'location'),
      transp: value(c, 'transp'),
    })),
  };
}

const tricky = fc
  .array(fc.oneof(fc.constantFrom(',', ';', '\\', '\n', '—', 'é', '"', ':', ' '), fc.string({ maxLength: 8 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join('').replace(/\r/g, ''));
const instant = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 60000) * 60000).toISOString());
const view: fc.Arbitrary<CalendarView> = fc.record({
  iterationId: fc.constantFrom('it-1', 'it-7QJ3'),
  title: tricky,
  classes: fc.array(
    fc.record({
      id: fc.uuid(),
      date: fc.constant('2027-03-02'),
      startsAt: instant,
      endsAt: instant,
      sequence: fc.nat(20),
      cancelled: fc.boolean(),
      joinUrl: fc.option(fc.constantFrom('https://meet.example.org/ce?pwd=a,b;c', 'https://zoom.example/j/1'), {
        nil: undefined,
      }),
    }),
    { maxLength: 4 },
  ),
  deadlines: fc.array(
    fc.record({ assignmentId: fc.uuid(), title: tricky, dueAt: instant, sequence: fc.nat(5), cancelled: fc.boolean() }),
    { maxLength: 3 },
  ),
});

describe('calendarFile', () => {
  it('reads as the ics package’s file did', () => {
    fc.assert(
      fc.property(fc.array(view, { minLength: 1, maxLength: 2 }), tricky, (views, name) => {
        const ours = calendarFile(name, 'x.ics', views).body;
        expect(read(ours)).toEqual(read(withPackage(name, views)));
        for (const line of ours.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        expect(ours.endsWith('END:VCALENDAR\r\n')).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});
