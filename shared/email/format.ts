import { formatCt, formatDay } from '../domain/calendar/format';
import { liveClassTimes } from '../domain/calendar/live-classes';

/** How every time shown to people names its zone: emails, the web app and the server-rendered pages alike. */
export const CT_LABEL = '(Connecticut time)';

/** "Monday, March 15, 2027 at 11:59 PM (Connecticut time)". */
export const whenCt = (iso: string): string =>
  `${formatCt(new Date(iso), "EEEE, MMMM d, yyyy 'at' h:mm a")} ${CT_LABEL}`;

/**
 * A calendar day (YYYY-MM-DD) in words, "February 10, 2030", as the pages and the emails write it: a day is not an
 * instant, so no zone shift.
 */
export const dayWords = (date: string): string => formatDay(date, 'MMMM d, yyyy');

/** "Tuesday, February 2, 2027, 9:00 AM–12:00 PM". */
export function classLine(date: string): string {
  const t = liveClassTimes(date);
  return `${formatCt(new Date(t.startsAt), 'EEEE, MMMM d, yyyy, h:mm a')}–${formatCt(new Date(t.endsAt), 'h:mm a')}`;
}

/** "Tuesday, February 2, 2027": the day of a live class, as pages write days. */
export const classDay = (date: string): string =>
  formatCt(new Date(liveClassTimes(date).startsAt), 'EEEE, MMMM d, yyyy');

/** The live classes as an ordered list block of an email. */
export const classList = (dates: string[]) => ({ list: dates.map(classLine), ordered: true });

/** The one permanent public address of a certificate: emails, PDFs and QR codes all print it. */
export const verificationUrl = (publicBaseUrl: string, number: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/verify/${encodeURIComponent(number)}`;

/** The address of one of the web app's pages, for an email that asks for an action there. */
export const pageUrl = (publicBaseUrl: string, path: string): string => `${publicBaseUrl.replace(/\/$/, '')}${path}`;
