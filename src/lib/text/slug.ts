/**
 * Slugs: the lower-case ASCII words joined by hyphens that name films, people and collections in
 * URLs and content files (`^[a-z0-9]+(?:-[a-z0-9]+)*$`).
 */
import { LATIN_SPECIAL } from './fold.ts';
import { transliterate } from './romanize.ts';

/** FNV-1a over UTF-16 code units: a short stable name for a text we cannot spell in ASCII. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/**
 * A stable slug. Cyrillic is transliterated the way English sources write it ("Летят журавли"
 * → "letyat-zhuravli"), Latin diacritics are dropped ("Zoltán Fábri" → "zoltan-fabri"),
 * apostrophes join their word, anything else separates words. A text with no letter or digit
 * that can be written so (Chinese, Georgian, Greek, only punctuation) gets "u" and a short hash
 * of its text instead, so a non-blank title always has a slug; a blank one gets "".
 */
export function slugify(text: string): string {
  const nfc = text.normalize('NFC');
  const ascii = transliterate(nfc)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\P{ASCII}/gu, (ch) => LATIN_SPECIAL[ch] ?? ch)
    .replace(/['’ʼ]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length > 0 || nfc.trim().length === 0) return ascii;
  return `u${shortHash(nfc.trim())}`;
}
