import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { formatCt, formatDay } from '../../shared/domain/calendar/format';
import { CT_ZONE } from '../../shared/domain/vocabulary';

/**
 * The system's own date formatter says exactly what date-fns's `format` said, for every pattern the system uses:
 * on random instants over two centuries, and at the edges that trip formatters (clocks changing, midnight and
 * noon, the turn of a year, milliseconds).
 */
const INSTANT_PATTERNS = [
  "yyyy-MM-dd'T'HH:mm:ss.SSSxxx",
  'yyyy-MM-dd',
  "EEEE, MMMM d, yyyy 'at' h:mm a",
  'EEEE, MMMM d, yyyy, h:mm a',
  'h:mm a',
  "MMMM d, yyyy 'at' h:mm a",
];
const inCt = tz(CT_ZONE);
const dateFns = (instant: Date, pattern: string) => format(instant, pattern, { in: inCt });

const EDGES = [
  '2027-03-14T06:59:59.999Z', // 1:59:59 AM EST, a moment before clocks spring forward
  '2027-03-14T07:00:00.000Z', // 3:00 AM EDT
  '2027-11-07T05:30:00.000Z', // 1:30 AM EDT, the first of the two
  '2027-11-07T06:30:00.000Z', // 1:30 AM EST, the second
  '2027-01-01T04:59:59.999Z', // still 2026 in Connecticut
  '2027-01-01T05:00:00.000Z',
  '2027-06-15T04:00:00.000Z', // midnight
  '2027-06-15T16:00:00.000Z', // noon
  '2027-06-15T16:59:00.007Z',
  '1970-01-01T00:00:00.000Z',
  '2099-12-31T23:59:59.999Z',
];

describe('formatCt matches date-fns', () => {
  it.each(INSTANT_PATTERNS)('at the edges: %s', (pattern) => {
    for (const iso of EDGES) expect(formatCt(new Date(iso), pattern)).toBe(dateFns(new Date(iso), pattern));
  });

  it('on random instants, every pattern', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          for (const pattern of INSTANT_PATTERNS) expect(formatCt(instant, pattern)).toBe(dateFns(instant, pattern));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formats a calendar day as that day, whatever the zone', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }),
        (instant) => {
          const day = instant.toISOString().slice(0, 10);
          const [y, m, d] = day.split('-').map(Number) as [number, number, number];
          for (const pattern of ['MMMM d, yyyy', 'EEEE, MMMM d, yyyy', 'yyyy-MM-dd'])
            expect(formatDay(day, pattern)).toBe(format(new Date(y, m - 1, d), pattern));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a pattern letter it does not know rather than printing it', () => {
    expect(() => formatCt(new Date(), 'yyyy QQQ')).toThrow(/QQQ/);
  });
});
