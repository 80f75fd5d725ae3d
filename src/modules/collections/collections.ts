/** Curated collections: ordered entries with the curator's words, sourced facts, corrections. */
import type { FilmSummary } from '../catalog/index.ts';
import type { Source } from '../facts/index.ts';

export type CollectionStatus = 'draft' | 'review' | 'published';
export type CorrectionField = 'film' | 'title' | 'description' | 'fact';

export interface Correction {
  field: CorrectionField;
  /** What the list the collection came from said. */
  listed: string;
  reason: string;
  sources: Source[];
}

export interface CollectionEntry {
  position: number;
  film: FilmSummary;
  listedAs: string | null;
  description: string;
  fact: { text: string; sources: Source[] };
  corrections: Correction[];
}

export interface CollectionSummary {
  slug: string;
  title: string;
  subtitle: string | null;
  curator: string;
  status: CollectionStatus;
  publishedOn: string | null;
  introExcerpt: string;
  filmCount: number;
}

/**
 * A published note or fact that a later publication changed or withdrew: printed for readers
 * with its date, what it said, what it says now and the publisher's reason.
 */
export interface PublishedCorrection {
  film: FilmSummary;
  field: 'note' | 'fact';
  was: string;
  /** Empty when the statement was withdrawn. */
  now: string;
  reason: string;
  correctedOn: string;
  author: string;
}

export interface CollectionDetail extends CollectionSummary {
  intro: string;
  origin: { title: string; note: string } | null;
  entries: CollectionEntry[];
  /** Newest first. */
  publishedCorrections: PublishedCorrection[];
}

/** The first paragraph of an intro, cut at a word boundary near `max` characters. */
export function excerpt(text: string, max = 220): string {
  const first = text.split(/\n\s*\n/)[0]?.trim() ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:.\s]+$/, '')}…`;
}
