import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { type CsvColumn, toCsv } from '../../shared/csv';

/**
 * The system's CSV writer says exactly what csv-stringify said with the options it was used with (header, BOM,
 * `escape_formulas`): for random cells of any text (quotes, commas, line breaks, formula starts, full-width signs)
 * and numbers, negative ones included.
 */
const withPackage = (headers: string[], rows: (string | number | null | undefined)[][]) =>
  stringify(
    rows.map((r) => r.map((v) => v ?? '')),
    { header: true, columns: headers, bom: true, escape_formulas: true },
  );

const tricky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '＝', '＋', '－', '＠', "'", ' ', 'é');
const cellText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join('')),
);
const cellValue = fc.oneof(
  cellText,
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constant(null),
  fc.constant(undefined),
);

describe('toCsv matches csv-stringify', () => {
  it('on random tables', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(
              fc.array(cellText, { minLength: width, maxLength: width }),
              fc.array(fc.array(cellValue, { minLength: width, maxLength: width }), { maxLength: 6 }),
            ),
          ),
        ([headers, rows]) => {
          const columns: CsvColumn<(typeof rows)[number]>[] = headers.map((header, i) => ({
            header,
            value: (row) => row[i],
          }));
          expect(toCsv(columns, rows)).toBe(withPackage(headers, rows));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('with no rows: the header line alone', () => {
    const columns: CsvColumn<never>[] = [{ header: 'Holder', value: () => '' }];
    expect(toCsv(columns, [])).toBe(withPackage(['Holder'], []));
    expect(toCsv(columns, [])).toBe('\uFEFFHolder\n');
  });

  it('keeps a formula as text and a negative number as a number', () => {
    const columns: CsvColumn<[string, number]>[] = [
      { header: 'Name', value: (r) => r[0] },
      { header: 'Seats', value: (r) => r[1] },
    ];
    expect(toCsv(columns, [['=HYPERLINK("x")', -3]])).toBe('\uFEFFName,Seats\n"\'=HYPERLINK(""x"")",-3\n');
  });
});
