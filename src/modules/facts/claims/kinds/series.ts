/** Series membership: "the first part of Donskoy's Gorky trilogy". */
import type { StatementOf } from '../../kb/kb.ts';
import { parseOrdinal } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { type FilmRef, readFilmRef, resolveFilm, unknownFilm } from '../core/films.ts';
import { NAME } from '../core/patterns.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface SeriesClaim extends ClaimBase {
  kind: 'series';
  /** 1 for "first part"; undefined for "part of a trilogy". */
  ordinal?: number;
  /** "final part". */
  last: boolean;
  /** Parts in the series, from the word used: trilogy 3. */
  of?: number;
  /** trilogy, series, saga… */
  seriesWord: string;
  about?: string;
  /** The film named, when the series is the subject: "Donskoy's trilogy opens with …". */
  film?: FilmRef;
}

const SERIES_WORDS: Readonly<Record<string, number | undefined>> = {
  trilogy: 3,
  tetralogy: 4,
  quartet: 4,
  duology: 2,
  dilogy: 2,
  series: undefined,
  saga: undefined,
  cycle: undefined,
  franchise: undefined,
  sequence: undefined,
};

const SERIES_WORD = 'trilogy|tetralogy|quartet|duology|dilogy|series|saga|cycle|franchise|sequence';
const SERIES_PART = new RegExp(
  String.raw`\b(?:the\s+)?(?:(first|second|third|fourth|fifth|final|last|concluding|opening|\d+(?:st|nd|rd|th))\s+)?(?:part|instal?l?ment|film|chapter|entry|episode|movie|volume)(?:\s+(one|two|three|four|\d|i{1,3}|iv))?\s+(?:of|in)\s+(?:a|an|the|his|her|their|its|${NAME}['’]s)\s+((?:[\p{L}'’-]+\s+){0,4}?)(${SERIES_WORD})\b(?:\s+(?:about|on|of|based on)\s+([^,;]+))?`,
  'iu',
);
// "Donskoy's trilogy opens with The Childhood of Maxim Gorky".
const SERIES_OPENS = new RegExp(
  String.raw`\b(?:the\s+|a\s+|${NAME}['’]s\s+)(?:[\p{L}'’-]+\s+){0,3}?(${SERIES_WORD})\s+(opens|begins|starts|ends|closes|concludes)\s+with\s+(.+)$`,
  'u',
);

export function matchSeries(c: string): Found<SeriesClaim>[] {
  const opens = SERIES_OPENS.exec(c);
  if (opens?.[1] && opens[2] && opens[3]) {
    const ref = readFilmRef(opens[3]);
    const word = opens[1].toLowerCase();
    const last = /ends|closes|concludes/i.test(opens[2]);
    if (ref) {
      return [
        {
          kind: 'series',
          last,
          seriesWord: word,
          start: opens.index,
          end: c.length,
          ...(last ? {} : { ordinal: 1 }),
          ...(SERIES_WORDS[word] !== undefined ? { of: SERIES_WORDS[word] } : {}),
          film: ref,
        },
      ];
    }
  }
  const m = SERIES_PART.exec(c);
  if (!m?.[4]) return [];
  const word = m[4].toLowerCase();
  const position = m[1]?.toLowerCase();
  const last = position === 'final' || position === 'last' || position === 'concluding';
  let ordinal: number | undefined;
  if (position === 'opening') ordinal = 1;
  else if (position && !last)
    ordinal = parseOrdinal(position.replace(/(st|nd|rd|th)$/, '')) ?? parseOrdinal(position);
  if (ordinal === undefined && m[2]) ordinal = parseOrdinal(m[2]);
  // "part of a trilogy" without a position says only that it belongs to one.
  if (position === undefined && m[2] === undefined && !/\bpart\b/i.test(m[0])) return [];
  const found: Found<SeriesClaim> = {
    kind: 'series',
    last,
    seriesWord: word,
    start: m.index,
    end: m.index + m[0].length,
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(SERIES_WORDS[word] !== undefined ? { of: SERIES_WORDS[word] } : {}),
    ...(m[5] ? { about: m[5].trim() } : {}),
  };
  return [found];
}

export function judgeSeries(claim: SeriesClaim, context: FilmContext): Decision {
  const film = resolveFilm(context, claim.film);
  if (film === undefined) return unknownFilm(claim.film);
  const known = film.kb.statements(film.key, 'seriesPart');
  if (known.length === 0) {
    return {
      verdict: 'unsupported',
      explanation: `No series is recorded for ${film.title}.`,
      evidence: [],
    };
  }
  const ofOk = (s: StatementOf<'seriesPart'>) =>
    claim.of === undefined || s.value.of === undefined || s.value.of === claim.of;
  const place = (s: StatementOf<'seriesPart'>) =>
    `${s.value.ordinal !== undefined ? `part ${s.value.ordinal}${s.value.of ? ` of ${s.value.of}` : ''} of ` : 'part of '}the ${s.value.series}`;
  const hits = known.filter(
    (s) =>
      ofOk(s) &&
      (claim.last
        ? s.value.of !== undefined && s.value.ordinal === s.value.of
        : claim.ordinal === undefined || s.value.ordinal === claim.ordinal),
  );
  if (hits.length > 0) {
    return {
      verdict: 'supported',
      explanation: `${film.title} is ${hits.map(place).join(' and ')}.`,
      evidence: hits.map(stmt),
    };
  }
  const conflicting = known.filter(
    (s) =>
      ofOk(s) &&
      s.value.ordinal !== undefined &&
      (claim.ordinal !== undefined || (claim.last && s.value.of !== undefined)),
  );
  // "part of a tetralogy" for a film of a trilogy: wrong on the number of parts.
  const only = known.length === 1 ? known[0] : undefined;
  if (only && claim.of !== undefined && only.value.of !== undefined && only.value.of !== claim.of) {
    return {
      verdict: 'contradicted',
      explanation: `Wrong on the number of parts: ${film.title} is ${place(only)}, a series of ${only.value.of}, not ${claim.of}.`,
      evidence: [stmt(only)],
    };
  }
  if (conflicting.length > 0 && known.length === 1) {
    return {
      verdict: 'contradicted',
      explanation: `${film.title} is ${conflicting.map(place).join(' and ')}.`,
      evidence: conflicting.map(stmt),
    };
  }
  return {
    verdict: 'unsupported',
    explanation: `Recorded: ${film.title} is ${known.map(place).join(' and ')}.`,
    evidence: known.map(stmt),
  };
}
