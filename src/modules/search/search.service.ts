/**
 * The catalogue side of search: builds the in-memory index from the database's films, keeps it
 * current (rebuilt when the catalogue version moves), and enriches hits with film summaries.
 * The same documents come out of SQLite and PostgreSQL, ordered by slug, so the index, and so
 * every result list, is the same on both.
 */
import type { CatalogService, FilmSummary } from '../catalog/index.ts';
import { type ProgressFn, type SearchDocument, type SearchHit, SearchIndex } from './engine.ts';

export interface SearchResult {
  film: FilmSummary;
  score: number;
  matchedTitle: string;
  matchedField: 'title' | 'person';
  matchedPerson: string | null;
}

export class SearchService {
  private current: { version: string; index: SearchIndex } | undefined;
  private building: Promise<SearchIndex> | undefined;

  constructor(
    private readonly catalog: CatalogService,
    private readonly version: () => Promise<string>,
  ) {}

  async documents(): Promise<SearchDocument[]> {
    return (await this.catalog.allFilmsWithNames()).map((f) => ({
      slug: f.slug,
      year: f.year,
      titles: f.titles.map((t) => ({ text: t.text, kind: t.kind })),
      // Both scripts of each name, so "Шепитько" and "Shepitko" find her films.
      people: f.people.flatMap((p) => (p.nameOriginal ? [p.name, p.nameOriginal] : [p.name])),
    }));
  }

  /** Builds a fresh index from the database. */
  async rebuild(onProgress?: ProgressFn): Promise<{ films: number; index: SearchIndex }> {
    const version = await this.version();
    const index = SearchIndex.build(await this.documents(), onProgress);
    this.current = { version, index };
    return { films: index.size, index };
  }

  private async index(): Promise<SearchIndex> {
    const version = await this.version();
    if (this.current?.version === version) return this.current.index;
    // One rebuild at a time, however many requests arrive while it runs.
    this.building ??= this.rebuild().then(
      (r) => r.index,
      (e: unknown) => {
        throw e;
      },
    );
    try {
      return await this.building;
    } finally {
      this.building = undefined;
    }
  }

  /** The current index as snapshot bytes, with the catalogue version it was built at. */
  async snapshot(): Promise<Uint8Array> {
    const version = await this.version();
    return (await this.index()).toSnapshot({ catalogueVersion: version });
  }

  async search(
    query: string,
    opts: { limit?: number; offset?: number } = {},
  ): Promise<SearchResult[]> {
    const q = query.trim();
    if (!q) return [];
    const hits = (await this.index()).search(q, {
      limit: opts.limit ?? 20,
      offset: opts.offset ?? 0,
    });
    return this.enrich(hits);
  }

  private async enrich(hits: SearchHit[]): Promise<SearchResult[]> {
    const films = new Map(
      (await this.catalog.summariesBySlugs(hits.map((h) => h.slug))).map((f) => [f.slug, f]),
    );
    return hits.flatMap((h) => {
      const film = films.get(h.slug);
      return film
        ? [
            {
              film,
              score: h.score,
              matchedTitle: h.matchedTitle,
              matchedField: h.matchedField,
              matchedPerson: h.matchedPerson ?? null,
            },
          ]
        : [];
    });
  }
}
