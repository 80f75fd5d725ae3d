/**
 * The romanization skeleton: one key for every way of writing a Russian word in Latin letters.
 *
 * The skeleton is a lossy Latin key that every common way of writing a Russian word reduces
 * to: the Cyrillic itself, BGN/PCGN, ISO 9 and GOST 7.79 (systems A and B), Library of
 * Congress (with or without tie bars), ICAO passport style and the informal ones (ya/ja/ia,
 * kh/h/x, zh/j, ts/c, shch/sch, y/i for ы and й, e/ye/je, with or without ' and " for ь
 * and ъ). Cyrillic is first written in one Latin form and then read back by the same parser
 * as typed Latin, so both sides go through identical rules. The rules, in order:
 *
 * - digraphs are read longest first: shch/shh/sch/sh → w (sh also as s+h, for с+х), tsch/tch/ch → q, zh → j, kh → h,
 *   ts/tz/cz → c, ph → f, th → t; w → v, q → k; x is read both as ks and as h, and
 *   j both as a glide (й) and as zh (the key then has two variants);
 * - y, й, ы, ĭ and a glide j all become i, and an i standing before a vowel is a glide that
 *   is dropped (ya/ja/ia/я → a, ye/je/е → e, yu/ju/iu/ю → u, and iya/ия → a); a glide before o
 *   turns it into e, because ё is written yo/jo/io/ë and the issue makes ё equal е;
 * - runs of the same letter collapse (ии, yy, iy, ij, ll → one), so pervyy = pervyj = pervyi
 *   = первый, and the genitive ending -ogo/-ego reads -ovo/-evo as it is pronounced.
 *
 * These merges cost a little precision (Мара/Мария, шит/щит share a key); ranking and the
 * benchmark in bench/search measure that cost. See docs/search.md.
 */

import { COMBINING, isMarkCode, LATIN_SPECIAL, tokenize } from './fold.ts';
import { COMMON } from './romanize.ts';

/**
 * Letters whose diacritic carries a Russian sound in ISO 9, ISO/R 9 and Czech-style
 * romanizations; the skeleton reads them as the digraph (and, separately, as the bare letter).
 */
const TRANSLIT_DIACRITICS: Record<string, string> = {
  ž: 'zh',
  č: 'ch',
  š: 'sh',
  ŝ: 'shch',
  ĉ: 'ch',
  ẑ: 'zh',
  ǆ: 'dzh',
};

/**
 * Cyrillic → Latin, written so that the Latin reader below parses it back unambiguously: the
 * common romanization with й, ы as i, ю, я as glide + vowel, and no marks for ь and ъ.
 */
const CYRILLIC: Record<string, string> = {
  ...COMMON,
  й: 'i',
  ъ: '',
  ы: 'i',
  ь: '',
  ю: 'iu',
  я: 'ia',
  // Ukrainian, Belarusian and Serbian letters that appear in Soviet film titles and names.
  і: 'i',
  ї: 'ii',
  є: 'ie',
  ґ: 'g',
  ў: 'u',
  ј: 'i',
  ѐ: 'e',
  ѝ: 'i',
};

/** Maximum number of skeleton variants one word may have (x and j+vowel fork the reading). */
const MAX_VARIANTS = 8;

const CYRILLIC_TABLE: (string | undefined)[] = [];
for (const [ch, latin] of Object.entries(CYRILLIC))
  CYRILLIC_TABLE[ch.charCodeAt(0) - 0x400] = latin;

/** Set by toLatin when the word had a letter that TRANSLIT_DIACRITICS reads as a digraph. */
let sawTranslitDiacritic = false;

/**
 * Writes a lower-cased word in plain Latin letters ready for the reader: Cyrillic through
 * the table above, translit diacritics as digraphs (when `digraphs`) or bare, other Latin
 * diacritics dropped. Letters of other scripts pass through unchanged.
 */
function toLatin(word: string, digraphs: boolean): string {
  let out = '';
  sawTranslitDiacritic = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x80) {
      if (!isMarkCode(c)) out += word[i];
    } else if (c >= 0x400 && c <= 0x52f) {
      out += CYRILLIC_TABLE[c - 0x400] ?? word[i];
    } else if ((c >= 0x300 && c <= 0x36f) || isMarkCode(c)) {
      // a combining mark left over from NFC (LC tie bars, stray accents), or a ь/ъ mark
    } else {
      const ch = word[i] as string;
      const t = TRANSLIT_DIACRITICS[ch];
      if (t !== undefined) sawTranslitDiacritic = true;
      if (t !== undefined && digraphs) out += t;
      else out += LATIN_SPECIAL[ch] ?? ch.normalize('NFD').replace(COMBINING, '');
    }
  }
  return out;
}

/**
 * Reads a plain-Latin word into skeleton letters before the glide pass. Returns up to
 * MAX_VARIANTS readings: x is ks or h; j is a glide (i) or zh (j).
 */
function readLatin(s: string): string[] {
  // One pass writes the main reading; each fork point records its alternative, and the
  // (rare) words with forks are expanded at the end.
  const parts: string[] = [];
  // fork points: index in parts, and the alternative reading of that part
  const forkAt: number[] = [];
  const forkAlt: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    const c1 = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    switch (c) {
      case 115: // s
        if (c1 === 104 && s.startsWith('ch', i + 2)) {
          parts.push('w');
          i += 4;
        } else if (
          (c1 === 104 && s.charCodeAt(i + 2) === 104) ||
          (c1 === 99 && s.charCodeAt(i + 2) === 104)
        ) {
          parts.push('w'); // shh (GOST 7.79-B), sch
          i += 3;
        } else if (c1 === 104) {
          // ш, or с + х where х is written h (ISO 9 Voshoždenie, informal)
          forkAt.push(parts.length);
          forkAlt.push('sh');
          parts.push('w');
          i += 2;
        } else {
          parts.push('s');
          i += 1;
        }
        continue;
      case 116: // t
        if (c1 === 115 && s.startsWith('ch', i + 2)) {
          parts.push('q'); // tsch (German)
          i += 4;
        } else if (c1 === 99 && s.charCodeAt(i + 2) === 104) {
          parts.push('q'); // tch (French)
          i += 3;
        } else if (c1 === 115 || c1 === 122) {
          parts.push('c'); // ts, tz
          i += 2;
        } else if (c1 === 104) {
          parts.push('t'); // th
          i += 2;
        } else {
          parts.push('t');
          i += 1;
        }
        continue;
      case 99: // c
        if (c1 === 104) {
          parts.push('q');
          i += 2;
        } else if (c1 === 122) {
          // GOST 7.79-B writes ц as cz (Polish cz = ч loses; ISO 9 цз is rarer still)
          parts.push('c');
          i += 2;
        } else {
          parts.push('c');
          i += 1;
        }
        continue;
      case 122: // z
        parts.push(c1 === 104 ? 'j' : 'z');
        i += c1 === 104 ? 2 : 1;
        continue;
      case 107: // k
        parts.push(c1 === 104 ? 'h' : 'k');
        i += c1 === 104 ? 2 : 1;
        continue;
      case 112: // p
        parts.push(c1 === 104 ? 'f' : 'p');
        i += c1 === 104 ? 2 : 1;
        continue;
      case 120: // x
        forkAt.push(parts.length);
        forkAlt.push('h');
        parts.push('ks');
        i += 1;
        continue;
      case 106: // j: й/glide in ISO 9, German and Polish habits; ж in informal English spelling
        forkAt.push(parts.length);
        forkAlt.push('j');
        parts.push('i');
        i += 1;
        continue;
      case 121: // y
        parts.push('i');
        i += 1;
        continue;
      case 119: // w
        parts.push('v');
        i += 1;
        continue;
      case 113: // q
        parts.push('k');
        i += 1;
        continue;
      default:
        parts.push(s[i] as string);
        i += 1;
    }
  }
  if (forkAt.length === 0) return [parts.join('')];
  let variants: string[][] = [parts];
  let capped = false;
  for (let f = 0; f < forkAt.length; f++) {
    if (variants.length * 2 > MAX_VARIANTS) {
      capped = true;
      break;
    }
    const next: string[][] = [];
    for (const v of variants) {
      const w = v.slice();
      w[forkAt[f] as number] = forkAlt[f] as string;
      next.push(v, w);
    }
    variants = next;
  }
  const out = variants.map((v) => v.join(''));
  if (capped) {
    // A system writes one letter one way throughout (GOST 7.79-B: x is always х), so the
    // reading with every fork taken must survive the cap ("xaxaxaxa" = хахахаха).
    const all = parts.slice();
    forkAt.forEach((at, f) => (all[at] = forkAlt[f] as string));
    out.push(all.join(''));
  }
  return out;
}

/**
 * The glide pass and the final clean-up: an i before a vowel is dropped (and turns a
 * following o into e), runs of one letter collapse, -ogo/-ego become -ovo/-evo.
 */
function finish(s: string): string {
  let out = '';
  let glide = false;
  let prev = -1;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c === 105 /* i */ && i + 1 < n && isVowelCode(s.charCodeAt(i + 1))) {
      glide = true;
      continue;
    }
    if (glide && c === 111 /* o */) c = 101; /* e */
    glide = false;
    if (c === prev) continue;
    out += String.fromCharCode(c);
    prev = c;
  }
  if (out.length >= 4 && (out.endsWith('ogo') || out.endsWith('ego'))) {
    out = `${out.slice(0, -2)}vo`;
  }
  return out;
}

/** Letters that a romanized glide (y, j, i) can precede: the glide then belongs to them. */
function isVowelCode(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
}

/**
 * All skeleton keys of one token (as returned by `tokenize`), most likely first. Usually
 * one; a word with x, j, or ž/č/š/ŝ has two to four.
 */
export function skeletonVariants(token: string): string[] {
  token = token.toLowerCase();
  const out: string[] = [];
  const withDigraphs = toLatin(token, true);
  const readings = readLatin(withDigraphs);
  if (sawTranslitDiacritic) readings.push(...readLatin(toLatin(token, false)));
  for (const v of readings) {
    const k = finish(v);
    if (k.length > 0 && !out.includes(k)) out.push(k);
  }
  return out;
}

/** The primary skeleton key of one token ('' if it has none, like a lone ь). */
export function skeletonKey(token: string): string {
  return skeletonVariants(token)[0] ?? '';
}

/**
 * Skeleton of a whole text: the primary key of each word, joined by spaces ("Летят журавли",
 * "Letjat zhuravli" and "Letyat zhuravli" all give "letat juravli").
 */
export function skeleton(text: string): string {
  return tokenize(text)
    .map(skeletonKey)
    .filter((k) => k.length > 0)
    .join(' ');
}

/**
 * Whether two texts meet through the skeleton the way the search index matches them: the same
 * number of words, and each pair of words shares at least one skeleton reading.
 */
export function sameSkeleton(a: string, b: string): boolean {
  const wa = tokenize(a)
    .map(skeletonVariants)
    .filter((v) => v.length > 0);
  const wb = tokenize(b)
    .map(skeletonVariants)
    .filter((v) => v.length > 0);
  if (wa.length === 0 || wa.length !== wb.length) return false;
  return wa.every((keys, i) => keys.some((k) => (wb[i] as string[]).includes(k)));
}

/**
 * Keys that the start of a word, typed so far, may grow into. The last letters typed can be
 * the first half of a digraph (s→sh, z→zh, k→kh, t→ts, c→ch) or a glide whose vowel is
 * still to come (lety|at), so each such reading contributes its own prefix.
 */
export function prefixVariants(token: string): string[] {
  token = token.toLowerCase();
  const out: string[] = [];
  const add = (k: string): void => {
    if (k.length > 0 && !out.includes(k)) out.push(k);
  };
  for (const k of skeletonVariants(token)) add(k);
  const last = token[token.length - 1];
  if (last === undefined) return out;
  const latinLast = toLatin(last, true);
  const end = latinLast[latinLast.length - 1];
  if (end === 's' || end === 'z' || end === 'k' || end === 'c' || end === 'p' || end === 't') {
    for (const k of skeletonVariants(`${token}h`)) add(k);
  }
  if (end === 't') {
    for (const k of skeletonVariants(`${token}s`)) add(k);
    for (const k of skeletonVariants(`${token}ch`)) add(k); // peredat|chik: tch reads ч
  }
  if (end === 'i' || end === 'y' || end === 'j') {
    // the glide's vowel is not typed yet: drop the glide (and keep the zh reading of j)
    for (const k of skeletonVariants(`${token}a`)) add(k.slice(0, -1));
  }
  return out;
}
