import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { CollectionStatus, CorrectionField } from './collections.ts';
import { type PublishedCorrectionRow, RevisionsRepository } from './revisions.repository.ts';

export interface CollectionRow {
  id: number;
  slug: string;
  title: string;
  subtitle: string | null;
  curator: string;
  status: CollectionStatus;
  publishedOn: string | null;
  intro: string;
  origin: { title: string; note: string } | null;
  filmCount: number;
}

export interface EntryRow {
  id: number;
  position: number;
  filmSlug: string;
  listedAs: string | null;
  description: string;
  factText: string;
}

export interface CorrectionRow {
  id: number;
  entryId: number;
  field: CorrectionField;
  listed: string;
  reason: string;
}

export interface NewDraft {
  slug: string;
  title: string;
  curator: string;
  intro: string;
  originTitle: string;
  originNote: string;
  entries: {
    position: number;
    filmSlug: string;
    listedAs: string;
    description: string;
    factText: string;
  }[];
}

export class CollectionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('collections as c')
      .select([
        'c.id',
        'c.slug',
        'c.title',
        'c.subtitle',
        'c.curator',
        'c.status',
        'c.published_on',
        'c.intro',
        'c.origin_title',
        'c.origin_note',
      ])
      .select((eb) =>
        eb
          .selectFrom('collection_entries as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.collection_id', '=', 'c.id')
          .as('film_count'),
      );
  }

  async list(opts: { includeDrafts: boolean }): Promise<CollectionRow[]> {
    let q = this.base();
    if (!opts.includeDrafts) q = q.where('c.status', '=', 'published');
    const rows = await q.orderBy('c.published_on', 'desc').orderBy('c.slug').execute();
    return rows.map(toRow);
  }

  async find(slug: string): Promise<CollectionRow | undefined> {
    const r = await this.base().where('c.slug', '=', slug).executeTakeFirst();
    return r && toRow(r);
  }

  async entries(collectionId: number): Promise<EntryRow[]> {
    const rows = await this.db
      .selectFrom('collection_entries as e')
      .innerJoin('films as f', 'f.id', 'e.film_id')
      .select(['e.id', 'e.position', 'f.slug', 'e.listed_as', 'e.description', 'e.fact_text'])
      .where('e.collection_id', '=', collectionId)
      .orderBy('e.position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      filmSlug: r.slug,
      listedAs: r.listed_as,
      description: r.description,
      factText: r.fact_text,
    }));
  }

  async corrections(entryIds: readonly number[]): Promise<CorrectionRow[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('corrections')
      .select(['id', 'entry_id', 'field', 'listed', 'reason'])
      .where('entry_id', 'in', [...entryIds])
      .orderBy('entry_id')
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      field: r.field as CorrectionField,
      listed: r.listed,
      reason: r.reason,
    }));
  }

  /** Changes to published notes and facts, newest first. */
  publishedCorrections(collectionId: number): Promise<PublishedCorrectionRow[]> {
    return new RevisionsRepository(this.db).publishedCorrections(collectionId);
  }

  async slugsLike(prefix: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('collections')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', prefix), eb('slug', 'like', `${prefix}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  }

  /** Creates a draft collection with its entries, in one transaction. */
  async createDraft(draft: NewDraft, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('collections')
        .values({
          slug: draft.slug,
          title: draft.title,
          subtitle: null,
          curator: draft.curator,
          status: 'draft',
          published_on: null,
          intro: draft.intro,
          origin_title: draft.originTitle,
          origin_note: draft.originNote,
          origin: 'import',
          content_hash: null,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const e of draft.entries) {
        const film = await trx
          .selectFrom('films')
          .select('id')
          .where('slug', '=', e.filmSlug)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('collection_entries')
          .values({
            collection_id: id,
            film_id: film.id,
            position: e.position,
            listed_as: e.listedAs,
            description: e.description,
            fact_text: e.factText,
          })
          .execute();
      }
    });
  }

  /** The published collections a film appears in, with its position in each. */
  async forFilm(filmSlug: string): Promise<{ slug: string; title: string; position: number }[]> {
    return this.db
      .selectFrom('collection_entries as e')
      .innerJoin('collections as c', 'c.id', 'e.collection_id')
      .innerJoin('films as f', 'f.id', 'e.film_id')
      .select(['c.slug', 'c.title', 'e.position'])
      .where('f.slug', '=', filmSlug)
      .where('c.status', '=', 'published')
      .orderBy('c.title')
      .execute();
  }
}

function toRow(r: {
  id: number;
  slug: string;
  title: string;
  subtitle: string | null;
  curator: string;
  status: string;
  published_on: string | null;
  intro: string;
  origin_title: string | null;
  origin_note: string | null;
  film_count: number | null;
}): CollectionRow {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    subtitle: r.subtitle,
    curator: r.curator,
    status: r.status as CollectionStatus,
    publishedOn: r.published_on,
    intro: r.intro,
    origin: r.origin_title && r.origin_note ? { title: r.origin_title, note: r.origin_note } : null,
    filmCount: Number(r.film_count ?? 0),
  };
}
