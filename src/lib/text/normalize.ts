/**
 * `normalize`: a Latin reading of a text for equality checks and display keys (award names,
 * studios, titles compared as written). Cyrillic is transliterated (BGN/PCGN), diacritics and
 * punctuation go, words are joined by single spaces. Spelling variants are the skeleton's job.
 */
import { transliterate } from './romanize.ts';

/** Lower case, no diacritics, no punctuation, single spaces; Cyrillic is transliterated. */
export function normalize(text: string): string {
  return (
    transliterate(text.normalize('NFKC'))
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/ł/g, 'l')
      .replace(/&/g, ' and ')
      // Apostrophes and soft/hard signs join their word: "Gor'kogo" = "Gorkogo", "Mat'" = "Mat".
      .replace(/['’‘ʹʼ`´]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

// prettier-ignore
const ARTICLES = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'il', 'lo', 'el', 'los', 'las',
  'un', 'une', 'ein', 'eine',
]);

/**
 * Drops a leading article from words joined by single spaces (the output of `normalize`, or
 * `tokenize(text).join(' ')`): "the mother" → "mother"; a lone article stays.
 */
export function stripArticle(words: string): string {
  const space = words.indexOf(' ');
  if (space < 0) return words;
  const first = words.slice(0, space);
  return ARTICLES.has(first) ? words.slice(space + 1) : words;
}
