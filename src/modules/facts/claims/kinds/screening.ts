/** Festival screenings: "shown in competition at the 9th Cannes Film Festival". */
import type { AwardResult } from '../../kb/kb.ts';
import { sameEvent } from '../../kb/vocabulary.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { detectEvent, editionIn, NEGATION, yearIn } from '../core/patterns.ts';
import { type Decision, editionName, type FilmContext, negate, stmt } from '../core/verdict.ts';
import { describeAward } from './award.ts';

export interface ScreeningClaim extends ClaimBase {
  kind: 'screening';
  event: string;
  edition?: number;
  year?: number;
  /** "in competition at" rather than "shown at". */
  competition: boolean;
}

export function matchScreening(c: string): Found<ScreeningClaim>[] {
  const m =
    /\b(?:was\s+|were\s+)?(shown|screened|presented|premiered|premiering|selected|played|competed|entered|included|debuted|(?:shown\s+)?in\s+(?:the\s+)?(?:main\s+)?competition)\b(?:\s+(?:in|for)\s+(?:the\s+)?(?:main\s+)?competition)?\s+(?:at|in|for)\s+/i.exec(
      c,
    );
  if (!m) return [];
  const rest = c.slice(m.index);
  const event = detectEvent(rest);
  if (!event) return [];
  const competition = /competition|competed|entered/i.test(m[0]);
  const found: Found<ScreeningClaim> = {
    kind: 'screening',
    event,
    competition,
    start: m.index,
    end: c.length,
    negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
  };
  const edition = editionIn(rest);
  const year = yearIn(rest);
  if (edition !== undefined) found.edition = edition;
  if (year !== undefined) found.year = year;
  return [found];
}

export function judgeScreening(claim: ScreeningClaim, film: FilmContext): Decision {
  const shown: readonly AwardResult[] = claim.competition
    ? ['won', 'nominated', 'in-competition', 'special-mention']
    : ['won', 'nominated', 'in-competition', 'special-mention', 'screened'];
  const when = (v: { edition?: number | undefined; year?: number | undefined }) =>
    (claim.edition === undefined || v.edition === undefined || v.edition === claim.edition) &&
    (claim.year === undefined || v.year === undefined || v.year === claim.year);
  const statements = film.kb
    .statements(film.key, 'award')
    .filter(
      (s) =>
        sameEvent(s.value.event, claim.event) && when(s.value) && shown.includes(s.value.result),
    );
  const listed = film.kb
    .listings(film.key)
    .filter((l) => sameEvent(l.edition.event, claim.event) && when(l.edition));
  let d: Decision;
  if (statements.length > 0 || listed.length > 0) {
    const first = statements[0];
    const l = listed[0];
    d = {
      verdict: 'supported',
      explanation: first
        ? `${film.title} ${describeAward(first)}.`
        : `${film.title} appears in the ${l ? editionName(l.edition) : claim.event} records.`,
      evidence: [
        ...statements.map(stmt),
        ...listed.map((x) => ({
          type: 'edition' as const,
          edition: x.edition,
          entry: x.entry,
          role: x.role,
        })),
      ],
    };
  } else {
    // Festival line-ups are never complete in the base, so absence proves nothing.
    d = {
      verdict: 'unsupported',
      explanation: `No record of ${film.title} at the ${claim.event}${claim.year ? ` in ${claim.year}` : ''}. Festival selections in the knowledge base are not complete, so this is unconfirmed rather than wrong.`,
      evidence: [],
    };
  }
  return claim.negated ? negate(d, claim.text) : d;
}
