/**
 * The export's search index in parts: every term lies in one part (or the parts of one
 * prefix), a query loads only the parts of its words, and it answers as the whole index does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type SearchDocument, SearchIndex, type TitleKind } from '../search/index.ts';
import { partsForQuery, searchParts, type ShardManifest, writeParts } from './shards.ts';
import { rng } from '../../../test/helpers/random.ts';

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../test/fixtures/lists/catalogue.json', import.meta.url)),
    'utf8',
  ),
) as {
  slug: string;
  year: number;
  titles: { text: string; kind: string }[];
  directors: string[];
}[];

const docs: SearchDocument[] = fixture.map((f) => ({
  slug: f.slug,
  year: f.year,
  titles: f.titles.map((t) => ({ text: t.text, kind: t.kind as TitleKind })),
  people: f.directors,
}));
const r = rng(7);
const SYL = 'ka lo mi ne ru sa ti vo da ze ba gor lin mar tes vel dor pu zha'.split(' ');
const word = () =>
  Array.from({ length: 2 + Math.floor(r() * 3) }, () => SYL[Math.floor(r() * SYL.length)]).join('');
for (let i = 0; i < 4000; i++) {
  const title = Array.from({ length: 1 + Math.floor(r() * 3) }, word).join(' ');
  docs.push({
    slug: `gen-${i}`,
    year: 1920 + Math.floor(r() * 100),
    titles: [
      { text: title[0]!.toUpperCase() + title.slice(1), kind: 'original' },
      ...(r() < 0.5 ? [{ text: `The ${word()} of love`, kind: 'english' as TitleKind }] : []),
    ],
    people: [`${word()} ${word()}`],
  });
}

const whole = SearchIndex.build(docs);
const files: Uint8Array[] = [];
let manifest: ShardManifest;
const ready = writeParts(
  whole,
  (d) => SearchIndex.build(d),
  async (name, bytes) => {
    files[Number(name.replace('.bin', ''))] = bytes;
  },
  300,
).then((m) => (manifest = m));
const load = async (i: number) => SearchIndex.fromSnapshot(files[i]!).index;

describe('the search index in parts', () => {
  it('splits it into parts, each small, a very common word in several', async () => {
    await ready;
    expect(manifest.films).toBe(docs.length);
    expect(manifest.prefixes.length).toBeGreaterThan(10);
    expect(files).toHaveLength(manifest.prefixes.length);
    // "love" is in half the films: several exact parts of one prefix
    const love = manifest.prefixes.filter((p, i) => p === 'love' && manifest.exact[i]);
    expect(love.length).toBeGreaterThan(1);
  });

  it.each([
    'Мать',
    'mat 1926',
    'Mat 1990',
    'letjat zhuravli',
    'Летят журавли',
    'The Cranes Are Flyng',
    'Pudovkin',
    'Шепитько',
    'ballada o soldate',
    'voskhozhdenie',
    'the forty',
  ])('"%s" finds what the whole index finds, from its words\' parts', async (q) => {
    await ready;
    const expected = whole.search(q, { limit: 10 }).map((h) => h.slug);
    const got = await searchParts(manifest, q, load, 10);
    expect(got.hits.map((h) => h.hit.slug)[0]).toBe(expected[0]);
    expect(new Set(got.hits.map((h) => h.hit.slug))).toEqual(new Set(expected));
    const loaded = got.parts.reduce((s, i) => s + manifest.bytes[i]!, 0);
    const total = manifest.bytes.reduce((s, b) => s + b, 0);
    expect(loaded).toBeLessThan(total / 4);
    // the hit's part has the titles to show
    const first = got.hits[0];
    if (first) expect(first.index.document(first.hit.slug)?.titles.length).toBeGreaterThan(0);
  });

  it('asks for no part when the query has no word to look up', async () => {
    await ready;
    expect(partsForQuery(manifest, '1926')).toEqual([]);
    expect(partsForQuery(manifest, 'qqqqzzzz').length).toBeLessThanOrEqual(1);
  });
});
