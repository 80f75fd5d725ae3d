/** A query read into words: skeleton readings, prefix readings of the last word, typo budget. */
import { foldWord, prefixVariants, skeletonVariants, tokenize } from '../../lib/text/index.ts';
import { editBudget } from './typo.ts';
import { isYearToken, OPTIONAL_WORDS } from './words.ts';

/** Most words of a query that take part (the rest are ignored). */
export const MAX_WORDS = 12;

/** One word of a query, and (filled in by expansion) the terms it matches. */
export interface QueryWord {
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

export function parseQuery(query: string): QueryWord[] {
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
