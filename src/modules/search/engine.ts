/**
 * The in-memory film search engine: pure, database-free, deterministic.
 *
 * Layout (all typed arrays, so a million films stay compact and the GC has little to walk):
 * - terms are skeleton keys (see src/lib/text/skeleton.ts), numbered by (length, text) so that the terms of
 *   one length are one id range; `lexOrder` lists them alphabetically for exact and prefix
 *   look-ups by binary search;
 * - postings: for each term, the ascending ids of the documents that contain it (CSR);
 * - one edit: the deletion neighbourhood of every term, hashed into buckets (SymSpell's
 *   symmetric deletion), so a key's n + 1 deletions find every term one edit away;
 * - two edits: a padded-trigram index over the longer terms, read with the count filter
 *   (a key within k edits shares at least grams − 3k − 1 trigrams with it) over the id range
 *   of lengths n−k..n+k; every candidate is verified with bounded OSA distance;
 * - a forward index (document → fields → term ids) lets the ranking check each candidate's
 *   titles word by word without touching strings.
 *
 * A query drives candidates from its most selective word (fewest postings after expansion),
 * narrows them by the next words when the set is large, then scores each survivor. Typo
 * matches are searched in stages, only when exact and prefix matches do not answer. Ties are
 * broken by slug, and nothing depends on the order documents arrived in, so any database
 * that feeds the same documents gets the same results.
 */
import {
  boundedOsa,
  foldWord,
  hasCyrillic,
  prefixVariants,
  skeletonKey,
  skeletonVariants,
  tokenize,
} from '../../lib/text/index.ts';
import type { TitleKind } from '../catalog/index.ts';
import { isYearToken, OPTIONAL_WORDS } from './words.ts';

export type { TitleKind };

export interface SearchDocument {
  slug: string;
  titles: { text: string; kind: TitleKind }[];
  /** People's names, in any script (director, cast...). */
  people: string[];
  year: number | null;
}

export interface SearchHit {
  slug: string;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** The title that matched (in the query's script when the film has one); for a match on a
   * person alone, the film's display title. */
  matchedTitle: string;
  /** 'person' when the match needed a person's name. */
  matchedField: 'title' | 'person';
  /** The person's name that matched, when one did. */
  matchedPerson?: string;
  year: number | null;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

export type ProgressFn = (done: number, total?: number) => void;

const KIND_CODE: Record<TitleKind, number> = {
  original: 0,
  english: 1,
  transliteration: 2,
  alternative: 3,
};
const KIND_NAMES: TitleKind[] = ['original', 'english', 'transliteration', 'alternative'];
const PERSON = 4;
/** Bonus a title of each kind adds within a tier: a match on the original or English title
 * is a better answer than one on an alternative title. */
const KIND_BONUS = [4, 4, 3, 0];

/** Marks a term id that is another reading of the same word as the previous id. */
const ALT = 0x80000000;
const ID_MASK = 0x7fffffff;

/** Most words of a query that take part (the rest are ignored). */
const MAX_WORDS = 12;
/** Prefix expansions beyond this many terms keep only the shortest completions. */
const PREFIX_TERM_CAP = 4000;
/** Above this many postings, a short word is a worse driver than a long word expanded by
 * two edits (see twoEdits). */
const LAZY_DRIVER_MAX = 3000;
/** A prefix expands to completions, shortest first, until they hold this many postings. */
const PREFIX_POSTINGS_CAP = 5000;
/** Below this many candidates, scoring each is cheaper than intersecting postings first. */
const NARROW_THRESHOLD = 400;

const NONE = 255;
const Q_EXACT = 0;
const Q_PREFIX = 1;
/** Quality codes 2 and 3 are fuzzy matches at distance 1 and 2. */
const Q_FUZZY = 1;

const GRAM_BASE = 64;
const GRAM_START = 37;
const GRAM_END = 38;

function gramCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 48 && c <= 57) return c - 48 + 27;
  return 39 + (c % 25);
}

/** Unique padded-trigram ids of a key: "$$key##". */
function keyGrams(key: string, out: number[]): number {
  out.length = 0;
  const n = key.length;
  let a = GRAM_START;
  let b = GRAM_START;
  for (let i = 0; i <= n + 1; i++) {
    const c = i < n ? gramCode(key.charCodeAt(i)) : GRAM_END;
    const g = (a * GRAM_BASE + b) * GRAM_BASE + c;
    if (!out.includes(g)) out.push(g);
    a = b;
    b = c;
  }
  return out.length;
}

/** Terms of these lengths can be one edit from a key of 4 letters or more. */
const DELETE_MIN_LENGTH = 3;
const DELETE_MAX_LENGTH = 40;
/** Terms from this length can be within two edits of an 8-letter key. */
const GRAM_MIN_LENGTH = 6;

/** FNV-1a over the key's codes, leaving out position `skip` (-1: none). */
function deletionHash(codes: ArrayLike<number>, n: number, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    if (i === skip) continue;
    h = Math.imul(h ^ (codes[i] as number), 0x01000193);
  }
  return h >>> 0;
}

function grow32(a: Uint32Array, need: number): Uint32Array {
  if (need <= a.length) return a;
  const b = new Uint32Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}
function grow16(a: Int16Array, need: number): Int16Array {
  if (need <= a.length) return a;
  const b = new Int16Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}
function grow8(a: Uint8Array, need: number): Uint8Array {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2, 16));
  b.set(a);
  return b;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Fuzzy budget for a word by its skeleton length: 1 edit from 4 letters, 2 from 8. */
export function editBudget(keyLength: number): number {
  return keyLength >= 8 ? 2 : keyLength >= 4 ? 1 : 0;
}

interface QueryWord {
  bit: number;
  keys: string[];
  prefixKeys: string[] | null;
  k: number;
  year: number;
  optional: boolean;
  required: boolean;
  terms: number[];
  total: number;
}

interface Ranked {
  doc: number;
  score: number;
  slug: string;
  titleField: number;
  personField: number;
  person: boolean;
}

/** Ranking order: score descending, then slug ascending (code-unit order, locale-free). */
function before(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.slug < b.slug;
}

/** Everything built from the documents at `build` or compaction time. */
interface Frozen {
  termCount: number;
  termOff: Uint32Array;
  termChars: Uint16Array;
  /** First term id of each key length (length L: ids lenStart[L]..lenStart[L+1]). */
  lenStart: Uint32Array;
  lexOrder: Uint32Array;
  postOff: Uint32Array;
  post: Uint32Array;
  gramOff: Uint32Array;
  gramTerms: Uint32Array;
  /** Deletion-neighbourhood buckets (hash & delMask) → term ids. */
  delOff: Uint32Array;
  delTerms: Uint32Array;
  delMask: number;
}

export class SearchIndex {
  // documents
  private slugs: string[] = [];
  private years: Int16Array = new Int16Array(16);
  private alive: Uint8Array = new Uint8Array(16);
  private docFieldOff: Uint32Array = new Uint32Array(16);
  private docCount = 0;
  private liveCount = 0;
  private bySlug = new Map<string, number>();
  // fields: titles and people, each a run of term ids
  private fieldText: string[] = [];
  private fieldKind: Uint8Array = new Uint8Array(16);
  /** 0, or 1 + the field (of the same document) whose words this one repeats. */
  private fieldDup: Uint32Array = new Uint32Array(16);
  private fieldTokOff: Uint32Array = new Uint32Array(16);
  private fieldCount = 0;
  private tokens: Uint32Array = new Uint32Array(16);
  private tokenCount = 0;
  // terms
  private frozen: Frozen;
  private extraKeys: string[] = [];
  private extraIds = new Map<string, number>();
  /** Postings of documents added since the last build, per term. */
  private delta = new Map<number, number[]>();
  private deltaDocs = 0;
  private deadDocs = 0;
  private yearDocs = new Map<number, number[]>();
  private stopIds: number[] = [];
  // per-query scratch, reused so that a query allocates almost nothing
  private epoch = 0;
  private termStamp: Uint32Array = new Uint32Array(16);
  private termSlot: Int32Array = new Int32Array(16);
  private slotQ: Uint8Array = new Uint8Array(16 * MAX_WORDS);
  private slotMask: Uint32Array = new Uint32Array(16);
  private slotCount = 0;
  private docStamp: Uint32Array = new Uint32Array(16);
  private lazyStamp: Uint32Array = new Uint32Array(16);
  private docEpoch = 0;
  private gramStamp: Uint32Array = new Uint32Array(16);
  private gramCount: Uint8Array = new Uint8Array(16);
  private gramEpoch = 0;
  private readonly grams: number[] = [];
  private readonly found: number[] = [];
  private keyCodes: Uint16Array = new Uint16Array(64);

  private constructor() {
    this.frozen = emptyFrozen();
  }

  /** Builds an index over the documents; `onProgress` hears (done, total) as they are read. */
  static build(docs: Iterable<SearchDocument>, onProgress?: ProgressFn): SearchIndex {
    const index = new SearchIndex();
    index.buildFrom(docs, onProgress);
    return index;
  }

  /** Number of documents searchable now. */
  get size(): number {
    return this.liveCount;
  }

  /** Adds a document, replacing any with the same slug. */
  add(doc: SearchDocument): void {
    this.removeSlug(doc.slug);
    const keyToId = (key: string): number => this.lookupOrCreate(key);
    const d = this.appendDoc(doc, keyToId);
    // postings of the new document go to the delta until the next compaction
    const seen = new Set<number>();
    const f0 = this.docFieldOff[d] as number;
    const f1 = this.docFieldOff[d + 1] as number;
    for (let t = this.fieldTokOff[f0] as number; t < (this.fieldTokOff[f1] as number); t++) {
      const id = (this.tokens[t] as number) & ID_MASK;
      if (seen.has(id)) continue;
      seen.add(id);
      let list = this.delta.get(id);
      if (!list) this.delta.set(id, (list = []));
      list.push(d);
    }
    this.deltaDocs++;
    this.maybeCompact();
  }

  /** Removes the document with this slug; true if there was one. */
  remove(slug: string): boolean {
    const removed = this.removeSlug(slug);
    if (removed) this.maybeCompact();
    return removed;
  }

  /** Rebuilds the frozen structures from the live documents (done automatically as needed). */
  compact(): void {
    const docs: SearchDocument[] = [];
    for (let d = 0; d < this.docCount; d++) if (this.alive[d]) docs.push(this.documentAt(d));
    const fresh = SearchIndex.build(docs);
    Object.assign(this, fresh);
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(opts.limit ?? 20));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    if (limit === 0) return [];
    const words = this.parseQuery(query);
    if (words.length === 0) return [];
    const want = offset + limit;
    const years: number[] = [];
    for (const w of words) if (w.year > 0 && !years.includes(w.year)) years.push(w.year);

    // Typo matches are looked for only when the exact ones do not answer (as Typesense
    // does): stage 1 takes exact and prefix matches, stage 2 adds words one edit away, stage
    // 3 two edits away (for words of 8 letters or more) and leaves out words that still
    // match nothing. A stage answers when a title matched exactly or as a prefix, or its hits
    // of tier 2 or better fill the page; stage 2 answers with any hit. Typo matches rank in
    // the fuzzy tier, below every hit that stage 1 keeps.
    const yearBonus = years.length > 0 ? 1000 : 0;
    const required = words.filter((w) => w.required);
    const allMatch = (): boolean => required.every((w) => w.total > 0);
    this.nextEpoch();
    for (const w of words) this.expandExact(w);
    if (allMatch()) {
      const top = this.rank(words, years, want, required, null);
      const best = top[0];
      const last = top[want - 1];
      if (
        (best !== undefined && best.score >= yearBonus + 300) ||
        (last !== undefined && last.score >= yearBonus + 200)
      ) {
        return this.hits(top, offset, query);
      }
    }
    for (const w of words) if (w.k > 0) this.expandFuzzy(w, 1);
    if (allMatch()) {
      const top = this.rank(words, years, want, required, null);
      if (top.length > 0) return this.hits(top, offset, query);
    }
    return this.hits(this.twoEdits(words, years, want), offset, query);
  }

  /**
   * Stage 3. Expanding a long word to every term two edits away costs a scan of trigram
   * lists; doing it for every word of a long title would dominate the query. So candidates
   * come from the words already expanded (the shorter ones, or one long word expanded
   * fully), and the other long words are compared, lazily, with the few terms of those
   * candidates only. Words that match nothing are left out, as a last resort.
   */
  private twoEdits(words: QueryWord[], years: number[], want: number): Ranked[] {
    const required = words.filter((w) => w.required);
    let lazy = required.filter((w) => w.k > 1);
    let drivers = required.filter((w) => w.k < 2 && w.total > 0);
    const cheapest = (): number => Math.min(...drivers.map((w) => w.total));
    while (lazy.length > 0 && (drivers.length === 0 || cheapest() > LAZY_DRIVER_MAX)) {
      // the longest word has the most trigrams, hence the most selective filter
      const w = lazy.reduce((a, b) =>
        (b.keys[0] as string).length > (a.keys[0] as string).length ? b : a,
      );
      this.expandFuzzy(w, 2);
      lazy = lazy.filter((x) => x !== w);
      if (w.total > 0) drivers = [...drivers, w];
    }
    if (drivers.length === 0) {
      if (required.length > 0 || years.length === 0) return [];
      return this.rank(words, years, want, required, null);
    }
    const candidates = this.candidatesFor(drivers);
    if (lazy.length > 0) for (const d of candidates) this.checkLazy(d, lazy);
    const top = this.rank(words, years, want, [...drivers, ...lazy], candidates);
    return top.length > 0 || lazy.length === 0
      ? top
      : this.rank(words, years, want, drivers, candidates);
  }

  /** Marks the document's terms that are two edits from one of the `lazy` words. */
  private checkLazy(d: number, lazy: QueryWord[]): void {
    const { termCount, termOff, termChars } = this.frozen;
    const stamp = this.lazyStamp;
    const e = this.epoch;
    const t0 = this.fieldTokOff[this.docFieldOff[d] as number] as number;
    const t1 = this.fieldTokOff[this.docFieldOff[d + 1] as number] as number;
    for (let t = t0; t < t1; t++) {
      const id = (this.tokens[t] as number) & ID_MASK;
      if (stamp[id] === e) continue;
      stamp[id] = e;
      let chars: ArrayLike<number> = termChars;
      let a: number;
      let b: number;
      if (id < termCount) {
        a = termOff[id] as number;
        b = termOff[id + 1] as number;
      } else {
        const key = this.extraKeys[id - termCount] as string;
        const codes = new Uint16Array(key.length);
        for (let i = 0; i < key.length; i++) codes[i] = key.charCodeAt(i);
        chars = codes;
        a = 0;
        b = key.length;
      }
      for (const w of lazy) {
        const wi = 31 - Math.clz32(w.bit);
        for (const key of w.keys.slice(0, 2)) {
          if (Math.abs(key.length - (b - a)) > 2) continue;
          const codes = this.loadKey(key);
          if (boundedOsa(codes, key.length, chars, a, b, 2) === 2) {
            this.mark(id, w, wi, Q_FUZZY + 2);
            break;
          }
        }
      }
    }
  }

  private hits(top: Ranked[], offset: number, query: string): SearchHit[] {
    const cyrillicQuery = hasCyrillic(query);
    return top.slice(offset).map((r) => this.toHit(r, cyrillicQuery));
  }

  /** The `want` best documents for the words as expanded so far. */
  private rank(
    words: QueryWord[],
    years: number[],
    want: number,
    required: QueryWord[],
    given: number[] | null,
  ): Ranked[] {
    let reqMask = 0;
    for (const w of required) reqMask |= w.bit;
    let candidates: number[];
    if (given !== null) {
      candidates = given;
    } else if (required.length > 0) {
      candidates = this.candidatesFor(required);
    } else if (years.length > 0 && words.every((w) => w.year > 0 || w.optional)) {
      candidates = this.yearCandidates(years, words);
    } else {
      return [];
    }
    const top: Ranked[] = [];
    for (const d of candidates) {
      const r = this.scoreDoc(d, words, reqMask, years);
      if (r === null) continue;
      if (top.length === want && !before(r, top[want - 1] as Ranked)) continue;
      let i = top.length;
      if (i === want) i--;
      while (i > 0 && before(r, top[i - 1] as Ranked)) {
        top[i] = top[i - 1] as Ranked;
        i--;
      }
      top[i] = r;
    }
    return top;
  }

  // ---------------------------------------------------------------- building

  private buildFrom(docs: Iterable<SearchDocument>, onProgress?: ProgressFn): void {
    const total = Array.isArray(docs) ? docs.length : undefined;
    // Pass 1: read documents, interning keys under provisional ids.
    const provisional = new Map<string, number>();
    const keys: string[] = [];
    const keyToId = (key: string): number => {
      let id = provisional.get(key);
      if (id === undefined) {
        id = keys.length;
        keys.push(key);
        provisional.set(key, id);
      }
      return id;
    };
    const tokenCache = new Map<string, number[]>();
    let done = 0;
    for (const doc of docs) {
      this.removeSlug(doc.slug);
      this.appendDoc(doc, keyToId, tokenCache);
      done++;
      if (onProgress && done % 10000 === 0) onProgress(done, total);
    }
    tokenCache.clear();

    // Pass 2: number terms by (length, text) and rewrite the forward index. The default
    // sort compares UTF-16 code units, as compareKey does; bucketing the sorted keys by
    // length (stable) gives the (length, text) order without a comparator.
    const T = keys.length;
    const sorted = keys.slice().sort();
    keys.length = 0;
    let maxLen = 0;
    let chars = 0;
    for (const k of sorted) {
      if (k.length > maxLen) maxLen = k.length;
      chars += k.length;
    }
    const lenStart = new Uint32Array(maxLen + 2);
    for (const k of sorted) lenStart[k.length + 1] = (lenStart[k.length + 1] as number) + 1;
    for (let L = 0; L <= maxLen; L++) {
      lenStart[L + 1] = (lenStart[L + 1] as number) + (lenStart[L] as number);
    }
    const cursor = lenStart.slice();
    const lexOrder = new Uint32Array(T);
    const remap = new Uint32Array(T);
    const termKeys: string[] = new Array<string>(T);
    for (let i = 0; i < T; i++) {
      const k = sorted[i] as string;
      const id = cursor[k.length] as number;
      cursor[k.length] = id + 1;
      lexOrder[i] = id;
      termKeys[id] = k;
      remap[provisional.get(k) as number] = id;
    }
    sorted.length = 0;
    provisional.clear();
    for (let t = 0; t < this.tokenCount; t++) {
      const v = this.tokens[t] as number;
      this.tokens[t] = ((v & ALT) | (remap[v & ID_MASK] as number)) >>> 0;
    }
    const termOff = new Uint32Array(T + 1);
    const termChars = new Uint16Array(chars);
    let pos = 0;
    for (let i = 0; i < T; i++) {
      const k = termKeys[i] as string;
      termOff[i] = pos;
      for (let j = 0; j < k.length; j++) termChars[pos++] = k.charCodeAt(j);
    }
    termOff[T] = pos;

    // Postings, each document once per term.
    const lastDoc = new Int32Array(T).fill(-1);
    const postOff = new Uint32Array(T + 1);
    for (let d = 0; d < this.docCount; d++) {
      if (!this.alive[d]) continue;
      const t0 = this.fieldTokOff[this.docFieldOff[d] as number] as number;
      const t1 = this.fieldTokOff[this.docFieldOff[d + 1] as number] as number;
      for (let t = t0; t < t1; t++) {
        const id = (this.tokens[t] as number) & ID_MASK;
        if (lastDoc[id] === d) continue;
        lastDoc[id] = d;
        postOff[id + 1] = (postOff[id + 1] as number) + 1;
      }
    }
    for (let i = 0; i < T; i++)
      postOff[i + 1] = (postOff[i + 1] as number) + (postOff[i] as number);
    const post = new Uint32Array(postOff[T] as number);
    const fill = postOff.slice(0, T);
    lastDoc.fill(-1);
    for (let d = 0; d < this.docCount; d++) {
      if (!this.alive[d]) continue;
      const t0 = this.fieldTokOff[this.docFieldOff[d] as number] as number;
      const t1 = this.fieldTokOff[this.docFieldOff[d + 1] as number] as number;
      for (let t = t0; t < t1; t++) {
        const id = (this.tokens[t] as number) & ID_MASK;
        if (lastDoc[id] === d) continue;
        lastDoc[id] = d;
        const at = fill[id] as number;
        post[at] = d;
        fill[id] = at + 1;
      }
    }

    // Trigram index over the terms long enough to be two edits from an 8-letter key; ids
    // ascend within each list, so lengths come in runs.
    const G = GRAM_BASE * GRAM_BASE * GRAM_BASE;
    const gramOff = new Uint32Array(G + 1);
    const grams = this.grams;
    const gramFrom = lenStart[Math.min(GRAM_MIN_LENGTH, maxLen + 1)] as number;
    for (let i = gramFrom; i < T; i++) {
      keyGrams(termKeys[i] as string, grams);
      for (const g of grams) gramOff[g + 1] = (gramOff[g + 1] as number) + 1;
    }
    for (let g = 0; g < G; g++) {
      gramOff[g + 1] = (gramOff[g + 1] as number) + (gramOff[g] as number);
    }
    const gramTerms = new Uint32Array(gramOff[G] as number);
    const gfill = gramOff.slice(0, G);
    for (let i = gramFrom; i < T; i++) {
      keyGrams(termKeys[i] as string, grams);
      for (const g of grams) {
        const at = gfill[g] as number;
        gramTerms[at] = i;
        gfill[g] = at + 1;
      }
    }

    // Deletion neighbourhoods of the terms one edit can reach from a key of 4 letters or more.
    const delFrom = lenStart[Math.min(DELETE_MIN_LENGTH, maxLen + 1)] as number;
    const delTo = lenStart[Math.min(DELETE_MAX_LENGTH + 1, maxLen + 1)] as number;
    let entries = 0;
    for (let i = delFrom; i < delTo; i++)
      entries += (termOff[i + 1] as number) - (termOff[i] as number) + 1;
    let buckets = 1;
    while (buckets < entries / 2) buckets *= 2;
    const delMask = buckets - 1;
    const delOff = new Uint32Array(buckets + 1);
    const codes = new Uint16Array(maxLen + 1);
    // two passes over the same deletions: count per bucket, then fill
    let delTerms = new Uint32Array(0);
    let dfill = new Uint32Array(0);
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1) {
        for (let b = 0; b < buckets; b++) {
          delOff[b + 1] = (delOff[b + 1] as number) + (delOff[b] as number);
        }
        delTerms = new Uint32Array(delOff[buckets] as number);
        dfill = delOff.slice(0, buckets);
      }
      for (let i = delFrom; i < delTo; i++) {
        const s0 = termOff[i] as number;
        const n = (termOff[i + 1] as number) - s0;
        for (let j = 0; j < n; j++) codes[j] = termChars[s0 + j] as number;
        for (let skip = -1; skip < n; skip++) {
          if (skip > 0 && codes[skip] === codes[skip - 1]) continue;
          const bucket = deletionHash(codes, n, skip) & delMask;
          if (pass === 0) {
            delOff[bucket + 1] = (delOff[bucket + 1] as number) + 1;
          } else {
            const at = dfill[bucket] as number;
            delTerms[at] = i;
            dfill[bucket] = at + 1;
          }
        }
      }
    }

    this.frozen = {
      termCount: T,
      termOff,
      termChars,
      lenStart,
      lexOrder,
      postOff,
      post,
      gramOff,
      gramTerms,
      delOff,
      delTerms,
      delMask,
    };
    this.extraKeys = [];
    this.extraIds = new Map();
    this.delta = new Map();
    this.deltaDocs = 0;
    this.stopIds = [];
    for (const w of OPTIONAL_WORDS) {
      const id = this.lookup(skeletonKey(w));
      if (id >= 0) this.stopIds.push(id);
    }
    this.resizeScratch();
    if (onProgress) onProgress(done, total ?? done);
  }

  /** Appends one document's fields and tokens; returns its id. */
  private appendDoc(
    doc: SearchDocument,
    keyToId: (key: string) => number,
    cache?: Map<string, number[]>,
  ): number {
    const d = this.docCount++;
    this.liveCount++;
    this.slugs[d] = doc.slug;
    this.bySlug.set(doc.slug, d);
    this.years = grow16(this.years, d + 1);
    this.years[d] = doc.year ?? 0;
    this.alive = grow8(this.alive, d + 1);
    this.alive[d] = 1;
    if (doc.year) {
      let list = this.yearDocs.get(doc.year);
      if (!list) this.yearDocs.set(doc.year, (list = []));
      list.push(d);
    }
    this.docFieldOff = grow32(this.docFieldOff, d + 2);
    const firstField = this.fieldCount;
    this.docFieldOff[d] = firstField;
    for (const t of doc.titles) {
      this.appendField(
        t.text,
        KIND_CODE[t.kind] ?? KIND_CODE.alternative,
        firstField,
        keyToId,
        cache,
      );
    }
    for (const p of doc.people) this.appendField(p, PERSON, firstField, keyToId, cache);
    this.docFieldOff[d + 1] = this.fieldCount;
    return d;
  }

  private appendField(
    text: string,
    kind: number,
    firstField: number,
    keyToId: (key: string) => number,
    cache: Map<string, number[]> | undefined,
  ): void {
    const f = this.fieldCount++;
    this.fieldText[f] = text;
    this.fieldKind = grow8(this.fieldKind, f + 1);
    this.fieldKind[f] = kind;
    this.fieldDup = grow32(this.fieldDup, f + 1);
    this.fieldTokOff = grow32(this.fieldTokOff, f + 2);
    const start = this.tokenCount;
    this.fieldTokOff[f] = start;
    for (const raw of tokenize(text)) {
      let ids = cache?.get(raw);
      if (ids === undefined) {
        ids = skeletonVariants(raw).map(keyToId);
        cache?.set(raw, ids);
      }
      this.tokens = grow32(this.tokens, this.tokenCount + ids.length);
      for (let i = 0; i < ids.length; i++) {
        this.tokens[this.tokenCount++] =
          (i === 0 ? (ids[i] as number) : (ids[i] as number) | ALT) >>> 0;
      }
    }
    this.fieldTokOff[f + 1] = this.tokenCount;
    // A field whose words repeat an earlier one of the same class (Летят журавли and
    // Letyat zhuravli) is scored once; its text still serves as the displayed title.
    // The group's representative is its (kind, text)-first field, so the score and the
    // tie-breaks come out the same in whatever order a database lists the titles.
    this.fieldDup[f] = 0;
    const isPerson = kind === PERSON;
    for (let g = firstField; g < f; g++) {
      if ((this.fieldKind[g] === PERSON) !== isPerson || this.fieldDup[g] !== 0) continue;
      if (!this.sameTokens(g, f)) continue;
      if (this.fieldBefore(f, g)) {
        for (let h = firstField; h < f; h++) {
          if (h === g || this.fieldDup[h] === g + 1) this.fieldDup[h] = f + 1;
        }
      } else {
        this.fieldDup[f] = g + 1;
      }
      break;
    }
  }

  private sameTokens(f: number, g: number): boolean {
    const a0 = this.fieldTokOff[f] as number;
    const a1 = this.fieldTokOff[f + 1] as number;
    const b0 = this.fieldTokOff[g] as number;
    const b1 = this.fieldTokOff[g + 1] as number;
    if (a1 - a0 !== b1 - b0) return false;
    for (let i = 0; i < a1 - a0; i++) if (this.tokens[a0 + i] !== this.tokens[b0 + i]) return false;
    return true;
  }

  private removeSlug(slug: string): boolean {
    const d = this.bySlug.get(slug);
    if (d === undefined) return false;
    this.bySlug.delete(slug);
    this.alive[d] = 0;
    this.liveCount--;
    this.deadDocs++;
    return true;
  }

  private maybeCompact(): void {
    const base = Math.max(1000, this.liveCount);
    if (this.deltaDocs + this.deadDocs > base / 4 || this.extraKeys.length > 50000) this.compact();
  }

  private documentAt(d: number): SearchDocument {
    const titles: SearchDocument['titles'] = [];
    const people: string[] = [];
    for (let f = this.docFieldOff[d] as number; f < (this.docFieldOff[d + 1] as number); f++) {
      const kind = this.fieldKind[f] as number;
      if (kind === PERSON) people.push(this.fieldText[f] as string);
      else
        titles.push({ text: this.fieldText[f] as string, kind: KIND_NAMES[kind] ?? 'alternative' });
    }
    const year = this.years[d] as number;
    return { slug: this.slugs[d] as string, titles, people, year: year === 0 ? null : year };
  }

  private resizeScratch(): void {
    const terms = this.frozen.termCount + this.extraKeys.length + 1;
    if (this.termStamp.length < terms) {
      const size = Math.max(terms, this.termStamp.length * 2);
      const stamp = new Uint32Array(size);
      stamp.set(this.termStamp);
      this.termStamp = stamp;
      const slot = new Int32Array(size);
      slot.set(this.termSlot);
      this.termSlot = slot;
      const lazy = new Uint32Array(size);
      lazy.set(this.lazyStamp);
      this.lazyStamp = lazy;
    }
    if (this.gramStamp.length < this.frozen.termCount) {
      this.gramStamp = new Uint32Array(this.frozen.termCount);
      this.gramCount = new Uint8Array(this.frozen.termCount);
      this.gramEpoch = 0;
    }
    if (this.docStamp.length < this.docCount + 1) {
      const stamp = new Uint32Array(Math.max(this.docCount + 1, this.docStamp.length * 2));
      stamp.set(this.docStamp);
      this.docStamp = stamp;
    }
  }

  // ---------------------------------------------------------------- terms

  /** Compares `key` with term `id`: negative if key sorts first. */
  private compareKey(key: string, id: number): number {
    const { termOff, termChars } = this.frozen;
    const s = termOff[id] as number;
    const n = (termOff[id + 1] as number) - s;
    const m = key.length;
    const l = m < n ? m : n;
    for (let i = 0; i < l; i++) {
      const diff = key.charCodeAt(i) - (termChars[s + i] as number);
      if (diff !== 0) return diff;
    }
    return m - n;
  }

  /** First position in lexOrder whose term is >= key (or, with `prefixEnd`, > every
   * term that starts with key). */
  private lowerBound(key: string, prefixEnd: boolean): number {
    const { lexOrder, termOff, termChars } = this.frozen;
    let lo = 0;
    let hi = lexOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const id = lexOrder[mid] as number;
      let c: number;
      if (prefixEnd) {
        // compare key with the term cut to key's length: a term that starts with key is "less"
        const s = termOff[id] as number;
        const n = (termOff[id + 1] as number) - s;
        c = 0;
        const l = key.length < n ? key.length : n;
        for (let i = 0; i < l && c === 0; i++) c = key.charCodeAt(i) - (termChars[s + i] as number);
        if (c === 0) c = n >= key.length ? 1 : key.length - n;
        c = c > 0 ? 1 : -1;
        // c > 0: key (as prefix) sorts after the term → go right
        if (c > 0) lo = mid + 1;
        else hi = mid;
        continue;
      }
      c = this.compareKey(key, id);
      if (c > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Term id of a key, or -1. */
  private lookup(key: string): number {
    const { lexOrder } = this.frozen;
    const i = this.lowerBound(key, false);
    if (i < lexOrder.length && this.compareKey(key, lexOrder[i] as number) === 0) {
      return lexOrder[i] as number;
    }
    return this.extraIds.get(key) ?? -1;
  }

  private lookupOrCreate(key: string): number {
    const id = this.lookup(key);
    if (id >= 0) return id;
    const fresh = this.frozen.termCount + this.extraKeys.length;
    this.extraKeys.push(key);
    this.extraIds.set(key, fresh);
    this.resizeScratch();
    return fresh;
  }

  private termLength(id: number): number {
    const { termCount, termOff } = this.frozen;
    if (id < termCount) return (termOff[id + 1] as number) - (termOff[id] as number);
    return (this.extraKeys[id - termCount] as string).length;
  }

  private docFrequency(id: number): number {
    const { termCount, postOff } = this.frozen;
    const base = id < termCount ? (postOff[id + 1] as number) - (postOff[id] as number) : 0;
    return base + (this.delta.get(id)?.length ?? 0);
  }

  // ---------------------------------------------------------------- queries

  private nextEpoch(): void {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.termStamp.fill(0);
      this.lazyStamp.fill(0);
      this.epoch = 1;
    }
    this.slotCount = 0;
  }

  private parseQuery(query: string): QueryWord[] {
    const raws = tokenize(query).slice(0, MAX_WORDS);
    const words: QueryWord[] = [];
    const trailingSpace = /\s$/.test(query);
    raws.forEach((raw, i) => {
      const keys = skeletonVariants(raw);
      if (keys.length === 0) return;
      const isLast = i === raws.length - 1 && !trailingSpace;
      const year = isYearToken(raw) ? Number(raw) : 0;
      const optional = OPTIONAL_WORDS.has(foldWord(raw));
      words.push({
        bit: 1 << words.length,
        keys,
        prefixKeys: isLast && year === 0 ? prefixVariants(raw) : null,
        k: year > 0 ? 0 : editBudget((keys[0] as string).length),
        year,
        optional,
        required: year === 0 && !optional,
        terms: [],
        total: 0,
      });
    });
    // A query of articles alone ("the") still has to match them.
    if (words.every((w) => !w.required && w.year === 0)) for (const w of words) w.required = true;
    return words;
  }

  /** Records that term `id` matches word `w` with quality `q` (keeping the best). */
  private mark(id: number, w: QueryWord, wi: number, q: number): void {
    let slot: number;
    if (this.termStamp[id] !== this.epoch) {
      this.termStamp[id] = this.epoch;
      slot = this.slotCount++;
      this.termSlot[id] = slot;
      if ((slot + 1) * MAX_WORDS > this.slotQ.length) {
        const q2 = new Uint8Array(this.slotQ.length * 2);
        q2.set(this.slotQ);
        this.slotQ = q2;
        const m2 = new Uint32Array(this.slotMask.length * 2);
        m2.set(this.slotMask);
        this.slotMask = m2;
      }
      this.slotQ.fill(NONE, slot * MAX_WORDS, slot * MAX_WORDS + MAX_WORDS);
      this.slotMask[slot] = 0;
    } else {
      slot = this.termSlot[id] as number;
    }
    const at = slot * MAX_WORDS + wi;
    if (q < (this.slotQ[at] as number)) this.slotQ[at] = q;
    if (((this.slotMask[slot] as number) & w.bit) === 0) {
      this.slotMask[slot] = ((this.slotMask[slot] as number) | w.bit) >>> 0;
      w.terms.push(id);
      w.total += this.docFrequency(id);
    }
  }

  private expandExact(w: QueryWord): void {
    const wi = 31 - Math.clz32(w.bit);
    for (const key of w.keys) {
      const id = this.lookup(key);
      if (id >= 0) this.mark(id, w, wi, Q_EXACT);
    }
    if (w.prefixKeys) for (const p of w.prefixKeys) this.expandPrefix(p, w, wi);
  }

  /** Adds the word's matches at exactly `edits` edits (1: deletion index; 2: trigrams). */
  private expandFuzzy(w: QueryWord, edits: 1 | 2): void {
    const wi = 31 - Math.clz32(w.bit);
    // the first two readings cover x/j forks; more would only add near-duplicates
    for (const key of w.keys.slice(0, 2)) {
      if (edits === 1) this.fuzzyByDeletes(key, w, wi);
      else this.fuzzyByGrams(key, 2, w, wi);
      this.fuzzyExtras(key, edits, w, wi);
    }
  }

  private expandPrefix(p: string, w: QueryWord, wi: number): void {
    const { lexOrder } = this.frozen;
    const lo = this.lowerBound(p, false);
    const hi = this.lowerBound(p, true);
    // A short prefix ("u", "tem") has thousands of completions. Keep the shortest ones, by
    // whole lengths, while they stay under both caps: the cut depends on the terms alone, not
    // on the order documents arrived in, and bounds the work of a one-letter query.
    let cut = 64;
    if (hi - lo > 64) {
      const terms = new Uint32Array(64);
      const postings = new Float64Array(64);
      for (let i = lo; i < hi; i++) {
        const id = lexOrder[i] as number;
        const L = Math.min(63, this.termLength(id));
        terms[L] = (terms[L] as number) + 1;
        postings[L] = (postings[L] as number) + this.docFrequency(id);
      }
      let sumTerms = 0;
      let sumPostings = 0;
      cut = 0;
      while (cut < 64) {
        const t = terms[cut] as number;
        const nextTerms = sumTerms + t;
        const nextPostings = sumPostings + (postings[cut] as number);
        if (sumTerms > 0 && (nextTerms > PREFIX_TERM_CAP || nextPostings > PREFIX_POSTINGS_CAP))
          break;
        sumTerms = nextTerms;
        sumPostings = nextPostings;
        cut++;
      }
    }
    for (let i = lo; i < hi; i++) {
      const id = lexOrder[i] as number;
      if (cut >= 64 || this.termLength(id) < cut) this.mark(id, w, wi, Q_PREFIX);
    }
    for (let e = 0; e < this.extraKeys.length; e++) {
      if ((this.extraKeys[e] as string).startsWith(p)) {
        this.mark(this.frozen.termCount + e, w, wi, Q_PREFIX);
      }
    }
  }

  /** Key as char codes in `keyCodes`, for the distance function. */
  private loadKey(key: string): Uint16Array {
    if (this.keyCodes.length < key.length) this.keyCodes = new Uint16Array(key.length * 2);
    for (let i = 0; i < key.length; i++) this.keyCodes[i] = key.charCodeAt(i);
    return this.keyCodes;
  }

  private nextGramEpoch(): number {
    this.gramEpoch = (this.gramEpoch + 1) >>> 0;
    if (this.gramEpoch === 0) {
      this.gramStamp.fill(0);
      this.gramEpoch = 1;
    }
    return this.gramEpoch;
  }

  /**
   * One edit, for keys of 4 letters or more: a term within one edit of the key shares with it
   * the key itself or one of its one-letter deletions (symmetric deletion, as in SymSpell),
   * so n + 1 hash look-ups find every candidate; each is then checked with OSA distance.
   */
  private fuzzyByDeletes(key: string, w: QueryWord, wi: number): void {
    const { delOff, delTerms, delMask, termOff, termChars } = this.frozen;
    if (delTerms.length === 0) return;
    const n = key.length;
    const codes = this.loadKey(key);
    const ge = this.nextGramEpoch();
    const stamp = this.gramStamp;
    for (let skip = -1; skip < n; skip++) {
      if (skip > 0 && codes[skip] === codes[skip - 1]) continue; // same deletion as before
      const bucket = deletionHash(codes, n, skip) & delMask;
      const end = delOff[bucket + 1] as number;
      for (let i = delOff[bucket] as number; i < end; i++) {
        const id = delTerms[i] as number;
        if (stamp[id] === ge) continue;
        stamp[id] = ge;
        const dist = boundedOsa(
          codes,
          n,
          termChars,
          termOff[id] as number,
          termOff[id + 1] as number,
          1,
        );
        if (dist === 1) this.mark(id, w, wi, Q_FUZZY + 1);
      }
    }
  }

  /**
   * Two edits, for keys of 8 letters or more: the padded-trigram count filter over terms of
   * admissible length, then OSA distance.
   */
  private fuzzyByGrams(key: string, k: number, w: QueryWord, wi: number): void {
    const { lenStart, gramOff, gramTerms, termOff, termChars } = this.frozen;
    const n = key.length;
    const codes = this.loadKey(key);
    const uniq = keyGrams(key, this.grams);
    // Count filter: an edit destroys at most 3 of the key's trigrams, an adjacent
    // transposition 4; allow one transposition among the k edits.
    const need = Math.max(1, uniq - 3 * k - 1);
    const maxLen = lenStart.length - 2;
    const lo = lenStart[Math.max(0, Math.min(n - k, maxLen + 1))] as number;
    const hi = lenStart[Math.min(n + k + 1, maxLen + 1)] as number;
    if (hi <= lo) return;
    const ge = this.nextGramEpoch();
    const stamp = this.gramStamp;
    const count = this.gramCount;
    const found = this.found;
    found.length = 0;
    for (const g of this.grams) {
      let a = gramOff[g] as number;
      let b = gramOff[g + 1] as number;
      if (a === b) continue;
      // narrow the list to the id range of admissible lengths
      let l = a;
      let h = b;
      while (l < h) {
        const m = (l + h) >>> 1;
        if ((gramTerms[m] as number) < lo) l = m + 1;
        else h = m;
      }
      a = l;
      h = b;
      while (l < h) {
        const m = (l + h) >>> 1;
        if ((gramTerms[m] as number) < hi) l = m + 1;
        else h = m;
      }
      b = l;
      for (let i = a; i < b; i++) {
        const id = gramTerms[i] as number;
        let c: number;
        if (stamp[id] !== ge) {
          stamp[id] = ge;
          c = 1;
        } else {
          c = (count[id] as number) + 1;
        }
        count[id] = c;
        if (c === need) found.push(id);
      }
    }
    for (const id of found) {
      // one-edit neighbours were found by the deletion index already
      const dist = boundedOsa(
        codes,
        n,
        termChars,
        termOff[id] as number,
        termOff[id + 1] as number,
        k,
      );
      if (dist === k) this.mark(id, w, wi, Q_FUZZY + dist);
    }
  }

  /** Terms added since the last build are few: check them one by one. */
  private fuzzyExtras(key: string, k: number, w: QueryWord, wi: number): void {
    const { termCount } = this.frozen;
    const n = key.length;
    for (let e = 0; e < this.extraKeys.length; e++) {
      const other = this.extraKeys[e] as string;
      if (Math.abs(other.length - n) > k) continue;
      const codes = this.loadKey(key);
      const oc = new Uint16Array(other.length);
      for (let i = 0; i < other.length; i++) oc[i] = other.charCodeAt(i);
      const dist = boundedOsa(codes, n, oc, 0, other.length, k);
      if (dist === k) this.mark(termCount + e, w, wi, Q_FUZZY + dist);
    }
  }

  /** Documents that can match every required word: postings of the most selective word,
   * narrowed by the others while the set is large. */
  private candidatesFor(required: QueryWord[]): number[] {
    const sorted = [...required].sort((a, b) => a.total - b.total);
    const driver = sorted[0] as QueryWord;
    const stamp = this.docStamp;
    let e = this.bumpDocEpoch();
    let cands: number[] = [];
    this.forEachPosting(driver, (d) => {
      if (stamp[d] !== e && this.alive[d]) {
        stamp[d] = e;
        cands.push(d);
      }
    });
    for (let i = 1; i < sorted.length && cands.length > NARROW_THRESHOLD; i++) {
      const w = sorted[i] as QueryWord;
      if (w.total > 8 * cands.length) break;
      // cands are stamped `e`; survivors get `keep`
      let keep = this.bumpDocEpoch();
      if (keep < e) {
        // the counter wrapped and cleared the stamps: stamp the candidates again
        e = keep;
        for (const d of cands) stamp[d] = e;
        keep = this.bumpDocEpoch();
      }
      this.forEachPosting(w, (d) => {
        if (stamp[d] === e) stamp[d] = keep;
      });
      cands = cands.filter((d) => stamp[d] === keep);
      e = keep;
    }
    return cands;
  }

  private yearCandidates(years: number[], words: QueryWord[]): number[] {
    const stamp = this.docStamp;
    const e = this.bumpDocEpoch();
    const cands: number[] = [];
    const push = (d: number): void => {
      if (stamp[d] !== e && this.alive[d]) {
        stamp[d] = e;
        cands.push(d);
      }
    };
    for (const y of years) for (const d of this.yearDocs.get(y) ?? []) push(d);
    for (const w of words) this.forEachPosting(w, push);
    return cands;
  }

  private bumpDocEpoch(): number {
    this.docEpoch = (this.docEpoch + 1) >>> 0;
    if (this.docEpoch === 0) {
      this.docStamp.fill(0);
      this.docEpoch = 1;
    }
    return this.docEpoch;
  }

  private forEachPosting(w: QueryWord, fn: (d: number) => void): void {
    const { termCount, postOff, post } = this.frozen;
    for (const id of w.terms) {
      if (id < termCount) {
        const b = postOff[id + 1] as number;
        for (let i = postOff[id] as number; i < b; i++) fn(post[i] as number);
      }
      const extra = this.delta.get(id);
      if (extra) for (const d of extra) fn(d);
    }
  }

  /** Scores one candidate, or null when it does not match every required word. */
  private scoreDoc(d: number, words: QueryWord[], reqMask: number, years: number[]): Ranked | null {
    const epoch = this.epoch;
    const termStamp = this.termStamp;
    const termSlot = this.termSlot;
    const slotQ = this.slotQ;
    const slotMask = this.slotMask;
    const tokens = this.tokens;
    const fieldTokOff = this.fieldTokOff;
    const stopIds = this.stopIds;
    const nW = words.length;
    const best = scratchBest;
    const docBest = scratchDocBest;
    for (let w = 0; w < nW; w++) docBest[w] = NONE;
    let docMask = 0;
    let personMask = 0;
    let bestTitleScore = -1;
    let bestTitleField = -1;
    let bestPartialField = -1;
    let bestPartialCount = 0;
    let bestPersonField = -1;
    let bestPersonCount = 0;
    const f0 = this.docFieldOff[d] as number;
    const f1 = this.docFieldOff[d + 1] as number;
    for (let f = f0; f < f1; f++) {
      if (this.fieldDup[f] !== 0) continue;
      const kind = this.fieldKind[f] as number;
      for (let w = 0; w < nW; w++) best[w] = NONE;
      let fmask = 0;
      let positions = 0;
      let covered = 0;
      let skippedStops = 0;
      let posMask = 0;
      let posIsStop = false;
      let seqLen = 0;
      const t1 = fieldTokOff[f + 1] as number;
      for (let t = fieldTokOff[f] as number; t <= t1; t++) {
        const v = t < t1 ? (tokens[t] as number) : 0;
        if (t === t1 || (v & ALT) === 0) {
          // close the previous position
          if (positions > 0) {
            if (posMask !== 0) {
              covered++;
              if (seqLen < 32) scratchSeq[seqLen++] = posMask;
            } else if (posIsStop) {
              skippedStops++;
            } else if (seqLen < 32) {
              scratchSeq[seqLen++] = 0;
            }
          }
          if (t === t1) break;
          positions++;
          posMask = 0;
          const id0 = v & ID_MASK;
          posIsStop = stopIds.length > 0 && stopIds.includes(id0);
        }
        const id = v & ID_MASK;
        if (termStamp[id] !== epoch) continue;
        const slot = termSlot[id] as number;
        let m = slotMask[slot] as number;
        posMask |= m;
        fmask |= m;
        const base = slot * MAX_WORDS;
        while (m !== 0) {
          const w = 31 - Math.clz32(m);
          m &= ~(1 << w);
          const q = slotQ[base + w] as number;
          if (q < (best[w] as number)) best[w] = q;
        }
      }
      if (fmask === 0) continue;
      for (let w = 0; w < nW; w++) {
        const q = best[w] as number;
        if (q < (docBest[w] as number)) docBest[w] = q;
      }
      docMask |= fmask;
      const matched = popcount(fmask & reqMask);
      if (kind === PERSON) {
        personMask |= fmask;
        if (
          matched > bestPersonCount ||
          (matched === bestPersonCount && matched > 0 && this.fieldBefore(f, bestPersonField))
        ) {
          bestPersonCount = matched;
          bestPersonField = f;
        }
        continue;
      }
      if (
        matched > bestPartialCount ||
        (matched === bestPartialCount && matched > 0 && this.fieldBefore(f, bestPartialField))
      ) {
        bestPartialCount = matched;
        bestPartialField = f;
      }
      if ((fmask & reqMask) !== reqMask) continue;
      // every required word is in this title
      let edits = 0;
      let usedPrefix = false;
      for (let w = 0; w < nW; w++) {
        const q = best[w] as number;
        if (q === NONE) continue;
        if (q === Q_PREFIX) usedPrefix = true;
        else if (q > Q_PREFIX) edits += q - Q_FUZZY;
      }
      const effective = positions - skippedStops;
      // in order from the start: the i-th matched query word sits at the i-th position
      let inOrder = true;
      let p = 0;
      for (let w = 0; w < nW && inOrder; w++) {
        const bit = 1 << w;
        if ((fmask & bit) === 0) continue;
        if (p >= seqLen || ((scratchSeq[p] as number) & bit) === 0) inOrder = false;
        p++;
      }
      let tier: number;
      if (edits > 0) tier = 1;
      else if (!usedPrefix && covered === effective && popcount(fmask) === effective) tier = 4;
      else if (inOrder) tier = 3;
      else tier = 2;
      // a title that holds every word outranks words spread over titles and people
      let sub = 10 + Math.round((40 * covered) / Math.max(1, effective));
      if (inOrder) sub += 8;
      sub += KIND_BONUS[kind] ?? 0;
      sub -= 15 * edits;
      if (usedPrefix) sub -= 4;
      sub = sub < 0 ? 0 : sub > 99 ? 99 : sub;
      const score = tier * 100 + sub;
      if (
        score > bestTitleScore ||
        (score === bestTitleScore && this.fieldBefore(f, bestTitleField))
      ) {
        bestTitleScore = score;
        bestTitleField = f;
      }
    }
    let score = bestTitleScore;
    let person = false;
    if ((docMask & reqMask) === reqMask && docMask !== 0) {
      // the words are spread over titles and people ("Шепитько восхождение", "shepitko")
      let edits = 0;
      for (let w = 0; w < nW; w++) {
        const q = docBest[w] as number;
        if (q !== NONE && q > Q_PREFIX) edits += q - Q_FUZZY;
      }
      const tier = edits > 0 ? 1 : 2;
      let sub = 3 * bestPartialCount - 3 * edits;
      sub = sub < 0 ? 0 : sub > 9 ? 9 : sub;
      const cross = tier * 100 + sub;
      if (cross > score) {
        score = cross;
        person = (personMask & reqMask) !== 0;
        bestTitleField = bestPartialField;
      }
    }
    if (score < 0 && reqMask === 0) score = 0; // a query of years alone
    if (score < 0) return null;
    if (years.length > 0 && years.includes(this.years[d] as number)) score += 1000;
    return {
      doc: d,
      score,
      slug: this.slugs[d] as string,
      titleField: bestTitleField,
      personField: person || personMask !== 0 ? bestPersonField : -1,
      person,
    };
  }

  /** Deterministic preference between two equally scored fields of one document. */
  private fieldBefore(f: number, g: number): boolean {
    if (g < 0) return true;
    const kf = this.fieldKind[f] as number;
    const kg = this.fieldKind[g] as number;
    if (kf !== kg) return kf < kg;
    return (this.fieldText[f] as string) < (this.fieldText[g] as string);
  }

  private toHit(r: Ranked, cyrillicQuery: boolean): SearchHit {
    const d = r.doc;
    const f0 = this.docFieldOff[d] as number;
    const f1 = this.docFieldOff[d + 1] as number;
    // among the matched field and its repeats, prefer one in the query's script
    const pick = (rep: number): string => {
      let best = rep;
      let bestRank = -1;
      for (let f = f0; f < f1; f++) {
        if (f !== rep && this.fieldDup[f] !== rep + 1) continue;
        const text = this.fieldText[f] as string;
        const rank = (hasCyrillic(text) === cyrillicQuery ? 10 : 0) - (this.fieldKind[f] as number);
        if (rank > bestRank || (rank === bestRank && text < (this.fieldText[best] as string))) {
          best = f;
          bestRank = rank;
        }
      }
      return this.fieldText[best] as string;
    };
    let title: string;
    if (r.titleField >= 0) {
      title = pick(r.titleField);
    } else {
      // display title: the original for a Cyrillic query, else English, then the rest
      const prefer = cyrillicQuery ? [0, 1, 2, 3] : [1, 2, 0, 3];
      title = '';
      for (const k of prefer) {
        for (let f = f0; f < f1; f++) {
          const text = this.fieldText[f] as string;
          if (this.fieldKind[f] === k && (title === '' || text < title)) title = text;
        }
        if (title !== '') break;
      }
    }
    const year = this.years[d] as number;
    const hit: SearchHit = {
      slug: r.slug,
      score: r.score,
      matchedTitle: title,
      matchedField: r.person ? 'person' : 'title',
      year: year === 0 ? null : year,
    };
    if (r.personField >= 0 && r.person) hit.matchedPerson = pick(r.personField);
    return hit;
  }
}

const scratchBest = new Uint8Array(MAX_WORDS);
const scratchDocBest = new Uint8Array(MAX_WORDS);
const scratchSeq = new Uint32Array(32);

function emptyFrozen(): Frozen {
  return {
    termCount: 0,
    termOff: new Uint32Array(1),
    termChars: new Uint16Array(0),
    lenStart: new Uint32Array(2),
    lexOrder: new Uint32Array(0),
    postOff: new Uint32Array(1),
    post: new Uint32Array(0),
    gramOff: new Uint32Array(GRAM_BASE * GRAM_BASE * GRAM_BASE + 1),
    gramTerms: new Uint32Array(0),
    delOff: new Uint32Array(2),
    delTerms: new Uint32Array(0),
    delMask: 0,
  };
}
