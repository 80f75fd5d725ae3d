/** Remakes and other versions: "remade in 1990 by Gleb Panfilov", "a remake of …", "an earlier version". */
import { sameTitle, type Statement } from '../../kb/kb.ts';
import { joinWords, sameName } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { NAME, NEGATION, readNames, yearIn } from '../core/patterns.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface VersionClaim extends ClaimBase {
  kind: 'version';
  /** remadeAs: a later remake of this film; remakeOf: this film remakes an earlier one. */
  relation: 'remadeAs' | 'remakeOf' | 'otherVersion';
  year?: number;
  title?: string;
  director?: string;
  /** "the first adaptation": no earlier film of the same source. */
  first?: boolean;
}

// "Yakov Protazanov's 1927 silent film", "Pudovkin's film": a film named by its director.
const POSSESSIVE_FILM = new RegExp(
  String.raw`(?:^|\b(?:the\s+)?)(${NAME})['’]s\s+(?:(\d{4})\s+)?(?:(?:silent|sound|original|earlier|first|colou?r|black-and-white|soviet|early)\s+)*(?:film|movie|picture|version|adaptation)\b`,
  'u',
);

function possessiveFilm(text: string): { director?: string; year?: number } | undefined {
  const m = POSSESSIVE_FILM.exec(text);
  if (!m?.[1]) return undefined;
  return { director: m[1], ...(m[2] ? { year: Number(m[2]) } : {}) };
}

// "Protazanov had filmed the same story in 1927", "Gleb Panfilov filmed the novel again in 1990".
const PERSON_FILMED = new RegExp(
  String.raw`(${NAME})\s+(?:had\s+|has\s+|first\s+|also\s+|later\s+)*(?:filmed|adapted|made|shot|brought)\s+(?:the\s+|this\s+)?(?:same\s+)?(?:novel|story|book|play|novella|tale|source)\b(?:\s+to\s+the\s+screen)?(?:\s+again)?(?:\s+in\s+(\d{4}))?`,
  'u',
);

export function matchVersion(c: string): Found<VersionClaim>[] {
  const filmed = PERSON_FILMED.exec(c);
  if (filmed?.[1] && filmed[2] && !/^(?:The|It|This|He|She)\b/.test(filmed[1])) {
    return [
      {
        kind: 'version',
        relation: 'otherVersion',
        director: filmed[1],
        year: Number(filmed[2]),
        start: filmed.index,
        end: filmed.index + filmed[0].length,
      },
    ];
  }
  const remakes = /\bremakes\s+(.+)$/i.exec(c);
  if (remakes?.[1]) {
    const p = possessiveFilm(remakes[1]);
    if (p)
      return [{ kind: 'version', relation: 'remakeOf', start: remakes.index, end: c.length, ...p }];
  }
  const remade = /\b(?:was\s+|were\s+|has\s+been\s+|got\s+)?remade\b/i;
  const m = remade.exec(c);
  if (m) {
    const tail = c.slice(m.index);
    const by = /\bby\s+/i.exec(tail);
    const director = by ? readNames(tail, by.index + by[0].length)?.names[0] : undefined;
    const year = yearIn(tail.split(/,|;|\bbut\b/)[0] ?? '');
    const as = /\bas\s+["“]?(\p{Lu}[^,;"”]*?)["”]?(?=\s+(?:in|by)\b|[,;]|$)/u.exec(tail);
    return [
      {
        kind: 'version',
        relation: 'remadeAs',
        start: m.index,
        end: c.length,
        negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
        ...(year !== undefined ? { year } : {}),
        ...(as?.[1] ? { title: as[1].trim() } : {}),
        ...(director ? { director } : {}),
      },
    ];
  }
  const remakeOf = /\b(?:a|the|is\s+a|was\s+a)\s+remake\s+of\s+(.+)$/i.exec(c);
  if (remakeOf?.[1]) {
    const object = remakeOf[1];
    const possessive = possessiveFilm(object);
    if (
      possessive &&
      possessive.director !== undefined &&
      POSSESSIVE_FILM.exec(object)?.index === 0
    ) {
      return [
        {
          kind: 'version',
          relation: 'remakeOf',
          start: remakeOf.index,
          end: c.length,
          ...possessive,
        },
      ];
    }
    const year = yearIn(object);
    const by = /\bby\s+/i.exec(object);
    const director = by ? readNames(object, by.index + by[0].length)?.names[0] : undefined;
    const title =
      /^(?:the\s+)?(?:\d{4}\s+)?(?:(?:silent|original|earlier|soviet)\s+)*(?:film|movie|version)?\s*["“]?(\p{Lu}[^,;"”(]*?)["”]?(?:\s*\(\d{4}\)|\s+(?:from|by|in)\b|[,;]|$)/u.exec(
        object,
      )?.[1];
    return [
      {
        kind: 'version',
        relation: 'remakeOf',
        start: remakeOf.index,
        end: c.length,
        ...(year !== undefined ? { year } : {}),
        ...(title ? { title: title.trim() } : {}),
        ...(director ? { director } : {}),
      },
    ];
  }
  const later = /\b(?:the|a)\s+(\d{4})\s+remake\b/i.exec(c);
  if (later?.[1]) {
    return [
      {
        kind: 'version',
        relation: 'remadeAs',
        year: Number(later[1]),
        start: later.index,
        end: c.length,
      },
    ];
  }
  const version =
    /\b(?:an?|the)\s+(earlier|later|previous|subsequent|first|original|silent|sound|new)\s+(?:film\s+)?(?:version|adaptation|screen\s+version)\b(?:\s+(?:from|of|in|made\s+in)\s+(?:the\s+)?(?:same\s+\w+\s+)?(?:in\s+)?(\d{4})?)?/i.exec(
      c,
    );
  if (version?.[1]) {
    // "An earlier version" may be this film or another; only the year tells, so it is a version
    // of either direction.
    const relation = 'otherVersion';
    // "Pudovkin's 1926 silent film is an earlier version of the same novel": the subject names it.
    const subject = possessiveFilm(c.slice(0, version.index));
    const year = subject?.year ?? yearIn(c.slice(version.index));
    // "It was the first adaptation of Gorky's novel": a priority claim about this film.
    if (!subject && /^the\s+(?:first|original)\b/i.test(version[0])) {
      return [{ kind: 'version', relation, first: true, start: version.index, end: c.length }];
    }
    return [
      {
        kind: 'version',
        relation,
        start: subject ? 0 : version.index,
        end: c.length,
        ...(year !== undefined ? { year } : {}),
        ...(subject?.director ? { director: subject.director } : {}),
      },
    ];
  }
  return [];
}

export function judgeVersion(claim: VersionClaim, film: FilmContext): Decision {
  const year = film.year;
  const all = [
    ...film.kb.statements(film.key, 'remakeOf'),
    ...film.kb.statements(film.key, 'remadeAs'),
    ...film.kb.statements(film.key, 'otherVersion'),
  ];
  const films = all.filter((s) => s.value.medium !== 'stage');
  const later = (s: Statement & { value: { year?: number } }) =>
    year !== undefined && s.value.year !== undefined && s.value.year > year;
  const earlier = (s: Statement & { value: { year?: number } }) =>
    year !== undefined && s.value.year !== undefined && s.value.year < year;
  const pool = films.filter((s) =>
    claim.relation === 'remadeAs'
      ? s.property === 'remadeAs' || (s.property === 'otherVersion' && later(s))
      : claim.relation === 'remakeOf'
        ? s.property === 'remakeOf' || (s.property === 'otherVersion' && earlier(s))
        : true,
  );
  const hits = pool.filter(
    (s) =>
      (claim.year === undefined || (s.value.year !== undefined && s.value.year === claim.year)) &&
      (claim.title === undefined || sameTitle(claim.title, s.value.title)) &&
      (claim.director === undefined ||
        s.value.directors.some((d) => sameName(d, claim.director ?? ''))),
  );
  const describe = (s: (typeof all)[number]) =>
    `${s.value.title}${s.value.year ? ` (${s.value.year}${s.value.directors.length > 0 ? `, ${joinWords(s.value.directors)}` : ''})` : ''}${
      s.property === 'remakeOf'
        ? ', which this film remakes'
        : s.property === 'remadeAs'
          ? ', a remake of this film'
          : s.value.medium === 'stage'
            ? ', a stage version'
            : ', another adaptation of the same source'
    }`;
  if (claim.first === true) {
    const before = films.filter(earlier);
    if (before.length > 0 && !claim.negated) {
      return {
        verdict: 'contradicted',
        explanation: `An earlier film of the same source is recorded: ${before.map(describe).join('; ')}.`,
        evidence: before.map(stmt),
      };
    }
    return {
      verdict: 'unsupported',
      explanation: `No statement that ${film.title} was the first film of its source is recorded; that needs its own source.`,
      evidence: [],
    };
  }
  if (hits.length > 0 && !claim.negated) {
    const h = hits[0];
    const loose = h && h.property === 'otherVersion' && claim.relation !== 'otherVersion';
    return {
      verdict: 'supported',
      explanation: `Recorded: ${hits.map(describe).join('; ')}.${loose ? ' Another adaptation of the same source is commonly called a remake.' : ''}`,
      evidence: hits.map(stmt),
    };
  }
  // A remake cannot come before the film, nor the film it remakes after it (two years' margin,
  // since production and release years differ).
  const impossible =
    year !== undefined &&
    claim.year !== undefined &&
    !claim.negated &&
    ((claim.relation === 'remadeAs' && claim.year <= year - 2) ||
      (claim.relation === 'remakeOf' && claim.year >= year + 2));
  if (impossible) {
    const near = all.filter((s) => s.value.year === claim.year);
    return {
      verdict: 'contradicted',
      explanation: `${film.title} cannot have been ${claim.relation === 'remadeAs' ? `remade in ${claim.year}, before it was made` : `a remake of a film from ${claim.year}, after it was made`}.${near.length > 0 ? ` Recorded: ${near.map(describe).join('; ')}.` : ''}`,
      evidence: near.map(stmt),
    };
  }
  const what =
    claim.relation === 'remadeAs'
      ? `remake of ${film.title}`
      : claim.relation === 'remakeOf'
        ? `earlier film that ${film.title} remakes`
        : `other version of ${film.title}`;
  return {
    verdict: 'unsupported',
    explanation:
      `No ${claim.year ? `${claim.year} ` : ''}${what} is recorded.` +
      (all.length > 0
        ? ` Known versions: ${all.map(describe).join('; ')}.`
        : ' No remakes or other versions are recorded.'),
    evidence: all.map(stmt),
  };
}
