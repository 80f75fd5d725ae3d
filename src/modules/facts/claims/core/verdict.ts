/**
 * Verdicts, evidence and what every kind's judge works with: the film the text is about, its
 * title and year, and the knowledge base.
 */
import type { AwardEdition, EditionEntry, KnowledgeBase, Statement } from '../../kb/kb.ts';
import { ordinal } from '../../../../lib/text/index.ts';

export const VERDICTS = ['supported', 'contradicted', 'unsupported', 'not-checkable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type Evidence =
  | { type: 'statement'; statement: Statement }
  | { type: 'edition'; edition: AwardEdition; entry?: EditionEntry; role?: 'winner' | 'nominee' };

export interface Judgement {
  claimId: string;
  verdict: Verdict;
  /** One or two sentences for a curator: what the base holds and why that decides the claim. */
  explanation: string;
  evidence: Evidence[];
}

export type Decision = Omit<Judgement, 'claimId'>;

export const stmt = (statement: Statement): Evidence => ({ type: 'statement', statement });

export function editionName(e: Pick<AwardEdition, 'event' | 'edition' | 'year'>): string {
  return e.edition === undefined
    ? `${e.year} ${e.event}`
    : `${ordinal(e.edition)} ${e.event} (${e.year})`;
}

/** A denied claim: the record that bears out the claim contradicts the denial, and the reverse. */
export function negate(d: Decision, claimText: string): Decision {
  if (d.verdict === 'supported') {
    return {
      ...d,
      verdict: 'contradicted',
      explanation: `The claim denies something the record shows: ${d.explanation}`,
    };
  }
  if (d.verdict === 'contradicted') {
    return {
      ...d,
      verdict: 'supported',
      explanation: `The record bears out the denial: ${d.explanation}`,
    };
  }
  return { ...d, explanation: d.explanation || `Nothing recorded decides "${claimText}".` };
}

/** The film a text is about, as the judges see it. */
export class FilmContext {
  constructor(
    readonly kb: KnowledgeBase,
    readonly key: string,
  ) {}

  /** "Mother (1955)": with its year, since several films share a title. */
  get title(): string {
    const year = this.kb.film(this.key)?.year;
    return `${this.kb.displayTitle(this.key)}${year === undefined ? '' : ` (${year})`}`;
  }

  get year(): number | undefined {
    return this.kb.film(this.key)?.year;
  }
}
