/** Pattern pieces the kinds' matchers share: names, years, editions, events, negation. */
import { findEvent } from '../../kb/vocabulary.ts';

const NAME_WORD = String.raw`(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’\-]*\.?`;
const PARTICLE = String.raw`(?:de|da|del|della|di|van|von|der|le|la|du|dos|bin|al|y)`;
export const NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,3}`;
const NAME_AT = new RegExp(NAME, 'uy');
const NAME_SEP = /(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+with\s+)/uy;
export const NOT_NAMES = new Set([
  'The',
  'This',
  'It',
  'In',
  'His',
  'Her',
  'Its',
  'A',
  'An',
  'At',
  'For',
]);

/** Reads "A", "A and B", "A, B and C" starting at `pos` (after optional spaces). */
export function readNames(text: string, pos: number): { names: string[]; end: number } | null {
  let at = pos;
  while (/\s/.test(text[at] ?? '')) at++;
  const names: string[] = [];
  let end = at;
  for (;;) {
    NAME_AT.lastIndex = at;
    const m = NAME_AT.exec(text);
    if (!m) break;
    const name = m[0]
      .replace(/[.,]$/, '')
      .replace(/^(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?\s+/, '')
      .trim();
    if (NOT_NAMES.has(name.split(/\s+/)[0] ?? '')) break;
    names.push(name);
    end = m.index + m[0].length;
    NAME_SEP.lastIndex = end;
    const sep = NAME_SEP.exec(text);
    if (!sep) break;
    at = sep.index + sep[0].length;
  }
  return names.length > 0 ? { names, end } : null;
}

const YEAR = /\b(18[89]\d|19\d\d|20\d\d)\b/;
const EDITION = /\b(\d{1,3})(?:st|nd|rd|th)\b(?!\s+century)/i;
const WEAK_EVENT =
  /\b(?:at|in|to|for)\s+(?:the\s+)?(Cannes|Berlin|Venice|Moscow|Karlovy Vary|Locarno|San Sebasti[aá]n|San Francisco)\b/u;
const FESTIVAL_NAME =
  /(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+|\d{4}\s+)?((?:\p{Lu}[\p{L}'’.-]*\s+){1,5}(?:[Ff]ilm\s+)?(?:[Ff]estival|Awards|Film Awards))\b/u;

/** The event named in a piece of text: a known festival or ceremony, or a "… Festival" name. */
export function detectEvent(text: string): string | undefined {
  const strong = findEvent(text, { weak: false });
  if (strong) return strong.name;
  const weak = WEAK_EVENT.exec(text);
  if (weak?.[1]) return findEvent(weak[1])?.name;
  // "at the International festival of agricultural films (Rome) in 1953": the whole name.
  const at =
    /\b(?:at|in)\s+the\s+((?:\d{1,3}(?:st|nd|rd|th)\s+)?\p{Lu}[^,;]*?\b(?:[Ff]estival|Awards)\b[^,;]*?)(?=\s+in\s+\d{4}|\s+(?:and|but|where|when)\s|[,;.]|$)/u.exec(
      text,
    );
  if (at?.[1]) return at[1].replace(/^\d{1,3}(?:st|nd|rd|th)\s+/, '').trim();
  const generic = FESTIVAL_NAME.exec(text);
  return generic?.[1]?.trim();
}

export function yearIn(text: string): number | undefined {
  const m = YEAR.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

export function editionIn(text: string): number | undefined {
  const m = EDITION.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

export const NEGATION = /\b(?:not|never|n't|failed to|without)\b/i;
