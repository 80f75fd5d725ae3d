/**
 * Revision history, corrections and film drafts. Every versioned change to a collection in the
 * workspace keeps a snapshot (who, when, what) in `collection_revisions`, numbered per
 * collection; a published collection is edited through a working copy (`revises_id`) so
 * readers keep the published text until the next publication; a publication that changes or
 * withdraws a published note or fact keeps a correction with the publisher's reason. Film
 * drafts hold a proposed change to a film's titles, credits and English access offers, with
 * the film as it was when the draft began, through the same review.
 */
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(dialectOf(db));
  const s = db.schema;

  await s.alterTable('collections').addColumn('revises_id', 'integer').execute();

  await s
    .createTable('collection_revisions')
    .addColumn('id', id.type, id.build)
    .addColumn('collection_id', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addUniqueConstraint('collection_revisions_number_uq', ['collection_id', 'number'])
    .execute();

  await s
    .createTable('publication_corrections')
    .addColumn('id', id.type, id.build)
    .addColumn('collection_id', 'integer', (c) => c.notNull())
    .addColumn('film_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('was', 'text', (c) => c.notNull())
    .addColumn('now', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_on', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('publication_corrections_collection_idx')
    .on('publication_corrections')
    .column('collection_id')
    .execute();

  await s
    .createTable('film_drafts')
    .addColumn('id', id.type, id.build)
    .addColumn('film_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('owner_id', 'integer')
    .addColumn('curator', 'text', (c) => c.notNull())
    /** The film's titles, credits and offers as JSON when the draft began. */
    .addColumn('base', 'text', (c) => c.notNull())
    /** The proposed titles, credits, offers and sources as JSON. */
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('review_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .execute();
  await s.createIndex('film_drafts_film_idx').on('film_drafts').column('film_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('film_drafts').execute();
  await db.schema.dropTable('publication_corrections').execute();
  await db.schema.dropTable('collection_revisions').execute();
  await db.schema.alterTable('collections').dropColumn('revises_id').execute();
}
