/** What every claim has, whatever its kind: where it is in the text and whether it is denied. */

export interface Span {
  start: number;
  end: number;
}

export interface ClaimBase {
  /** Position in the text's claim list: c1, c2, … */
  id: string;
  /** The claim's words, as written. */
  text: string;
  span: Span;
  /** The whole sentence the claim is in. */
  sentence: Span;
  /** "was not nominated", "never won". */
  negated: boolean;
  /**
   * The words naming what the claim is about, when a name stands before it ("My Apprenticeship
   * is the second part…"): the judge resolves it to a film, and a film it does not know makes the
   * claim not checkable rather than a claim about the text's own film.
   */
  subject?: string;
}

/** What a kind's matcher finds in a clause: the claim's own fields and its place in the clause. */
export type Found<C extends ClaimBase> = C extends ClaimBase
  ? { start: number; end: number } & Omit<C, keyof ClaimBase> & { negated?: boolean }
  : never;
