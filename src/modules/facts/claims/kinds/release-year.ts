/** The release year: "released in 1957", "a 1957 film". A one-year difference is never an error. */
import { joinWords } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface ReleaseYearClaim extends ClaimBase {
  kind: 'releaseYear';
  year: number;
}

export function matchReleaseYear(c: string): Found<ReleaseYearClaim>[] {
  const released =
    /\b(?:was\s+)?(?:released|made|produced|filmed|shot|completed|came\s+out)\s+in\s+(\d{4})\b/i.exec(
      c,
    );
  // "the novel that Donskoy had filmed in 1955", "Protazanov had filmed the story in 1927": the
  // year of someone else's film, not a claim about this one's release.
  const someoneElse =
    released !== null &&
    /^(?:made|produced|filmed|shot|completed)\b/i.test(released[0]) &&
    /(?:\b(?:that|which|whom|when)\s+[^,]*|\p{Lu}[\p{L}'’-]+\s+(?:had\s+|has\s+|first\s+|already\s+)*)$/u.test(
      c.slice(0, released.index),
    );
  if (released?.[1] && !someoneElse)
    return [
      {
        kind: 'releaseYear',
        year: Number(released[1]),
        start: released.index,
        end: released.index + released[0].length,
      },
    ];
  const adjective =
    /\b(?:a|this|the)\s+(\d{4})\s+(?:[\p{L}-]+\s+){0,3}?(?:film|movie|picture|drama|feature)\b/iu.exec(
      c,
    );
  if (adjective?.[1])
    return [
      {
        kind: 'releaseYear',
        year: Number(adjective[1]),
        start: adjective.index,
        end: adjective.index + adjective[0].length,
      },
    ];
  return [];
}

export function judgeReleaseYear(claim: ReleaseYearClaim, film: FilmContext): Decision {
  const known = film.kb.statements(film.key, 'releaseYear');
  if (known.length === 0) {
    return {
      verdict: 'unsupported',
      explanation: `No sourced release year is recorded for ${film.title}.`,
      evidence: [],
    };
  }
  const exact = known.filter((s) => s.value.year === claim.year);
  if (exact.length > 0) {
    return {
      verdict: 'supported',
      explanation: `${film.title} was released in ${claim.year}.`,
      evidence: exact.map(stmt),
    };
  }
  const years = joinWords([...new Set(known.map((s) => String(s.value.year)))]);
  const close = known.some((s) => Math.abs(s.value.year - claim.year) === 1);
  if (close) {
    return {
      verdict: 'unsupported',
      explanation: `Recorded as ${years}. Production and release years often differ by one, so ${claim.year} is not called wrong, but it needs a source.`,
      evidence: known.map(stmt),
    };
  }
  return {
    verdict: 'contradicted',
    explanation: `${film.title} was released in ${years}, not ${claim.year}.`,
    evidence: known.map(stmt),
  };
}
