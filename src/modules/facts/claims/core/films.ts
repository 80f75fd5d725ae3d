/**
 * Films named in a claim: "this version of Mother", "The Cranes Are Flying", "the 1955 version".
 * Extraction keeps the words; the judge resolves them against the knowledge base, so that a
 * person-first sentence ("Mikhail Romm directed The Forty-First") is judged about the film it
 * names, and a film the base does not know makes the claim not checkable rather than wrong.
 */
import { sameName } from '../../../../lib/text/index.ts';
import { type Decision, FilmContext } from './verdict.ts';

/** A film as a claim names it: by title (and perhaps year), or as the text's own film. */
export interface FilmRef {
  /** The title as written; absent for "it", "the film", "this version". */
  title?: string;
  year?: number;
  /**
   * A film named through its relation to the text's film: "the original", "its remake", "the
   * 1926 version", "Pudovkin's version". Resolved through the film's recorded versions.
   */
  relation?: 'original' | 'remake' | 'version';
  /** "Pudovkin's version": the related film's director. */
  director?: string;
}

const RELATED =
  /^(?:(?:the|its|this\s+film['’]s)\s+)?(?:(\d{4})\s+)?(original|remake|earlier|previous|silent|later|first|other|(?:\p{Lu}[\p{L}'’-]+)['’]s)?\s*(?:(?:silent|sound|film|screen)\s+)*(version|film|adaptation|remake|original)?$/iu;

/**
 * Reads "the original", "its remake", "the 1926 version", "Pudovkin's 1926 film" as a reference
 * to a related film; undefined when the words are not one.
 */
export function readRelatedRef(words: string): FilmRef | undefined {
  const w = words.trim();
  if (!/^(?:the|its|this\s+film['’]s|\p{Lu}[\p{L}'’-]+['’]s)\b/iu.test(w)) return undefined;
  const possessive =
    /^(\p{Lu}[\p{L}'’-]+)['’]s\s+(?:(\d{4})\s+)?(?:(?:silent|sound|early|original)\s+)*(?:film|version|adaptation|movie)$/u.exec(
      w,
    );
  if (possessive?.[1]) {
    return {
      relation: 'version',
      director: possessive[1],
      ...(possessive[2] ? { year: Number(possessive[2]) } : {}),
    };
  }
  const m = RELATED.exec(w);
  if (!m || (!m[2] && !m[3]) || (!m[1] && !m[2])) return undefined;
  const word = (m[2] ?? '').toLowerCase();
  const noun = (m[3] ?? '').toLowerCase();
  const relation: FilmRef['relation'] =
    word === 'original' ||
    word === 'earlier' ||
    word === 'previous' ||
    word === 'first' ||
    noun === 'original'
      ? 'original'
      : word === 'remake' || word === 'later' || noun === 'remake'
        ? 'remake'
        : 'version';
  return { relation, ...(m[1] ? { year: Number(m[1]) } : {}) };
}

const THIS_FILM =
  /^(?:it|the\s+film|this\s+film|the\s+movie|this\s+movie|the\s+picture|this\s+picture|this\s+version|the\s+\d{4}\s+(?:version|film|adaptation))$/i;

/**
 * Reads the object of "X directed …" as a film reference. Returns undefined for objects that are
 * not films ("the novel", "the same story", "the screenplay").
 */
export function readFilmRef(object: string): FilmRef | undefined {
  let o = object.trim().replace(/[.,;:]+$/, '');
  const yearAt = /\s+in\s+(18[89]\d|19\d\d|20\d\d)$/.exec(o);
  const year = yearAt?.[1] ? Number(yearAt[1]) : undefined;
  if (yearAt) o = o.slice(0, yearAt.index);
  const version =
    /^(?:this|the|that)\s+(?:\d{4}\s+)?(?:version|adaptation|film)\s+of\s+(.+)$/i.exec(o);
  if (version?.[1]) o = version[1];
  if (THIS_FILM.test(o) && !/^the\s+\d{4}\s/i.test(o)) return year !== undefined ? { year } : {};
  const related = readRelatedRef(o);
  if (related) return related;
  if (!/^(?:The\s+|A\s+|An\s+)?\p{Lu}/u.test(o)) return undefined;
  return { title: o, ...(year !== undefined ? { year } : {}) };
}

/**
 * The film a reference means: the text's own film when the title is one of its titles (or there
 * is no title), else the one film of that title (and year) the base knows; undefined when none or
 * several.
 */
export function resolveFilm(film: FilmContext, ref: FilmRef | undefined): FilmContext | undefined {
  if (ref?.relation !== undefined) return resolveRelated(film, ref);
  if (ref?.title === undefined) return film;
  const found = film.kb.findFilms(ref.title);
  const pick = (key: string) => (key === film.key ? film : new FilmContext(film.kb, key));
  // Several films share a title ("Mother"): a year that names one of them singles it out.
  const exact = ref.year === undefined ? [] : found.filter((f) => f.year === ref.year);
  if (exact.length === 1 && exact[0]) return pick(exact[0].key);
  // Otherwise the text's own film under one of its titles (a wrong year is then judged as a
  // wrong part), or the only film of that title.
  if (found.some((f) => f.key === film.key)) return film;
  if (found.length === 1 && found[0]) return pick(found[0].key);
  return undefined;
}

/**
 * "the original", "its remake", "the 1990 version": the one recorded related film that fits,
 * when the base knows it as a film; the text's own film when the year or director is its own.
 */
function resolveRelated(film: FilmContext, ref: FilmRef): FilmContext | undefined {
  const own = film.kb.film(film.key);
  const ownYear = own?.year;
  const ownDirector =
    ref.director !== undefined &&
    film.kb
      .statements(film.key, 'director')
      .some((s) => sameName(ref.director ?? '', s.value.name));
  if (
    ref.relation === 'version' &&
    (ownDirector || (ref.year !== undefined && ref.year === ownYear))
  )
    return film;
  const versions = [
    ...film.kb.statements(film.key, 'remakeOf'),
    ...film.kb.statements(film.key, 'remadeAs'),
    ...film.kb.statements(film.key, 'otherVersion'),
  ].filter((s) => s.value.medium === 'film');
  const fits = versions.filter((s) => {
    const y = s.value.year;
    const before = ownYear !== undefined && y !== undefined && y < ownYear;
    const after = ownYear !== undefined && y !== undefined && y > ownYear;
    const relationOk =
      ref.relation === 'original'
        ? s.property === 'remakeOf' || (s.property === 'otherVersion' && before)
        : ref.relation === 'remake'
          ? s.property === 'remadeAs' || (s.property === 'otherVersion' && after)
          : true;
    return (
      relationOk &&
      (ref.year === undefined || y === ref.year) &&
      (ref.director === undefined || s.value.directors.some((d) => sameName(d, ref.director ?? '')))
    );
  });
  // "The original" of a film with two earlier versions is ambiguous: the earliest is meant only
  // when it is the one the film remakes.
  const pick =
    fits.length === 1
      ? fits[0]
      : ref.relation === 'original'
        ? fits.find((s) => s.property === 'remakeOf')
        : undefined;
  if (pick === undefined) return undefined;
  const key = film.kb
    .findFilms(pick.value.title)
    .filter((f) => pick.value.year === undefined || f.year === pick.value.year)
    .map((f) => f.key);
  return key.length === 1 && key[0] ? new FilmContext(film.kb, key[0]) : undefined;
}

/** The decision for a claim whose film the knowledge base cannot single out. */
export function unknownFilm(ref: FilmRef | undefined): Decision {
  return {
    verdict: 'not-checkable',
    explanation: `"${ref?.title ?? ''}" is not a film the knowledge base can single out.`,
    evidence: [],
  };
}
