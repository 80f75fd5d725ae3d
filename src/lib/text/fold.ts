/**
 * Folding and tokenizing: the first step of every comparison of titles and names. Lower case,
 * ё → е, Latin diacritics dropped, the marks romanizations use for ь and ъ removed inside a word
 * (Mat' is one word); Cyrillic stays Cyrillic (transliteration is the skeleton's job).
 */

/** Characters that mark ь and ъ (or nothing) inside romanized words; they never split a word. */
export const WORD_MARKS = /['’ʼʹʺ`´ʻ"″′]/g;
export const COMBINING = /\p{M}/gu;

/** Latin letters that NFD does not decompose. */
export const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

function isCyrillicCode(c: number): boolean {
  return c >= 0x400 && c <= 0x52f;
}

/** Does the text contain any Cyrillic letter? Used to prefer titles in the query's script. */
export function hasCyrillic(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isCyrillicCode(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Folds one lower-cased word: ё → е, Latin diacritics dropped (é → e, ž → z), marks for ь/ъ
 * removed. Cyrillic й keeps its breve: it is a different letter, not a decorated и.
 */
export function foldWord(word: string): string {
  let out = '';
  for (const ch of word) {
    const c = ch.charCodeAt(0);
    if (isCyrillicCode(c)) {
      out += ch === 'ё' ? 'е' : ch;
    } else if (c < 0x80) {
      out += ch;
    } else {
      const special = LATIN_SPECIAL[ch];
      out += special ?? ch.normalize('NFD').replace(COMBINING, '');
    }
  }
  return out.replace(WORD_MARKS, '');
}

const OTHER_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** ь/ъ marks that romanizations put inside words: ' ’ ʼ ʹ ʺ ` ´ ʻ " ″ ′ */
export function isMarkCode(c: number): boolean {
  return (
    c === 0x27 ||
    c === 0x22 ||
    c === 0x60 ||
    c === 0xb4 ||
    (c >= 0x2b9 && c <= 0x2bc) ||
    c === 0x2019 ||
    c === 0x2032 ||
    c === 0x2033
  );
}

/** Is this UTF-16 code unit part of a word? Fast paths for the scripts a film title uses. */
function isWordCode(c: number): boolean {
  if (c < 0x80) {
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || isMarkCode(c);
  }
  if (c >= 0x400 && c <= 0x52f) return true;
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0x300 && c <= 0x36f) return true;
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters: keep the pair together
  if (isMarkCode(c)) return true;
  return OTHER_WORD_CHAR.test(String.fromCharCode(c));
}

/**
 * Splits text into lower-cased words (letters and digits; apostrophes and primes inside a
 * word are dropped, so Mat' is one word). Hyphens and other punctuation split.
 */
export function tokenize(text: string): string[] {
  let lower = text.toLowerCase();
  // compose only when there is something to compose (e + combining acute → é)
  if (/[\u0300-\u036f]/.test(lower)) lower = lower.normalize('NFC');
  const out: string[] = [];
  let start = -1;
  let marks = false;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 0x20;
    if (i < n && isWordCode(c)) {
      if (start < 0) start = i;
      if (isMarkCode(c)) marks = true;
      continue;
    }
    if (start >= 0) {
      let w = lower.slice(start, i);
      if (marks) w = w.replace(WORD_MARKS, '');
      if (w.length > 0) out.push(w);
      start = -1;
      marks = false;
    }
  }
  return out;
}

/** Lower-case, ё→е, diacritics and punctuation folded away, words joined by single spaces. */
export function fold(text: string): string {
  return tokenize(text)
    .map(foldWord)
    .filter((w) => w.length > 0)
    .join(' ');
}
