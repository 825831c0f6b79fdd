import * as z from 'zod/mini';
import { date, described, instant, meta } from '../../schemas';

/**
 * A live class, returned by more than one area: in a file of its own, so a route file that needs it imports only this,
 * not another area's route file (a function then bundles no other area's schemas).
 */
export const liveClassShape = {
  date: described(date, 'The date of the live class.'),
  startsAt: described(instant, 'When the class starts (9:00 AM Connecticut time).'),
  endsAt: described(instant, 'When the class ends (12:00 PM Connecticut time).'),
  durationMinutes: described(z.number(), 'How long the class lasts, in minutes.'),
};
export const LiveClass = meta(z.object(liveClassShape), {
  id: 'LiveClass',
  description: 'A live class: 9:00 AM–12:00 PM Connecticut time, with the offset of its date.',
});
