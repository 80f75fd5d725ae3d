/**
 * Extraction and judgement together: the checked text a Fact check page or a CLI table shows,
 * each claim with its span, verdict, explanation and evidence.
 */
import type { KnowledgeBase } from '../kb/kb.ts';
import { extractClaims, type Claim } from './extract.ts';
import { judgeClaim, VERDICTS, type Judgement, type Verdict } from './judge.ts';

export type CheckedClaim = Claim & { judgement: Judgement };

export interface CheckedText {
  text: string;
  claims: CheckedClaim[];
  /** How many claims got each verdict. */
  counts: Record<Verdict, number>;
}

export function countVerdicts(
  claims: readonly { judgement: Judgement }[],
): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const c of claims) counts[c.judgement.verdict]++;
  return counts;
}

/** Extracts and judges every claim in a text about one film (null: an unresolved entry). */
export function checkText(
  text: string,
  filmKey: string | null | undefined,
  kb: KnowledgeBase,
): CheckedText {
  const claims = extractClaims(text).map((claim) => ({
    ...claim,
    judgement: judgeClaim(claim, filmKey, kb),
  }));
  return { text, claims, counts: countVerdicts(claims) };
}
