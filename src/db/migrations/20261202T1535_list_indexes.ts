/**
 * Indexes for the catalogue's lists at a million films (docs/operating.md, "Large catalogues").
 * Every list is ordered by (year, slug) and paged by keyset on that pair, so:
 *
 * - `films (year, slug)` serves the unfiltered list, the decade and year-range filters and the
 *   keyset condition without a sort (it replaces `films (year)`);
 * - each other filter has an index from its value to the film ids: countries, directors (credits
 *   by person and role), English access offers by kind, and languages;
 * - `people (name, slug)` orders the people list.
 *
 * A film's languages are stored as one comma-separated text column, which no index can search
 * by one language. `film_languages` holds one row per film and language, kept by triggers on
 * `films`, so every writer (content loads, the IMDb import, tests) keeps it without knowing.
 */
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['films_year_slug_idx', 'films', ['year', 'slug']],
  ['film_countries_country_idx', 'film_countries', ['country_code', 'film_id']],
  ['credits_person_role_idx', 'credits', ['person_id', 'role', 'film_id']],
  ['access_offers_kind_idx', 'access_offers', ['kind', 'film_id']],
  ['people_name_slug_idx', 'people', ['name', 'slug']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  await db.schema.dropIndex('films_year_idx').execute();

  await db.schema
    .createTable('film_languages')
    .addColumn('film_id', 'integer', (c) => c.notNull().references('films.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('film_languages_pk', ['film_id', 'language'])
    .execute();
  await db.schema
    .createIndex('film_languages_language_idx')
    .on('film_languages')
    .columns(['language', 'film_id'])
    .execute();

  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function film_languages_sync() returns trigger language plpgsql as $$
         begin
           if tg_op = 'UPDATE' then delete from film_languages where film_id = new.id; end if;
           insert into film_languages (film_id, language)
             select distinct new.id, trim(l) from unnest(string_to_array(new.languages, ',')) as l
             where trim(l) <> ''
             on conflict do nothing;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger films_languages_sync after insert or update of languages on films
         for each row execute function film_languages_sync()`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into film_languages (film_id, language)
         select distinct f.id, trim(l) from films f, unnest(string_to_array(f.languages, ',')) as l
         where trim(l) <> '' on conflict do nothing`,
      )
      .execute(db);
  } else {
    // SQLite triggers take no WITH clause; json_each splits the list instead. Backslashes and
    // quotes are escaped, so any text makes a valid JSON array.
    const split = (col: string) =>
      `json_each('["' || replace(replace(replace(${col}, '\\', '\\\\'), '"', '\\"'), ',', '","') || '"]')`;
    const insert = (col: string, id: string) =>
      `insert or ignore into film_languages (film_id, language)
       select ${id}, trim(value) from ${split(col)} where trim(value) <> ''`;
    await sql
      .raw(
        `create trigger films_languages_ai after insert on films begin
         ${insert('new.languages', 'new.id')}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger films_languages_au after update of languages on films begin
         delete from film_languages where film_id = new.id;
         ${insert('new.languages', 'new.id')}; end`,
      )
      .execute(db);
    await sql
      .raw(
        `insert or ignore into film_languages (film_id, language)
         select films.id, trim(j.value) from films, ${split('films.languages')} as j
         where trim(j.value) <> ''`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger if exists films_languages_sync on films').execute(db);
    await sql.raw('drop function if exists film_languages_sync()').execute(db);
  } else {
    await sql.raw('drop trigger if exists films_languages_ai').execute(db);
    await sql.raw('drop trigger if exists films_languages_au').execute(db);
  }
  await db.schema.dropTable('film_languages').execute();
  await db.schema.createIndex('films_year_idx').on('films').column('year').execute();
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
