/** The studio: "produced at Mosfilm", "a Lenfilm production". */
import { sameTitle } from '../../kb/kb.ts';
import { joinWords, normalize } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface StudioClaim extends ClaimBase {
  kind: 'studio';
  name: string;
}

const STUDIOS =
  /\b(Mosfilm|Lenfilm|Soyuzdetfilm|Mezhrabpom(?:-Rus|film)?|Gorky Film Studio|M\. Gorky Film Studio|Dovzhenko Film Studios?|Kiev Film Studio|Georgian-film|Gruziya-film|Belarusfilm|Sovkino|Goskino)\b/u;

export function matchStudio(c: string): Found<StudioClaim>[] {
  const m =
    /\b(?:produced\s+(?:at|by)|made\s+at|shot\s+at|a\s+(?=\S+\s+production)|at\s+the)\s+/i.exec(c);
  const s = STUDIOS.exec(c);
  if (!s?.[1]) return [];
  const production = /\bproduction\b/i.test(c.slice(s.index));
  // "released in 1957 by Gorky Film Studio", "a film from Lenfilm".
  const by = /\b(?:by|from|at)\s+(?:the\s+)?$/i.test(c.slice(0, s.index));
  if (!m && !production && !by) return [];
  return [
    {
      kind: 'studio',
      name: s[1],
      start: m ? Math.min(m.index, s.index) : s.index,
      end: s.index + s[0].length,
    },
  ];
}

export function judgeStudio(claim: StudioClaim, film: FilmContext): Decision {
  const known = film.kb.statements(film.key, 'studio');
  const hits = known.filter(
    (s) =>
      sameTitle(claim.name, s.value.name) ||
      normalize(s.value.name).includes(normalize(claim.name)),
  );
  if (hits.length > 0) {
    return {
      verdict: 'supported',
      explanation: `${film.title} was made at ${joinWords(hits.map((s) => s.value.name))}.`,
      evidence: hits.map(stmt),
    };
  }
  return {
    verdict: 'unsupported',
    explanation:
      known.length > 0
        ? `Recorded studio: ${joinWords(known.map((s) => s.value.name))}.`
        : `No studio is recorded for ${film.title}.`,
    evidence: known.map(stmt),
  };
}
