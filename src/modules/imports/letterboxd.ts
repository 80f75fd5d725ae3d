/**
 * Letterboxd CSV, both ways. Reading: a list export (the v7 layout: a banner line
 * "Letterboxd list export v7", the list's own `Date,Name,Tags,URL,Description` block, a blank
 * line, then `Position,Name,Year,URL,Description` rows) or a plain CSV whose header names the
 * title (`Name` or `Title`) and `Year` columns, as Letterboxd's importer takes and other exports
 * (watchlist, diary) write. Writing: `Position,Name,Year,Description`, which Letterboxd's list
 * importer accepts. CSV is read by csv-parse and written by csv-stringify, never by hand. Pure.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  decodeListBytes,
  ListParseError,
  type ListEntry,
  type ListIssue,
  type ParsedList,
} from './list-parse.ts';

const BANNER = /^letterboxd list export v(\d+)$/i;
const LIST_HEADER = ['Date', 'Name', 'Tags', 'URL', 'Description'];
const ENTRY_HEADER = ['Position', 'Name', 'Year', 'URL', 'Description'];

/** Whether a text is meant as CSV: a Letterboxd banner, or a first line with a title and Year column. */
export function looksLikeLetterboxdCsv(text: string, file = ''): boolean {
  const first = (text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '').trim();
  if (BANNER.test(first)) return true;
  if (/\.csv$/i.test(file)) return true;
  return /^"?(?:position|name|title)"?\s*,/i.test(first) && /(^|,)\s*"?year"?\s*(,|$)/i.test(first);
}

interface Row {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

function readRows(text: string, file: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // One line end everywhere: csv-parse counts a CRLF inside a quoted field as two lines.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = Number((e as unknown as { lines?: number }).lines ?? 1) || 1;
      const what =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted field is never closed (a " is missing)'
          : e.code === 'INVALID_OPENING_QUOTE'
            ? 'a " inside an unquoted field (quote the whole field and double the ")'
            : e.message.replace(/^[^:]*:\s*/, '');
      throw new ListParseError([{ file, line, message: `not readable as CSV: ${what}` }]);
    }
    throw e;
  }
  const rows: Row[] = [];
  let end = 0;
  for (const r of records) {
    rows.push({ fields: r.record, line: end + 1 });
    end = r.info.lines;
  }
  return rows;
}

const blank = (r: Row) => r.fields.every((f) => f.trim() === '');
const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x.trim().toLowerCase() === b[i]!.toLowerCase());
const shown = (r: Row) => {
  const s = r.fields.join(',');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * Parses a Letterboxd CSV into the same entries as a text list. Throws `ListParseError`, one
 * `file:line: problem` per problem (a wrong header, a row with too few fields, a bad year).
 */
export function parseLetterboxdCsv(input: string | Uint8Array, file = '<input>'): ParsedList {
  const text =
    typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeListBytes(input, file);
  if (text.includes('\u0000'))
    throw new ListParseError([
      { file, line: 1, message: 'not a CSV file: it contains binary data (NUL bytes)' },
    ]);
  const rows = readRows(text, file);
  const issues: ListIssue[] = [];
  const issue = (line: number, message: string) => issues.push({ file, line, message });
  let i = 0;
  const skipBlank = () => {
    while (i < rows.length && blank(rows[i]!)) i++;
  };
  skipBlank();
  let title: string | null = null;
  let intro = '';

  const first = rows[i];
  if (!first) throw new ListParseError([{ file, line: 1, message: 'the file is empty' }]);
  const banner = first.fields.length === 1 ? BANNER.exec(first.fields[0]!.trim()) : null;
  let header: Row | undefined;
  if (banner) {
    i++;
    const listHeader = rows[i];
    if (!listHeader || !same(listHeader.fields, LIST_HEADER)) {
      throw new ListParseError([
        {
          file,
          line: listHeader?.line ?? first.line + 1,
          message: `expected the list header "${LIST_HEADER.join(',')}" after the banner, found ${listHeader ? `"${shown(listHeader)}"` : 'the end of the file'}`,
        },
      ]);
    }
    i++;
    const list = rows[i];
    if (list && !blank(list)) {
      if (list.fields.length !== LIST_HEADER.length)
        issue(
          list.line,
          `the list row has ${list.fields.length} fields, expected ${LIST_HEADER.length} (${LIST_HEADER.join(',')})`,
        );
      title = list.fields[1]?.trim() || null;
      intro = normalizeText(list.fields[4] ?? '');
      i++;
    }
    skipBlank();
    header = rows[i];
    if (!header || !same(header.fields, ENTRY_HEADER)) {
      throw new ListParseError([
        ...issues,
        {
          file,
          line: header?.line ?? (list?.line ?? first.line) + 1,
          message: `expected the entries header "${ENTRY_HEADER.join(',')}", found ${header ? `"${shown(header)}"` : 'the end of the file'}`,
        },
      ]);
    }
  } else {
    header = first;
  }

  // Column positions by name, so a plain CSV may order or omit them.
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (...alts: string[]) => names.findIndex((n) => alts.includes(n));
  const cName = col('name', 'title');
  const cYear = col('year');
  const cPos = col('position');
  const cDesc = col('description', 'review', 'notes');
  if (cName < 0) {
    throw new ListParseError([
      {
        file,
        line: header.line,
        message: `not a Letterboxd list export: expected a first line like "Letterboxd list export v7", or a CSV header with Name (or Title) and Year columns; found "${shown(header)}"`,
      },
    ]);
  }
  i++;

  const entries: ListEntry[] = [];
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    if (blank(row)) continue;
    if (row.fields.length !== header.fields.length) {
      issue(
        row.line,
        `${row.fields.length} field${row.fields.length === 1 ? '' : 's'}, expected ${header.fields.length} (${header.fields.join(',')})`,
      );
      continue;
    }
    const name = normalizeText(row.fields[cName] ?? '');
    if (!name) {
      issue(row.line, 'a row without a film name');
      continue;
    }
    const yearText = cYear >= 0 ? (row.fields[cYear] ?? '').trim() : '';
    let year: number | null = null;
    if (yearText) {
      year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!Number.isInteger(year) || year < 1880 || year > 2100) {
        issue(row.line, `"${yearText}" is not a plausible film year`);
        continue;
      }
    }
    if (cPos >= 0) {
      const pos = (row.fields[cPos] ?? '').trim();
      if (pos && !/^\d{1,6}$/.test(pos)) {
        issue(row.line, `position "${pos}" is not a whole number`);
        continue;
      }
    }
    const desc = cDesc >= 0 ? normalizeText(row.fields[cDesc] ?? '') : '';
    entries.push({
      index: entries.length,
      line: row.line,
      heading: year ? `${name} (${year})` : name,
      title: name,
      year,
      description: desc ? { label: 'description', text: desc, line: row.line } : null,
      facts: [],
      notes: [],
    });
  }
  if (entries.length === 0 && issues.length === 0)
    issue(header.line, 'no films: the header is followed by no rows');
  if (issues.length > 0) throw new ListParseError(issues);
  return { format: 'letterboxd', title, intro, entries };
}

function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface LetterboxdRow {
  position: number;
  name: string;
  year: number;
  description: string;
}

/**
 * A collection as a CSV that Letterboxd's list importer reads: `Position,Name,Year,Description`
 * (or `Title,Year` with `minimal`), with a UTF-8 byte-order mark so spreadsheet programs read
 * the Cyrillic right.
 */
export function letterboxdCsv(
  rows: readonly LetterboxdRow[],
  opts: { minimal?: boolean } = {},
): string {
  const body = opts.minimal
    ? stringify(
        rows.map((r) => [r.name, r.year]),
        { header: true, columns: ['Title', 'Year'], record_delimiter: 'unix' },
      )
    : stringify(
        rows.map((r) => [r.position, r.name, r.year, r.description]),
        {
          header: true,
          columns: ['Position', 'Name', 'Year', 'Description'],
          record_delimiter: 'unix',
        },
      );
  return `\uFEFF${body}`;
}
