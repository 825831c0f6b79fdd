import Holidays from 'date-holidays';

export const HOLIDAY_TABLE_FIRST_YEAR = 2024;
export const HOLIDAY_TABLE_LAST_YEAR = 2045;

/** Connecticut state holidays straight from the library: date (YYYY-MM-DD) → name. Several on one day are joined. */
export function connecticutStateHolidays(first: number, last: number): Record<string, string> {
  const calendar = new Holidays('US', 'CT');
  const out: Record<string, string> = {};
  for (let year = first; year <= last; year++) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      out[date] = out[date] ? `${out[date]}; ${holiday.name}` : holiday.name;
    }
  }
  return out;
}
