/** Films and people: the catalogue's domain types and the pure rules over them. */
import { ACCESS_KINDS, type AccessKind, type AccessOffer } from '../access/index.ts';
import { type Fact, type Source, TITLE_KINDS, type TitleKind } from '../facts/index.ts';

// One list of title kinds, the knowledge base's: catalog depends on facts, never the reverse.
export { TITLE_KINDS, type TitleKind };
export const CREDIT_ROLES = ['director', 'writer', 'cast'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export interface Title {
  kind: TitleKind;
  text: string;
  /** BCP 47 language tag. */
  language: string;
  /** ISO 15924 script code. */
  script: string | null;
  note: string | null;
}

export interface PersonRef {
  slug: string;
  name: string;
  nameOriginal: string | null;
}

export interface Credit {
  person: PersonRef;
  role: CreditRole;
  character: string | null;
}

/** A credit on a film's page, with what it rests on (the film file's `sources` for it). */
export interface FilmCredit extends Credit {
  sources: Source[];
}

export interface FilmSummary {
  slug: string;
  year: number;
  englishTitle: string;
  originalTitle: Title | null;
  transliteration: string | null;
  directors: PersonRef[];
  runtimeMinutes: number | null;
  /** English access from every offer and from this server's copies together. */
  accessKinds: AccessKind[];
  /**
   * The English access this server's own copies give (an empty list for a copy with none), or
   * null when the library holds no copy of the film.
   */
  onServer: AccessKind[] | null;
}

export interface FilmDetail extends FilmSummary {
  titles: Title[];
  countries: { code: string; name: string }[];
  studio: { name: string; nameOriginal: string | null } | null;
  runtimeNote: string | null;
  silent: boolean;
  languages: string[];
  credits: FilmCredit[];
  synopsis: string;
  synopsisSources: Source[];
  facts: Fact[];
  access: AccessOffer[];
  accessNote: string | null;
}

export interface PersonDetail extends PersonRef {
  roles: CreditRole[];
  /** One row per credit, in credit order; `sources`: what the credit rests on. */
  films: { film: FilmSummary; role: CreditRole; character: string | null; sources: Source[] }[];
  /** One row per film, oldest first, with every role the person had in it. */
  byFilm: {
    film: FilmSummary;
    credits: { role: CreditRole; character: string | null; sources: Source[] }[];
  }[];
  /** From the person's content file, each with its sources; null when not recorded. */
  born: PersonLifeEvent | null;
  died: PersonLifeEvent | null;
  /** Other ways the name is written (full name, other scripts), each with its sources. */
  otherNames: PersonOtherName[];
  /** The years of the first and last catalogued film (not a birth or death date). */
  years: { first: number; last: number } | null;
  /** The name as credited, in its original script, and romanized by the standard systems. */
  names: PersonName[];
}

/** A birth or death: the date as precise as the sources give it (YYYY[-MM[-DD]]), the place. */
export interface PersonLifeEvent {
  date: string | null;
  place: string | null;
  note: string | null;
  sources: Source[];
}

/** A recorded way of writing a person's name, with its language, script and sources. */
export interface PersonOtherName {
  text: string;
  /** BCP 47 tag. */
  language: string;
  /** ISO 15924 code. */
  script: string | null;
  note: string | null;
  sources: Source[];
}

/**
 * A way the person's name is written. `credited` and `original` come from the film files'
 * credits (so from their sources); `romanization` is computed from the original by the named
 * standard, for readers who meet the name spelt another way.
 */
export interface PersonName {
  text: string;
  kind: 'credited' | 'original' | 'romanization';
  script: 'Latin' | 'Cyrillic' | 'other';
  /** BCP 47 tag of the writing, when known (`ru`, `ru-Latn`). */
  language?: string;
  /** For a romanization: the standard's name, e.g. `ISO 9`. */
  system?: string;
}

/**
 * The access filter's values: an English access kind (from the external offers or a copy on
 * this server), `on-server` (any copy in the media library), or `none` (no offer and no copy).
 */
export const ACCESS_FILTERS = [...ACCESS_KINDS, 'on-server', 'none'] as const;
export type AccessFilter = (typeof ACCESS_FILTERS)[number];

export interface FilmFilter {
  decade?: number;
  yearFrom?: number;
  yearTo?: number;
  director?: string;
  /** ISO 3166 code, e.g. `SU`. */
  country?: string;
  /** BCP 47 language tag as the film files write it, e.g. `ru`. */
  language?: string;
  access?: AccessFilter;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  /** Opaque cursors of the following and preceding pages (keyset), null at either end. */
  next: string | null;
  prev: string | null;
}

/**
 * How a list is asked for: by an opaque cursor (`next`/`prev` of an earlier page), or by a page
 * number (offset; kept for old links, slow deep into a large catalogue). A cursor wins.
 */
export interface Paging {
  page?: number;
  perPage: number;
  cursor?: string;
}

/** The position of a row in a list ordered by (a, b), and which side of it the page lies. */
export interface ListKey<A extends string | number = string | number> {
  a: A;
  b: string;
  /** `after`: the page starts after this row; `before`: it ends just before. */
  dir: 'after' | 'before';
}

/** A list cursor as the API and pages show it: base64url JSON, opaque to clients. */
export function encodeCursor(key: ListKey): string {
  return Buffer.from(JSON.stringify([key.dir === 'after' ? 'a' : 'b', key.a, key.b])).toString(
    'base64url',
  );
}

/** Reads a cursor back; undefined when it is not one of ours (the caller says so or ignores it). */
export function decodeCursor<A extends 'number' | 'string'>(
  text: string,
  kind: A,
): ListKey<A extends 'number' ? number : string> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return undefined;
    const [d, a, b] = v as unknown[];
    if ((d !== 'a' && d !== 'b') || typeof a !== kind || typeof b !== 'string') return undefined;
    if (kind === 'number' && !Number.isInteger(a)) return undefined;
    return { dir: d === 'a' ? 'after' : 'before', a: a as never, b };
  } catch {
    return undefined;
  }
}

/** The title a list shows first: the English one. */
export function summaryFrom(titles: readonly Title[]): {
  englishTitle: string;
  originalTitle: Title | null;
  transliteration: string | null;
} {
  const english = titles.find((t) => t.kind === 'english');
  const original = titles.find((t) => t.kind === 'original') ?? null;
  const translit = titles.find((t) => t.kind === 'transliteration');
  return {
    englishTitle: english?.text ?? original?.text ?? '',
    originalTitle: original,
    transliteration: translit?.text ?? null,
  };
}

/** Translates a decade filter (1950 → 1950..1959) into a year range; rejects non-decades. */
export function decadeRange(decade: number): { from: number; to: number } {
  return { from: decade, to: decade + 9 };
}
