/**
 * The dictionary: every skeleton key in the index as a numbered term, and each term's postings
 * (the ascending ids of the documents that contain it, in CSR form). Terms are numbered by
 * (length, text), so the terms of one length are one id range (typo expansion reads them by
 * length); `lexOrder` lists them alphabetically for exact and prefix look-ups by binary search.
 */

/** Marks a term id that is another reading of the same word as the previous id. */
export const ALT = 0x80000000;
export const ID_MASK = 0x7fffffff;

/** The terms (skeleton keys, numbered by (length, text)) and their postings, built from the
 * documents at `build` or compaction time. */
export interface Dictionary {
  termCount: number;
  termOff: Uint32Array;
  termChars: Uint16Array;
  /** First term id of each key length (length L: ids lenStart[L]..lenStart[L+1]). */
  lenStart: Uint32Array;
  lexOrder: Uint32Array;
  postOff: Uint32Array;
  post: Uint32Array;
}

/** A dictionary of no terms. */
export function emptyDictionary(): Dictionary {
  return {
    termCount: 0,
    termOff: new Uint32Array(1),
    termChars: new Uint16Array(0),
    lenStart: new Uint32Array(2),
    lexOrder: new Uint32Array(0),
    postOff: new Uint32Array(1),
    post: new Uint32Array(0),
  };
}

/** Compares `key` with term `id`: negative if key sorts first. */
export function compareKey(dict: Dictionary, key: string, id: number): number {
  const { termOff, termChars } = dict;
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
export function lowerBound(dict: Dictionary, key: string, prefixEnd: boolean): number {
  const { lexOrder, termOff, termChars } = dict;
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
    c = compareKey(dict, key, id);
    if (c > 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Term id of a key among the dictionary's terms, or -1. */
export function findTerm(dict: Dictionary, key: string): number {
  const { lexOrder } = dict;
  const i = lowerBound(dict, key, false);
  if (i < lexOrder.length && compareKey(dict, key, lexOrder[i] as number) === 0) {
    return lexOrder[i] as number;
  }
  return -1;
}

/** The terms, numbered: `remap` takes each provisional id (index in `keys`) to its term id. */
export interface Numbered {
  count: number;
  maxLen: number;
  termKeys: string[];
  lenStart: Uint32Array;
  lexOrder: Uint32Array;
  remap: Uint32Array;
  termOff: Uint32Array;
  termChars: Uint16Array;
}

/**
 * Numbers the keys read from the documents (`keys[i]` has provisional id i) by (length, text).
 * Empties `keys` and `provisional` on the way, to keep the peak memory of a build down.
 */
export function numberTerms(keys: string[], provisional: Map<string, number>): Numbered {
  // The default
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
  const termOff = new Uint32Array(T + 1);
  const termChars = new Uint16Array(chars);
  let pos = 0;
  for (let i = 0; i < T; i++) {
    const k = termKeys[i] as string;
    termOff[i] = pos;
    for (let j = 0; j < k.length; j++) termChars[pos++] = k.charCodeAt(j);
  }
  termOff[T] = pos;
  return { count: T, maxLen, termKeys, lenStart, lexOrder, remap, termOff, termChars };
}

/** Where each document's term ids lie: document → fields → tokens (term ids, ALT-marked). */
export interface ForwardIndex {
  readonly docCount: number;
  readonly alive: Uint8Array;
  readonly docFieldOff: Uint32Array;
  readonly fieldTokOff: Uint32Array;
  readonly tokens: Uint32Array;
}

/** Postings of `T` terms from the live documents, each document once per term. */
export function buildPostings(
  T: number,
  fwd: ForwardIndex,
): { postOff: Uint32Array; post: Uint32Array } {
  const lastDoc = new Int32Array(T).fill(-1);
  const postOff = new Uint32Array(T + 1);
  for (let d = 0; d < fwd.docCount; d++) {
    if (!fwd.alive[d]) continue;
    const t0 = fwd.fieldTokOff[fwd.docFieldOff[d] as number] as number;
    const t1 = fwd.fieldTokOff[fwd.docFieldOff[d + 1] as number] as number;
    for (let t = t0; t < t1; t++) {
      const id = (fwd.tokens[t] as number) & ID_MASK;
      if (lastDoc[id] === d) continue;
      lastDoc[id] = d;
      postOff[id + 1] = (postOff[id + 1] as number) + 1;
    }
  }
  for (let i = 0; i < T; i++) postOff[i + 1] = (postOff[i + 1] as number) + (postOff[i] as number);
  const post = new Uint32Array(postOff[T] as number);
  const fill = postOff.slice(0, T);
  lastDoc.fill(-1);
  for (let d = 0; d < fwd.docCount; d++) {
    if (!fwd.alive[d]) continue;
    const t0 = fwd.fieldTokOff[fwd.docFieldOff[d] as number] as number;
    const t1 = fwd.fieldTokOff[fwd.docFieldOff[d + 1] as number] as number;
    for (let t = t0; t < t1; t++) {
      const id = (fwd.tokens[t] as number) & ID_MASK;
      if (lastDoc[id] === d) continue;
      lastDoc[id] = d;
      const at = fill[id] as number;
      post[at] = d;
      fill[id] = at + 1;
    }
  }
  return { postOff, post };
}
