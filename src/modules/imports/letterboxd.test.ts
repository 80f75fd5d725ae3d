import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importList } from './import-list.ts';
import { letterboxdCsv, parseLetterboxdCsv } from './letterboxd.ts';
import { ListParseError } from './list-parse.ts';
import type { CatalogueFilm } from './resolve.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/lists/${name}`, import.meta.url)));
const films = JSON.parse(fixture('catalogue.json').toString('utf8')) as CatalogueFilm[];

function issues(input: string | Uint8Array, file = 'list.csv'): string[] {
  try {
    parseLetterboxdCsv(input, file);
  } catch (err) {
    if (err instanceof ListParseError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected a ListParseError');
}

describe('parseLetterboxdCsv: the v7 list export', () => {
  // BOM, CRLF line ends, quoted commas, doubled quotes and newlines inside descriptions.
  const list = parseLetterboxdCsv(fixture('letterboxd-v7.csv'), 'letterboxd-v7.csv');

  it("reads the list's name and description from its own block", () => {
    expect(list.format).toBe('letterboxd');
    expect(list.title).toBe('Mothers, sons and cranes');
    expect(list.intro).toBe(
      'Films about mothers, for a seminar.\nBring tea; the second week is "long".',
    );
  });

  it('reads every row with its line, title in any script, year and description', () => {
    expect(list.entries.map((e) => [e.line, e.title, e.year, e.description?.text ?? null])).toEqual(
      [
        [7, 'Мать', 1926, "Pudovkin's silent, after Gorky."],
        [8, 'Дом, в котором я живу', 1957, null],
        [9, 'Летят журавли', 1957, 'Veronika waits.\nShe keeps waiting, across two lines.'],
        [11, 'Mother', null, null],
        [12, 'The Mother', 1975, 'Not in this catalogue.'],
      ],
    );
  });

  it('resolves what it can and leaves the rest with candidates', () => {
    const imported = importList(fixture('letterboxd-v7.csv'), 'letterboxd-v7.csv', films);
    const status = imported.entries.map((e) =>
      e.resolution.status === 'resolved' ? e.resolution.slug : e.resolution.status,
    );
    expect(status).toEqual([
      'mother-1926',
      'the-house-i-live-in-1957',
      'the-cranes-are-flying-1957',
      'ambiguous',
      'unresolved',
    ]);
    expect(imported.entries[3]?.resolution.candidates.map((c) => c.slug).sort()).toEqual([
      'mother-1926',
      'mother-1955',
      'mother-1990',
    ]);
    expect(imported.counts).toEqual({ resolved: 3, ambiguous: 1, unresolved: 1 });
  });
});

describe('parseLetterboxdCsv: a plain CSV with Name/Title and Year', () => {
  it("reads Letterboxd's importer layout and our own export", () => {
    const list = parseLetterboxdCsv('Title,Year\n"The Forty-First",1956\nВосхождение,1977\n');
    expect(list.entries.map((e) => [e.line, e.title, e.year])).toEqual([
      [2, 'The Forty-First', 1956],
      [3, 'Восхождение', 1977],
    ]);
  });
});

describe('parseLetterboxdCsv: hostile input', () => {
  it('names the line of a wrong list header after the banner', () => {
    expect(issues('Letterboxd list export v7\nDate,Title,Tags\n')).toEqual([
      'list.csv:2: expected the list header "Date,Name,Tags,URL,Description" after the banner, found "Date,Title,Tags"',
    ]);
  });

  it('names the line of a wrong entries header', () => {
    const text =
      'Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2026-01-01,L,,,\n\nPos,Film\n1,Mother\n';
    expect(issues(text)).toEqual([
      'list.csv:5: expected the entries header "Position,Name,Year,URL,Description", found "Pos,Film"',
    ]);
  });

  it('names each bad row: too few fields, a bad year, no name', () => {
    const text = [
      'Position,Name,Year,URL,Description',
      '1,Mother,1926,,',
      '2,Mother',
      '3,Mother,19x6,,',
      '4,,1957,,',
    ].join('\n');
    expect(issues(text)).toEqual([
      'list.csv:3: 2 fields, expected 5 (Position,Name,Year,URL,Description)',
      'list.csv:4: "19x6" is not a plausible film year',
      'list.csv:5: a row without a film name',
    ]);
  });

  it('reports an unclosed quote at its line', () => {
    const [message] = issues('Name,Year\nMother,1926\n"Mother,1955\n');
    expect(message).toMatch(/^list\.csv:\d+: not readable as CSV: a quoted field is never closed/);
  });

  it('refuses a file that is not CSV at all', () => {
    expect(issues('Just a paragraph about cinema.\n')).toEqual([
      'list.csv:1: not a Letterboxd list export: expected a first line like "Letterboxd list export v7", or a CSV header with Name (or Title) and Year columns; found "Just a paragraph about cinema."',
    ]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(issues(png, 'cover.csv')[0]).toMatch(/^cover\.csv:1: the file is not valid UTF-8/);
    expect(issues('Name,Year\n\u0000\u0001,1957\n')[0]).toBe(
      'list.csv:1: not a CSV file: it contains binary data (NUL bytes)',
    );
  });
});

describe('letterboxdCsv', () => {
  const rows = [
    { position: 1, name: 'Мать', year: 1926, description: 'Pudovkin, after Gorky.\nA "classic".' },
    { position: 2, name: 'The Cranes Are Flying', year: 1957, description: '' },
  ];

  it('writes Position,Name,Year,Description that csv-parse reads back field for field', () => {
    const csv = letterboxdCsv(rows);
    expect(csv.startsWith('\uFEFFPosition,Name,Year,Description\n')).toBe(true);
    const back = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(back).toEqual(
      rows.map((r) => ({
        Position: String(r.position),
        Name: r.name,
        Year: String(r.year),
        Description: r.description,
      })),
    );
  });

  it('is read by our own import as the same films in the same order', () => {
    const list = parseLetterboxdCsv(letterboxdCsv(rows));
    expect(list.entries.map((e) => [e.title, e.year, e.description?.text ?? ''])).toEqual(
      rows.map((r) => [r.name, r.year, r.description]),
    );
    expect(parseLetterboxdCsv(letterboxdCsv(rows, { minimal: true })).entries.length).toBe(2);
  });
});
