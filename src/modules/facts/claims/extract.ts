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
import { readRelatedRef } from './core/films.ts';
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

// Kinds whose matchers read their own subject (a person, or a film they name).
const OWN_SUBJECT = new Set<string>(['director', 'writer', 'cast']);
const LINKING =
  /\s+(?:(?:was|is|were|are|has|had|have|did|does|do|will|would|became|becomes|remains|remained|also|later|then|itself|not|never|first|still|went\s+on\s+to|n't|a|an|the|reportedly|allegedly|arguably|perhaps|probably|often|widely|(?:is|was|are|were)\s+(?:said|reported|believed|thought|considered|claimed|known)\s+to(?:\s+have)?(?:\s+be(?:en)?)?)\s+)*$/i;
const NOT_A_NAME =
  /^(?:(?:[Ii]t|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Hh]e|[Ss]he|[Tt]hey|[Bb]oth|[Aa]ll|[Oo]ne|[Ee]ach|[Ii]n|[Aa]t|[Bb]y|[Aa]fter|[Bb]efore|[Ww]hen|[Ww]hile|[Aa]lthough|[Tt]hough|[Bb]ut|[Aa]nd|[Aa]s)\b|(?:[Tt]he|[Aa]n?)(?:\s+\P{Lu}|$))/u;

/**
 * The name before a claim that says what it is about: "My Apprenticeship" in "My Apprenticeship
 * is the second part of the trilogy". Pronouns and "the film" name the text's own film and give
 * nothing; a possessive is dropped ("Donskoy's Mother" → "Mother").
 */
function subjectBefore(prefix: string): string | undefined {
  const lead = prefix.replace(/^(?:In|By|At|From|After|Before)\s+[^,]*,\s*/, '');
  const m = LINKING.exec(lead);
  if (!m || m.index === 0) return undefined;
  let subject = lead.slice(0, m.index).trim();
  // "The 1926 version", "the original", "its remake", "Pudovkin's film": kept as written.
  if (readRelatedRef(subject)) return subject;
  subject = subject.replace(/^(?:(?:\p{Lu}[\p{L}'’-]*\s+){0,3}\p{Lu}[\p{L}'’-]*)['’]s\s+/u, '');
  if (subject === '' || NOT_A_NAME.test(subject) || !/^\p{Lu}/u.test(subject)) return undefined;
  if (/[,;:]/.test(subject) || subject.split(/\s+/).length > 8) return undefined;
  // A whole clause is not a name: "The Ascent is a 1977 Soviet war film".
  if (/\s(?:is|was|are|were|has|had|won|did)\s/.test(` ${subject} `)) return undefined;
  return subject;
}

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
      // The clause's subject, read before its first claim, is the subject of all its claims.
      const clauseSubject = subjectBefore(c.slice(0, found[0]?.start ?? 0));
      for (const f of found) {
        // One claim in a clause owns the whole clause; several share it by their own words.
        const span =
          found.length === 1
            ? clause
            : { start: clause.start + f.start, end: clause.start + f.end };
        const { start: _s, end: _e, negated, ...rest } = f;
        const subject =
          'person' in f ||
          ('film' in f && f.film !== undefined) ||
          (OWN_SUBJECT.has(f.kind) && f.start === 0)
            ? undefined
            : clauseSubject;
        claims.push({
          ...rest,
          id: nextId(),
          text: text.slice(span.start, span.end),
          span,
          sentence,
          negated: negated ?? false,
          ...(subject ? { subject } : {}),
        } as Claim);
      }
    }
  }
  return claims;
}
