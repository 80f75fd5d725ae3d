/**
 * The in-memory film search engine: pure, database-free, deterministic. `SearchIndex` holds
 * the documents and composes the parts, one file each (all typed arrays, so a million films
 * stay compact and the GC has little to walk):
 * - dictionary.ts: terms (skeleton keys, src/lib/text/skeleton.ts) numbered by (length, text),
 *   exact and prefix look-up, and each term's postings (CSR);
 * - typo.ts: deletion neighbourhoods (one edit) and padded trigrams (two edits), and the
 *   search over them, verified with bounded OSA distance;
 * - query.ts: a query read into words with their readings and typo budgets;
 * - scoring.ts: scoring a candidate and the order of results;
 * - here: the forward index (document → fields → term ids, which lets scoring check each
 *   candidate's titles word by word without touching strings), incremental add and remove,
 *   and the staged search below.
 *
 * A query drives candidates from its most selective word (fewest postings after expansion),
 * narrows them by the next words when the set is large, then scores each survivor. Typo
 * matches are searched in stages, only when exact and prefix matches do not answer. Ties are
 * broken by slug, and nothing depends on the order documents arrived in, so any database
 * that feeds the same documents gets the same results.
 */
import {
  boundedOsa,
  hasCyrillic,
  skeletonKey,
  skeletonVariants,
  tokenize,
} from '../../lib/text/index.ts';
import type { TitleKind } from '../catalog/index.ts';
import {
  ALT,
  buildPostings,
  type Dictionary,
  emptyDictionary,
  findTerm,
  ID_MASK,
  lowerBound,
  numberTerms,
} from './dictionary.ts';
import { MAX_WORDS, parseQuery, type QueryWord } from './query.ts';
import {
  before,
  fieldBefore,
  KIND_CODE,
  KIND_NAMES,
  NONE,
  PERSON,
  Q_EXACT,
  Q_FUZZY,
  Q_PREFIX,
  type Ranked,
  scoreDoc,
  toHit,
} from './scoring.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from './snapshot.ts';
import { buildTypoIndex, emptyTypoIndex, type TypoIndex, TypoExpander } from './typo.ts';
import { OPTIONAL_WORDS } from './words.ts';

export { editBudget } from './typo.ts';

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

/** Prefix expansions beyond this many terms keep only the shortest completions. */
const PREFIX_TERM_CAP = 4000;
/** Above this many postings, a short word is a worse driver than a long word expanded by
 * two edits (see twoEdits). */
const LAZY_DRIVER_MAX = 3000;
/** A prefix expands to completions, shortest first, until they hold this many postings. */
const PREFIX_POSTINGS_CAP = 5000;
/** Below this many candidates, scoring each is cheaper than intersecting postings first. */
const NARROW_THRESHOLD = 400;

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

/** A CSR offsets array as its non-empty buckets: their indexes and lengths. */
function sparseOffsets(name: string, off: Uint32Array): Record<string, Uint32Array> {
  let n = 0;
  for (let i = 0; i + 1 < off.length; i++) if ((off[i + 1] as number) > (off[i] as number)) n++;
  const idx = new Uint32Array(n);
  const len = new Uint32Array(n);
  n = 0;
  for (let i = 0; i + 1 < off.length; i++) {
    const l = (off[i + 1] as number) - (off[i] as number);
    if (l > 0) {
      idx[n] = i;
      len[n++] = l;
    }
  }
  return { [`${name}Idx`]: idx, [`${name}Len`]: len };
}

function denseOffsets(buckets: number, idx: Uint32Array, len: Uint32Array): Uint32Array {
  const off = new Uint32Array(buckets + 1);
  let at = 0;
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    if (at < idx.length && idx[at] === b) sum += len[at++] as number;
    off[b + 1] = sum;
  }
  return off;
}

export class SearchIndex {
  // documents
  slugs: string[] = [];
  years: Int16Array = new Int16Array(16);
  alive: Uint8Array = new Uint8Array(16);
  docFieldOff: Uint32Array = new Uint32Array(16);
  docCount = 0;
  private liveCount = 0;
  private bySlug = new Map<string, number>();
  // fields: titles and people, each a run of term ids
  fieldText: string[] = [];
  fieldKind: Uint8Array = new Uint8Array(16);
  /** 0, or 1 + the field (of the same document) whose words this one repeats. */
  fieldDup: Uint32Array = new Uint32Array(16);
  fieldTokOff: Uint32Array = new Uint32Array(16);
  private fieldCount = 0;
  tokens: Uint32Array = new Uint32Array(16);
  private tokenCount = 0;
  // terms
  private frozen: Dictionary;
  private typoIndex: TypoIndex = emptyTypoIndex();
  private typos = new TypoExpander();
  private extraKeys: string[] = [];
  private extraIds = new Map<string, number>();
  /** Postings of documents added since the last build, per term. */
  private delta = new Map<number, number[]>();
  private deltaDocs = 0;
  private deadDocs = 0;
  /** Postings, per term, of documents removed since the last build: not counted as matches. */
  private deadPostings = new Map<number, number>();
  private yearDocs = new Map<number, number[]>();
  stopIds: number[] = [];
  // per-query scratch, reused so that a query allocates almost nothing
  epoch = 0;
  termStamp: Uint32Array = new Uint32Array(16);
  termSlot: Int32Array = new Int32Array(16);
  slotQ: Uint8Array = new Uint8Array(16 * MAX_WORDS);
  slotMask: Uint32Array = new Uint32Array(16);
  private slotCount = 0;
  private docStamp: Uint32Array = new Uint32Array(16);
  private lazyStamp: Uint32Array = new Uint32Array(16);
  private docEpoch = 0;

  private constructor() {
    this.frozen = emptyDictionary();
  }

  /** Builds an index over the documents; `onProgress` hears (done, total) as they are read. */
  static build(docs: Iterable<SearchDocument>, onProgress?: ProgressFn): SearchIndex {
    const index = new SearchIndex();
    index.buildFrom(docs, onProgress);
    return index;
  }

  /**
   * The index as bytes (docs/search.md, "Snapshot"), compacted first; `meta` travels in the
   * header (the service keeps the catalogue version there).
   */
  toSnapshot(meta: Record<string, unknown> = {}): Uint8Array {
    if (this.delta.size > 0 || this.extraKeys.length > 0 || this.deltaDocs > 0 || this.deadDocs > 0)
      this.compact();
    const n = this.docCount;
    const f = this.fieldCount;
    const dict = this.frozen;
    const typo = this.typoIndex;
    return encodeSnapshot({
      meta: {
        ...meta,
        docCount: n,
        fieldCount: f,
        tokenCount: this.tokenCount,
        termCount: dict.termCount,
        delMask: typo.delMask,
        gramBuckets: typo.gramOff.length - 1,
      },
      arrays: {
        years: this.years.subarray(0, n),
        docFieldOff: this.docFieldOff.subarray(0, n + 1),
        fieldKind: this.fieldKind.subarray(0, f),
        fieldDup: this.fieldDup.subarray(0, f),
        fieldTokOff: this.fieldTokOff.subarray(0, f + 1),
        tokens: this.tokens.subarray(0, this.tokenCount),
        termOff: dict.termOff,
        termChars: dict.termChars,
        lenStart: dict.lenStart,
        lexOrder: dict.lexOrder,
        postOff: dict.postOff,
        post: dict.post,
        // the trigram offsets cover every possible trigram (a fixed 1 MB): only the
        // non-empty buckets are written
        ...sparseOffsets('gram', typo.gramOff),
        gramTerms: typo.gramTerms,
        delOff: typo.delOff,
        delTerms: typo.delTerms,
      },
      strings: { slugs: this.slugs.slice(0, n), fieldText: this.fieldText.slice(0, f) },
    });
  }

  /**
   * An index read back from `toSnapshot`'s bytes: its arrays are views on those bytes (no
   * build, no copy), and it takes incremental changes as a built one does. Throws
   * SnapshotError for bytes that are not a snapshot of this format.
   */
  static fromSnapshot(bytes: Uint8Array): { index: SearchIndex; meta: Record<string, unknown> } {
    const { meta, arrays: a, strings } = decodeSnapshot(bytes);
    const num = (k: string): number => {
      const v = meta[k];
      if (typeof v !== 'number') throw new SnapshotError(`snapshot header lacks ${k}`);
      return v;
    };
    const n = num('docCount');
    const f = num('fieldCount');
    const arr = <T>(k: string, length?: number): T => {
      const v = a[k];
      if (!v || (length !== undefined && v.length !== length))
        throw new SnapshotError(`snapshot array ${k} is missing or has the wrong length`);
      return v as T;
    };
    const index = new SearchIndex();
    index.slugs = strings.slugs ?? [];
    index.fieldText = strings.fieldText ?? [];
    if (index.slugs.length !== n || index.fieldText.length !== f)
      throw new SnapshotError('snapshot strings do not match its counts');
    index.docCount = n;
    index.liveCount = n;
    index.years = arr<Int16Array>('years', n);
    index.alive = new Uint8Array(Math.max(16, n)).fill(1, 0, n);
    index.docFieldOff = arr<Uint32Array>('docFieldOff', n + 1);
    index.fieldCount = f;
    index.fieldKind = arr<Uint8Array>('fieldKind', f);
    index.fieldDup = arr<Uint32Array>('fieldDup', f);
    index.fieldTokOff = arr<Uint32Array>('fieldTokOff', f + 1);
    index.tokenCount = num('tokenCount');
    index.tokens = arr<Uint32Array>('tokens', index.tokenCount);
    const termCount = num('termCount');
    index.frozen = {
      termCount,
      termOff: arr<Uint32Array>('termOff', termCount + 1),
      termChars: arr<Uint16Array>('termChars'),
      lenStart: arr<Uint32Array>('lenStart'),
      lexOrder: arr<Uint32Array>('lexOrder'),
      postOff: arr<Uint32Array>('postOff', termCount + 1),
      post: arr<Uint32Array>('post'),
    };
    index.typoIndex = {
      gramOff: denseOffsets(
        num('gramBuckets'),
        arr<Uint32Array>('gramIdx'),
        arr<Uint32Array>('gramLen'),
      ),
      gramTerms: arr<Uint32Array>('gramTerms'),
      delOff: arr<Uint32Array>('delOff'),
      delTerms: arr<Uint32Array>('delTerms'),
      delMask: num('delMask'),
    };
    for (let d = 0; d < n; d++) {
      index.bySlug.set(index.slugs[d] as string, d);
      const year = index.years[d] as number;
      if (year) {
        let list = index.yearDocs.get(year);
        if (!list) index.yearDocs.set(year, (list = []));
        list.push(d);
      }
    }
    for (const w of OPTIONAL_WORDS) {
      const id = index.lookup(skeletonKey(w));
      if (id >= 0) index.stopIds.push(id);
    }
    index.resizeScratch();
    const {
      docCount: _d,
      fieldCount: _f,
      tokenCount: _t,
      termCount: _c,
      delMask: _m,
      gramBuckets: _g,
      ...rest
    } = meta;
    return { index, meta: rest };
  }

  /** The slugs of the live documents, in the order they were added. */
  liveSlugs(): string[] {
    const out: string[] = [];
    for (let d = 0; d < this.docCount; d++) if (this.alive[d]) out.push(this.slugs[d] as string);
    return out;
  }

  /** The live documents, as they were given (the browser shows titles from them). */
  document(slug: string): SearchDocument | undefined {
    const d = this.bySlug.get(slug);
    return d === undefined ? undefined : this.documentAt(d);
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
    // the per-query document stamps must cover the new id even when no term was new
    this.resizeScratch();
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
    const words = parseQuery(query);
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
   * The index split by the first letters of its terms' keys, for a search that loads only the
   * parts a query needs (the static export, docs/export.md): each part holds the terms
   * starting with `prefix` (only the term equal to it when `exact`), split further while they
   * hold more than `maxPostings` postings, and the documents with one of those terms, each
   * with the fields that hold one, plus its first original and English titles (to show it).
   * Every term is in exactly one part, but a single term of more postings than that is in
   * several exact parts of the same prefix, its documents split among them. Parts come in key
   * order.
   */
  *keyPrefixParts(
    maxPostings = 4000,
  ): Generator<{ prefix: string; exact: boolean; docs: SearchDocument[] }> {
    if (this.delta.size > 0 || this.extraKeys.length > 0 || this.deltaDocs > 0 || this.deadDocs > 0)
      this.compact();
    const dict = this.frozen;
    const { lexOrder, termOff, termChars, postOff, post } = dict;
    const keyAt = (pos: number): string => {
      const id = lexOrder[pos] as number;
      return String.fromCharCode(
        ...termChars.subarray(termOff[id] as number, termOff[id + 1] as number),
      );
    };
    const postingsOf = (lo: number, hi: number): number => {
      let n = 0;
      for (let i = lo; i < hi; i++) {
        const id = lexOrder[i] as number;
        n += (postOff[id + 1] as number) - (postOff[id] as number);
      }
      return n;
    };
    const stamp = new Uint32Array(dict.termCount);
    let part = 0;
    const docsOf = (lo: number, hi: number): SearchDocument[] => {
      part++;
      const docs = new Set<number>();
      for (let i = lo; i < hi; i++) {
        const id = lexOrder[i] as number;
        stamp[id] = part;
        for (let j = postOff[id] as number; j < (postOff[id + 1] as number); j++)
          docs.add(post[j] as number);
      }
      const out: SearchDocument[] = [];
      for (const d of [...docs].sort((a, b) => a - b)) {
        const titles: SearchDocument['titles'] = [];
        const people: string[] = [];
        let original = false;
        let english = false;
        for (let f = this.docFieldOff[d] as number; f < (this.docFieldOff[d + 1] as number); f++) {
          const kind = this.fieldKind[f] as number;
          let keep =
            (kind === KIND_CODE.original && !original) || (kind === KIND_CODE.english && !english);
          if (kind === KIND_CODE.original) original = true;
          if (kind === KIND_CODE.english) english = true;
          for (
            let t = this.fieldTokOff[f] as number;
            !keep && t < (this.fieldTokOff[f + 1] as number);
            t++
          )
            keep = stamp[(this.tokens[t] as number) & ID_MASK] === part;
          if (!keep) continue;
          if (kind === PERSON) people.push(this.fieldText[f] as string);
          else
            titles.push({
              text: this.fieldText[f] as string,
              kind: KIND_NAMES[kind] ?? 'alternative',
            });
        }
        const year = this.years[d] as number;
        out.push({ slug: this.slugs[d] as string, titles, people, year: year === 0 ? null : year });
      }
      return out;
    };
    type Range = { lo: number; hi: number; depth: number; prefix: string };
    const stack: Range[] = [{ lo: 0, hi: lexOrder.length, depth: 0, prefix: '' }];
    while (stack.length > 0) {
      const r = stack.pop() as Range;
      if (r.lo >= r.hi) continue;
      if (r.depth > 0 && (postingsOf(r.lo, r.hi) <= maxPostings || r.depth >= 12)) {
        yield { prefix: r.prefix, exact: false, docs: docsOf(r.lo, r.hi) };
        continue;
      }
      // the term equal to the prefix sorts first; then one range per next letter
      let i = r.lo;
      const children: Range[] = [];
      if (r.depth > 0 && keyAt(i).length === r.depth) {
        children.push({ lo: i, hi: i + 1, depth: -1, prefix: r.prefix });
        i++;
      }
      while (i < r.hi) {
        const c = keyAt(i).charAt(r.depth);
        let j = i + 1;
        while (j < r.hi && keyAt(j).charAt(r.depth) === c) j++;
        children.push({ lo: i, hi: j, depth: r.depth + 1, prefix: r.prefix + c });
        i = j;
      }
      // in key order: the stack pops the last pushed first
      for (let k = children.length - 1; k >= 0; k--) {
        const ch = children[k] as Range;
        if (ch.depth === -1) stack.push({ ...ch, depth: -1 });
        else stack.push(ch);
      }
      // exact parts are yielded when popped
      while (stack.length > 0 && (stack[stack.length - 1] as Range).depth === -1) {
        const e = stack.pop() as Range;
        // one term of more postings than a part holds: in parts of its documents
        const all = docsOf(e.lo, e.hi);
        for (let k = 0; k < all.length; k += maxPostings)
          yield { prefix: e.prefix, exact: true, docs: all.slice(k, k + maxPostings) };
      }
    }
  }

  /**
   * The films that may carry `title` as one of their titles, for list import and claim
   * resolution (docs/search.md, "Title candidates"): a title field (not a person) that has
   * every word of `title` but an article, as written, in any script or romanization, or
   * within the word's typo budget, and no more than two words more or fewer. Digits are words
   * here ("1917" is a title, not a year), and no word is read as a prefix. Unranked: the slugs
   * in code-unit order, at most `cap` of them (those with the fewest typo matches kept).
   */
  titleCandidates(title: string, cap = 5000): string[] {
    const words = parseQuery(title.replace(/\s+$/, '') + ' ');
    if (words.length === 0) return [];
    for (const w of words) {
      w.prefixKeys = null;
      if (w.year > 0 || /^\d+$/.test(w.keys[0] as string)) {
        w.year = 0;
        w.k = 0;
      }
      w.required = !w.optional;
    }
    if (words.every((w) => !w.required)) for (const w of words) w.required = true;
    const required = words.filter((w) => w.required);
    const n = tokenize(title).filter((t) => skeletonVariants(t).length > 0).length;
    const bestQ = new Uint8Array(MAX_WORDS);
    this.nextEpoch();
    for (const w of words) this.expandExact(w);
    for (const w of required) if (w.k > 0) this.expandFuzzy(w, 1);
    for (const w of required) if (w.k > 1) this.expandFuzzy(w, 2);
    if (required.some((w) => w.total === 0)) return [];
    let reqMask = 0;
    for (const w of required) reqMask |= w.bit;
    const found: { slug: string; typos: number }[] = [];
    const { tokens, fieldTokOff, fieldKind, termStamp, termSlot, slotMask, slotQ, epoch } = this;
    for (const d of this.candidatesFor(required)) {
      let best = -1;
      for (let f = this.docFieldOff[d] as number; f < (this.docFieldOff[d + 1] as number); f++) {
        if (fieldKind[f] === PERSON) continue;
        let mask = 0;
        let count = 0;
        bestQ.fill(NONE);
        for (let t = fieldTokOff[f] as number; t < (fieldTokOff[f + 1] as number); t++) {
          const v = tokens[t] as number;
          if ((v & ALT) === 0) count++;
          const id = v & ID_MASK;
          if (termStamp[id] !== epoch) continue;
          const slot = termSlot[id] as number;
          mask |= slotMask[slot] as number;
          for (let wi = 0; wi < MAX_WORDS; wi++) {
            const q = slotQ[slot * MAX_WORDS + wi] as number;
            if (q < (bestQ[wi] as number)) bestQ[wi] = q;
          }
        }
        if ((mask & reqMask) !== reqMask || Math.abs(count - n) > 2) continue;
        let typos = 0;
        for (const w of required) if ((bestQ[31 - Math.clz32(w.bit)] as number) > Q_PREFIX) typos++;
        if (best < 0 || typos < best) best = typos;
      }
      if (best >= 0) found.push({ slug: this.slugs[d] as string, typos: best });
    }
    const order = (a: { slug: string }, b: { slug: string }): number =>
      a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
    if (found.length > cap) found.sort((a, b) => a.typos - b.typos || order(a, b)).length = cap;
    return found.sort(order).map((f) => f.slug);
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
          const codes = this.typos.loadKey(key);
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
    return top.slice(offset).map((r) => toHit(this, r, cyrillicQuery));
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
      const r = scoreDoc(this, d, words, reqMask, years);
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
      this.removeSlug(doc.slug, true);
      this.appendDoc(doc, keyToId, tokenCache);
      done++;
      if (onProgress && done % 10000 === 0) onProgress(done, total);
    }
    tokenCache.clear();

    // Pass 2: number terms by (length, text) and rewrite the forward index.
    const n = numberTerms(keys, provisional);
    const T = n.count;
    const remap = n.remap;
    for (let t = 0; t < this.tokenCount; t++) {
      const v = this.tokens[t] as number;
      this.tokens[t] = ((v & ALT) | (remap[v & ID_MASK] as number)) >>> 0;
    }
    const { postOff, post } = buildPostings(T, this);

    const typoIndex = buildTypoIndex(n.termKeys, n, n.maxLen);

    this.frozen = {
      termCount: T,
      termOff: n.termOff,
      termChars: n.termChars,
      lenStart: n.lenStart,
      lexOrder: n.lexOrder,
      postOff,
      post,
    };
    this.typoIndex = typoIndex;
    this.extraKeys = [];
    this.extraIds = new Map();
    this.delta = new Map();
    this.deadPostings = new Map();
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
      if (fieldBefore(this, f, g)) {
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

  private removeSlug(slug: string, building = false): boolean {
    const d = this.bySlug.get(slug);
    if (d === undefined) return false;
    this.bySlug.delete(slug);
    // A removed document's postings stay until the next compaction; its terms' counts leave
    // them out, so a word only it had matches nothing, as after a rebuild. (While building,
    // term ids are provisional and the postings not written yet.)
    if (!building) {
      const seen = new Set<number>();
      const f0 = this.docFieldOff[d] as number;
      const f1 = this.docFieldOff[d + 1] as number;
      for (let t = this.fieldTokOff[f0] as number; t < (this.fieldTokOff[f1] as number); t++) {
        const id = (this.tokens[t] as number) & ID_MASK;
        if (seen.has(id)) continue;
        seen.add(id);
        this.deadPostings.set(id, (this.deadPostings.get(id) ?? 0) + 1);
      }
    }
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
    this.typos.resize(this.frozen.termCount);
    if (this.docStamp.length < this.docCount + 1) {
      const stamp = new Uint32Array(Math.max(this.docCount + 1, this.docStamp.length * 2));
      stamp.set(this.docStamp);
      this.docStamp = stamp;
    }
  }

  // ---------------------------------------------------------------- terms

  /** Term id of a key, or -1. */
  private lookup(key: string): number {
    const id = findTerm(this.frozen, key);
    return id >= 0 ? id : (this.extraIds.get(key) ?? -1);
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
    return base + (this.delta.get(id)?.length ?? 0) - (this.deadPostings.get(id) ?? 0);
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
      const onMatch = (id: number, e: number): void => this.mark(id, w, wi, Q_FUZZY + e);
      if (edits === 1) this.typos.oneEdit(this.frozen, this.typoIndex, key, onMatch);
      else this.typos.withinEdits(this.frozen, this.typoIndex, key, 2, onMatch);
      this.typos.extras(this.extraKeys, this.frozen.termCount, key, edits, onMatch);
    }
  }

  private expandPrefix(p: string, w: QueryWord, wi: number): void {
    const { lexOrder } = this.frozen;
    const lo = lowerBound(this.frozen, p, false);
    const hi = lowerBound(this.frozen, p, true);
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
}
