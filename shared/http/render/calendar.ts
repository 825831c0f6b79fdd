import { createEvents } from 'ics';
import type { LiveClassTimes } from '../../domain/calendar/live-classes';
import { instantMs } from '../../domain/calendar/time';
import type { Reply } from '../route';

/** The live classes as iCalendar events (UTC instants, so any calendar shows them in its own zone). */
export function liveClassCalendar(iteration: { id: string; title: string; liveClasses: LiveClassTimes[] }): Reply {
  const events = iteration.liveClasses.map((times, index) => ({
    uid: `${iteration.id}-${times.date}@ce-certification.ct.gov`,
    title: `${iteration.title} — live class ${index + 1} of ${iteration.liveClasses.length}`,
    description:
      'Customized Employment certification course, live synchronous class (9:00 AM–12:00 PM Connecticut time). Attendance at every live class is required to qualify for certification.',
    start: instantMs(times.startsAt),
    startInputType: 'utc' as const,
    startOutputType: 'utc' as const,
    end: instantMs(times.endsAt),
    endInputType: 'utc' as const,
    endOutputType: 'utc' as const,
    productId: 'ct-ce-certification',
    calName: iteration.title,
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('calendar could not be built');
  return { body: value, contentType: 'text/calendar; charset=utf-8', filename: `${iteration.id}.ics` };
}
