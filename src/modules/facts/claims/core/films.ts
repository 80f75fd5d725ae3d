/**
 * Films named in a claim: "this version of Mother", "The Cranes Are Flying", "the 1955 version".
 * Extraction keeps the words; the judge resolves them against the knowledge base, so that a
 * person-first sentence ("Mikhail Romm directed The Forty-First") is judged about the film it
 * names, and a film the base does not know makes the claim not checkable rather than wrong.
 */
import { FilmContext } from './verdict.ts';

/** A film as a claim names it: by title (and perhaps year), or as the text's own film. */
export interface FilmRef {
  /** The title as written; absent for "it", "the film", "this version". */
  title?: string;
  year?: number;
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
  const thisYear = /^the\s+(\d{4})\s+(?:version|film|adaptation)$/i.exec(o);
  if (THIS_FILM.test(o))
    return thisYear?.[1] ? { year: Number(thisYear[1]) } : year !== undefined ? { year } : {};
  if (!/^(?:The\s+|A\s+|An\s+)?\p{Lu}/u.test(o)) return undefined;
  return { title: o, ...(year !== undefined ? { year } : {}) };
}

/**
 * The film a reference means: the text's own film when the title is one of its titles (or there
 * is no title), else the one film of that title (and year) the base knows; undefined when none or
 * several.
 */
export function resolveFilm(film: FilmContext, ref: FilmRef | undefined): FilmContext | undefined {
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
