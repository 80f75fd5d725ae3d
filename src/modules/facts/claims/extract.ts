/**
 * Finds the checkable claims in a description or fact about a film, each with its character span:
 * awards and nominations, festival screenings, who directed, wrote or starred, the release year,
 * what it is based on, remakes and other versions, series membership and "first" (priority)
 * claims. Everything else (plot, opinion) comes back as `none` segments, so a reader can see the
 * whole text with each part marked.
 *
 * The subject of every claim is the film the text is about ("It was…", "The film won…"). Each
 * kind's patterns live with its judgement in `kinds/`; this file splits the text into sentences
 * and clauses and runs every kind's matcher over each clause. The matchers prefer missing a claim
 * to inventing one.
 */
import type { Found } from './core/claim.ts';
import { splitClauses, splitSentences } from './core/sentences.ts';
import { type AwardClaim, matchAward } from './kinds/award.ts';
import { type BasedOnClaim, matchBasedOn } from './kinds/based-on.ts';
import { type CastClaim, matchCast, matchPeople, type PeopleClaim } from './kinds/credits.ts';
import { classify, type UncheckableSegment } from './kinds/none.ts';
import { matchPriority, type PriorityClaim } from './kinds/priority.ts';
import { matchReleaseYear, type ReleaseYearClaim } from './kinds/release-year.ts';
import { matchScreening, type ScreeningClaim } from './kinds/screening.ts';
import { matchSeries, type SeriesClaim } from './kinds/series.ts';
import { matchStudio, type StudioClaim } from './kinds/studio.ts';
import { matchVersion, type VersionClaim } from './kinds/version.ts';

export type { Span } from './core/claim.ts';
export { splitClauses, splitSentences } from './core/sentences.ts';
export type { AwardClaim, ClaimedAwardResult } from './kinds/award.ts';
export type { BasedOnClaim } from './kinds/based-on.ts';
export type { CastClaim, PeopleClaim } from './kinds/credits.ts';
export type { UncheckableSegment } from './kinds/none.ts';
export type { PriorityClaim } from './kinds/priority.ts';
export type { ReleaseYearClaim } from './kinds/release-year.ts';
export type { ScreeningClaim } from './kinds/screening.ts';
export type { SeriesClaim } from './kinds/series.ts';
export type { StudioClaim } from './kinds/studio.ts';
export type { VersionClaim } from './kinds/version.ts';

export type Claim =
  | AwardClaim
  | ScreeningClaim
  | PeopleClaim
  | CastClaim
  | ReleaseYearClaim
  | BasedOnClaim
  | VersionClaim
  | SeriesClaim
  | PriorityClaim
  | StudioClaim
  | UncheckableSegment;
export type ClaimKind = Claim['kind'];

type AnyFound = Found<Exclude<Claim, UncheckableSegment>>;

// Run in this order; a later matcher ignores text an earlier one claimed.
const MATCHERS: ReadonlyArray<(clause: string) => AnyFound[]> = [
  matchPriority,
  matchSeries,
  matchAward,
  matchScreening,
  matchVersion,
  matchBasedOn,
  matchPeople,
  matchCast,
  matchStudio,
  matchReleaseYear,
];

/** Extracts every claim from a text, checkable or not, in reading order. */
export function extractClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  let n = 0;
  const nextId = () => `c${++n}`;
  for (const sentence of splitSentences(text)) {
    for (const clause of splitClauses(text, sentence)) {
      const c = text.slice(clause.start, clause.end);
      const found: AnyFound[] = [];
      for (const matcher of MATCHERS) {
        for (const f of matcher(c)) {
          if (!found.some((g) => f.start < g.end && g.start < f.end)) found.push(f);
        }
      }
      if (found.length === 0) {
        claims.push({
          id: nextId(),
          kind: 'none',
          reason: classify(c),
          text: c,
          span: clause,
          sentence,
          negated: false,
        });
        continue;
      }
      found.sort((a, b) => a.start - b.start);
      for (const f of found) {
        // One claim in a clause owns the whole clause; several share it by their own words.
        const span =
          found.length === 1
            ? clause
            : { start: clause.start + f.start, end: clause.start + f.end };
        const { start: _s, end: _e, negated, ...rest } = f;
        claims.push({
          ...rest,
          id: nextId(),
          text: text.slice(span.start, span.end),
          span,
          sentence,
          negated: negated ?? false,
        } as Claim);
      }
    }
  }
  return claims;
}
