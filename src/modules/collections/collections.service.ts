import { NotFoundError } from '../../lib/errors.ts';
import type { CatalogService } from '../catalog/index.ts';
import { slugify } from '../../lib/text/index.ts';
import type { CheckedText, FactsRepository, KnowledgeService } from '../facts/index.ts';
import { type CollectionDetail, type CollectionSummary, excerpt } from './collections.ts';
import type { CollectionRow, CollectionsRepository, NewDraft } from './collections.repository.ts';

export interface EntryCheck {
  position: number;
  filmSlug: string;
  filmTitle: string;
  year: number;
  listedAs: string | null;
  description: CheckedText;
  fact: CheckedText;
}

export interface CollectionCheck {
  slug: string;
  title: string;
  status: CollectionDetail['status'];
  entries: EntryCheck[];
}

export class CollectionsService {
  constructor(
    private readonly collections: CollectionsRepository,
    private readonly catalog: CatalogService,
    private readonly facts: FactsRepository,
    private readonly knowledge?: KnowledgeService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates a draft collection under a slug of its own: an existing collection, published or
   * not, is never overwritten (a taken slug gets a numeric suffix).
   */
  async createDraft(draft: Omit<NewDraft, 'slug'> & { slug?: string }): Promise<string> {
    const base = slugify(draft.slug ?? draft.title) || 'imported-list';
    const taken = new Set(await this.collections.slugsLike(base));
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    await this.collections.createDraft({ ...draft, slug }, this.now().toISOString());
    return slug;
  }

  /** Every entry's description and fact, claim by claim, judged against the knowledge base. */
  async factCheck(slug: string, opts: { includeDrafts?: boolean } = {}): Promise<CollectionCheck> {
    if (!this.knowledge) throw new Error('fact checking needs the knowledge service');
    const c = await this.get(slug, { includeDrafts: opts.includeDrafts ?? false });
    const entries: EntryCheck[] = [];
    for (const e of c.entries) {
      const opts = { unknownFilm: 'as-unresolved' } as const;
      entries.push({
        position: e.position,
        filmSlug: e.film.slug,
        filmTitle: e.film.englishTitle,
        year: e.film.year,
        listedAs: e.listedAs,
        description: await this.knowledge.check(e.description, e.film.slug, opts),
        fact: await this.knowledge.check(e.fact.text, e.film.slug, opts),
      });
    }
    return { slug: c.slug, title: c.title, status: c.status, entries };
  }

  async list(opts: { includeDrafts?: boolean } = {}): Promise<CollectionSummary[]> {
    const rows = await this.collections.list({ includeDrafts: opts.includeDrafts ?? false });
    return rows.map(summary);
  }

  /** One collection with its entries. Drafts are found only when asked for. */
  async get(slug: string, opts: { includeDrafts?: boolean } = {}): Promise<CollectionDetail> {
    const row = await this.collections.find(slug);
    if (!row || (row.status !== 'published' && !opts.includeDrafts)) {
      throw new NotFoundError(`No collection with the slug "${slug}".`);
    }
    const entries = await this.collections.entries(row.id);
    const entryIds = entries.map((e) => e.id);
    const printed = await this.collections.publishedCorrections(row.id);
    const [films, factSources, corrections] = await Promise.all([
      this.catalog.summariesBySlugs([
        ...new Set([...entries.map((e) => e.filmSlug), ...printed.map((p) => p.filmSlug)]),
      ]),
      this.facts.entryFactSources(entryIds),
      this.collections.corrections(entryIds),
    ]);
    const correctionSources = await this.facts.correctionSources(corrections.map((c) => c.id));
    const filmBySlug = new Map(films.map((f) => [f.slug, f]));
    return {
      ...summary(row),
      intro: row.intro,
      origin: row.origin,
      publishedCorrections: printed.flatMap((p) => {
        const film = filmBySlug.get(p.filmSlug);
        return film
          ? [
              {
                film,
                field: p.field,
                was: p.was,
                now: p.now,
                reason: p.reason,
                correctedOn: p.correctedOn,
                author: p.author,
              },
            ]
          : [];
      }),
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
