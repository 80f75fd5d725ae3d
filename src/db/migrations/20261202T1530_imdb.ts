/**
 * IMDb imports: the IMDb id of a film and of a person (unique, so an id never becomes two
 * records), the region of a title (IMDb akas), the bookkeeping of import runs (so a run that
 * was killed resumes), and the staging tables the bulk loader fills before one set-based apply.
 */
import { type Kysely, sql } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

const STAGING: Record<string, string> = {
  imdb_stage_titles:
    'tconst text not null, slug text not null, title_type text not null, primary_title text not null, original_title text not null, year integer not null, runtime integer',
  imdb_stage_akas:
    'tconst text not null, ordering integer not null, title text not null, region text, language text, types text, is_original integer not null',
  imdb_stage_credits:
    'tconst text not null, nconst text not null, role text not null, position integer not null, character text',
  imdb_stage_names: 'nconst text not null, slug text not null, name text not null',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  await db.schema.alterTable('films').addColumn('imdb_id', 'text').execute();
  await db.schema.createIndex('films_imdb_id_uq').on('films').column('imdb_id').unique().execute();
  await db.schema.alterTable('people').addColumn('imdb_id', 'text').execute();
  await db.schema
    .createIndex('people_imdb_id_uq')
    .on('people')
    .column('imdb_id')
    .unique()
    .execute();
  await db.schema.alterTable('titles').addColumn('region', 'text').execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', id.type, id.build)
    .addColumn('source', 'text', (c) => c.notNull())
    /** What the run read: file names, sizes and modification times, and the options. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    /** `running`, `done`, `failed`. */
    .addColumn('state', 'text', (c) => c.notNull())
    /** The files staged so far, comma-separated, in order. */
    .addColumn('staged', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('stats', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // Staging: written in bulk (COPY on PostgreSQL), read once by the apply, then emptied.
  // Unlogged on PostgreSQL: a crash empties them, and the run starts its staging again.
  const unlogged = dialect === 'postgres' ? 'unlogged ' : '';
  for (const [table, columns] of Object.entries(STAGING)) {
    await sql.raw(`create ${unlogged}table ${table} (${columns})`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(STAGING)) await db.schema.dropTable(table).execute();
  await db.schema.dropTable('import_runs').execute();
  await db.schema.alterTable('titles').dropColumn('region').execute();
  await db.schema.dropIndex('people_imdb_id_uq').execute();
  await db.schema.alterTable('people').dropColumn('imdb_id').execute();
  await db.schema.dropIndex('films_imdb_id_uq').execute();
  await db.schema.alterTable('films').dropColumn('imdb_id').execute();
}
