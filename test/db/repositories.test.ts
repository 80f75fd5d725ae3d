/**
 * The content loader and the read services on real databases: the same assertions against
 * SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import { migrations } from '../../src/db/migrations/index.ts';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, rollbackOne } from '../../src/db/index.ts';
import { ValidationError } from '../../src/lib/errors.ts';
import { AccessRepository, AccessService } from '../../src/modules/access/index.ts';
import { CatalogRepository, CatalogService } from '../../src/modules/catalog/index.ts';
import { CollectionsRepository, CollectionsService } from '../../src/modules/collections/index.ts';
import { ContentRepository, ContentService } from '../../src/modules/content/index.ts';
import { FactsRepository, FactsService } from '../../src/modules/facts/index.ts';
import { CONTENT_DIR, DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

function services(db: TestDb) {
  const facts = new FactsRepository(db.kysely);
  const catalog = new CatalogService(
    new CatalogRepository(db.kysely),
    new FactsService(facts),
    new AccessService(new AccessRepository(db.kysely)),
  );
  const collections = new CollectionsService(new CollectionsRepository(db.kysely), catalog, facts);
  const content = new ContentService(
    new ContentRepository(db.kysely, () => new Date('2026-11-27T12:00:00Z')),
  );
  return { catalog, collections, content };
}

function copyContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-content-'));
  fs.cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply to ${file}`);
  fs.writeFileSync(file, next);
}

async function snapshot(db: TestDb) {
  const k = db.kysely;
  return {
    films: await k.selectFrom('films').selectAll().orderBy('slug').execute(),
    titles: await k.selectFrom('titles').selectAll().orderBy('id').execute(),
    facts: await k.selectFrom('facts').selectAll().orderBy('id').execute(),
    entries: await k.selectFrom('collection_entries').selectAll().orderBy('id').execute(),
    people: await k.selectFrom('people').selectAll().orderBy('id').execute(),
    sources: await k.selectFrom('sources').selectAll().orderBy('id').execute(),
  };
}

describe.each(DIALECTS)('on %s', (dialect) => {
  let db: TestDb;
  let s: ReturnType<typeof services>;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    s = services(db);
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('loads the default content', async () => {
    const report = await s.content.load(CONTENT_DIR);
    expect(report.films.added).toBe(10);
    expect(report.collections.added).toBe(1);
    expect(report.changed).toBe(true);
  });

  it('loading the same content again changes nothing', async () => {
    const before = await snapshot(db);
    const report = await s.content.load(CONTENT_DIR);
    expect(report.changed).toBe(false);
    expect(report.films).toEqual({ added: 0, updated: 0, unchanged: 10, removed: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a broken file stops the load and leaves the database as it was', async () => {
    const dir = copyContent();
    edit(path.join(dir, 'films/the-cranes-are-flying-1957.yaml'), /^year: 1957$/m, 'year: soon');
    edit(
      path.join(dir, 'films/the-ascent-1977.yaml'),
      'english: The Ascent',
      'english: The Ascent Changed',
    );
    const before = await snapshot(db);
    const error = await s.content.load(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      {
        where: expect.stringMatching(/^films\/the-cranes-are-flying-1957\.yaml:\d+$/),
        message: expect.stringMatching(/^year: /),
      },
    ]);
    expect(await snapshot(db)).toEqual(before);
    expect((await s.catalog.getFilm('the-ascent-1977')).englishTitle).toBe('The Ascent');
  });

  it('an edited file updates only that film, and a deleted one is removed', async () => {
    const dir = copyContent();
    edit(
      path.join(dir, 'films/the-ascent-1977.yaml'),
      'english: The Ascent',
      'english: The Ascent (edited)',
    );
    let report = await s.content.load(dir);
    expect(report.films).toMatchObject({ updated: 1, unchanged: 9 });
    expect((await s.catalog.getFilm('the-ascent-1977')).englishTitle).toBe('The Ascent (edited)');
    report = await s.content.load(CONTENT_DIR);
    expect(report.films.updated).toBe(1);

    const dir2 = copyContent();
    fs.rmSync(path.join(dir2, 'collections'), { recursive: true });
    fs.rmSync(path.join(dir2, 'films/mother-1990.yaml'));
    report = await s.content.load(dir2);
    expect(report.films.removed).toBe(1);
    expect(report.collections.removed).toBe(1);
    await expect(s.catalog.getFilm('mother-1990')).rejects.toThrow(/No film/);
    report = await s.content.load(CONTENT_DIR);
    expect(report.films.added).toBe(1);
  });

  it('reads a film with titles, credits, facts with sources and English access', async () => {
    const f = await s.catalog.getFilm('the-cranes-are-flying-1957');
    expect(f.englishTitle).toBe('The Cranes Are Flying');
    expect(f.originalTitle).toMatchObject({
      text: 'Летят журавли',
      language: 'ru',
      script: 'Cyrl',
    });
    expect(f.transliteration).toBe('Letyat zhuravli');
    expect(f.directors.map((d) => d.name)).toEqual(['Mikhail Kalatozov']);
    expect(f.credits.find((c) => c.person.slug === 'tatyana-samoilova')?.character).toBe(
      'Veronika',
    );
    expect(f.countries).toEqual([{ code: 'SU', name: 'Soviet Union' }]);
    expect(f.facts.length).toBeGreaterThan(0);
    for (const fact of f.facts) expect(fact.sources.length).toBeGreaterThan(0);
    expect(f.access.length).toBeGreaterThan(0);
    for (const o of f.access) {
      expect(o.source.url).toMatch(/^https?:\/\//);
      expect(o.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(f.accessKinds).toContain('subtitles');
    await expect(s.catalog.getFilm('the-mother-1975')).rejects.toThrow(
      'No film with the slug "the-mother-1975".',
    );
  });

  it('filters and pages the film list', async () => {
    const all = await s.catalog.listFilms({}, { page: 1, perPage: 100 });
    expect(all.total).toBe(10);
    const years = all.items.map((f) => f.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const fifties = await s.catalog.listFilms({ decade: 1950 }, { page: 1, perPage: 100 });
    expect(fifties.items.map((f) => f.slug).sort()).toEqual([
      'ballad-of-a-soldier-1959',
      'mother-1955',
      'the-cranes-are-flying-1957',
      'the-forty-first-1956',
      'the-house-i-live-in-1957',
      'the-return-of-vasili-bortnikov-1953',
    ]);
    const range = await s.catalog.listFilms(
      { yearFrom: 1957, yearTo: 1977 },
      { page: 1, perPage: 100 },
    );
    expect(range.items.map((f) => f.year)).toEqual([1957, 1957, 1959, 1977]);
    const donskoy = await s.catalog.listFilms(
      { director: 'mark-donskoy' },
      { page: 1, perPage: 100 },
    );
    expect(donskoy.items.map((f) => f.slug)).toEqual([
      'the-childhood-of-maxim-gorky-1938',
      'mother-1955',
    ]);
    const none = await s.catalog.listFilms({ access: 'none' }, { page: 1, perPage: 100 });
    expect(none.items.map((f) => f.slug)).toContain('mother-1955');
    expect(none.items.every((f) => f.accessKinds.length === 0)).toBe(true);
    const subs = await s.catalog.listFilms({ access: 'subtitles' }, { page: 1, perPage: 100 });
    expect(subs.items.map((f) => f.slug)).toContain('the-cranes-are-flying-1957');
    expect(subs.items.every((f) => f.accessKinds.includes('subtitles'))).toBe(true);
    const page2 = await s.catalog.listFilms({}, { page: 2, perPage: 3 });
    expect(page2.total).toBe(10);
    expect(page2.items.map((f) => f.slug)).toEqual(all.items.slice(3, 6).map((f) => f.slug));
  });

  it('reads the collection in the order of the list, with corrections', async () => {
    const c = await s.collections.get('mothers-in-soviet-cinema');
    expect(c.entries.map((e) => e.film.slug)).toEqual([
      'mother-1955',
      'the-cranes-are-flying-1957',
      'ballad-of-a-soldier-1959',
      'the-forty-first-1956',
      'the-house-i-live-in-1957',
      'the-return-of-vasili-bortnikov-1953',
      'the-childhood-of-maxim-gorky-1938',
      'mother-1926',
      'mother-1990',
      'the-ascent-1977',
    ]);
    const slot9 = c.entries[8]!;
    expect(slot9.listedAs).toBe('The Mother (1975)');
    expect(slot9.corrections.map((x) => x.field)).toContain('film');
    for (const e of c.entries) {
      expect(e.fact.sources.length).toBeGreaterThan(0);
      for (const x of e.corrections) expect(x.sources.length).toBeGreaterThan(0);
    }
    expect((await s.collections.list()).map((x) => x.slug)).toEqual(['mothers-in-soviet-cinema']);
    expect(await s.collections.forFilm('mother-1990')).toEqual([
      { slug: 'mothers-in-soviet-cinema', title: 'Mothers in Soviet Cinema', position: 9 },
    ]);
  });

  it('reads a person with their films in both scripts', async () => {
    const p = await s.catalog.getPerson('aleksey-batalov');
    expect(p.nameOriginal).toBe('Алексей Баталов');
    expect(p.films.map((f) => f.film.slug)).toEqual(['mother-1955', 'the-cranes-are-flying-1957']);
    expect(p.roles).toEqual(['cast']);
    await expect(s.catalog.getPerson('nobody')).rejects.toThrow(
      'No person with the slug "nobody".',
    );
  });

  it('rolls the schema back and forward', async () => {
    const other = await createTestDb(dialect, { migrate: false });
    try {
      // Every migration, in order; each rolls back (its `down` works) and applies again.
      const names = Object.keys(migrations);
      expect(names.length).toBeGreaterThanOrEqual(5);
      expect((await migrateToLatest(other)).applied).toEqual(names);
      for (const name of [...names].reverse())
        expect((await rollbackOne(other)).applied).toEqual([name]);
      expect((await migrateToLatest(other)).applied).toEqual(names);
    } finally {
      await other.cleanup();
    }
  });
});
