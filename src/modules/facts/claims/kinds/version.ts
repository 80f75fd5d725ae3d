/** Remakes and other versions: "remade in 1990 by Gleb Panfilov", "a remake of …", "an earlier version". */
import { sameTitle, type Statement } from '../../kb/kb.ts';
import { joinWords, sameName } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { NEGATION, readNames, yearIn } from '../core/patterns.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface VersionClaim extends ClaimBase {
  kind: 'version';
  /** remadeAs: a later remake of this film; remakeOf: this film remakes an earlier one. */
  relation: 'remadeAs' | 'remakeOf' | 'otherVersion';
  year?: number;
  title?: string;
  director?: string;
}

export function matchVersion(c: string): Found<VersionClaim>[] {
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
    const year = yearIn(c.slice(version.index));
    return [
      {
        kind: 'version',
        relation,
        start: version.index,
        end: c.length,
        ...(year !== undefined ? { year } : {}),
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
      (claim.year === undefined ||
        (s.value.year !== undefined && Math.abs(s.value.year - claim.year) <= 1)) &&
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
  if (hits.length > 0 && !claim.negated) {
    const h = hits[0];
    const loose = h && h.property === 'otherVersion' && claim.relation !== 'otherVersion';
    return {
      verdict: 'supported',
      explanation: `Recorded: ${hits.map(describe).join('; ')}.${loose ? ' Another adaptation of the same source is commonly called a remake.' : ''}`,
      evidence: hits.map(stmt),
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
