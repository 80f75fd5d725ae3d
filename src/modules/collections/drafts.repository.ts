/**
 * SQL for collections edited in the workspace. Every change to a draft goes through
 * `change()`: one transaction that bumps the version only if it is still the one the editor
 * saw, so two people saving the same draft never overwrite each other silently.
 */
import type { Kysely, Transaction } from 'kysely';
import { type Database, bumpCatalogVersion } from '../../db/index.ts';
import type { CollectionStatus } from './collections.ts';
import { FilmDraftsRepository } from './film-drafts.repository.ts';
import { RevisionsRepository } from './revisions.repository.ts';

export interface DraftRow {
  id: number;
  slug: string;
  title: string;
  intro: string;
  status: CollectionStatus;
  version: number;
  ownerId: number | null;
  curator: string;
  updatedAt: string;
  overrideReason: string | null;
  filmCount: number;
  /** A working copy: the id of the published collection it will replace. */
  revisesId: number | null;
}

export interface DraftEntryRow {
  id: number;
  position: number;
  filmSlug: string;
  description: string;
  fact: string;
}

export interface NewSource {
  url: string;
  title: string;
  publisher: string | null;
  accessedOn: string;
}

export class DraftsRepository {
  /** Revision history, working copies and corrections (src/modules/collections/revisions.*). */
  readonly revisions: RevisionsRepository;
  /** Film drafts (src/modules/collections/film-drafts.*). */
  readonly films: FilmDraftsRepository;

  constructor(private readonly db: Kysely<Database>) {
    this.revisions = new RevisionsRepository(db);
    this.films = new FilmDraftsRepository(db);
  }

  private base(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('collections as c')
      .select([
        'c.id',
        'c.slug',
        'c.title',
        'c.intro',
        'c.status',
        'c.version',
        'c.owner_id',
        'c.curator',
        'c.updated_at',
        'c.override_reason',
        'c.revises_id',
      ])
      .select((eb) =>
        eb
          .selectFrom('collection_entries as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.collection_id', '=', 'c.id')
          .as('film_count'),
      );
  }

  /** Collections that are not published, optionally only those a user owns; newest first. */
  async unpublished(ownerId?: number): Promise<DraftRow[]> {
    const rows = await this.base()
      .where('c.status', '!=', 'published')
      .$if(ownerId !== undefined, (q) => q.where('c.owner_id', '=', ownerId!))
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.slug')
      .execute();
    return rows.map(toDraft);
  }

  /** Published collections made in the workspace (so a curator finds their own again). */
  async publishedBy(ownerId: number): Promise<DraftRow[]> {
    const rows = await this.base()
      .where('c.status', '=', 'published')
      .where('c.owner_id', '=', ownerId)
      .orderBy('c.updated_at', 'desc')
      .execute();
    return rows.map(toDraft);
  }

  async find(slug: string): Promise<DraftRow | undefined> {
    const r = await this.base().where('c.slug', '=', slug).executeTakeFirst();
    return r && toDraft(r);
  }

  async findById(id: number): Promise<DraftRow | undefined> {
    const r = await this.base().where('c.id', '=', id).executeTakeFirst();
    return r && toDraft(r);
  }

  async entries(collectionId: number): Promise<DraftEntryRow[]> {
    const rows = await this.db
      .selectFrom('collection_entries as e')
      .innerJoin('films as f', 'f.id', 'e.film_id')
      .select(['e.id', 'e.position', 'f.slug', 'e.description', 'e.fact_text'])
      .where('e.collection_id', '=', collectionId)
      .orderBy('e.position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      filmSlug: r.slug,
      description: r.description,
      fact: r.fact_text,
    }));
  }

  async insert(d: {
    slug: string;
    title: string;
    intro: string;
    curator: string;
    ownerId: number;
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('collections')
      .values({
        slug: d.slug,
        title: d.title,
        subtitle: null,
        curator: d.curator,
        status: 'draft',
        published_on: null,
        intro: d.intro,
        origin_title: null,
        origin_note: null,
        origin: 'workspace',
        content_hash: null,
        updated_at: d.now,
        owner_id: d.ownerId,
      })
      .execute();
  }

  /**
   * Runs `edit` on the draft inside one transaction, after moving its version from `expected`
   * to the next one. Returns false (and changes nothing) when the version has moved on.
   */
  async change(
    collectionId: number,
    expected: number,
    now: string,
    edit: (trx: DraftTransaction) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('collections')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', collectionId)
        .where('version', '=', expected)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) return false;
      await edit(new DraftTransaction(trx, collectionId));
      return true;
    });
  }
}

/** The changes one save may make to one draft, inside its transaction. */
export class DraftTransaction {
  constructor(
    /** The transaction itself, for the revision history written in the same change. */
    readonly trx: Transaction<Database>,
    readonly collectionId: number,
  ) {}

  async setText(title: string, intro: string): Promise<void> {
    await this.trx
      .updateTable('collections')
      .set({ title, intro })
      .where('id', '=', this.collectionId)
      .execute();
  }

  async setStatus(
    status: CollectionStatus,
    extra: { publishedOn?: string; overrideReason?: string | null } = {},
  ): Promise<void> {
    await this.trx
      .updateTable('collections')
      .set({
        status,
        ...(extra.publishedOn !== undefined ? { published_on: extra.publishedOn } : {}),
        ...(extra.overrideReason !== undefined ? { override_reason: extra.overrideReason } : {}),
      })
      .where('id', '=', this.collectionId)
      .execute();
  }

  /** What readers see changes: move the catalogue version, so every node drops its caches. */
  async bumpCatalog(stamp: string): Promise<void> {
    await bumpCatalogVersion(this.trx, `${stamp} collection ${this.collectionId}`);
  }

  async setFact(entryId: number, factText: string): Promise<void> {
    await this.trx
      .updateTable('collection_entries')
      .set({ fact_text: factText })
      .where('id', '=', entryId)
      .where('collection_id', '=', this.collectionId)
      .execute();
  }

  /**
   * Cites a source for an entry's fact. Sources are shared by URL: a URL already known keeps
   * its recorded title and publisher.
   */
  async attachSource(entryId: number, src: NewSource): Promise<void> {
    let source = await this.trx
      .selectFrom('sources')
      .select('id')
      .where('url', '=', src.url)
      .executeTakeFirst();
    source ??= await this.trx
      .insertInto('sources')
      .values({
        url: src.url,
        title: src.title,
        publisher: src.publisher,
        accessed_on: src.accessedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const linked = await this.trx
      .selectFrom('entry_fact_sources')
      .select((eb) => [eb.fn.max('position').as('p'), eb.fn.countAll<number>().as('n')])
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    const already = await this.trx
      .selectFrom('entry_fact_sources')
      .select('source_id')
      .where('entry_id', '=', entryId)
      .where('source_id', '=', source.id)
      .executeTakeFirst();
    if (already) return;
    await this.trx
      .insertInto('entry_fact_sources')
      .values({
        entry_id: entryId,
        source_id: source.id,
        position: Number(linked?.n ?? 0) > 0 ? Number(linked?.p ?? 0) + 1 : 1,
      })
      .execute();
  }

  async setNote(entryId: number, description: string): Promise<void> {
    await this.trx
      .updateTable('collection_entries')
      .set({ description })
      .where('id', '=', entryId)
      .where('collection_id', '=', this.collectionId)
      .execute();
  }

  /** Appends a film (with its text, when given); false when the film is unknown. */
  async append(
    filmSlug: string,
    text: { listedAs?: string | null; note?: string; fact?: string } = {},
  ): Promise<boolean> {
    const film = await this.trx
      .selectFrom('films')
      .select('id')
      .where('slug', '=', filmSlug)
      .executeTakeFirst();
    if (!film) return false;
    const last = await this.trx
      .selectFrom('collection_entries')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('collection_id', '=', this.collectionId)
      .executeTakeFirst();
    await this.trx
      .insertInto('collection_entries')
      .values({
        collection_id: this.collectionId,
        film_id: film.id,
        position: Number(last?.p ?? 0) + 1,
        listed_as: text.listedAs ?? null,
        description: text.note?.trim() ?? '',
        fact_text: text.fact?.trim() ?? '',
      })
      .execute();
    return true;
  }

  async remove(entryId: number): Promise<void> {
    await this.trx.deleteFrom('entry_fact_sources').where('entry_id', '=', entryId).execute();
    await this.trx
      .deleteFrom('collection_entries')
      .where('id', '=', entryId)
      .where('collection_id', '=', this.collectionId)
      .execute();
  }

  /** Writes positions 1…n in the given order of entry ids. */
  async order(entryIds: readonly number[]): Promise<void> {
    // Two passes: positions may be unique per collection, so park them out of the way first.
    for (const [i, id] of entryIds.entries()) {
      await this.trx
        .updateTable('collection_entries')
        .set({ position: -1 - i })
        .where('id', '=', id)
        .where('collection_id', '=', this.collectionId)
        .execute();
    }
    for (const [i, id] of entryIds.entries()) {
      await this.trx
        .updateTable('collection_entries')
        .set({ position: i + 1 })
        .where('id', '=', id)
        .where('collection_id', '=', this.collectionId)
        .execute();
    }
  }
}

function toDraft(r: {
  id: number;
  slug: string;
  title: string;
  intro: string;
  status: string;
  version: number;
  owner_id: number | null;
  curator: string;
  updated_at: string;
  override_reason: string | null;
  revises_id?: number | null;
  film_count: number | null;
}): DraftRow {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    intro: r.intro,
    status: r.status as CollectionStatus,
    version: Number(r.version),
    ownerId: r.owner_id,
    curator: r.curator,
    updatedAt: r.updated_at,
    overrideReason: r.override_reason,
    filmCount: Number(r.film_count ?? 0),
    revisesId: r.revises_id ?? null,
  };
}
