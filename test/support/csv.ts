import { parse } from 'csv-parse/sync';

/** Values a spreadsheet would run as formulas if written as they are. */
export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?x","Click")',
  plus: '+1+cmd',
  minus: '-2+3',
  at: '@SUM(A1:A9)',
} as const;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D]/;

/**
 * Reads an export back as a spreadsheet would see it, with a real CSV parser: the UTF-8 byte-order mark must be
 * there, headers must be words (no camelCase identifiers), and no cell may start like a formula.
 */
export function readSafeCsv(content: string | Buffer): { headers: string[]; rows: Record<string, string>[] } {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const matrix = parse(bytes, { bom: true }) as string[][];
  const [headers = [], ...lines] = matrix;
  for (const header of headers) expect(header).toMatch(/^[A-Z][a-z]*( [a-z()]+)*$/);
  const cells = lines.flat();
  // A number written as a number (`-2`) is a value, not a formula.
  expect(cells.filter((cell) => FORMULA_START.test(cell) && !/^-\d+(\.\d+)?$/.test(cell))).toEqual([]);
  return {
    headers,
    rows: lines.map((line) => Object.fromEntries(headers.map((h, i) => [h, line[i] ?? '']))),
  };
}
