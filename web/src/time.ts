import { format } from 'date-fns';

/**
 * Times on pages: always Connecticut time with the zone named. The rule has one home, shared with the emails
 * (`shared/email/format.ts`, browser-safe: date-fns with its time-zone add-on).
 */
export { classLine, whenCt } from '../../shared/email/format';

/** A calendar day (YYYY-MM-DD) in words, "February 10, 2030": a day is not an instant, so no zone shift. */
export const dayWords = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'MMMM d, yyyy');
};
