import { stringify } from 'csv-stringify/sync';

/**
 * The one way this system writes CSV — the HTTP exports and the DDS notice's attachment alike — so every file is
 * safe to open in a spreadsheet:
 * - a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is prefixed
 *   with `'` (csv-stringify's `escape_formulas`), so a name like `=HYPERLINK(…)` is text, never a live formula;
 * - UTF-8 with a byte-order mark, so Excel shows "Łukasz" and "—" as written;
 * - headers in words a person reads, in the order given.
 */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null | undefined;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    { header: true, columns: columns.map((c) => c.header), bom: true, escape_formulas: true },
  );
}
