/** Claim checking: extraction of claims from prose, and their judgement against the base. */
export { extractClaims, splitClauses, splitSentences } from './extract.ts';
export type {
  AwardClaim,
  BasedOnClaim,
  CastClaim,
  Claim,
  ClaimKind,
  PeopleClaim,
  PriorityClaim,
  ReleaseYearClaim,
  ScreeningClaim,
  SeriesClaim,
  Span,
  StudioClaim,
  UncheckableSegment,
  VersionClaim,
} from './extract.ts';
export { judgeClaim, VERDICTS } from './judge.ts';
export type { Evidence, Judgement, Verdict } from './judge.ts';
export { checkText, countVerdicts } from './check.ts';
export type { CheckedClaim, CheckedText } from './check.ts';
