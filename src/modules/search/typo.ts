/**
 * Typo expansion: the structures that find the terms one or two edits from a query word, and
 * the search over them.
 * - one edit: the deletion neighbourhood of every term, hashed into buckets (SymSpell's
 *   symmetric deletion), so a key's n + 1 deletions find every term one edit away;
 * - two edits: a padded-trigram index over the longer terms, read with the count filter
 *   (a key within k edits shares at least grams − 3k − 1 trigrams with it) over the id range
 *   of lengths n−k..n+k;
 * every candidate is verified with bounded OSA distance.
 */
import { boundedOsa } from '../../lib/text/index.ts';
import type { Dictionary } from './dictionary.ts';

export const GRAM_BASE = 64;
const GRAM_START = 37;
const GRAM_END = 38;

function gramCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 48 && c <= 57) return c - 48 + 27;
  return 39 + (c % 25);
}

/** Unique padded-trigram ids of a key: "$$key##". */
export function keyGrams(key: string, out: number[]): number {
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

/** Fuzzy budget for a word by its skeleton length: 1 edit from 4 letters, 2 from 8. */
export function editBudget(keyLength: number): number {
  return keyLength >= 8 ? 2 : keyLength >= 4 ? 1 : 0;
}

/** The typo structures built beside the dictionary. */
export interface TypoIndex {
  gramOff: Uint32Array;
  gramTerms: Uint32Array;
  /** Deletion-neighbourhood buckets (hash & delMask) → term ids. */
  delOff: Uint32Array;
  delTerms: Uint32Array;
  delMask: number;
}

export function emptyTypoIndex(): TypoIndex {
  return {
    gramOff: new Uint32Array(GRAM_BASE * GRAM_BASE * GRAM_BASE + 1),
    gramTerms: new Uint32Array(0),
    delOff: new Uint32Array(2),
    delTerms: new Uint32Array(0),
    delMask: 0,
  };
}

/** Builds the trigram and deletion indexes over the dictionary's terms. */
export function buildTypoIndex(
  termKeys: readonly string[],
  dict: Pick<Dictionary, 'termOff' | 'termChars' | 'lenStart'>,
  maxLen: number,
): TypoIndex {
  const { termOff, termChars, lenStart } = dict;
  const T = termKeys.length;
  // Trigram index over the terms long enough to be two edits from an 8-letter key; ids
  // ascend within each list, so lengths come in runs.
  const G = GRAM_BASE * GRAM_BASE * GRAM_BASE;
  const gramOff = new Uint32Array(G + 1);
  const grams: number[] = [];
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
  return { gramOff, gramTerms, delOff, delTerms, delMask };
}

/** Hears a term found at `edits` edits from the key. */
export type OnMatch = (id: number, edits: number) => void;

/** Query-time typo search, with scratch space reused across queries. */
export class TypoExpander {
  private gramStamp: Uint32Array = new Uint32Array(16);
  private gramCount: Uint8Array = new Uint8Array(16);
  private gramEpoch = 0;
  private readonly grams: number[] = [];
  private readonly found: number[] = [];
  private keyCodes: Uint16Array = new Uint16Array(64);

  /** Makes room for a dictionary of `termCount` terms. */
  resize(termCount: number): void {
    if (this.gramStamp.length < termCount) {
      this.gramStamp = new Uint32Array(termCount);
      this.gramCount = new Uint8Array(termCount);
      this.gramEpoch = 0;
    }
  }

  /** Key as char codes in `keyCodes`, for the distance function. */
  loadKey(key: string): Uint16Array {
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
  oneEdit(dict: Dictionary, typo: TypoIndex, key: string, onMatch: OnMatch): void {
    const { delOff, delTerms, delMask } = typo;
    const { termOff, termChars } = dict;
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
        if (dist === 1) onMatch(id, 1);
      }
    }
  }

  /**
   * Two edits, for keys of 8 letters or more: the padded-trigram count filter over terms of
   * admissible length, then OSA distance.
   */
  withinEdits(dict: Dictionary, typo: TypoIndex, key: string, k: number, onMatch: OnMatch): void {
    const { gramOff, gramTerms } = typo;
    const { lenStart, termOff, termChars } = dict;
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
      if (dist === k) onMatch(id, dist);
    }
  }

  /** Terms added since the last build are few: check them one by one. */
  extras(
    extraKeys: readonly string[],
    termCount: number,
    key: string,
    k: number,
    onMatch: OnMatch,
  ): void {
    const n = key.length;
    for (let e = 0; e < extraKeys.length; e++) {
      const other = extraKeys[e] as string;
      if (Math.abs(other.length - n) > k) continue;
      const codes = this.loadKey(key);
      const oc = new Uint16Array(other.length);
      for (let i = 0; i < other.length; i++) oc[i] = other.charCodeAt(i);
      const dist = boundedOsa(codes, n, oc, 0, other.length, k);
      if (dist === k) onMatch(termCount + e, dist);
    }
  }
}
