/**
 * Resolves list entries to catalogue films by title and year. A title matches any of a film's
 * titles (English, original, alternative, transliterated) up to a leading article, case,
 * punctuation, script and small spelling differences; the year may be off by one (production vs
 * release year). Each entry comes back resolved (with the evidence), ambiguous (ranked
 * candidates) or unresolved (the nearest candidates).
 */
import {
  editDistance,
  normalize,
  skeleton,
  skeletonVariants,
  spellingTolerance,
  stripArticle,
  surnameKey,
  tokenize,
} from '../../lib/text/index.ts';
import type { ListEntry } from './list-parse.ts';

export interface CatalogueFilm {
  slug: string;
  year: number;
  /** Every title the film is known by; `kind` (english, original, …) is reported as evidence. */
  titles: ReadonlyArray<string | { text: string; kind?: string }>;
  directors?: readonly string[];
}

/** How a listed title matched a film's title, from strictest to loosest. */
export type TitleMatch = 'exact' | 'article' | 'transliteration' | 'spelling';

export interface MatchEvidence {
  listedTitle: string;
  matchedTitle: string;
  titleKind?: string;
  match: TitleMatch;
  /** Edits between the two spellings (0 unless `match` is `spelling`). */
  distance: number;
  /** Listed year minus the film's year; null when the list gives no year. */
  yearDelta: number | null;
  /** A director's surname found in the entry's text, used to break a tie. */
  directorNamed?: string;
}

export interface Candidate {
  slug: string;
  title: string;
  year: number;
  /** 0–1: how close the title is, less a little per year of difference. */
  score: number;
  /** Present when the title matched; absent for candidates that are merely near. */
  evidence?: MatchEvidence;
}

export type Resolution =
  | { status: 'resolved'; slug: string; evidence: MatchEvidence; candidates: Candidate[] }
  | { status: 'ambiguous'; candidates: Candidate[] }
  | { status: 'unresolved'; candidates: Candidate[] };

export type EntryResolution = Resolution & { index: number; heading: string };

const MATCH_SCORE: Readonly<Record<TitleMatch, number>> = {
  exact: 1,
  article: 0.97,
  transliteration: 0.94,
  spelling: 0.9,
};

function forms(film: CatalogueFilm): Array<{ text: string; kind?: string }> {
  return film.titles.map((t) => (typeof t === 'string' ? { text: t } : t));
}

/** The words of a title, lower-cased, diacritics kept for the skeleton, without a leading article. */
function bareWords(title: string): string {
  return stripArticle(tokenize(title).join(' '));
}

/**
 * A title with the forms every comparison needs, computed once: a big catalogue is compared
 * with every listed title, so nothing is worked out twice.
 */
interface Prepared {
  text: string;
  kind?: string;
  norm: string;
  stripped: string;
  /** Skeleton readings of each word, of the written title and of its bare words. */
  words: string[][];
  bareWords: string[][];
  bareSkeleton: string;
}

function wordVariants(text: string): string[][] {
  return tokenize(text)
    .map(skeletonVariants)
    .filter((v) => v.length > 0);
}

function prepare(form: { text: string; kind?: string }): Prepared {
  const norm = normalize(form.text);
  const bare = bareWords(form.text);
  return {
    text: form.text,
    ...(form.kind ? { kind: form.kind } : {}),
    norm,
    stripped: stripArticle(norm),
    words: wordVariants(form.text),
    bareWords: wordVariants(bare),
    bareSkeleton: skeleton(bare),
  };
}

const preparedFilms = new WeakMap<CatalogueFilm, Prepared[]>();

function preparedForms(film: CatalogueFilm): Prepared[] {
  let p = preparedFilms.get(film);
  if (!p) {
    p = forms(film).map(prepare);
    preparedFilms.set(film, p);
  }
  return p;
}

/** `sameSkeleton` over prepared word readings. */
function sameWords(a: string[][], b: string[][]): boolean {
  if (a.length === 0 || a.length !== b.length) return false;
  return a.every((keys, i) => keys.some((k) => (b[i] as string[]).includes(k)));
}

function compareTitles(a: Prepared, b: Prepared): { match: TitleMatch; distance: number } | null {
  if (a.norm.length === 0 || b.norm.length === 0) return null;
  if (a.norm === b.norm) return { match: 'exact', distance: 0 };
  if (a.stripped === b.stripped) return { match: 'article', distance: 0 };
  // The skeleton reads the written title (Šepit'ko's š as ш), not the normalized one, so that
  // every pair the search index merges merges here too.
  if (sameWords(a.words, b.words) || sameWords(a.bareWords, b.bareWords)) {
    return { match: 'transliteration', distance: 0 };
  }
  const as = a.bareSkeleton;
  const bs = b.bareSkeleton;
  const tol = spellingTolerance(Math.min(as.length, bs.length));
  if (Math.abs(as.length - bs.length) > tol) return null;
  const d = editDistance(as, bs, tol);
  return d <= tol ? { match: 'spelling', distance: d } : null;
}

/** 0–1 closeness of two titles, for ranking near misses. */
function similarity(listed: string, title: string): number {
  const a = skeleton(bareWords(listed));
  const b = skeleton(bareWords(title));
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const bySpelling = 1 - editDistance(a, b) / longest;
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const byWords = shared / Math.max(wa.size, wb.size);
  return Math.max(bySpelling, byWords);
}

function displayTitle(film: CatalogueFilm): string {
  const english = forms(film).find((t) => t.kind === 'english');
  return (english ?? forms(film)[0])?.text ?? film.slug;
}

function bestMatch(
  listed: Prepared,
  film: CatalogueFilm,
): { evidence: Omit<MatchEvidence, 'yearDelta'>; score: number } | null {
  let best: { evidence: Omit<MatchEvidence, 'yearDelta'>; score: number } | null = null;
  for (const form of preparedForms(film)) {
    const m = compareTitles(listed, form);
    if (!m) continue;
    const score = MATCH_SCORE[m.match] - 0.02 * m.distance;
    if (best === null || score > best.score) {
      best = {
        evidence: {
          listedTitle: listed.text,
          matchedTitle: form.text,
          ...(form.kind ? { titleKind: form.kind } : {}),
          match: m.match,
          distance: m.distance,
        },
        score,
      };
    }
  }
  return best;
}

/**
 * Resolves one title (and year, if the list gives one) against the catalogue. `context` is the
 * entry's other text, searched for a director's name when two films tie.
 */
export function resolveTitle(
  title: string,
  year: number | null,
  films: readonly CatalogueFilm[],
  context = '',
): Resolution {
  const listed = prepare({ text: title });
  const yearPenaltyOf = (yearDelta: number | null) =>
    yearDelta === null ? 0 : 0.01 * Math.min(Math.abs(yearDelta), 50);
  const candidateOf = (
    film: CatalogueFilm,
    near: number,
    yearDelta: number | null,
    m: ReturnType<typeof bestMatch>,
  ): Candidate => ({
    slug: film.slug,
    title: displayTitle(film),
    year: film.year,
    score: Math.round(Math.max(0, near - yearPenaltyOf(yearDelta)) * 1000) / 1000,
    ...(m ? { evidence: { ...m.evidence, yearDelta } } : {}),
  });
  type Scored = {
    film: CatalogueFilm;
    candidate: Candidate;
    titleScore: number;
    yearDelta: number | null;
  };
  // Films whose title matches; the near misses are scored only when nothing matches.
  const scored: Scored[] = [];
  for (const film of films) {
    const m = bestMatch(listed, film);
    if (!m) continue;
    const yearDelta = year === null ? null : year - film.year;
    scored.push({
      film,
      candidate: candidateOf(film, m.score, yearDelta, m),
      titleScore: m.score,
      yearDelta,
    });
  }
  const nearMisses = (): Scored[] => {
    const matched = new Set(scored.map((s) => s.film));
    return films.flatMap((film) => {
      if (matched.has(film)) return [];
      const yearDelta = year === null ? null : year - film.year;
      const near = 0.8 * Math.max(0, ...forms(film).map((t) => similarity(title, t.text)));
      return [
        { film, candidate: candidateOf(film, near, yearDelta, null), titleScore: 0, yearDelta },
      ];
    });
  };

  const matches = scored
    .filter(
      (s) =>
        s.candidate.evidence !== undefined && (s.yearDelta === null || Math.abs(s.yearDelta) <= 1),
    )
    .sort(
      (x, y) =>
        Math.abs(x.yearDelta ?? 0) - Math.abs(y.yearDelta ?? 0) || y.titleScore - x.titleScore,
    );

  const ranked = (list: readonly Scored[]) => list.map((s) => s.candidate);
  if (matches.length === 0) {
    // Nearest first: titles that matched (but not the year) before titles that are only similar.
    const nearest = [...scored, ...nearMisses()]
      .filter((s) => s.candidate.score >= 0.4 || s.candidate.evidence !== undefined)
      .sort((x, y) => {
        const tx = x.candidate.evidence ? 1 : 0;
        const ty = y.candidate.evidence ? 1 : 0;
        return ty - tx || y.candidate.score - x.candidate.score;
      })
      .slice(0, 5);
    return { status: 'unresolved', candidates: ranked(nearest) };
  }
  const [first, second] = matches;
  if (first === undefined) return { status: 'unresolved', candidates: [] };
  const evidence = first.candidate.evidence;
  if (evidence === undefined) return { status: 'unresolved', candidates: [] };
  if (second === undefined)
    return { status: 'resolved', slug: first.film.slug, evidence, candidates: [first.candidate] };

  const tier = (s: (typeof matches)[number]) =>
    [Math.abs(s.yearDelta ?? 0), -s.titleScore] as const;
  const [fy, ft] = tier(first);
  const [sy, st] = tier(second);
  if (fy < sy || (fy === sy && ft < st)) {
    return { status: 'resolved', slug: first.film.slug, evidence, candidates: ranked(matches) };
  }
  // A tie: the entry's text may name the director ("Pudovkin's silent classic").
  // "Pudovkin's" names Pudovkin.
  const words = new Set(skeleton(context.replace(/['’]s\b/g, '')).split(' '));
  const named = matches.filter((s) =>
    (s.film.directors ?? []).some((d) => words.has(surnameKey(d))),
  );
  const only = named.length === 1 ? named[0] : undefined;
  if (only?.candidate.evidence) {
    const director = (only.film.directors ?? []).find((d) => words.has(surnameKey(d)));
    return {
      status: 'resolved',
      slug: only.film.slug,
      evidence: { ...only.candidate.evidence, ...(director ? { directorNamed: director } : {}) },
      // the film chosen first, then the others it tied with, in their order
      candidates: ranked([only, ...matches.filter((s) => s !== only)]),
    };
  }
  return { status: 'ambiguous', candidates: ranked(matches) };
}

/**
 * The films an entry's title may name. A small catalogue passes every film; a big one passes,
 * per title, the few its search index finds (ImportsService): the rules above then decide
 * among those alone, so an entry costs the same among ten films or a million.
 */
export type FilmsForTitle = (title: string, year: number | null) => readonly CatalogueFilm[];

/** Resolves every entry of a parsed list, against every film or the films given per title. */
export function resolveEntries(
  entries: readonly ListEntry[],
  films: readonly CatalogueFilm[] | FilmsForTitle,
): EntryResolution[] {
  const filmsFor: FilmsForTitle = typeof films === 'function' ? films : () => films;
  return entries.map((entry) => {
    const context = [
      entry.description?.text,
      ...entry.facts.map((f) => f.text),
      ...entry.notes.map((n) => n.text),
    ]
      .filter((t): t is string => t !== undefined)
      .join(' ');
    return {
      index: entry.index,
      heading: entry.heading,
      ...resolveTitle(entry.title, entry.year, filmsFor(entry.title, entry.year), context),
    };
  });
}
