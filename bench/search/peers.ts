/**
 * The engines the benchmark compares, behind one small interface. Each peer gets the same
 * folded text our engine starts from (lower case, ё→е, diacritics and punctuation gone, see
 * `fold`), and its own best configuration for this task:
 * - MiniSearch: fields titles (boost 2), people, year; fuzzy with the budget (1 edit
 *   from 4 letters, 2 from 8), prefix on the last word, OR combination with BM25+ ranking;
 * - FlexSearch: Document index over the same fields; `tokenize` "forward" (prefix) or
 *   "tolerant" (swapped/missing letters), the LatinBalance encoder (its phonetic folding
 *   is its fuzziness), `suggest` so that a partly matching query still answers;
 * - SQLite FTS5 with the trigram tokenizer: all words as substrings (AND) ranked by bm25, and
 *   when that finds fewer than the limit, any of the query's trigrams (OR), the usual way to
 *   get typo tolerance out of a trigram index.
 * None of them gets our transliteration skeleton unless the run asks for `--skeleton-peers`,
 * which shows how much of the difference is normalization and how much is the engine.
 */
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import type { Document as FlexDocument } from 'flexsearch';
import MiniSearch from 'minisearch';
import type { SearchDocument } from '../../src/modules/search/index.ts';
import { fold, skeleton as skeletonText } from '../../src/lib/text/index.ts';
import { SearchIndex } from '../../src/modules/search/index.ts';

export interface Engine {
  name: string;
  build(docs: SearchDocument[]): void;
  search(query: string, limit: number): string[];
  /** Bytes held outside the JS heap (SQLite's pages), when the engine knows. */
  nativeBytes?(): number;
  /** Lets go of the index (the benchmark builds the next engine after). */
  close?(): void;
}

type Prep = (text: string) => string;

function docText(d: SearchDocument, prep: Prep): { titles: string; people: string; year: string } {
  return {
    titles: d.titles.map((t) => prep(t.text)).join(' | '),
    people: d.people.map(prep).join(' | '),
    year: d.year ? String(d.year) : '',
  };
}

export function ours(): Engine {
  let index: SearchIndex | null = null;
  return {
    name: 'kinoteka',
    build(docs) {
      index = SearchIndex.build(docs);
    },
    search(q, limit) {
      return (index as SearchIndex).search(q, { limit }).map((h) => h.slug);
    },
    close() {
      index = null;
    },
  };
}

export function miniSearch(skeleton = false): Engine {
  const prep: Prep = skeleton ? skeletonText : fold;
  let ms: MiniSearch | null = null;
  let slugs: string[] = [];
  return {
    name: skeleton ? 'minisearch+skeleton' : 'minisearch',
    build(docs) {
      slugs = docs.map((d) => d.slug);
      ms = new MiniSearch({
        fields: ['titles', 'people', 'year'],
        idField: 'id',
        searchOptions: {
          boost: { titles: 2 },
          fuzzy: (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
          prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
          maxFuzzy: 2,
        },
      });
      ms.addAll(docs.map((d, id) => ({ id, ...docText(d, prep) })));
    },
    search(q, limit) {
      const res = (ms as MiniSearch).search(prep(q));
      const out: string[] = [];
      for (let i = 0; i < res.length && i < limit; i++)
        out.push(slugs[res[i]?.id as number] as string);
      return out;
    },
    close() {
      ms = null;
      slugs = [];
    },
  };
}

export function flexSearch(tokenize: 'forward' | 'tolerant', skeleton = false): Engine {
  const prep: Prep = skeleton ? skeletonText : fold;
  let index: FlexDocument | null = null;
  let slugs: string[] = [];
  return {
    name: `flexsearch-${tokenize}${skeleton ? '+skeleton' : ''}`,
    build(docs) {
      slugs = docs.map((d) => d.slug);
      const field = (name: string) => ({
        field: name,
        tokenize,
        encoder: FlexSearch.Charset.LatinBalance,
      });
      const built = new FlexSearch.Document({
        document: { id: 'id', index: [field('titles'), field('people'), field('year')] },
      });
      docs.forEach((d, id) => built.add({ id, ...docText(d, prep) }));
      index = built;
    },
    search(q, limit) {
      const res = (index as FlexDocument).search(prep(q), {
        limit,
        suggest: true,
        merge: true,
      }) as unknown as { id: number }[];
      const out: string[] = [];
      for (let i = 0; i < res.length && i < limit; i++)
        out.push(slugs[res[i]?.id as number] as string);
      return out;
    },
    close() {
      index = null;
      slugs = [];
    },
  };
}

export function fts5Trigram(): Engine {
  const db = new Database(':memory:');
  let slugs: string[] = [];
  let strict: Database.Statement | null = null;
  return {
    name: 'sqlite-fts5-trigram',
    build(docs) {
      slugs = docs.map((d) => d.slug);
      db.exec(
        "CREATE VIRTUAL TABLE films USING fts5(titles, people, year, tokenize = 'trigram remove_diacritics 1')",
      );
      const insert = db.prepare(
        'INSERT INTO films (rowid, titles, people, year) VALUES (?, ?, ?, ?)',
      );
      db.transaction(() => {
        docs.forEach((d, id) => {
          const t = docText(d, fold);
          insert.run(id, t.titles, t.people, t.year);
        });
      })();
      db.exec("INSERT INTO films(films) VALUES ('optimize')");
      strict = db.prepare('SELECT rowid FROM films WHERE films MATCH ? ORDER BY rank LIMIT ?');
    },
    search(q, limit) {
      const words = fold(q)
        .split(' ')
        .filter((w) => [...w].length >= 3);
      if (words.length === 0) return [];
      const stmt = strict as Database.Statement;
      const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
      const rows = stmt.all(words.map(quote).join(' AND '), limit) as { rowid: number }[];
      const ids = rows.map((r) => r.rowid);
      if (ids.length < limit) {
        const grams = new Set<string>();
        for (const w of words) {
          const cs = [...w];
          for (let i = 0; i + 3 <= cs.length; i++) grams.add(cs.slice(i, i + 3).join(''));
        }
        const more = stmt.all([...grams].map(quote).join(' OR '), limit) as { rowid: number }[];
        for (const r of more) if (!ids.includes(r.rowid) && ids.length < limit) ids.push(r.rowid);
      }
      return ids.map((id) => slugs[id] as string);
    },
    nativeBytes() {
      const pages = db.pragma('page_count', { simple: true }) as number;
      const size = db.pragma('page_size', { simple: true }) as number;
      return pages * size;
    },
    close() {
      strict = null;
      slugs = [];
      db.close();
    },
  };
}
