/** The catalogue repository's small read queries, on SQLite and PostgreSQL alike. */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb, createTestDb } from '../../../test/helpers/db.ts';
import { CatalogRepository } from './catalog.repository.ts';

async function addFilms(db: TestDb, films: { slug: string; year: number }[]): Promise<number[]> {
  const rows = await db.kysely
    .insertInto('films')
    .values(
      films.map((f) => ({
        ...f,
        silent: 0,
        languages: 'ru',
        synopsis: `Synopsis of ${f.slug}.`,
        origin: 'test',
        updated_at: '2026-12-02T00:00:00Z',
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

describe.each(DIALECTS)('CatalogRepository on %s', (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.cleanup();
    db = undefined;
  });

  it('lists every decade that has a film, however many films come before it', async () => {
    db = await createTestDb(dialect);
    // More films in the 1920s than a first page holds: the 1990s must still be found.
    const silent = Array.from({ length: 105 }, (_, i) => ({
      slug: `silent-${i}`,
      year: 1920 + (i % 10),
    }));
    await addFilms(db, [
      ...silent,
      { slug: 'late-1999', year: 1999 },
      { slug: 'fifties-1950', year: 1950 },
    ]);
    expect(await new CatalogRepository(db.kysely).decades()).toEqual([1920, 1950, 1990]);
  });

  it('reads a cover: titles and directors only, or nothing for an unknown slug', async () => {
    db = await createTestDb(dialect);
    const [id] = (await addFilms(db, [{ slug: 'the-ascent-1977', year: 1977 }])) as [number];
    await db.kysely
      .insertInto('titles')
      .values([
        {
          film_id: id,
          kind: 'original',
          text: 'Восхождение',
          language: 'ru',
          script: 'Cyrl',
          position: 0,
        },
        {
          film_id: id,
          kind: 'transliteration',
          text: 'Voskhozhdenie',
          language: 'ru',
          script: 'Latn',
          position: 1,
        },
        {
          film_id: id,
          kind: 'english',
          text: 'The Ascent',
          language: 'en',
          script: 'Latn',
          position: 2,
        },
      ])
      .execute();
    const people = await db.kysely
      .insertInto('people')
      .values([
        { slug: 'larisa-shepitko', name: 'Larisa Shepitko', name_original: null },
        { slug: 'boris-plotnikov', name: 'Boris Plotnikov', name_original: null },
      ])
      .returning('id')
      .execute();
    await db.kysely
      .insertInto('credits')
      .values([
        { film_id: id, person_id: people[1]!.id, role: 'cast', character: 'Sotnikov', position: 0 },
        { film_id: id, person_id: people[0]!.id, role: 'director', character: null, position: 1 },
      ])
      .execute();
    const repo = new CatalogRepository(db.kysely);
    expect(await repo.findFilmCover('the-ascent-1977')).toEqual({
      slug: 'the-ascent-1977',
      year: 1977,
      englishTitle: 'The Ascent',
      originalTitle: 'Восхождение',
      directors: ['Larisa Shepitko'],
    });
    expect(await repo.findFilmCover('the-ascent-1978')).toBeUndefined();
  });
});
