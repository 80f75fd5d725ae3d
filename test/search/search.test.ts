/**
 * Search over the real catalogue on SQLite and PostgreSQL: one query set, the same answers
 * from both databases, and the API and the page on top.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { CONTENT_DIR, DIALECTS } from '../helpers/db.ts';

/** Query → the slug that must come first. */
const QUERIES: [string, string][] = [
  ['Летят журавли', 'the-cranes-are-flying-1957'],
  ['letyat zhuravli', 'the-cranes-are-flying-1957'],
  ['letjat zhuravli', 'the-cranes-are-flying-1957'],
  ['letiat juravli', 'the-cranes-are-flying-1957'],
  ['Летят журавлм', 'the-cranes-are-flying-1957'],
  ['cranes are flying', 'the-cranes-are-flying-1957'],
  ['shepitko', 'the-ascent-1977'],
  ['Шепитько восхождение', 'the-ascent-1977'],
  ['ballada o soldate 1959', 'ballad-of-a-soldier-1959'],
  ['mother 1926', 'mother-1926'],
  ['мать 1990', 'mother-1990'],
  ['sorok pervyj', 'the-forty-first-1956'],
  ['detstvo gorkogo', 'the-childhood-of-maxim-gorky-1938'],
  ['vozvrashchenie vasiliya bortnikova', 'the-return-of-vasili-bortnikov-1953'],
  ['dom v kotorom ya zhivu', 'the-house-i-live-in-1957'],
  ['aleksey batalov', 'mother-1955'],
  ['nikolai batalov', 'mother-1926'],
  ['soldier ballad', 'ballad-of-a-soldier-1959'],
  ['voskh', 'the-ascent-1977'],
];

const apps: Partial<Record<'sqlite' | 'postgres', TestApp>> = {};

beforeAll(async () => {
  apps.sqlite = await createTestApp('sqlite');
  apps.postgres = await createTestApp('postgres');
});
afterAll(async () => {
  await apps.sqlite?.close();
  await apps.postgres?.close();
});

describe('search over the catalogue', () => {
  it.each(QUERIES)('"%s" finds %s first, on SQLite and PostgreSQL alike', async (q, slug) => {
    const lite = await apps.sqlite!.services.search.search(q, { limit: 10 });
    const pg = await apps.postgres!.services.search.search(q, { limit: 10 });
    expect(lite[0]?.film.slug).toBe(slug);
    expect(pg.map((r) => [r.film.slug, r.score])).toEqual(lite.map((r) => [r.film.slug, r.score]));
  });

  it('finds nothing for nonsense or blanks', async () => {
    expect(await apps.sqlite!.services.search.search('qqqzzzxxx')).toEqual([]);
    expect(await apps.sqlite!.services.search.search('   ')).toEqual([]);
  });

  it.each(DIALECTS)('keeps up when content changes, on %s', async (dialect) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-search-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    const app = await createTestApp(dialect, { contentDir: dir });
    try {
      const slugs = async (q: string) =>
        (await app.services.search.search(q)).map((r) => r.film.slug);
      // Searched once before the edit, so an index is built and held.
      expect(await slugs('Ascension')).toContain('the-ascent-1977');
      expect(await slugs('Kalvarienberg')).not.toContain('the-ascent-1977');
      const file = path.join(dir, 'films/the-ascent-1977.yaml');
      const yaml = fs.readFileSync(file, 'utf8');
      expect(yaml).toMatch(/^ {4}- text: Ascension$/m);
      fs.writeFileSync(file, yaml.replace(/^( {4}- text: )Ascension$/m, '$1Kalvarienberg'));
      await app.services.content.load(dir);
      const hit = (await app.services.search.search('Kalvarienberg'))[0];
      expect(hit).toMatchObject({
        film: { slug: 'the-ascent-1977' },
        matchedTitle: 'Kalvarienberg',
      });
      expect(await slugs('Ascension')).not.toContain('the-ascent-1977');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers GET /api/v1/search with film summaries, best first', async () => {
    const res = await apps
      .sqlite!.http()
      .request(`/api/v1/search?q=${encodeURIComponent('letyat zhuravli')}&limit=3`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.data[0]).toMatchObject({
      slug: 'the-cranes-are-flying-1957',
      url: '/films/the-cranes-are-flying-1957',
      title: 'The Cranes Are Flying',
      original_title: 'Летят журавли',
      year: 1957,
      matched_field: 'title',
    });
    expect(body.data.length).toBeLessThanOrEqual(3);
    const bad = await apps.sqlite!.http().request('/api/v1/search?q=x&limit=500');
    expect(bad.status).toBe(400);
  });

  it('renders a results page that works without JavaScript', async () => {
    const res = await apps.sqlite!.http().request(`/search?q=${encodeURIComponent('Шепитько')}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('href="/films/the-ascent-1977"');
    expect(html).toContain('value="Шепитько"');
    const none = await (await apps.sqlite!.http().request('/search?q=qqqzzz')).text();
    expect(none).toContain('Nothing found for “qqqzzz”.');
  });
});
