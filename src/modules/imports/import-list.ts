/** Parse and resolve in one step: what `kinoteka import list` and `POST /api/v1/imports` need. */
import { parseList, type ListEntry, type ParsedList } from './list-parse.ts';
import { resolveEntries, type CatalogueFilm, type Resolution } from './resolve.ts';

export type ImportedEntry = ListEntry & { resolution: Resolution };

export interface ImportedList extends Omit<ParsedList, 'entries'> {
  entries: ImportedEntry[];
  counts: { resolved: number; ambiguous: number; unresolved: number };
}

/** Throws `ListParseError` (with `file:line` issues) when the list cannot be read. */
export function importList(
  input: string | Uint8Array,
  file: string,
  films: readonly CatalogueFilm[],
): ImportedList {
  const list = parseList(input, file);
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
