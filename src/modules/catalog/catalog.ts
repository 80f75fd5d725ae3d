/** Films and people: the catalogue's domain types and the pure rules over them. */
import type { AccessKind, AccessOffer } from '../access/index.ts';
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

export interface FilmSummary {
  slug: string;
  year: number;
  englishTitle: string;
  originalTitle: Title | null;
  transliteration: string | null;
  directors: PersonRef[];
  runtimeMinutes: number | null;
  accessKinds: AccessKind[];
}

export interface FilmDetail extends FilmSummary {
  titles: Title[];
  countries: { code: string; name: string }[];
  studio: { name: string; nameOriginal: string | null } | null;
  runtimeNote: string | null;
  silent: boolean;
  languages: string[];
  credits: Credit[];
  synopsis: string;
  synopsisSources: Source[];
  facts: Fact[];
  access: AccessOffer[];
  accessNote: string | null;
}

export interface PersonDetail extends PersonRef {
  roles: CreditRole[];
  films: { film: FilmSummary; role: CreditRole; character: string | null }[];
}

export interface FilmFilter {
  decade?: number;
  yearFrom?: number;
  yearTo?: number;
  director?: string;
  access?: AccessKind | 'none';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
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
