/**
 * A synthetic catalogue for the list benchmark and the query-plan test: N films with an English
 * and an original title, one director each (a pool of N/20 people, so a director has about 20
 * films), one or two countries and languages drawn from a skewed distribution (a few common
 * values, a long tail, one rare value), and English access offers on about 15% of the films.
 * Deterministic: the same N gives the same rows.
 *
 * It is loaded by each database's fastest path, not through the content loader (which validates
 * curated files and is not meant for a million rows):
 *
 * - SQLite: better-sqlite3 prepared inserts in one transaction (`loadSqlite`);
 * - PostgreSQL: COPY FROM STDIN per table through pg-copy-streams (`loadPostgres`);
 * - small N (tests): plain Kysely inserts (`loadKysely`), on either database.
 *
 * The film_languages rows are written by the migration's triggers, as for any other writer.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../../src/db/dialect.ts';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Database } from '../../src/db/index.ts';
import { rng } from '../../test/helpers/random.ts';

function weighted<T>(pairs: readonly [T, number][]): (r: number) => T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  return (r) => {
    let x = r * total;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs.at(-1)![0];
  };
}

/** Country shares: a few big cinemas, a tail, and Iceland rare (0.05%). */
export const COUNTRIES = weighted<string>([
  ['SU', 30],
  ['US', 20],
  ['FR', 15],
  ['IT', 8],
  ['JP', 7],
  ['DE', 7],
  ['PL', 5],
  ['GE', 3],
  ['CZ', 3],
  ['HU', 1.95],
  ['IS', 0.05],
]);
export const LANGUAGES = weighted<string>([
  ['ru', 30],
  ['en', 20],
  ['fr', 15],
  ['it', 8],
  ['ja', 7],
  ['de', 7],
  ['pl', 5],
  ['ka', 3],
  ['cs', 3],
  ['hu', 1.95],
  ['is', 0.05],
]);
const ACCESS = weighted<string | null>([
  ['subtitles', 10],
  ['dub', 3],
  ['voice-over', 1.5],
  ['intertitles', 0.5],
  [null, 85],
]);

export interface GeneratedFilm {
  id: number;
  slug: string;
  year: number;
  languages: string;
  directorId: number;
  countries: string[];
  access: string | null;
}

export const firstYear = 1900;
export const lastYear = 2024;

export function peopleCount(films: number): number {
  return Math.max(1, Math.floor(films / 20));
}

export function* generateFilms(n: number, seed = 1926): Generator<GeneratedFilm> {
  const r = rng(seed);
  const people = peopleCount(n);
  for (let i = 1; i <= n; i++) {
    const year = firstYear + Math.floor(r() * (lastYear - firstYear + 1));
    const c1 = COUNTRIES(r());
    const c2 = r() < 0.1 ? COUNTRIES(r()) : c1;
    const l1 = LANGUAGES(r());
    const l2 = r() < 0.1 ? LANGUAGES(r()) : l1;
    yield {
      id: i,
      slug: `film-${i}-${year}`,
      year,
      languages: l1 === l2 ? l1 : `${l1},${l2}`,
      directorId: 1 + Math.floor(r() * people),
      countries: c1 === c2 ? [c1] : [c1, c2],
      access: ACCESS(r()),
    };
  }
}

export function personSlug(id: number): string {
  return `director-${id}`;
}

const NOW = '2026-12-02T00:00:00.000Z';
const SOURCE = {
  id: 1,
  url: 'https://example.org/bench-source',
  title: 'Benchmark source',
  publisher: 'Kinoteka bench',
  accessed_on: '2026-12-02',
};

/** The rows of every table, in chunks, so a million films never sit in memory at once. */
function* rows(n: number, chunk = 5000) {
  let films: GeneratedFilm[] = [];
  for (const f of generateFilms(n)) {
    films.push(f);
    if (films.length === chunk) {
      yield films;
      films = [];
    }
  }
  if (films.length) yield films;
}

const filmRow = (f: GeneratedFilm) => ({
  id: f.id,
  slug: f.slug,
  year: f.year,
  runtime_minutes: 60 + (f.id % 90),
  silent: f.year < 1930 ? 1 : 0,
  languages: f.languages,
  synopsis: `Synthetic film number ${f.id}.`,
  origin: 'bench',
  updated_at: NOW,
});
const titleRows = (f: GeneratedFilm) => [
  { film_id: f.id, kind: 'english', text: `Film ${f.id}`, language: 'en', position: 0 },
  { film_id: f.id, kind: 'original', text: `Фильм ${f.id}`, language: 'ru', position: 1 },
];
const creditRow = (f: GeneratedFilm) => ({
  film_id: f.id,
  person_id: f.directorId,
  role: 'director',
  position: 0,
});
const countryRows = (f: GeneratedFilm) =>
  f.countries.map((c, i) => ({ film_id: f.id, country_code: c, position: i }));
const offerRows = (f: GeneratedFilm) =>
  f.access
    ? [
        {
          film_id: f.id,
          kind: f.access,
          medium: 'disc',
          provider: 'Bench Video',
          source_id: 1,
          checked_on: '2026-12-02',
          position: 0,
        },
      ]
    : [];
const personRow = (id: number) => ({
  id,
  slug: personSlug(id),
  name: `Director ${String(id).padStart(7, '0')}`,
  name_original: `Режиссёр ${id}`,
});

/** Small catalogues (tests): Kysely inserts in batches, on either database. */
export async function loadKysely(db: Kysely<Database>, n: number): Promise<void> {
  await db.insertInto('sources').values(SOURCE).execute();
  const people = Array.from({ length: peopleCount(n) }, (_, i) => personRow(i + 1));
  for (let i = 0; i < people.length; i += 500) {
    await db
      .insertInto('people')
      .values(people.slice(i, i + 500))
      .execute();
  }
  for (const films of rows(n, 200)) {
    await db.insertInto('films').values(films.map(filmRow)).execute();
    await db.insertInto('titles').values(films.flatMap(titleRows)).execute();
    await db.insertInto('credits').values(films.map(creditRow)).execute();
    await db.insertInto('film_countries').values(films.flatMap(countryRows)).execute();
    const offers = films.flatMap(offerRows);
    if (offers.length) await db.insertInto('access_offers').values(offers).execute();
  }
  if (dialectOf(db as unknown as Kysely<unknown>) === 'postgres') {
    for (const t of ['films', 'people', 'sources']) {
      await sql
        .raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`)
        .execute(db);
    }
  }
}

/** SQLite: one transaction of prepared inserts (the file must be migrated). */
export function loadSqlite(file: string, n: number, onChunk?: (done: number) => void): void {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const ins = (table: string, cols: string[]) =>
    db.prepare(
      `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
    );
  const film = ins('films', Object.keys(filmRow(generateFilms(1).next().value!)));
  const title = ins('titles', ['film_id', 'kind', 'text', 'language', 'position']);
  const credit = ins('credits', ['film_id', 'person_id', 'role', 'position']);
  const country = ins('film_countries', ['film_id', 'country_code', 'position']);
  const offer = ins('access_offers', [
    'film_id',
    'kind',
    'medium',
    'provider',
    'source_id',
    'checked_on',
    'position',
  ]);
  const person = ins('people', ['id', 'slug', 'name', 'name_original']);
  db.transaction(() => {
    ins('sources', Object.keys(SOURCE)).run(...Object.values(SOURCE));
    for (let i = 1; i <= peopleCount(n); i++) person.run(...Object.values(personRow(i)));
    let done = 0;
    for (const films of rows(n)) {
      for (const f of films) {
        film.run(...Object.values(filmRow(f)));
        for (const t of titleRows(f)) title.run(...Object.values(t));
        credit.run(...Object.values(creditRow(f)));
        for (const c of countryRows(f)) country.run(...Object.values(c));
        for (const o of offerRows(f)) offer.run(...Object.values(o));
      }
      onChunk?.((done += films.length));
    }
  })();
  db.exec('analyze');
  db.close();
}

/** PostgreSQL: COPY per table (the schema must be migrated), then ANALYZE and the sequences. */
export async function loadPostgres(
  url: string,
  schema: string,
  n: number,
  onTable?: (table: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const text = (v: unknown) =>
    v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n]/g, (c) => `\\${c}`);
  const copy = async <R extends Record<string, unknown>>(
    table: string,
    cols: string[],
    source: () => Iterable<R[]>,
  ) => {
    onTable?.(table);
    const lines = function* () {
      for (const chunk of source()) {
        yield chunk.map((r) => cols.map((c) => text(r[c])).join('\t')).join('\n') + '\n';
      }
    };
    await pipeline(
      Readable.from(lines()),
      client.query(copyStreams.from(`copy ${table} (${cols.join(', ')}) from stdin`)),
    );
  };
  const people = function* () {
    const all = peopleCount(n);
    for (let i = 1; i <= all; i += 5000) {
      yield Array.from({ length: Math.min(5000, all - i + 1) }, (_, k) => personRow(i + k));
    }
  };
  await client.query(
    'insert into sources (id, url, title, publisher, accessed_on) values ($1, $2, $3, $4, $5)',
    Object.values(SOURCE),
  );
  await copy('people', ['id', 'slug', 'name', 'name_original'], people);
  await copy('films', Object.keys(filmRow(generateFilms(1).next().value!)), function* () {
    for (const f of rows(n)) yield f.map(filmRow);
  });
  await copy('titles', ['film_id', 'kind', 'text', 'language', 'position'], function* () {
    for (const f of rows(n)) yield f.flatMap(titleRows);
  });
  await copy('credits', ['film_id', 'person_id', 'role', 'position'], function* () {
    for (const f of rows(n)) yield f.map(creditRow);
  });
  await copy('film_countries', ['film_id', 'country_code', 'position'], function* () {
    for (const f of rows(n)) yield f.flatMap(countryRows);
  });
  await copy(
    'access_offers',
    ['film_id', 'kind', 'medium', 'provider', 'source_id', 'checked_on', 'position'],
    function* () {
      for (const f of rows(n)) yield f.flatMap(offerRows);
    },
  );
  for (const t of ['films', 'people', 'sources']) {
    await client.query(
      `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`,
    );
  }
  onTable?.('analyze');
  await client.query('analyze');
  await client.end();
}
