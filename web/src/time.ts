/**
 * Times on pages: always Connecticut time with the zone named. The rule has one home, shared with the emails
 * (`shared/email/format.ts`, browser-safe: date-fns with its time-zone add-on).
 */
export { classLine, dayWords, whenCt } from '../../shared/email/format';
