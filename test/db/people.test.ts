/**
 * People's files and credit sources on real databases (SQLite and PostgreSQL): the loader writes
 * birth, death, other names and each credit's sources; the catalogue reads them back for the
 * person page and the API; a file with a bad date stops the load at its file and line and
 * nothing already loaded is lost; an unchanged load writes nothing; a removed file clears.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/errors.ts';
import { AccessRepository, AccessService } from '../../src/modules/access/index.ts';
import { CatalogRepository, CatalogService } from '../../src/modules/catalog/index.ts';
import { ContentRepository, ContentService } from '../../src/modules/content/index.ts';
import { FactsRepository, FactsService } from '../../src/modules/facts/index.ts';
import { presentPerson } from '../../src/presenters/index.ts';
import { personDto } from '../../src/presenters/dto.ts';
import { CONTENT_DIR, DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

const PUDOVKIN = 'vsevolod-pudovkin';

function services(db: TestDb) {
  const catalog = new CatalogService(
    new CatalogRepository(db.kysely),
    new FactsService(new FactsRepository(db.kysely)),
    new AccessService(new AccessRepository(db.kysely)),
  );
  return { catalog, content: new ContentService(new ContentRepository(db.kysely)) };
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`edit did not apply to ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
}

async function personTables(db: TestDb) {
  const k = db.kysely;
  return {
    people: await k.selectFrom('people').selectAll().orderBy('id').execute(),
    life: await k.selectFrom('person_life').selectAll().orderBy('id').execute(),
    names: await k.selectFrom('person_names').selectAll().orderBy('id').execute(),
    credits: await k
      .selectFrom('credit_sources')
      .selectAll()
      .orderBy('credit_id')
      .orderBy('position')
      .execute(),
  };
}

describe.each(DIALECTS)('people on %s', (dialect) => {
  let db: TestDb;
  let s: ReturnType<typeof services>;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    s = services(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-people-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    await s.content.load(dir);
  });
  afterAll(async () => {
    await db?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads back the person's file: dates, place, note, other names, each with sources", async () => {
    const p = await s.catalog.getPerson(PUDOVKIN);
    expect(p.born).toMatchObject({ date: '1893-02-28', place: 'Penza, Russian Empire' });
    expect(p.born?.note).toMatch(/Julian/);
    expect(p.born?.sources.map((x) => x.url)).toContain(
      'https://en.wikipedia.org/wiki/Vsevolod_Pudovkin',
    );
    expect(p.died).toMatchObject({ date: '1953-06-30', place: null });
    const full = p.otherNames.find((n) => n.language === 'ru');
    expect(full?.text).toBe('Всеволод Илларионович Пудовкин');
    expect(full?.script).toBe('Cyrl');
    expect(full?.sources.length).toBeGreaterThan(0);
    // Several scripts: the Georgian name at birth of Kalatozov.
    const kalatozov = await s.catalog.getPerson('mikhail-kalatozov');
    expect(kalatozov.otherNames.find((n) => n.script === 'Geor')?.language).toBe('ka');
    expect(kalatozov.born).toMatchObject({ date: '1903' });
    expect(kalatozov.died).toMatchObject({ date: '1973-03', place: 'Moscow' });
    // A person with no file has none of this.
    const batalov = await s.catalog.getPerson('aleksey-batalov');
    expect([batalov.born, batalov.died, batalov.otherNames]).toEqual([null, null, []]);
  });

  it("gives each credit the sources of the film file's entry", async () => {
    const batalov = await s.catalog.getPerson('aleksey-batalov');
    const cranes = batalov.films.find((f) => f.film.slug === 'the-cranes-are-flying-1957')!;
    expect(cranes.character).toBe('Boris Borozdin');
    expect(cranes.sources.map((x) => x.url)).toEqual([
      'https://en.wikipedia.org/wiki/The_Cranes_Are_Flying',
    ]);
    const baranovskaya = await s.catalog.getPerson('vera-baranovskaya');
    expect(baranovskaya.films[0]!.sources.map((x) => x.url)).toEqual([
      'https://gpedia.com/sh/Mati%20%28film,%201926%29',
      'http://www.kinoglaz.fr/index.php?page=fiche_film&lang=gb&num=437',
    ]);
    const pudovkin = await s.catalog.getPerson(PUDOVKIN);
    expect(pudovkin.films.every((f) => f.role === 'director' && f.sources.length > 0)).toBe(true);
  });

  it('presents it in the API shape, each source with its kind', async () => {
    const dto = personDto.parse(presentPerson(await s.catalog.getPerson(PUDOVKIN)));
    expect(dto.born?.sources.find((x) => x.url.includes('en.wikipedia.org'))?.kind).toBe(
      'encyclopedia',
    );
    expect(dto.other_names.map((n) => n.text)).toContain('Wsewolod Pudowkin');
    expect(dto.films[0]!.sources.length).toBeGreaterThan(0);
  });

  it('writes nothing when loaded again unchanged', async () => {
    const before = await personTables(db);
    const report = await s.content.load(dir);
    expect(report.people).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(report.changed).toBe(false);
    expect(await personTables(db)).toEqual(before);
  });

  it('stops at a bad date with its file and line, and keeps what was loaded', async () => {
    const before = await personTables(db);
    const file = path.join(dir, 'people', `${PUDOVKIN}.yaml`);
    const original = fs.readFileSync(file, 'utf8');
    try {
      edit(file, 'date: 1893-02-28', 'date: 1893-02-29');
      const line = original.split('\n').findIndex((l) => l.includes('date: 1893-02-28')) + 1;
      const err = await s.content.load(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).problems).toEqual([
        {
          where: `people/${PUDOVKIN}.yaml:${line}`,
          message: 'born.date: is not a real calendar date',
        },
      ]);
      expect(await personTables(db)).toEqual(before);
      expect((await s.catalog.getPerson(PUDOVKIN)).born?.date).toBe('1893-02-28');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('updates a changed file, and clears the details when the file goes', async () => {
    const file = path.join(dir, 'people', 'mark-donskoy.yaml');
    const original = fs.readFileSync(file, 'utf8');
    try {
      edit(file, '  place: Moscow\n', '  place: Moscow, Soviet Union\n');
      let report = await s.content.load(dir);
      expect(report.people.updated).toBe(1);
      expect((await s.catalog.getPerson('mark-donskoy')).died?.place).toBe('Moscow, Soviet Union');
      fs.rmSync(file);
      report = await s.content.load(dir);
      expect(report.people.updated).toBe(1);
      const donskoy = await s.catalog.getPerson('mark-donskoy');
      expect([donskoy.born, donskoy.died, donskoy.otherNames]).toEqual([null, null, []]);
      // Still credited, so still a person with films.
      expect(donskoy.films.length).toBeGreaterThan(0);
    } finally {
      fs.writeFileSync(file, original);
    }
    await s.content.load(dir);
    expect((await s.catalog.getPerson('mark-donskoy')).died?.place).toBe('Moscow');
  });
});
