import ICAL from 'ical.js';

export interface CalendarEvent {
  uid: string;
  sequence: number;
  status: string | undefined;
  summary: string;
  description: string;
  start: string;
  end: string;
  url: string | undefined;
}

/** Reads an iCalendar file with a real parser (ical.js), the way a calendar program would. */
export function readCalendar(text: string): CalendarEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: component.getFirstPropertyValue('status')?.toString(),
      summary: event.summary,
      description: event.description ?? '',
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      url: component.getFirstPropertyValue('url')?.toString(),
    };
  });
}
