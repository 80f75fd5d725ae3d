/**
 * Reading a film's sourced facts and the sources of records other modules own (collection entries'
 * facts, corrections, access offers). Other modules call this, not the repository (DESIGN rule 2).
 */
import type { Fact, Source } from './facts.ts';
import type { FactsRepository } from './facts.repository.ts';

/** What the service reads; `FactsRepository` is the database one, a test may pass a fake. */
export type FactsReader = Pick<
  FactsRepository,
  'factsForFilm' | 'synopsisSources' | 'sourcesByIds' | 'entryFactSources' | 'correctionSources'
>;

export interface FilmFacts {
  facts: Fact[];
  synopsisSources: Source[];
}

export class FactsService {
  constructor(private readonly facts: FactsReader) {}

  /** A film's facts, in their order, each with its sources. */
  factsForFilm(filmId: number): Promise<Fact[]> {
    return this.facts.factsForFilm(filmId);
  }

  /** The sources of a film's synopsis, in their order. */
  synopsisSources(filmId: number): Promise<Source[]> {
    return this.facts.synopsisSources(filmId);
  }

  /** Both of the above, as a film page needs them. */
  async forFilm(filmId: number): Promise<FilmFacts> {
    const [facts, synopsisSources] = await Promise.all([
      this.facts.factsForFilm(filmId),
      this.facts.synopsisSources(filmId),
    ]);
    return { facts, synopsisSources };
  }

  /** Sources by id (records that point at one source each, such as access offers). */
  sourcesByIds(ids: readonly number[]): Promise<Map<number, Source>> {
    return this.facts.sourcesByIds(ids);
  }

  /** The sources of collection entries' facts, by entry id. */
  entryFactSources(entryIds: readonly number[]): Promise<Map<number, Source[]>> {
    return this.facts.entryFactSources(entryIds);
  }

  /** The sources of corrections, by correction id. */
  correctionSources(correctionIds: readonly number[]): Promise<Map<number, Source[]>> {
    return this.facts.correctionSources(correctionIds);
  }
}
