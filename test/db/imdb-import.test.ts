/**
 * `import imdb` on SQLite and PostgreSQL, from small fixture files in IMDb's exact format
 * (test/fixtures/imdb/small, gzipped here): what is kept, akas as searchable titles, credits,
 * content films linked rather than duplicated, idempotent re-runs, and malformed lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImdbFormatError } from '../../src/modules/imports/index.ts';
import { generateImdb } from '../fixtures/imdb/generate.ts';
import { gzFixtures } from '../fixtures/imdb/small.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

async function snapshot(app: TestApp) {
  const k = app.testDb.kysely;
  const films = await k
    .selectFrom('films')
    .select(['slug', 'year', 'runtime_minutes', 'origin', 'imdb_id'])
    .orderBy('slug')
    .execute();
  const titles = await k
    .selectFrom('titles')
    .innerJoin('films', 'films.id', 'titles.film_id')
    .select([
      'films.slug',
      'titles.kind',
      'titles.text',
      'titles.language',
      'titles.region',
      'titles.position',
    ])
    .orderBy('films.slug')
    .orderBy('titles.position')
    .orderBy('titles.text')
    .execute();
  const people = await k
    .selectFrom('people')
    .select(['slug', 'name', 'imdb_id'])
    .orderBy('slug')
    .execute();
  const credits = await k
    .selectFrom('credits')
    .innerJoin('films', 'films.id', 'credits.film_id')
    .innerJoin('people', 'people.id', 'credits.person_id')
    .select([
      'films.slug as film',
      'people.slug as person',
      'credits.role',
      'credits.character',
      'credits.position',
    ])
    .orderBy('films.slug')
    .orderBy('credits.role')
    .orderBy('credits.position')
    .orderBy('people.slug')
    .execute();
  return { films, titles, people, credits };
}

describe.each(DIALECTS)('import imdb on %s', (dialect) => {
  let app: TestApp;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let first: Awaited<ReturnType<TestApp['services']['imdb']['import']>>;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    before = await snapshot(app);
    first = await app.services.imdb.import(gzFixtures());
  }, 60_000);
  afterAll(() => app?.close());

  it('keeps movies, TV movies and shorts with a year, and nothing else', async () => {
    const imported = (await snapshot(app)).films.filter((f) => f.origin === 'imdb');
    expect(imported.map((f) => f.imdb_id).sort()).toEqual(['tt9000001', 'tt9000003', 'tt9000004']);
    expect(first.skipped.noYear).toBe(1);
    expect(first.films.added).toBe(3);
    const mother1927 = imported.find((f) => f.imdb_id === 'tt9000001');
    expect(mother1927).toMatchObject({
      slug: 'mother-1927-tt9000001',
      year: 1927,
      runtime_minutes: 70,
    });
  });

  it('links the IMDb titles of content films to them instead of adding a second film', async () => {
    const after = await snapshot(app);
    const byId = (id: string) => after.films.filter((f) => f.imdb_id === id);
    expect(byId('tt0017128')).toEqual([
      expect.objectContaining({ slug: 'mother-1926', origin: 'content' }),
    ]);
    expect(byId('tt0048360')).toEqual([
      expect.objectContaining({ slug: 'mother-1955', origin: 'content' }),
    ]);
    expect(first.films.linked.map((l) => l.slug).sort()).toEqual(['mother-1926', 'mother-1955']);
    // The content films' own titles and credits are the curators': untouched.
    const mine = (s: typeof before, slug: string) => ({
      titles: s.titles.filter((t) => t.slug === slug),
      credits: s.credits.filter((c) => c.film === slug),
    });
    expect(mine(after, 'mother-1926')).toEqual(mine(before, 'mother-1926'));
    // Pudovkin is one person: the content person carries his IMDb id.
    const pudovkin = after.people.filter((p) => p.name === 'Vsevolod Pudovkin');
    expect(pudovkin).toEqual([
      { slug: 'vsevolod-pudovkin', name: 'Vsevolod Pudovkin', imdb_id: 'nm0700214' },
    ]);
  });

  it('stores original and alternative titles with region and language, and search finds them', async () => {
    const titles = (await snapshot(app)).titles.filter((t) => t.slug === 'matushka-1968-tt9000004');
    expect(titles).toEqual([
      {
        slug: 'matushka-1968-tt9000004',
        kind: 'english',
        text: 'Matushka',
        language: 'und',
        region: null,
        position: 0,
      },
      {
        slug: 'matushka-1968-tt9000004',
        kind: 'original',
        text: 'Матушка',
        language: 'und',
        region: null,
        position: 1,
      },
      {
        slug: 'matushka-1968-tt9000004',
        kind: 'alternative',
        text: 'Little Mother',
        language: 'en',
        region: 'GB',
        position: 2,
      },
    ]);
    const hits = await app.services.search.search('Little Mother');
    expect(hits.map((h) => h.film.slug)).toContain('matushka-1968-tt9000004');
  });

  it('imports directors, writers and principal cast, with quotes kept as written', async () => {
    const s = await snapshot(app);
    const short = s.credits.filter((c) => c.film === 'the-little-mother-1926-tt9000003');
    expect(short).toEqual([
      {
        film: 'the-little-mother-1926-tt9000003',
        person: 'pyotr-actorov-nm9000004',
        role: 'cast',
        character: 'The "Little" One / Narrator',
        position: 1,
      },
      {
        film: 'the-little-mother-1926-tt9000003',
        person: 'ivan-testov-nm9000001',
        role: 'director',
        character: null,
        position: 1,
      },
      {
        film: 'the-little-mother-1926-tt9000003',
        person: 'anna-annie-writer-nm9000003',
        role: 'writer',
        character: null,
        position: 1,
      },
    ]);
    expect(s.titles.find((t) => t.slug === 'the-little-mother-1926-tt9000003')?.text).toBe(
      'The "Little" Mother',
    );
    // People credited only on titles that were not imported are not imported.
    expect(s.people.map((p) => p.imdb_id)).not.toContain('nm9999999');
    expect(s.people.map((p) => p.imdb_id)).not.toContain('nm9000005');
  });

  it('is idempotent: a second run changes nothing and adds no film', async () => {
    const once = await snapshot(app);
    const again = await app.services.imdb.import(gzFixtures());
    expect(again.films.added).toBe(0);
    expect(again.films.updated).toBe(0);
    expect(again.resumed).toBe(false);
    expect(await snapshot(app)).toEqual(once);
  });

  it('a changed file updates the imported film in place', async () => {
    const dir = gzFixtures((name, text) =>
      name === 'title.basics.tsv' ? text.replace('\t1927\t\\N\t70\t', '\t1927\t\\N\t72\t') : text,
    );
    const r = await app.services.imdb.import(dir);
    expect(r.films).toMatchObject({ added: 0, updated: 1 });
    const s = await snapshot(app);
    expect(s.films.filter((f) => f.imdb_id === 'tt9000001')).toEqual([
      expect.objectContaining({ slug: 'mother-1927-tt9000001', runtime_minutes: 72 }),
    ]);
  });

  it('stops at a malformed line, naming file and line, with nothing written', async () => {
    const prior = await snapshot(app);
    const dir = gzFixtures((name, text) =>
      name === 'title.akas.tsv'
        ? text + 'tt9000004\t3\tBroken line with too few fields\n'
        : name === 'title.basics.tsv'
          ? text.replace(
              'tt9000001\tmovie\tMother',
              'tt9000008\tmovie\tMother Two\tMother Two\t0\t1930\t\\N\t60\tDrama\ntt9000001\tmovie\tMother',
            )
          : text,
    );
    const err = await app.services.imdb.import(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImdbFormatError);
    expect((err as ImdbFormatError).message).toMatch(
      /^title\.akas\.tsv\.gz:11: expected 8 tab-separated fields/,
    );
    expect(await snapshot(app)).toEqual(prior);
    const runs = await app.testDb.kysely
      .selectFrom('import_runs')
      .select(['state', 'error'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(runs.state).toBe('failed');
  });

  it('a bad value names its column; --skip-bad leaves such lines out and reports them', async () => {
    const dir = gzFixtures((name, text) =>
      name === 'title.basics.tsv'
        ? text.replace(
            'tt9000001\tmovie\tMother',
            'tt9000009\tmovie\tBad Year\tBad Year\t0\t19x6\t\\N\t60\tDrama\ntt9000001\tmovie\tMother',
          )
        : text,
    );
    const err = (await app.services.imdb.import(dir).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('title.basics.tsv.gz:4: startYear "19x6" is not a number');
    const r = await app.services.imdb.import(dir, { skipBad: true });
    expect(r.badLines).toEqual([
      { where: 'title.basics.tsv.gz:4', message: 'startYear "19x6" is not a number' },
    ]);
    const s = await snapshot(app);
    expect(s.films.map((f) => f.imdb_id)).not.toContain('tt9000009');
  });

  it.runIf(dialect === 'postgres')('tells the other app nodes on commit (NOTIFY)', async () => {
    const target = app.testDb.target as { url: string; schema: string };
    const listener = new pg.Client({ connectionString: target.url });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query(`listen "kinoteka_catalog:${target.schema}"`);
      await app.services.imdb.import(gzFixtures());
      await new Promise((r) => setTimeout(r, 200));
      const version = await app.testDb.kysely
        .selectFrom('meta')
        .select('value')
        .where('key', '=', 'catalog_version')
        .executeTakeFirstOrThrow();
      expect(heard).toEqual([version.value]);
    } finally {
      await listener.end();
    }
  });

  it('refuses a folder without the dataset files, or a file with another header', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-imdb-empty-'));
    await expect(app.services.imdb.import(empty)).rejects.toThrow(
      /lacks IMDb dataset files: title\.basics\.tsv\.gz/,
    );
    const dir = gzFixtures((name, text) =>
      name === 'name.basics.tsv' ? text.replace('primaryName', 'name') : text,
    );
    await expect(app.services.imdb.import(dir)).rejects.toThrow(
      /^name\.basics\.tsv\.gz:1: the header is not IMDb's/,
    );
  });
});

/** The indexes, foreign keys and triggers of the tables the apply writes, as the schema has them. */
async function schemaOf(app: TestApp) {
  const k = app.testDb.kysely;
  if (app.testDb.dialect === 'sqlite') {
    const rows = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master
      where tbl_name in ('films', 'titles', 'people', 'credits') and type in ('index', 'trigger')
      order by type, name`.execute(k);
    return rows.rows;
  }
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename in ('films', 'titles', 'people', 'credits')
    order by indexname`.execute(k);
  const keys = await sql<{ name: string; def: string; valid: boolean }>`
    select conname as name, pg_get_constraintdef(oid) as def, convalidated as valid from pg_constraint
    where connamespace = current_schema()::regnamespace
      and conrelid::regclass::text in ('films', 'titles', 'people', 'credits')
    order by conname`.execute(k);
  const triggers = await sql<{ name: string; enabled: string }>`
    select tgname as name, tgenabled as enabled from pg_trigger
    where not tgisinternal and tgrelid::regclass::text in ('films', 'titles', 'people', 'credits')
    order by tgname`.execute(k);
  return { indexes: indexes.rows, keys: keys.rows, triggers: triggers.rows };
}

describe.each(DIALECTS)('the bulk apply on %s', (dialect) => {
  let bulk: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    bulk = await createTestApp(dialect);
    plain = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => {
    await bulk?.close();
    await plain?.close();
  });

  it('ends with the same catalogue and the same indexes, keys and triggers as the row-by-row apply', async () => {
    const schema = await schemaOf(bulk);
    const a = await bulk.services.imdb.import(gzFixtures(), { bulk: true });
    const b = await plain.services.imdb.import(gzFixtures(), { bulk: false });
    expect(a.bulk).toBe(true);
    expect(b.bulk).toBe(false);
    expect(await snapshot(bulk)).toEqual(await snapshot(plain));
    expect(a.films.linked).toEqual(b.films.linked);
    expect(await schemaOf(bulk)).toEqual(schema);
    // Run again in bulk: idempotent as the other.
    const once = await snapshot(bulk);
    const again = await bulk.services.imdb.import(gzFixtures(), { bulk: true });
    expect(again.films).toMatchObject({ added: 0, updated: 0 });
    expect(await snapshot(bulk)).toEqual(once);
    expect(await schemaOf(bulk)).toEqual(schema);
  });

  it('the keys are enforced again after it', async () => {
    const k = bulk.testDb.kysely;
    await expect(
      sql`insert into credits (film_id, person_id, role, position) values (999999999, 999999999, 'cast', 1)`.execute(
        k,
      ),
    ).rejects.toThrow(/foreign key/i);
  });

  it('is chosen by itself for a first import that adds far more rows than the catalogue holds', async () => {
    const app = await createTestApp(dialect);
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-imdb-bulk-'));
    try {
      await generateImdb(data, { titles: 8_000 });
      const first = await app.services.imdb.import(data);
      expect(first.bulk).toBe(true);
      const again = await app.services.imdb.import(data);
      expect(again.bulk).toBe(false);
      expect(again.films).toMatchObject({ added: 0, updated: 0 });
    } finally {
      await app.close();
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 120_000);
});
