/**
 * The knowledge base behind claim checking: sourced statements, films known to the base and
 * award editions, kept as JSON documents in layers (`content` from content/knowledge/,
 * `wikidata` from dump imports) that are merged when the base is read.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_records')
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('doc', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_records_pk', ['layer', 'kind', 'id'])
    .execute();
  await db.schema
    .createIndex('kb_records_subject_idx')
    .on('kb_records')
    .column('subject')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kb_records').execute();
}
