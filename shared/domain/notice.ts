import { addDays } from './certification';

/**
 * The monthly notice to DDS of expiring certifications. A period is a calendar month (YYYY-MM) in Connecticut;
 * its notice lists what expires in the coming window (default 90 days from the notice date) and what expired
 * since the previous notice (or, for the first one, in the month before).
 */
export const periodOf = (today: string): string => today.slice(0, 7);

export function noticeRange(today: string, windowDays: number, previousNoticeOn: string | undefined) {
  const monthBefore = `${Number(today.slice(0, 4)) - (today.slice(5, 7) === '01' ? 1 : 0)}-${today.slice(5, 7) === '01' ? '12' : String(Number(today.slice(5, 7)) - 1).padStart(2, '0')}-01`;
  return {
    expiredFrom: previousNoticeOn ?? monthBefore,
    expiredTo: addDays(today, -1),
    expiringFrom: today,
    expiringTo: addDays(today, windowDays),
  };
}
