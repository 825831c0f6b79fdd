/**
 * The one way this system writes CSV — the HTTP exports and the DDS notice's attachment alike — so every file is
 * safe to open in a spreadsheet:
 * - a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is prefixed
 *   with `'` (as csv-stringify's `escape_formulas` does; a negative number stays a number), so a name like
 *   `=HYPERLINK(…)` is text, never a live formula;
 * - UTF-8 with a byte-order mark, so Excel shows "Łukasz" and "—" as written;
 * - headers in words a person reads, in the order given;
 * - RFC 4180 quoting: a cell with a comma, a quote or a line break is quoted, its quotes doubled; lines end in LF.
 * Written here rather than with csv-stringify (11 KB in each bundle that writes CSV); a unit test holds the output to
 * csv-stringify's with these options.
 */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null | undefined;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))];
  return `\uFEFF${lines.map((line) => `${line.map(cell).join(',')}\n`).join('')}`;
}
