/**
 * What is known about a person, from `content/people/<slug>.yaml`: birth and death (date and
 * place, each with its sources) and the other ways the name is written, each with its sources;
 * and the sources of each credit (the character or role a film's credits give rests on them).
 * `people.content_hash` is the hash of the person's file, so an unchanged file is not touched.
 */
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(dialectOf(db));
  const s = db.schema;
  await s.alterTable('people').addColumn('content_hash', 'text').execute();

  await s
    .createTable('person_life')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', 'integer', (c) =>
      c.notNull().references('people.id').onDelete('cascade'),
    )
    /** `born` or `died`. */
    .addColumn('event', 'text', (c) => c.notNull())
    /** ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the sources are. */
    .addColumn('date', 'text')
    .addColumn('place', 'text')
    /** E.g. the date in the Julian calendar that Russia used until 1918. */
    .addColumn('note', 'text')
    .addUniqueConstraint('person_life_event_uq', ['person_id', 'event'])
    .execute();
  await s
    .createTable('person_life_sources')
    .addColumn('life_id', 'integer', (c) =>
      c.notNull().references('person_life.id').onDelete('cascade'),
    )
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_life_sources_pk', ['life_id', 'source_id'])
    .execute();

  await s
    .createTable('person_names')
    .addColumn('id', id.type, id.build)
    .addColumn('person_id', 'integer', (c) =>
      c.notNull().references('people.id').onDelete('cascade'),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('person_names_person_idx').on('person_names').column('person_id').execute();
  await s
    .createTable('person_name_sources')
    .addColumn('name_id', 'integer', (c) =>
      c.notNull().references('person_names.id').onDelete('cascade'),
    )
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_name_sources_pk', ['name_id', 'source_id'])
    .execute();

  await s
    .createTable('credit_sources')
    .addColumn('credit_id', 'integer', (c) =>
      c.notNull().references('credits.id').onDelete('cascade'),
    )
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('credit_sources_pk', ['credit_id', 'source_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'credit_sources',
    'person_name_sources',
    'person_names',
    'person_life_sources',
    'person_life',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('people').dropColumn('content_hash').execute();
}
