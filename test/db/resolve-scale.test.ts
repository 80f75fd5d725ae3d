/**
 * List resolution among fifty thousand films (SQLite, bulk-inserted): the ten content films
 * plus generated ones whose titles share a small vocabulary, hundreds of them called Mother or
 * Мать (remakes in every decade, a few in 1925–1927) and some called Mothers, My Mother or
 * Motherland. ImportsService resolves each entry among the films the search index finds for
 * its title; the answer is the one a scan of every film gives, and "Mother (1926)" with
 * Pudovkin named is his film, first, beside its namesakes of 1925–1927.
 */
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseList } from '../../src/modules/imports/list-parse.ts';
import { type CatalogueFilm, resolveEntries } from '../../src/modules/imports/resolve.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { rng } from '../helpers/random.ts';

const FILMS = 50_000;

const SYLLABLES = 'ka lo mi ne ru sa ti vo da ze ba gor lin mar tes vel dor'.split(' ');
const COMMON = 'the of night river house war love son daughter winter city road'.split(' ');

/** The films to insert: [slug, year, [kind, text][]]. */
function* generated(n: number): Generator<[string, number, [string, string][]]> {
  const r = rng(1926);
  const word = () =>
    r() < 0.3
      ? COMMON[Math.floor(r() * COMMON.length)]!
      : Array.from(
          { length: 2 + Math.floor(r() * 2) },
          () => SYLLABLES[Math.floor(r() * SYLLABLES.length)],
        ).join('');
  const mothers: [string, string][][] = [
    [
      ['english', 'Mother'],
      ['original', 'Мать'],
    ],
    [
      ['english', 'Mother'],
      ['original', 'Madre'],
    ],
    [
      ['english', 'The Mother'],
      ['original', 'La Mère'],
    ],
    [['original', 'Мать']],
    [['english', 'Mothers']],
    [['english', 'My Mother']],
    [['english', 'Motherland']],
    [['english', 'Mother of the River']],
  ];
  for (let i = 1; i <= n; i++) {
    let year = 1900 + Math.floor(r() * 125);
    let titles: [string, string][];
    if (i % 250 === 0) {
      titles = mothers[Math.floor(r() * mothers.length)]!;
    } else if (i <= 6) {
      // namesakes in and beside Pudovkin's year
      year = 1925 + (i % 3);
      titles = mothers[i % 2]!;
    } else {
      const words = Array.from({ length: 1 + Math.floor(r() * 4) }, word).join(' ');
      titles = [
        ['english', words[0]!.toUpperCase() + words.slice(1)],
        ['original', `Фильм ${i}`],
      ];
    }
    yield [`gen-${i}-${year}`, year, titles];
  }
}

describe('list resolution among 50,000 films (SQLite)', () => {
  let app: TestApp;
  let everyFilm: CatalogueFilm[];

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    if (app.testDb.target.kind !== 'sqlite') throw new Error('SQLite only');
    const db = new SQLite(app.testDb.target.file);
    const film = db.prepare(
      `insert into films (slug, year, runtime_minutes, silent, languages, synopsis, origin, updated_at)
       values (?, ?, 90, 0, 'en', 'Generated.', 'test', '2026-12-02T00:00:00.000Z')`,
    );
    const title = db.prepare(
      "insert into titles (film_id, kind, text, language, position) values (?, ?, ?, 'en', ?)",
    );
    db.transaction(() => {
      for (const [slug, year, titles] of generated(FILMS)) {
        const id = Number(film.run(slug, year).lastInsertRowid);
        titles.forEach(([kind, text], p) => title.run(id, kind, text, p));
      }
    })();
    db.close();
    await app.services.search.rebuild();
    everyFilm = (await app.services.catalog.allFilmsWithNames()).map((f) => ({
      slug: f.slug,
      year: f.year,
      titles: f.titles.map((t) => ({ text: t.text, kind: t.kind })),
      directors: f.people.filter((p) => p.role === 'director').map((p) => p.name),
    }));
    expect(everyFilm.length).toBeGreaterThan(FILMS);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  const LIST = [
    '1. Mother (1926) — Pudovkin’s silent film of the 1905 revolution.',
    '2. Мать (1926)',
    '3. The Mother (1975)',
    '4. Mat (1990)',
    '5. Mother',
    '6. The Cranes Are Flyng (1957)',
    '7. Motherland (1960)',
    '8. The House Where I Live (1957)',
    '',
  ].join('\n');

  it('resolves "Mother (1926)" to Pudovkin’s film first, beside its namesakes', async () => {
    const imported = await app.services.imports.preview(LIST, 'mothers.md');
    const [mother, mat] = imported.entries;
    expect(mother?.resolution).toMatchObject({
      status: 'resolved',
      slug: 'mother-1926',
      evidence: { directorNamed: 'Vsevolod Pudovkin', yearDelta: 0 },
    });
    const candidates = mother!.resolution.candidates;
    expect(candidates[0]?.slug).toBe('mother-1926');
    // the rest: the generated namesakes of 1925–1927 (Mother, The Mother, Mothers), and only
    // those, the same year first
    const namesakes = [...generated(FILMS)]
      .filter(
        ([, year, titles]) =>
          Math.abs(year - 1926) <= 1 &&
          titles.some(([, t]) => ['Mother', 'The Mother', 'Mothers'].includes(t)),
      )
      .map(([slug]) => slug);
    expect(namesakes.length).toBeGreaterThan(6);
    expect(new Set(candidates.slice(1).map((c) => c.slug))).toEqual(new Set(namesakes));
    const deltas = candidates.slice(1).map((c) => Math.abs(c.evidence?.yearDelta ?? 9));
    expect([...deltas].sort((a, b) => a - b)).toEqual(deltas);
    expect(candidates.slice(1, 3).map((c) => c.slug)).toEqual(['gen-1-1926', 'gen-4-1926']);
    // Мать (1926): no director named, so Pudovkin's film and the generated Мать of 1926 tie
    expect(mat?.resolution.status).toBe('ambiguous');
    expect(
      mat!.resolution.candidates
        .map((c) => c.slug)
        .slice(0, 2)
        .sort(),
    ).toEqual(['gen-4-1926', 'mother-1926']);
  });

  it('answers every entry as a scan of all the films does', async () => {
    const imported = await app.services.imports.preview(LIST, 'mothers.md');
    const scanned = resolveEntries(parseList(LIST, 'mothers.md').entries, everyFilm);
    expect(imported.entries).toHaveLength(scanned.length);
    for (const [i, e] of imported.entries.entries()) {
      const { index: _i, heading, ...whole } = scanned[i]!;
      expect([e.heading, e.resolution.status]).toEqual([heading, whole.status]);
      if (whole.status !== 'unresolved') expect(e.resolution).toEqual(whole);
      else {
        // near misses come from the best search hits, not from every film: the films whose
        // title matched (another year) are the same; the merely similar may differ
        const matched = (c: typeof whole.candidates) => c.filter((x) => x.evidence);
        expect(matched(e.resolution.candidates)).toEqual(matched(whole.candidates));
      }
    }
    // the bare "Mother" is ambiguous among every film of that title, a hundred of them
    const bare = imported.entries[4]!.resolution;
    expect(bare.status).toBe('ambiguous');
    expect(bare.candidates.length).toBeGreaterThan(50);
  }, 60_000);
});
