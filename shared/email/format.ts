import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { CT_ZONE } from '../domain/vocabulary';

const inCt = tz(CT_ZONE);

/** How every time shown to people names its zone: emails, the web app and the server-rendered pages alike. */
export const CT_LABEL = '(Connecticut time)';

/** "Monday, March 15, 2027 at 11:59 PM (Connecticut time)". */
export const whenCt = (iso: string): string =>
  `${format(new Date(iso), "EEEE, MMMM d, yyyy 'at' h:mm a", { in: inCt })} ${CT_LABEL}`;

/** "Tuesday, February 2, 2027, 9:00 AM–12:00 PM". */
export function classLine(date: string): string {
  const t = liveClassTimes(date);
  return `${format(new Date(t.startsAt), 'EEEE, MMMM d, yyyy, h:mm a', { in: inCt })}–${format(new Date(t.endsAt), 'h:mm a', { in: inCt })}`;
}

/** The live classes as an ordered list block of an email. */
export const classList = (dates: string[]) => ({ list: dates.map(classLine), ordered: true });

/** The one permanent public address of a certificate: emails, PDFs and QR codes all print it. */
export const verificationUrl = (publicBaseUrl: string, number: string): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/verify/${encodeURIComponent(number)}`;
