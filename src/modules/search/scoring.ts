/**
 * Scoring and ranking: how well one candidate document's titles and people answer the query
 * words as expanded (tiers for exact, in-order, prefix and fuzzy matches, a bonus by title kind
 * and for the year), the order of results (score, then slug), and the hit shown for a result.
 */
import { hasCyrillic } from '../../lib/text/index.ts';
import type { TitleKind } from '../catalog/index.ts';
import { ALT, ID_MASK } from './dictionary.ts';
import type { SearchHit } from './engine.ts';
import { MAX_WORDS, type QueryWord } from './query.ts';

export const KIND_CODE: Record<TitleKind, number> = {
  original: 0,
  english: 1,
  transliteration: 2,
  alternative: 3,
};
export const KIND_NAMES: TitleKind[] = ['original', 'english', 'transliteration', 'alternative'];
export const PERSON = 4;
/** Bonus a title of each kind adds within a tier: a match on the original or English title
 * is a better answer than one on an alternative title. */
const KIND_BONUS = [4, 4, 3, 0];

export const NONE = 255;
export const Q_EXACT = 0;
export const Q_PREFIX = 1;
/** Quality codes 2 and 3 are fuzzy matches at distance 1 and 2. */
export const Q_FUZZY = 1;

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface Ranked {
  doc: number;
  score: number;
  slug: string;
  titleField: number;
  personField: number;
  person: boolean;
}

/** Ranking order: score descending, then slug ascending (code-unit order, locale-free). */
export function before(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.slug < b.slug;
}

/** What scoring reads of the index: the forward index, the fields, and the query's marks. */
export interface ScoringView {
  readonly slugs: readonly string[];
  readonly years: Int16Array;
  readonly docFieldOff: Uint32Array;
  readonly fieldText: readonly string[];
  readonly fieldKind: Uint8Array;
  readonly fieldDup: Uint32Array;
  readonly fieldTokOff: Uint32Array;
  readonly tokens: Uint32Array;
  readonly stopIds: readonly number[];
  /** Per query: term id → slot (when stamped with `epoch`) → best quality per query word. */
  readonly epoch: number;
  readonly termStamp: Uint32Array;
  readonly termSlot: Int32Array;
  readonly slotQ: Uint8Array;
  readonly slotMask: Uint32Array;
}

const scratchBest = new Uint8Array(MAX_WORDS);
const scratchDocBest = new Uint8Array(MAX_WORDS);
const scratchSeq = new Uint32Array(32);

/** Scores one candidate, or null when it does not match every required word. */
export function scoreDoc(
  ix: ScoringView,
  d: number,
  words: QueryWord[],
  reqMask: number,
  years: number[],
): Ranked | null {
  const epoch = ix.epoch;
  const termStamp = ix.termStamp;
  const termSlot = ix.termSlot;
  const slotQ = ix.slotQ;
  const slotMask = ix.slotMask;
  const tokens = ix.tokens;
  const fieldTokOff = ix.fieldTokOff;
  const stopIds = ix.stopIds;
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
  const f0 = ix.docFieldOff[d] as number;
  const f1 = ix.docFieldOff[d + 1] as number;
  for (let f = f0; f < f1; f++) {
    if (ix.fieldDup[f] !== 0) continue;
    const kind = ix.fieldKind[f] as number;
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
        (matched === bestPersonCount && matched > 0 && fieldBefore(ix, f, bestPersonField))
      ) {
        bestPersonCount = matched;
        bestPersonField = f;
      }
      continue;
    }
    if (
      matched > bestPartialCount ||
      (matched === bestPartialCount && matched > 0 && fieldBefore(ix, f, bestPartialField))
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
      (score === bestTitleScore && fieldBefore(ix, f, bestTitleField))
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
  if (years.length > 0 && years.includes(ix.years[d] as number)) score += 1000;
  return {
    doc: d,
    score,
    slug: ix.slugs[d] as string,
    titleField: bestTitleField,
    personField: person || personMask !== 0 ? bestPersonField : -1,
    person,
  };
}

/** Deterministic preference between two equally scored fields of one document. */
export function fieldBefore(ix: ScoringView, f: number, g: number): boolean {
  if (g < 0) return true;
  const kf = ix.fieldKind[f] as number;
  const kg = ix.fieldKind[g] as number;
  if (kf !== kg) return kf < kg;
  return (ix.fieldText[f] as string) < (ix.fieldText[g] as string);
}

export function toHit(ix: ScoringView, r: Ranked, cyrillicQuery: boolean): SearchHit {
  const d = r.doc;
  const f0 = ix.docFieldOff[d] as number;
  const f1 = ix.docFieldOff[d + 1] as number;
  // among the matched field and its repeats, prefer one in the query's script
  const pick = (rep: number): string => {
    let best = rep;
    let bestRank = -1;
    for (let f = f0; f < f1; f++) {
      if (f !== rep && ix.fieldDup[f] !== rep + 1) continue;
      const text = ix.fieldText[f] as string;
      const rank = (hasCyrillic(text) === cyrillicQuery ? 10 : 0) - (ix.fieldKind[f] as number);
      if (rank > bestRank || (rank === bestRank && text < (ix.fieldText[best] as string))) {
        best = f;
        bestRank = rank;
      }
    }
    return ix.fieldText[best] as string;
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
        const text = ix.fieldText[f] as string;
        if (ix.fieldKind[f] === k && (title === '' || text < title)) title = text;
      }
      if (title !== '') break;
    }
  }
  const year = ix.years[d] as number;
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
