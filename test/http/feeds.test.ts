/** Feeds (RSS 2.0 and Atom) through the whole app, parsed by a strict XML parser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Feed, atomXml, rssXml } from '../../src/web/feeds.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { parseXml } from '../helpers/xml.ts';

const NS = 'http://kinoteka.test/ns/feed';
const k = (name: string) => `${NS}|${name}`;
const ATOM = 'http://www.w3.org/2005/Atom';

describe.each(DIALECTS)('feeds on %s', (dialect) => {
  let app: TestApp;
  const get = (path: string) => app.http().request(path);

  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a collection's RSS and Atom feeds list its films in order, with title and year of ours", async () => {
    const api = (await (await get('/api/v1/collections/mothers-in-soviet-cinema')).json()) as any;
    const expected = api.data.entries.map((e: any) => ({
      title: e.film.title,
      year: String(e.film.year),
    }));
    expect(expected).toHaveLength(10);
    for (const format of ['rss', 'atom'] as const) {
      const res = await get(`/collections/mothers-in-soviet-cinema/feed.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`application/${format}+xml; charset=utf-8`);
      const feed = parseXml(await res.text());
      expect(feed.root).toBe(format === 'rss' ? 'rss' : 'feed');
      expect(feed.namespaces.kinoteka).toBe(NS);
      expect(
        feed.items.map((i) => ({ title: i[k('filmTitle')]?.[0], year: i[k('filmYear')]?.[0] })),
      ).toEqual(expected);
      const first = feed.items[0]!;
      const link = format === 'rss' ? first['|link'] : first[`${ATOM}|link`];
      expect(link).toEqual([`http://kinoteka.test/films/${api.data.entries[0].film.slug}`]);
      expect(first[k('position')]).toEqual(['1']);
    }
  });

  it('the corrections feed carries each correction with its film, what was listed and the sources', async () => {
    const api = (await (await get('/api/v1/collections/mothers-in-soviet-cinema')).json()) as any;
    const corrections = api.data.entries.flatMap((e: any) =>
      e.corrections.map((c: any) => ({ slug: e.film.slug, year: String(e.film.year), c })),
    );
    expect(corrections.length).toBeGreaterThan(0);
    for (const format of ['rss', 'atom'] as const) {
      const feed = parseXml(await (await get(`/feeds/corrections.${format}`)).text());
      expect(feed.items).toHaveLength(corrections.length);
      feed.items.forEach((item, i) => {
        const want = corrections[i];
        expect(item[k('filmYear')]).toEqual([want.year]);
        expect(item[k('filmUrl')]).toEqual([`http://kinoteka.test/films/${want.slug}`]);
        expect(item[k('listed')]).toEqual([want.c.listed]);
        expect(item[k('field')]).toEqual([want.c.field]);
        expect(item[k('source')]).toEqual(want.c.sources.map((s: any) => s.url));
      });
    }
    const rss = parseXml(await (await get('/feeds/corrections.rss')).text());
    expect(rss.items.some((i) => i[k('listed')]?.[0] === 'The Mother (1975)')).toBe(true);
  });

  it('the collections feed lists the published collections', async () => {
    const feed = parseXml(await (await get('/feeds/collections.atom')).text());
    expect(feed.rootNamespace).toBe(ATOM);
    expect(feed.items.map((i) => i[`${ATOM}|id`]?.[0])).toEqual([
      'http://kinoteka.test/collections/mothers-in-soviet-cinema',
    ]);
    expect(feed.items[0]![k('filmCount')]).toEqual(['10']);
  });

  it('pages link their feeds with <link rel="alternate">, and every linked feed answers', async () => {
    const html = await (await get('/collections/mothers-in-soviet-cinema')).text();
    const links = [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"/g),
    ];
    const hrefs = links.map((m) => m[2]);
    expect(hrefs).toEqual([
      '/collections/mothers-in-soviet-cinema/feed.rss',
      '/collections/mothers-in-soviet-cinema/feed.atom',
      '/feeds/collections.rss',
      '/feeds/collections.atom',
      '/feeds/corrections.rss',
      '/feeds/corrections.atom',
    ]);
    for (const [, type, href] of links) {
      const res = await get(href!);
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
    }
    const home = await (await get('/')).text();
    expect(home).toContain('href="/feeds/corrections.atom"');
    expect((await get('/collections/no-such-collection/feed.rss')).status).toBe(404);
  });
});

describe('feed writer', () => {
  const hostile = 'Мать <script>alert("x")</script> & \'quotes\' ]]> \u0000\u0007\u001b\uD800 🎬';
  const feed: Feed = {
    title: hostile,
    description: hostile,
    link: 'http://example.test/?a=1&b="2"',
    self: 'http://example.test/feed?x=<y>',
    namespace: 'http://example.test/ns/feed',
    items: [
      {
        id: 'http://example.test/#a&b',
        title: hostile,
        link: 'http://example.test/films/x?y=1&z=2',
        summary: hostile,
        date: '2024-05-01',
        film: { title: hostile, year: 1926, originalTitle: hostile, url: 'http://example.test/f' },
        extra: [['listed', hostile]],
      },
    ],
  };
  // What survives: everything XML can hold; the control characters and the lone surrogate go.
  const kept = 'Мать <script>alert("x")</script> & \'quotes\' ]]>  🎬';

  it.each([
    ['rss', rssXml],
    ['atom', atomXml],
  ] as const)('writes well-formed %s for hostile titles, keeping their text', (_name, write) => {
    const parsed = parseXml(write(feed));
    const item = parsed.items[0]!;
    expect(item['http://example.test/ns/feed|filmTitle']).toEqual([kept]);
    expect(item['http://example.test/ns/feed|listed']).toEqual([kept]);
    expect(Object.entries(item).find(([key]) => key.endsWith('|title'))?.[1]).toEqual([kept]);
    expect(item['http://example.test/ns/feed|filmYear']).toEqual(['1926']);
  });

  it('a parser refuses what is not well-formed (the check can fail)', () => {
    expect(() => parseXml('<rss><channel><title>a & b</title></channel></rss>')).toThrow();
  });
});
