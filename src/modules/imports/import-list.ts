/** Parse and resolve in one step: what `kinoteka import list` and `POST /api/v1/imports` need. */
import { looksLikeLetterboxdCsv, parseLetterboxdCsv } from './letterboxd.ts';
import { decodeListBytes, parseList, type ListEntry, type ParsedList } from './list-parse.ts';
import {
  resolveEntries,
  type CatalogueFilm,
  type FilmsForTitle,
  type Resolution,
} from './resolve.ts';

export type ImportedEntry = ListEntry & { resolution: Resolution };

export interface ImportedList extends Omit<ParsedList, 'entries'> {
  entries: ImportedEntry[];
  counts: { resolved: number; ambiguous: number; unresolved: number };
}

/**
 * Reads a list in any of the formats we take: a Letterboxd CSV (by its banner, a header with
 * Name and Year, or a .csv name), else a plain, numbered or Markdown text list.
 */
export function parseAnyList(
  input: string | Uint8Array,
  file: string,
  format: 'auto' | 'letterboxd' | 'text' = 'auto',
): ParsedList {
  const text =
    typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeListBytes(input, file);
  return format === 'letterboxd' || (format === 'auto' && looksLikeLetterboxdCsv(text, file))
    ? parseLetterboxdCsv(text, file)
    : parseList(text, file);
}

/** Throws `ListParseError` (with `file:line` issues) when the list cannot be read. */
export function importList(
  input: string | Uint8Array,
  file: string,
  films: readonly CatalogueFilm[] | FilmsForTitle,
  format: 'auto' | 'letterboxd' | 'text' = 'auto',
): ImportedList {
  return resolveList(parseAnyList(input, file, format), films);
}

/** Resolves a list already read (ImportsService reads it first to find each title's films). */
export function resolveList(
  list: ParsedList,
  films: readonly CatalogueFilm[] | FilmsForTitle,
): ImportedList {
  const resolutions = resolveEntries(list.entries, films);
  const entries = list.entries.map((entry, i) => {
    // resolveEntries returns one resolution per entry, in order.
    const {
      index: _index,
      heading: _heading,
      ...resolution
    } = resolutions[i] as (typeof resolutions)[number];
    return { ...entry, resolution: resolution as Resolution };
  });
  const counts = { resolved: 0, ambiguous: 0, unresolved: 0 };
  for (const e of entries) counts[e.resolution.status]++;
  return { ...list, entries, counts };
}
