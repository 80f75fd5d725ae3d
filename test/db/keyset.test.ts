/**
 * Keyset paging gives every film once, in (year, slug) order, forwards through `next` and back
 * through `prev`, for each filter and on both databases; the two plans (walk, pick) return the
 * same rows. A cursor that is not ours is a validation error naming `cursor`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/errors.ts';
import {
  CatalogRepository,
  CatalogService,
  type FilmFilter,
} from '../../src/modules/catalog/index.ts';
import { AccessRepository, AccessService } from '../../src/modules/access/index.ts';
import { FactsRepository, FactsService } from '../../src/modules/facts/index.ts';
import { generateFilms, loadKysely } from '../../bench/catalogue/generate.ts';
import { DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

const N = 300;
const FILTERS: FilmFilter[] = [
  {},
  { decade: 1950 },
  { yearFrom: 1931, yearTo: 1977 },
  { country: 'FR' },
  { director: 'director-4' },
  { language: 'ka' },
  { access: 'subtitles' },
  { access: 'none' },
  { decade: 1990, language: 'ru' },
];

/** The films the generator made that the filter should match, in list order. */
function expected(f: FilmFilter): string[] {
  const from = f.decade ?? f.yearFrom ?? 0;
  const to = f.decade !== undefined ? f.decade + 9 : (f.yearTo ?? 9999);
  return [...generateFilms(N)]
    .filter(
      (g) =>
        g.year >= from &&
        g.year <= to &&
        (!f.country || g.countries.includes(f.country)) &&
        (!f.language || g.languages.split(',').includes(f.language)) &&
        (!f.director || `director-${g.directorId}` === f.director) &&
        (!f.access || (f.access === 'none' ? g.access === null : g.access === f.access)),
    )
    .sort((a, b) => a.year - b.year || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((g) => g.slug);
}

describe.each(DIALECTS)('keyset paging on %s', (dialect) => {
  let db: TestDb;
  let service: CatalogService;
  let repo: CatalogRepository;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await loadKysely(db.kysely, N);
    repo = new CatalogRepository(db.kysely);
    service = new CatalogService(
      repo,
      new FactsService(new FactsRepository(db.kysely)),
      new AccessService(new AccessRepository(db.kysely)),
    );
  }, 60_000);
  afterAll(() => db?.cleanup());

  it.each(FILTERS)('%o: next walks every film once, prev walks back', async (filter) => {
    const want = expected(filter);
    expect(want.length).toBeGreaterThan(0);
    const pages: string[][] = [];
    let cursor: string | undefined;
    let last;
    do {
      last = await service.listFilms(filter, { perPage: 7, ...(cursor ? { cursor } : {}) });
      expect(last.total).toBe(want.length);
      pages.push(last.items.map((f) => f.slug));
      cursor = last.next ?? undefined;
    } while (cursor && pages.length < 100);
    expect(pages.flat()).toEqual(want);
    expect(last.next).toBeNull();
    // Back from the last page: the same pages in reverse, and no prev on the first.
    const back: string[][] = [pages.at(-1)!];
    let prev = last.prev;
    let page = last;
    while (prev) {
      page = await service.listFilms(filter, { perPage: 7, cursor: prev });
      back.unshift(page.items.map((f) => f.slug));
      prev = page.prev;
    }
    expect(back.flat()).toEqual(want);
    expect(page.next === null).toBe(pages.length === 1);
    expect(page.prev).toBeNull();
  });

  it.each(FILTERS)('%o: the walk and the pick plan return the same rows', async (filter) => {
    const key = { a: 1960, b: 'film-0-1960', dir: 'after' as const };
    const walk = await repo.listFilms(filter, { limit: 10, key, plan: 'walk' });
    const pick = await repo.listFilms(filter, { limit: 10, key, plan: 'pick' });
    expect(pick.rows.map((r) => r.slug)).toEqual(walk.rows.map((r) => r.slug));
    expect(walk.rows.map((r) => r.slug)).toEqual(
      expected(filter)
        .filter((s) => {
          const y = Number(s.split('-').at(-1));
          return y > 1960 || (y === 1960 && s > 'film-0-1960');
        })
        .slice(0, 10),
    );
  });

  it('a page reads its titles, directors and access kinds with its rows, in every plan', async () => {
    // A second director for film 5, so the order by position shows.
    const film = await db.kysely
      .selectFrom('films')
      .select(['id', 'slug', 'year'])
      .where('id', '=', 5)
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('credits')
      .values({ film_id: film.id, person_id: 1, role: 'director', position: 1 })
      .execute();
    const access = new AccessService(new AccessRepository(db.kysely));
    const key = { a: film.year, b: film.slug, dir: 'before' as const };
    const reads = [
      await repo.listFilms({}, { limit: 5, key: { ...key, dir: 'after' }, plan: 'walk' }),
      await repo.listFilms({}, { limit: 5, key, plan: 'walk' }),
      await repo.listFilms({ access: 'subtitles' }, { limit: 5, plan: 'pick' }),
      await repo.listFilms({ decade: 1950 }, { limit: 5, offset: 3 }),
      { rows: await repo.filmRowsBySlugs([film.slug, 'film-9-1900']), more: false },
    ];
    const rows = reads.flatMap((r) => r.rows);
    expect(rows.some((r) => r.id === film.id)).toBe(true);
    const ids = rows.map((r) => r.id);
    const [titles, directors, kinds] = await Promise.all([
      repo.titlesForFilms(ids),
      repo.creditsForFilms(ids, 'director'),
      access.kindsOf(ids),
    ]);
    for (const r of rows) {
      const t = titles.get(r.id) ?? [];
      expect(r.englishTitle).toBe(t.find((x) => x.kind === 'english')?.text);
      expect(r.originalTitle).toEqual(t.find((x) => x.kind === 'original') ?? null);
      expect(r.directors).toEqual((directors.get(r.id) ?? []).map((c) => c.person));
      expect(r.offerKinds).toEqual(kinds.get(r.id) ?? []);
    }
    expect(rows.find((r) => r.id === film.id)?.directors?.map((d) => d.slug)).toEqual([
      directors.get(film.id)![0]!.person.slug,
      'director-1',
    ]);
    await db.kysely
      .deleteFrom('credits')
      .where('film_id', '=', film.id)
      .where('position', '=', 1)
      .execute();
  });

  it('the people list pages by (name, slug) both ways', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await service.listPeople({ perPage: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...p.items.map((x) => x.slug));
      cursor = p.next ?? undefined;
    } while (cursor);
    const all = await service.listPeople({ perPage: 100 });
    expect(seen).toEqual(all.items.map((x) => x.slug));
    expect(seen).toHaveLength(N / 20);
  });

  it('keeps film_languages with films.languages through insert and update', async () => {
    const langs = async (id: number) =>
      (
        await db.kysely
          .selectFrom('film_languages')
          .select('language')
          .where('film_id', '=', id)
          .orderBy('language')
          .execute()
      ).map((r) => r.language);
    const film = [...generateFilms(N)][0]!;
    expect(await langs(film.id)).toEqual([...new Set(film.languages.split(','))].sort());
    await db.kysely
      .updateTable('films')
      .set({ languages: 'uk, ru,,uk' })
      .where('id', '=', 1)
      .execute();
    expect(await langs(1)).toEqual(['ru', 'uk']);
    expect(
      (await service.listFilms({ language: 'uk' }, { perPage: 50 })).items.map((f) => f.slug),
    ).toContain(film.slug);
    await db.kysely
      .updateTable('films')
      .set({ languages: film.languages })
      .where('id', '=', 1)
      .execute();
    expect(await langs(1)).toEqual([...new Set(film.languages.split(','))].sort());
  });

  it('the menus (decades, countries, languages) are every value some film has', async () => {
    const films = [...generateFilms(N)];
    const sorted = (xs: Iterable<string | number>) =>
      [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(await repo.decades()).toEqual(sorted(films.map((f) => Math.floor(f.year / 10) * 10)));
    expect(await repo.filterValues()).toEqual({
      countries: sorted(films.flatMap((f) => f.countries)),
      languages: sorted(films.flatMap((f) => f.languages.split(','))),
    });
  });

  it('refuses a cursor it did not give out, naming it', async () => {
    for (const bad of ['nonsense', Buffer.from('["a","x",1]').toString('base64url')]) {
      const e = await service.listFilms({}, { perPage: 5, cursor: bad }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).problems?.[0]?.where).toBe('cursor');
    }
  });
});
