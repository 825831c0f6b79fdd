import { createEvents, type EventAttributes } from 'ics';
import { instantMs } from '../../domain/calendar/time';
import type { CalendarView } from '../../use-cases/calendars';
import type { Reply } from '../route';

const DOMAIN = 'ce-certification.ct.gov';
const CLASS_DESCRIPTION =
  'Customized Employment certification course, live synchronous class (9:00 AM–12:00 PM Connecticut time). Attendance at every live class is required to qualify for certification.';

const utc = (iso: string) => ({
  start: instantMs(iso),
  startInputType: 'utc' as const,
  startOutputType: 'utc' as const,
});

/**
 * Calendars as iCalendar (UTC instants, so any calendar shows them in its own zone). Every event's UID is the
 * class's or deadline's stable id, SEQUENCE its change counter, and removed entries come as STATUS:CANCELLED, so
 * a calendar that imported or subscribed before a change follows it. A join link appears only if the view has it
 * (the enrolled learner's own feed).
 */
export function calendarFile(name: string, filename: string, views: CalendarView[]): Reply {
  const events: EventAttributes[] = views.flatMap((view) => {
    const scheduled = view.classes.filter((c) => !c.cancelled);
    const classes = view.classes.map((c): EventAttributes => {
      const number = scheduled.indexOf(c) + 1;
      return {
        uid: `${c.id}@${DOMAIN}`,
        sequence: c.sequence,
        status: c.cancelled ? 'CANCELLED' : 'CONFIRMED',
        title: c.cancelled
          ? `Cancelled: ${view.title} — live class`
          : `${view.title} — live class ${number} of ${scheduled.length}`,
        description: c.joinUrl ? `${CLASS_DESCRIPTION}\n\nJoin the class: ${c.joinUrl}` : CLASS_DESCRIPTION,
        ...(c.joinUrl ? { url: c.joinUrl, location: c.joinUrl } : {}),
        ...utc(c.startsAt),
        end: instantMs(c.endsAt),
        endInputType: 'utc',
        endOutputType: 'utc',
        productId: 'ct-ce-certification',
        calName: name,
      };
    });
    const deadlines = view.deadlines.map(
      (d): EventAttributes => ({
        uid: `${view.iterationId}-${d.assignmentId}@${DOMAIN}`,
        sequence: d.sequence,
        status: d.cancelled ? 'CANCELLED' : 'CONFIRMED',
        title: `${d.cancelled ? 'Cancelled: ' : ''}Homework due: ${d.title} (${view.title})`,
        description: 'Homework deadline (Connecticut time). Work stamped after this moment is late.',
        ...utc(d.dueAt),
        end: instantMs(d.dueAt),
        endInputType: 'utc',
        endOutputType: 'utc',
        transp: 'TRANSPARENT',
        productId: 'ct-ce-certification',
        calName: name,
      }),
    );
    return [...classes, ...deadlines];
  });
  const { error, value } = createEvents(events, { productId: 'ct-ce-certification', calName: name });
  if (error || !value) throw error ?? new Error('calendar could not be built');
  return { body: value, contentType: 'text/calendar; charset=utf-8', filename };
}

/** A published iteration's public calendar file: no join links are in its view. */
export const iterationCalendar = (views: CalendarView[]): Reply =>
  calendarFile(views[0]?.title ?? 'CE certification course', `${views[0]?.iterationId ?? 'calendar'}.ics`, views);

/** A learner's subscribed feed. */
export const feedCalendar = (views: CalendarView[]): Reply =>
  calendarFile('CE certification course — my classes', 'ce-classes.ics', views);
