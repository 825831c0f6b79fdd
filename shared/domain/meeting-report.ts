import { parse } from 'csv-parse/sync';
import { ctWallTime } from './calendar/time';
import { InvalidInput } from './errors';

/**
 * Reading a meeting's participant report, as Zoom and Microsoft Teams export it, into who was connected when.
 * The layouts are the vendors' own (sources in the README, _Importing a meeting's participant report_):
 * - Zoom (meeting history / usage report → participants → Export, optionally "with meeting data"): CSV, UTF-8,
 *   columns `Name (original name)`, `User Email`, `Join Time`, `Leave Time`, `Duration (minutes)`, `Guest`; one
 *   row per connection (a reconnect is another row) unless "show unique users" was ticked.
 * - Microsoft Teams (attendance report → Download): UTF-16LE with a byte-order mark, tab-separated, in sections
 *   `1. Summary`, `2. Participants` (`Name`, `First Join`, `Last Leave`, `In-Meeting Duration`, `Email`,
 *   `Participant ID (UPN)`, `Role`) and `3. In-Meeting Activities` (one row per connection: `Join Time`,
 *   `Leave Time`, …). Older downloads have no sections.
 * Times carry no offset and are read as Connecticut wall time (`3/1/27, 9:02:11 AM`, `03/01/2027 09:02:11 AM`,
 * `2027-03-01 09:02:11`); one written with an offset or `Z` is taken as that instant.
 */

export type ReportLayout = 'zoom' | 'teams';
export type ReportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'text';

/** One connection of one participant: what a row of the report says. Times are epoch milliseconds. */
export interface ReportRow {
  line: number;
  name: string;
  email?: string;
  role?: string;
  joinedAt: number;
  leftAt: number;
}

export interface ReadReport {
  layout: ReportLayout;
  encoding: ReportEncoding;
  delimiter: 'comma' | 'tab';
  rows: ReportRow[];
}

const EXPECTED =
  'a Zoom participants report (CSV: Name (original name), User Email, Join Time, Leave Time, Duration (minutes), Guest) ' +
  'or a Microsoft Teams attendance report (tab-separated, UTF-16 or UTF-8: Name, First Join or Join Time, Last Leave or Leave Time, Email)';

const refuse = (field: string, code: string, message: string): never => {
  throw new InvalidInput(`This file is not a participant report this service reads: expected ${EXPECTED}.`, [
    { field, code, message },
  ]);
};

/**
 * The text of a file sent as bytes: a byte-order mark names UTF-16 (either order) or UTF-8; without one, a file
 * whose ASCII letters alternate with zero bytes is UTF-16 without a mark; anything else must be valid UTF-8.
 */
export function decodeReport(bytes: Buffer, field: string): { text: string; encoding: ReportEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return { text: swapped.swap16().toString('utf16le'), encoding: 'utf-16be' };
  }
  const head = bytes.subarray(0, 400);
  const zeros = (parity: number) => head.filter((b, i) => b === 0 && i % 2 === parity).length;
  if (head.length >= 4 && zeros(1) > head.length / 4) return { text: bytes.toString('utf16le'), encoding: 'utf-16le' };
  if (head.length >= 4 && zeros(0) > head.length / 4) {
    const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    return { text: swapped.swap16().toString('utf16le'), encoding: 'utf-16be' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return refuse(field, 'unknown_encoding', 'not UTF-8 or UTF-16 text');
  }
}

/** Column headings, lower-cased, by what they hold. */
const COLUMNS = {
  name: ['name (original name)', 'name', 'full name', 'participant name'],
  email: ['user email', 'email', 'email address'],
  upn: ['participant id (upn)', 'upn'],
  join: ['join time', 'first join', 'first join time'],
  leave: ['leave time', 'last leave', 'last leave time'],
  role: ['role'],
} as const;
const ZOOM_MARKS = ['user email', 'name (original name)', 'duration (minutes)', 'guest'];
const TEAMS_MARKS = ['first join', 'last leave', 'in-meeting duration', 'participant id (upn)', 'role'];

interface Table {
  headerLine: number;
  columns: Partial<Record<keyof typeof COLUMNS, number>>;
  headings: string[];
  records: { line: number; cells: string[] }[];
}

const SECTION = /^\s*\d+\.\s+\S/;

function columnsOf(headings: string[]): Table['columns'] {
  const columns: Table['columns'] = {};
  for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
    const index = headings.findIndex((h) => names.includes(h));
    if (index >= 0) columns[key] = index;
  }
  return columns;
}

/** Every table in the file: a heading row naming a name, a join and a leave column, and the rows under it. */
function tablesOf(records: { line: number; cells: string[] }[]): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  for (const record of records) {
    const filled = record.cells.filter((c) => c !== '');
    if (filled.length === 0 || (filled.length === 1 && SECTION.test(filled[0]!))) {
      current = undefined;
      continue;
    }
    const headings = record.cells.map((c) => c.toLowerCase());
    const columns = columnsOf(headings);
    if (columns.name !== undefined && columns.join !== undefined && columns.leave !== undefined) {
      current = { headerLine: record.line, columns, headings, records: [] };
      tables.push(current);
      continue;
    }
    current?.records.push(record);
  }
  return tables;
}

const US_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** A time as the reports write it; without an offset, Connecticut wall time. Undefined if it is none of those. */
export function readReportTime(text: string): number | undefined {
  const iso = ISO_TIME.exec(text);
  if (iso?.[7]) {
    const ms = Date.parse(text.replace(' ', 'T').replace(/\s+/g, ''));
    return Number.isNaN(ms) ? undefined : ms;
  }
  let fields: number[];
  if (iso) fields = iso.slice(1, 7).map((f) => Number(f ?? 0));
  else {
    const us = US_TIME.exec(text);
    if (!us) return undefined;
    const year = us[3]!.length === 2 ? 2000 + Number(us[3]) : Number(us[3]);
    let hour = Number(us[4]);
    const half = us[7]?.toLowerCase();
    if (half && (hour < 1 || hour > 12)) return undefined;
    if (half === 'a' && hour === 12) hour = 0;
    if (half === 'p' && hour < 12) hour += 12;
    fields = [year, Number(us[1]), Number(us[2]), hour, Number(us[5]), Number(us[6] ?? 0)];
  }
  const [y, mo, d, h, mi, s] = fields as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const { instant, exists } = ctWallTime(y, mo, d, h, mi, s);
  // `exists` is false for a day past the month's end (31 April) and for a wall time skipped in spring.
  return exists ? instant.getTime() : undefined;
}

/** Teams writes times; Zoom writes them too. Neither writes a row without both: such a row is refused by its line. */
function rowOf(table: Table, record: Table['records'][number], field: string): ReportRow | undefined {
  const cell = (key: keyof typeof COLUMNS) => {
    const index = table.columns[key];
    return index === undefined ? '' : (record.cells[index] ?? '').trim();
  };
  const name = cell('name');
  const upn = cell('upn');
  const email = cell('email') || (upn.includes('@') ? upn : '');
  if (!name && !email) return undefined;
  const joinedAt = readReportTime(cell('join'));
  const leftAt = readReportTime(cell('leave'));
  const where = `line ${record.line}`;
  if (joinedAt === undefined || leftAt === undefined)
    refuse(
      field,
      'unreadable_time',
      `${where}: "${joinedAt === undefined ? cell('join') : cell('leave')}" is not a time as Zoom or Teams writes it (e.g. 3/1/27, 9:02:11 AM or 2027-03-01 09:02:11)`,
    );
  if (leftAt! < joinedAt!) refuse(field, 'leave_before_join', `${where}: the leave time is before the join time`);
  return {
    line: record.line,
    name,
    ...(email ? { email } : {}),
    ...(cell('role') ? { role: cell('role') } : {}),
    joinedAt: joinedAt!,
    leftAt: leftAt!,
  };
}

/**
 * Reads a participant report's text: the delimiter (a tab anywhere in the first 50 lines means tab-separated), the
 * table of connections (per-connection rows — Teams' `3. In-Meeting Activities`, Zoom's rows — rather than first
 * join / last leave, which would count a gap as attended), and the layout by its headings. Emails missing from the
 * per-connection table are taken from another table of the file by the same name (Teams' `2. Participants`).
 */
export function readMeetingReport(text: string, encoding: ReportEncoding, field: string): ReadReport {
  const body = text.replace(/^\uFEFF/, '');
  const tab = body.split(/\r?\n/, 50).some((l) => l.includes('\t'));
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(body, {
      delimiter: tab ? '\t' : ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return refuse(
      field,
      'unreadable_file',
      `not readable as ${tab ? 'tab-separated' : 'CSV'} text: ${(error as Error).message}`,
    );
  }
  const tables = tablesOf(parsed.map((p) => ({ line: p.info.lines, cells: p.record })));
  if (tables.length === 0)
    refuse(field, 'unrecognized_layout', 'no heading row naming a name, a join time and a leave time');
  const perConnection = tables.filter((t) => t.headings[t.columns.join!] === 'join time' && t.records.length > 0);
  const chosen = perConnection.at(-1) ?? tables.find((t) => t.records.length > 0) ?? tables[0]!;
  const headings = tables.flatMap((t) => t.headings);
  const sections = /^\s*2\.\s+participants\b/im.test(body);
  const layout: ReportLayout | undefined =
    sections || tab || headings.some((h) => TEAMS_MARKS.includes(h))
      ? 'teams'
      : headings.some((h) => ZOOM_MARKS.includes(h))
        ? 'zoom'
        : undefined;
  if (!layout)
    refuse(field, 'unrecognized_layout', `the headings (${chosen.headings.join(', ')}) are neither Zoom's nor Teams'`);
  const rows = chosen.records.map((r) => rowOf(chosen, r, field)).filter((r): r is ReportRow => r !== undefined);
  const emails = new Map<string, string>();
  for (const table of tables.filter((t) => t !== chosen && t.columns.email !== undefined))
    for (const { cells } of table.records) {
      const [name, email] = [cells[table.columns.name!]?.trim(), cells[table.columns.email!]?.trim()];
      if (name && email) emails.set(name, email);
    }
  return {
    layout: layout!,
    encoding,
    delimiter: tab ? 'tab' : 'comma',
    rows: rows.map((r) => (r.email || !emails.has(r.name) ? r : { ...r, email: emails.get(r.name)! })),
  };
}
