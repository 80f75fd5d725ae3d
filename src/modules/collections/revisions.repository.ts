/**
 * SQL for revision history, working copies and corrections. The functions that write take the
 * transaction of the change they belong to (a revision is kept in the same transaction as the
 * save it records, so history and text never disagree).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import {
  type Revision,
  type RevisionInfo,
  type RevisionKind,
  type Snapshot,
  type SnapshotSource,
  type StatementField,
  parseSnapshot,
} from './revisions.ts';

type Db = Kysely<Database>;

export interface NewRevision {
  historyId: number;
  kind: RevisionKind;
  authorId: number | null;
  author: string;
  at: string;
  summary: string;
}

export interface PublishedCorrectionRow {
  filmSlug: string;
  field: StatementField;
  was: string;
  now: string;
  reason: string;
  correctedOn: string;
  revision: number;
  author: string;
}

/** The collection's title, intro and entries (in order) with the sources of each fact. */
export async function snapshotOf(db: Db, collectionId: number): Promise<Snapshot> {
  const c = await db
    .selectFrom('collections')
    .select(['title', 'intro'])
    .where('id', '=', collectionId)
    .executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom('collection_entries as e')
    .innerJoin('films as f', 'f.id', 'e.film_id')
    .select(['e.id', 'f.slug', 'e.description', 'e.fact_text'])
    .where('e.collection_id', '=', collectionId)
    .orderBy('e.position')
    .execute();
  const links = entries.length
    ? await db
        .selectFrom('entry_fact_sources as l')
        .innerJoin('sources as s', 's.id', 'l.source_id')
        .select(['l.entry_id', 's.url', 's.title', 's.publisher', 's.accessed_on'])
        .where(
          'l.entry_id',
          'in',
          entries.map((e) => e.id),
        )
        .orderBy('l.entry_id')
        .orderBy('l.position')
        .execute()
    : [];
  const sources = new Map<number, SnapshotSource[]>();
  for (const l of links) {
    const list = sources.get(l.entry_id) ?? [];
    list.push({ url: l.url, title: l.title, publisher: l.publisher, accessedOn: l.accessed_on });
    sources.set(l.entry_id, list);
  }
  return {
    title: c.title,
    intro: c.intro,
    entries: entries.map((e) => ({
      film: e.slug,
      note: e.description,
      fact: e.fact_text,
      sources: sources.get(e.id) ?? [],
    })),
  };
}

/** Keeps a revision: the collection as it now is, numbered after the last one. */
export async function recordRevision(
  db: Db,
  collectionId: number,
  r: NewRevision,
): Promise<number> {
  const snapshot = await snapshotOf(db, collectionId);
  const last = await db
    .selectFrom('collection_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('collection_id', '=', r.historyId)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  await db
    .insertInto('collection_revisions')
    .values({
      collection_id: r.historyId,
      number,
      kind: r.kind,
      author_id: r.authorId,
      author: r.author,
      created_at: r.at,
      summary: r.summary.slice(0, 2000),
      snapshot: JSON.stringify(snapshot),
    })
    .execute();
  return number;
}

async function sourceId(db: Db, s: SnapshotSource): Promise<number> {
  const known = await db
    .selectFrom('sources')
    .select('id')
    .where('url', '=', s.url)
    .executeTakeFirst();
  if (known) return known.id;
  const made = await db
    .insertInto('sources')
    .values({ url: s.url, title: s.title, publisher: s.publisher, accessed_on: s.accessedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return made.id;
}

async function dropEntries(db: Db, entryIds: readonly number[]): Promise<void> {
  if (entryIds.length === 0) return;
  const ids = [...entryIds];
  const corrections = await db
    .selectFrom('corrections')
    .select('id')
    .where('entry_id', 'in', ids)
    .execute();
  if (corrections.length)
    await db
      .deleteFrom('correction_sources')
      .where(
        'correction_id',
        'in',
        corrections.map((c) => c.id),
      )
      .execute();
  await db.deleteFrom('corrections').where('entry_id', 'in', ids).execute();
  await db.deleteFrom('entry_fact_sources').where('entry_id', 'in', ids).execute();
  await db.deleteFrom('collection_entries').where('id', 'in', ids).execute();
}

/**
 * Makes the collection say what `snapshot` says. Entries are matched by film, so an entry that
 * stays keeps its row (and what the content files attached to it, such as how the original list
 * named it); entries not in the snapshot are removed, new ones added.
 */
export async function writeSnapshot(
  db: Db,
  collectionId: number,
  snapshot: Snapshot,
): Promise<void> {
  await db
    .updateTable('collections')
    .set({ title: snapshot.title, intro: snapshot.intro })
    .where('id', '=', collectionId)
    .execute();
  const rows = await db
    .selectFrom('collection_entries as e')
    .innerJoin('films as f', 'f.id', 'e.film_id')
    .select(['e.id', 'f.slug'])
    .where('e.collection_id', '=', collectionId)
    .execute();
  const wanted = new Set(snapshot.entries.map((e) => e.film));
  await dropEntries(
    db,
    rows.filter((r) => !wanted.has(r.slug)).map((r) => r.id),
  );
  const kept = rows.filter((r) => wanted.has(r.slug));
  // Positions are unique per collection: park the kept entries out of the way first.
  for (const [i, r] of kept.entries())
    await db
      .updateTable('collection_entries')
      .set({ position: -1 - i })
      .where('id', '=', r.id)
      .execute();
  const entryOf = new Map(kept.map((r) => [r.slug, r.id]));
  for (const [i, e] of snapshot.entries.entries()) {
    let entryId = entryOf.get(e.film);
    if (entryId !== undefined) {
      await db
        .updateTable('collection_entries')
        .set({ position: i + 1, description: e.note, fact_text: e.fact })
        .where('id', '=', entryId)
        .execute();
    } else {
      const film = await db
        .selectFrom('films')
        .select('id')
        .where('slug', '=', e.film)
        .executeTakeFirst();
      if (!film)
        throw new NotFoundError(
          `Entry ${i + 1} names the film "${e.film}", which is no longer in the catalogue.`,
        );
      const made = await db
        .insertInto('collection_entries')
        .values({
          collection_id: collectionId,
          film_id: film.id,
          position: i + 1,
          listed_as: null,
          description: e.note,
          fact_text: e.fact,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      entryId = made.id;
    }
    await db.deleteFrom('entry_fact_sources').where('entry_id', '=', entryId).execute();
    for (const [j, s] of e.sources.entries())
      await db
        .insertInto('entry_fact_sources')
        .values({ entry_id: entryId, source_id: await sourceId(db, s), position: j + 1 })
        .execute();
  }
}

/** A published collection took a new publication: its version moves, the reason is kept. */
export async function touchPublished(
  db: Db,
  collectionId: number,
  now: string,
  overrideReason: string | null,
): Promise<void> {
  await db
    .updateTable('collections')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: now,
      override_reason: overrideReason,
    }))
    .where('id', '=', collectionId)
    .execute();
}

/** Removes a working copy once it is published into the collection it revised. */
export async function deleteCollection(db: Db, collectionId: number): Promise<void> {
  const entries = await db
    .selectFrom('collection_entries')
    .select('id')
    .where('collection_id', '=', collectionId)
    .execute();
  await dropEntries(
    db,
    entries.map((e) => e.id),
  );
  await db.deleteFrom('collections').where('id', '=', collectionId).execute();
}

export async function addPublishedCorrections(
  db: Db,
  collectionId: number,
  rows: readonly PublishedCorrectionRow[],
): Promise<void> {
  for (const r of rows) {
    const film = await db
      .selectFrom('films')
      .select('id')
      .where('slug', '=', r.filmSlug)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('publication_corrections')
      .values({
        collection_id: collectionId,
        film_id: film.id,
        field: r.field,
        was: r.was,
        now: r.now,
        reason: r.reason,
        corrected_on: r.correctedOn,
        revision: r.revision,
        author: r.author,
      })
      .execute();
  }
}

export class RevisionsRepository {
  constructor(private readonly db: Db) {}

  async list(historyId: number): Promise<RevisionInfo[]> {
    const rows = await this.db
      .selectFrom('collection_revisions')
      .select(['number', 'kind', 'author', 'created_at', 'summary'])
      .where('collection_id', '=', historyId)
      .orderBy('number', 'desc')
      .execute();
    return rows.map((r) => ({
      number: Number(r.number),
      kind: r.kind as RevisionKind,
      author: r.author,
      at: r.created_at,
      summary: r.summary,
    }));
  }

  async get(historyId: number, number: number): Promise<Revision | undefined> {
    const r = await this.db
      .selectFrom('collection_revisions')
      .select(['number', 'kind', 'author', 'created_at', 'summary', 'snapshot'])
      .where('collection_id', '=', historyId)
      .where('number', '=', number)
      .executeTakeFirst();
    return (
      r && {
        number: Number(r.number),
        kind: r.kind as RevisionKind,
        author: r.author,
        at: r.created_at,
        summary: r.summary,
        snapshot: parseSnapshot(r.snapshot, `revision ${number} of collection ${historyId}`),
      }
    );
  }

  /** The latest of the given kinds, e.g. whether the last decision was a send-back. */
  async latestOf(
    historyId: number,
    kinds: readonly RevisionKind[],
  ): Promise<RevisionInfo | undefined> {
    const r = await this.db
      .selectFrom('collection_revisions')
      .select(['number', 'kind', 'author', 'created_at', 'summary'])
      .where('collection_id', '=', historyId)
      .where('kind', 'in', [...kinds])
      .orderBy('number', 'desc')
      .executeTakeFirst();
    return (
      r && {
        number: Number(r.number),
        kind: r.kind as RevisionKind,
        author: r.author,
        at: r.created_at,
        summary: r.summary,
      }
    );
  }

  /** Keeps a revision outside a versioned change (the first one, when a draft is created). */
  async record(collectionId: number, r: NewRevision): Promise<number> {
    return recordRevision(this.db, collectionId, r);
  }

  snapshot(collectionId: number): Promise<Snapshot> {
    return snapshotOf(this.db, collectionId);
  }

  /** The unpublished working copy of a published collection, if one is open. */
  async workingCopy(collectionId: number): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('collections')
      .select('slug')
      .where('revises_id', '=', collectionId)
      .where('status', '!=', 'published')
      .executeTakeFirst();
    return r?.slug;
  }

  async slugOf(collectionId: number): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('collections')
      .select('slug')
      .where('id', '=', collectionId)
      .executeTakeFirst();
    return r?.slug;
  }

  /** Copies a published collection into a new draft that revises it; returns nothing. */
  async openWorkingCopy(
    source: { id: number; curator: string },
    copy: { slug: string; ownerId: number; now: string },
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const snap = await snapshotOf(trx, source.id);
      const { id } = await trx
        .insertInto('collections')
        .values({
          slug: copy.slug,
          title: snap.title,
          subtitle: null,
          curator: source.curator,
          status: 'draft',
          published_on: null,
          intro: snap.intro,
          origin_title: null,
          origin_note: null,
          origin: 'workspace',
          content_hash: null,
          updated_at: copy.now,
          owner_id: copy.ownerId,
          revises_id: source.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeSnapshot(trx, id, snap);
      return id;
    });
  }

  /** Corrections readers see on a published collection, newest first. */
  async publishedCorrections(collectionId: number): Promise<PublishedCorrectionRow[]> {
    const rows = await this.db
      .selectFrom('publication_corrections as p')
      .innerJoin('films as f', 'f.id', 'p.film_id')
      .select([
        'f.slug',
        'p.field',
        'p.was',
        'p.now',
        'p.reason',
        'p.corrected_on',
        'p.revision',
        'p.author',
        'p.id',
      ])
      .where('p.collection_id', '=', collectionId)
      .orderBy('p.revision', 'desc')
      .orderBy('p.id')
      .execute();
    return rows.map((r) => ({
      filmSlug: r.slug,
      field: r.field as StatementField,
      was: r.was,
      now: r.now,
      reason: r.reason,
      correctedOn: r.corrected_on,
      revision: Number(r.revision),
      author: r.author,
    }));
  }
}
