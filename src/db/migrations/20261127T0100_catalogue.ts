/** The catalogue, collections, facts with sources, and English-access offers. */
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(dialectOf(db));
  const s = db.schema;

  await s
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('sources')
    .addColumn('id', id.type, id.build)
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('accessed_on', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('studios')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_original', 'text')
    .execute();

  await s
    .createTable('people')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_original', 'text')
    .execute();

  await s
    .createTable('films')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('runtime_minutes', 'integer')
    .addColumn('runtime_note', 'text')
    .addColumn('silent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('studio_id', 'integer', (c) => c.references('studios.id').onDelete('set null'))
    .addColumn('synopsis', 'text', (c) => c.notNull())
    .addColumn('access_note', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('films_year_idx').on('films').column('year').execute();

  await s
    .createTable('titles')
    .addColumn('id', id.type, id.build)
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('titles_film_idx').on('titles').column('film_id').execute();

  await s
    .createTable('credits')
    .addColumn('id', id.type, id.build)
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) =>
      c.notNull().references('people.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('character', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('credits_film_idx').on('credits').column('film_id').execute();
  await s.createIndex('credits_person_idx').on('credits').column('person_id').execute();

  await s
    .createTable('film_countries')
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('film_countries_pk', ['film_id', 'country_code'])
    .execute();

  await s
    .createTable('film_synopsis_sources')
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('film_synopsis_sources_pk', ['film_id', 'source_id'])
    .execute();

  await s
    .createTable('facts')
    .addColumn('id', id.type, id.build)
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('facts_film_key_uq', ['film_id', 'key'])
    .execute();

  await s
    .createTable('fact_sources')
    .addColumn('fact_id', 'integer', (c) => c.notNull().references('facts.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_sources_pk', ['fact_id', 'source_id'])
    .execute();

  await s
    .createTable('access_offers')
    .addColumn('id', id.type, id.build)
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('edition', 'text')
    .addColumn('region', 'text')
    .addColumn('year', 'integer')
    .addColumn('url', 'text')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('access_offers_film_idx').on('access_offers').column('film_id').execute();

  await s
    .createTable('collections')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('curator', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('origin_title', 'text')
    .addColumn('origin_note', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('collection_entries')
    .addColumn('id', id.type, id.build)
    .addColumn('collection_id', 'integer', (c) =>
      c.notNull().references('collections.id').onDelete('cascade'),
    )
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('listed_as', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('fact_text', 'text', (c) => c.notNull())
    .addUniqueConstraint('collection_entries_pos_uq', ['collection_id', 'position'])
    .execute();
  await s
    .createIndex('collection_entries_film_idx')
    .on('collection_entries')
    .column('film_id')
    .execute();

  await s
    .createTable('entry_fact_sources')
    .addColumn('entry_id', 'integer', (c) =>
      c.notNull().references('collection_entries.id').onDelete('cascade'),
    )
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('entry_fact_sources_pk', ['entry_id', 'source_id'])
    .execute();

  await s
    .createTable('corrections')
    .addColumn('id', id.type, id.build)
    .addColumn('entry_id', 'integer', (c) =>
      c.notNull().references('collection_entries.id').onDelete('cascade'),
    )
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('listed', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await s
    .createTable('correction_sources')
    .addColumn('correction_id', 'integer', (c) =>
      c.notNull().references('corrections.id').onDelete('cascade'),
    )
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('correction_sources_pk', ['correction_id', 'source_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'correction_sources',
    'corrections',
    'entry_fact_sources',
    'collection_entries',
    'collections',
    'access_offers',
    'fact_sources',
    'facts',
    'film_synopsis_sources',
    'film_countries',
    'credits',
    'titles',
    'films',
    'people',
    'studios',
    'sources',
    'meta',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
