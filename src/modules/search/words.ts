/** Query words the engine treats specially: film years and optional leading articles. */

const YEAR_RE = /^(18[89]\d|19\d\d|20\d\d|2100)$/;

/** A token that reads as a film year (1880–2100). */
export function isYearToken(token: string): boolean {
  return YEAR_RE.test(token);
}

/** Words a query may carry that a title may lack (leading articles, mostly). */
export const OPTIONAL_WORDS: ReadonlySet<string> = new Set(['the', 'a', 'an']);
