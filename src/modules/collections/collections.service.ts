import { NotFoundError } from '../../lib/errors.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { FactsRepository } from '../facts/index.ts';
import { type CollectionDetail, type CollectionSummary, excerpt } from './collections.ts';
import type { CollectionRow, CollectionsRepository } from './collections.repository.ts';

export class CollectionsService {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly catalog: CatalogService,
    private readonly facts: FactsRepository,
  ) {}

  async list(opts: { includeDrafts?: boolean } = {}): Promise<CollectionSummary[]> {
    const rows = await this.collections.list({ includeDrafts: opts.includeDrafts ?? false });
    return rows.map(summary);
  }

  /** One collection with its entries. Drafts are found only when asked for. */
  async get(slug: string, opts: { includeDrafts?: boolean } = {}): Promise<CollectionDetail> {
    const row = await this.collections.find(slug);
    if (!row || (row.status === 'draft' && !opts.includeDrafts)) {
      throw new NotFoundError(`No collection with the slug "${slug}".`);
    }
    const entries = await this.collections.entries(row.id);
    const entryIds = entries.map((e) => e.id);
    const [films, factSources, corrections] = await Promise.all([
      this.catalog.summariesBySlugs(entries.map((e) => e.filmSlug)),
      this.facts.entryFactSources(entryIds),
      this.collections.corrections(entryIds),
    ]);
    const correctionSources = await this.facts.correctionSources(corrections.map((c) => c.id));
    const filmBySlug = new Map(films.map((f) => [f.slug, f]));
    return {
      ...summary(row),
      intro: row.intro,
      origin: row.origin,
      entries: entries.flatMap((e) => {
        const film = filmBySlug.get(e.filmSlug);
        if (!film) return [];
        return [
          {
            position: e.position,
            film,
            listedAs: e.listedAs,
            description: e.description,
            fact: { text: e.factText, sources: factSources.get(e.id) ?? [] },
            corrections: corrections
              .filter((c) => c.entryId === e.id)
              .map((c) => ({
                field: c.field,
                listed: c.listed,
                reason: c.reason,
                sources: correctionSources.get(c.id) ?? [],
              })),
          },
        ];
      }),
    };
  }

  async forFilm(filmSlug: string): Promise<{ slug: string; title: string; position: number }[]> {
    return this.collections.forFilm(filmSlug);
  }
}

function summary(row: CollectionRow): CollectionSummary {
  return {
    slug: row.slug,
    title: row.title,
    subtitle: row.subtitle,
    curator: row.curator,
    status: row.status,
    publishedOn: row.publishedOn,
    introExcerpt: excerpt(row.intro),
    filmCount: row.filmCount,
  };
}
