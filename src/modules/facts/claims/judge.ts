/**
 * Judges extracted claims against the knowledge base. Four verdicts:
 *
 * - supported: a statement or an edition list says so (shown with its sources);
 * - contradicted: a record rules it out — a complete list of an edition's winners or nominees
 *   without the film, a different value where only one can be true (release year, director), a
 *   recorded "submitted but not nominated", or earlier occurrences that defeat a "first" claim;
 * - unsupported: a kind of claim the base covers, about a film it knows, with nothing matching;
 * - not-checkable: plot, opinion, or a film the base does not know.
 *
 * A wrong "contradicted" is the worst mistake this can make, so every contradiction needs a record
 * that leaves no room: editions must be complete and pinned down (by the claim's edition or year,
 * or by a statement placing the film there), near-miss spellings hold a verdict back, and
 * one-year differences in dates are never called errors. Each kind's judge lives with its
 * extraction in `kinds/`; this file only dispatches.
 */
import type { KnowledgeBase } from '../kb/kb.ts';
import { sameName } from '../../../lib/text/index.ts';
import { readRelatedRef, resolveFilm } from './core/films.ts';
import { type Decision, FilmContext, type Judgement } from './core/verdict.ts';
import type { Claim } from './extract.ts';
import { judgeAward } from './kinds/award.ts';
import { judgeBasedOn } from './kinds/based-on.ts';
import { judgeCast, judgePeople } from './kinds/credits.ts';
import { NOT_CHECKABLE } from './kinds/none.ts';
import { judgePriority } from './kinds/priority.ts';
import { judgeReleaseYear } from './kinds/release-year.ts';
import { judgeScreening } from './kinds/screening.ts';
import { judgeSeries } from './kinds/series.ts';
import { judgeStudio } from './kinds/studio.ts';
import { judgeVersion } from './kinds/version.ts';

export { VERDICTS } from './core/verdict.ts';
export type { Evidence, Judgement, Verdict } from './core/verdict.ts';

/**
 * Judges one claim about the film `filmKey`. A null key (an entry that did not resolve to a film)
 * makes every claim not checkable.
 */
export function judgeClaim(
  claim: Claim,
  filmKey: string | null | undefined,
  kb: KnowledgeBase,
): Judgement {
  const decide = (): Decision => {
    if (claim.kind === 'none')
      return { verdict: 'not-checkable', explanation: NOT_CHECKABLE[claim.reason], evidence: [] };
    if (filmKey === null || filmKey === undefined) {
      return {
        verdict: 'not-checkable',
        explanation: 'This entry is not matched to a known film, so its claims cannot be checked.',
        evidence: [],
      };
    }
    if (kb.film(filmKey) === undefined || kb.statements(filmKey).length === 0) {
      return {
        verdict: 'not-checkable',
        explanation: 'The knowledge base holds nothing about this film yet.',
        evidence: [],
      };
    }
    const own = new FilmContext(kb, filmKey);
    const film = claim.subject === undefined ? own : subjectFilm(claim.subject, own);
    if (film === undefined) {
      return {
        verdict: 'not-checkable',
        explanation: `The claim is about "${claim.subject ?? ''}", which is not a film the knowledge base can single out.`,
        evidence: [],
      };
    }
    switch (claim.kind) {
      case 'award':
        return judgeAward(claim, film);
      case 'screening':
        return judgeScreening(claim, film);
      case 'director':
      case 'writer':
        return judgePeople(claim, film);
      case 'cast':
        return judgeCast(claim, film);
      case 'releaseYear':
        return judgeReleaseYear(claim, film);
      case 'version':
        return judgeVersion(claim, film);
      case 'series':
        return judgeSeries(claim, film);
      case 'priority':
        return judgePriority(claim, film);
      case 'basedOn':
        return judgeBasedOn(claim, film);
      case 'studio':
        return judgeStudio(claim, film);
    }
  };
  return { claimId: claim.id, ...decide() };
}

/**
 * The film a claim's subject names: the text's own film, another film the base knows, or — for a
 * name that is neither and is not one of the film's people (a prize "for her role" names its
 * winner) — undefined.
 */
function subjectFilm(subject: string, own: FilmContext): FilmContext | undefined {
  const related = readRelatedRef(subject);
  if (related) return resolveFilm(own, related);
  const film = resolveFilm(own, { title: subject });
  if (film !== undefined) return film;
  const people = own.kb.statements(own.key).flatMap((s) => {
    switch (s.property) {
      case 'director':
      case 'writer':
        return [s.value.name];
      case 'cast':
        return [s.value.person.name];
      case 'award':
        return s.value.person ? s.value.person.split(/,\s*/) : [];
      case 'basedOn':
        return s.value.author ? [s.value.author] : [];
      default:
        return [];
    }
  });
  return people.some((p) => sameName(subject, p)) ? own : undefined;
}
