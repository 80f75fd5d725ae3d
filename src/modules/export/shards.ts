/**
 * The export's search index in parts (docs/export.md, "Search without a server"): the engine's
 * index split by the first letters of its terms' keys (SearchIndex.keyPrefixParts), one
 * snapshot file per part, and a small manifest naming each part's key prefix and size. A query
 * loads the parts of its words only: the cheapest word's first; the next word's when that did
 * not answer (a title word and a name match in different parts); the others' while nothing is
 * found. Shared by the export (which writes them), the browser's
 * script (which reads them) and the tests and bench (which count the bytes a query costs).
 */
import { parseQuery, type SearchHit, type SearchIndex } from '../search/index.ts';

export const SEARCH_DIR = 'assets/search';
export const MANIFEST_FILE = `${SEARCH_DIR}/manifest.json`;

export interface ShardManifest {
  format: 'kinoteka-search-parts-1';
  /** Films in the whole index. */
  films: number;
  /** Each part's key prefix, in key order. */
  prefixes: string[];
  /** 1 where the part holds only the term equal to its prefix, else 0. */
  exact: number[];
  /** Each part's size in bytes; its file is `<index>.bin` beside the manifest. */
  bytes: number[];
}

/** A part's file, relative to the manifest's folder. */
export const partFile = (i: number): string => `${i}.bin`;

/**
 * Writes the parts through `write` (name relative to SEARCH_DIR, bytes) and returns the
 * manifest. Parts hold at most about `maxPostings` postings each (some hundreds of kB).
 */
export async function writeParts(
  index: SearchIndex,
  build: (docs: Parameters<typeof SearchIndex.build>[0]) => SearchIndex,
  write: (name: string, bytes: Uint8Array) => Promise<void>,
  maxPostings = 1000,
): Promise<ShardManifest> {
  const manifest: ShardManifest = {
    format: 'kinoteka-search-parts-1',
    films: index.size,
    prefixes: [],
    exact: [],
    bytes: [],
  };
  for (const part of index.keyPrefixParts(maxPostings)) {
    const bytes = build(part.docs).toSnapshot();
    const i = manifest.prefixes.length;
    manifest.prefixes.push(part.prefix);
    manifest.exact.push(part.exact ? 1 : 0);
    manifest.bytes.push(bytes.byteLength);
    await write(partFile(i), bytes);
  }
  return manifest;
}

/** Most bytes a word read as a prefix ("mat", the last word still being typed) may load. */
const PREFIX_BUDGET = 600_000;
/** Most bytes one word's parts may load (a very common word is searched among the first). */
const WORD_BUDGET = 1_500_000;

/** The parts holding the term `key` (several when one term's films fill more than a part). */
function partsOf(m: ShardManifest, key: string): number[] {
  // the parts whose prefix is the longest that begins the key (exact parts only for the key
  // itself); prefixes are few enough to scan
  let best: number[] = [];
  let length = -1;
  for (let i = 0; i < m.prefixes.length; i++) {
    const p = m.prefixes[i] as string;
    if (!(m.exact[i] ? p === key : key.startsWith(p))) continue;
    if (p.length > length) {
      best = [i];
      length = p.length;
    } else if (p.length === length) best.push(i);
  }
  return best;
}

/** The parts holding the terms that begin with `prefix`, shortest prefixes first, in budget. */
function partsUnder(m: ShardManifest, prefix: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < m.prefixes.length; i++) {
    const p = m.prefixes[i] as string;
    if (p.startsWith(prefix) || (!m.exact[i] && prefix.startsWith(p))) found.push(i);
  }
  found.sort(
    (a, b) =>
      (m.prefixes[a] as string).length - (m.prefixes[b] as string).length ||
      (m.bytes[a] as number) - (m.bytes[b] as number),
  );
  const out: number[] = [];
  let sum = 0;
  for (const i of found) {
    if (out.length > 0 && sum + (m.bytes[i] as number) > PREFIX_BUDGET) break;
    out.push(i);
    sum += m.bytes[i] as number;
  }
  return out;
}

/**
 * For each word the query needs (years and articles aside), the parts holding its readings:
 * the cheapest word first. The caller loads the first two and goes on only while nothing is
 * found.
 */
export function partsForQuery(m: ShardManifest, query: string): number[][] {
  const groups: { parts: number[]; bytes: number }[] = [];
  for (const w of parseQuery(query)) {
    if (!w.required) continue;
    const parts = new Set<number>();
    for (const k of w.keys) for (const i of partsOf(m, k)) parts.add(i);
    for (const p of w.prefixKeys ?? []) for (const i of partsUnder(m, p)) parts.add(i);
    if (parts.size === 0) continue;
    // a word as common as "love" is in many parts: only the first ones, within the budget
    const list: number[] = [];
    let bytes = 0;
    for (const i of [...parts].sort((a, b) => a - b)) {
      if (list.length > 0 && bytes + (m.bytes[i] as number) > WORD_BUDGET) break;
      list.push(i);
      bytes += m.bytes[i] as number;
    }
    groups.push({ parts: list, bytes });
  }
  return groups.sort((a, b) => a.bytes - b.bytes).map((g) => g.parts);
}

export interface PartHit {
  hit: SearchHit;
  /** The part that found it (its document has the titles to show). */
  index: SearchIndex;
}

/**
 * Searches the parts a query needs, loading each at most once through `load`: the cheapest
 * word's parts and the next word's beside them (a title word and a name match in different
 * parts), then the other words' while nothing is found. Hits found in several parts keep their
 * best score; scores do not depend on which other films a part holds, so they compare.
 */
export async function searchParts(
  m: ShardManifest,
  query: string,
  load: (part: number) => Promise<SearchIndex>,
  limit: number,
): Promise<{ hits: PartHit[]; parts: number[] }> {
  const best = new Map<string, PartHit>();
  const searched: number[] = [];
  const groups = partsForQuery(m, query);
  // a title that matched every word exactly or as a prefix (the engine's stage-1 answer, the
  // year's bonus included when one is typed) needs no other word's parts
  const answered = 300 + (parseQuery(query).some((w) => w.year > 0) ? 1000 : 0);
  let top = -Infinity;
  for (let g = 0; g < groups.length; g++) {
    if (best.size > 0 && (g >= 2 || top >= answered)) break;
    for (const i of groups[g] as number[]) {
      if (searched.includes(i)) continue;
      searched.push(i);
      const index = await load(i);
      for (const hit of index.search(query, { limit })) {
        const prev = best.get(hit.slug);
        if (!prev || hit.score > prev.hit.score) best.set(hit.slug, { hit, index });
        if (hit.score > top) top = hit.score;
      }
    }
  }
  const hits = [...best.values()]
    .sort(
      (a, b) =>
        b.hit.score - a.hit.score ||
        (a.hit.slug < b.hit.slug ? -1 : a.hit.slug > b.hit.slug ? 1 : 0),
    )
    .slice(0, limit);
  return { hits, parts: searched };
}
