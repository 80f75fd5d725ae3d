/**
 * Resolution among the films the search index finds for a title (what ImportsService does)
 * comes out as resolution against the whole catalogue: the index only narrows the films the
 * rules look at, it never decides.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SearchIndex, type TitleKind } from '../search/index.ts';
import { parseList } from './list-parse.ts';
import { resolveEntries, resolveTitle, type CatalogueFilm } from './resolve.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/lists/${name}`, import.meta.url)));
const films = JSON.parse(fixture('catalogue.json').toString('utf8')) as CatalogueFilm[];
const bySlug = new Map(films.map((f) => [f.slug, f]));

const index = SearchIndex.build(
  films.map((f) => ({
    slug: f.slug,
    year: f.year,
    titles: f.titles.map((t) =>
      typeof t === 'string'
        ? { text: t, kind: 'alternative' as TitleKind }
        : { text: t.text, kind: (t.kind ?? 'alternative') as TitleKind },
    ),
    people: [...(f.directors ?? [])],
  })),
);

/** The films the service would pass for a title: title candidates and the best hits. */
function fromIndex(title: string): CatalogueFilm[] {
  const slugs = new Set(index.titleCandidates(title));
  for (const h of index.search(title, { limit: 20 })) slugs.add(h.slug);
  return [...slugs].sort().map((s) => bySlug.get(s) as CatalogueFilm);
}

describe('resolution among the index candidates', () => {
  it.each(['soviet-mothers.txt', 'headings.md'])('%s resolves as against every film', (name) => {
    const list = parseList(fixture(name), name);
    const all = resolveEntries(list.entries, films);
    const narrowed = resolveEntries(list.entries, fromIndex);
    for (const [i, r] of narrowed.entries()) {
      const whole = all[i]!;
      expect([r.heading, r.status]).toEqual([whole.heading, whole.status]);
      if (r.status === 'resolved' && whole.status === 'resolved') expect(r.slug).toBe(whole.slug);
      // the films that matched a title are all there, in the same order
      const matched = (c: typeof r.candidates) => c.filter((x) => x.evidence).map((x) => x.slug);
      expect(matched(r.candidates)).toEqual(matched(whole.candidates));
    }
  });

  it.each([
    ['Mother', 1926],
    ['The Mother', 1975],
    ['Мать', 1955],
    ['Mat', 1990],
    ['Letyat zhuravli', 1957],
    ['The Cranes Are Flyng', 1957],
    ['Ballad of a Soldeir', 1959],
    ['Voskhozhdenie', 1976],
    ['THE FORTY FIRST', 1956],
    ['Quand passent les cigognes', 1957],
    ['The Return of Vasily Bortnikov', 1953],
  ] as const)('"%s" (%i) finds the same films as a scan', (title, year) => {
    const whole = resolveTitle(title, year, films);
    const narrowed = resolveTitle(title, year, fromIndex(title));
    expect(narrowed).toEqual(whole);
  });

  it('reads digits in a title as words, not as a year', () => {
    const local = SearchIndex.build([
      { slug: 'a', year: 1968, titles: [{ text: '1917', kind: 'english' }], people: [] },
      { slug: 'b', year: 1917, titles: [{ text: 'Mother', kind: 'english' }], people: [] },
    ]);
    expect(local.titleCandidates('1917')).toEqual(['a']);
  });

  it('leaves out titles of many more words and matches on people', () => {
    const local = SearchIndex.build([
      { slug: 'a', year: 1926, titles: [{ text: 'Mother', kind: 'english' }], people: [] },
      {
        slug: 'b',
        year: 1926,
        titles: [{ text: 'A Mother of Many Sons and Daughters', kind: 'english' }],
        people: [],
      },
      { slug: 'c', year: 1926, titles: [{ text: 'Storm', kind: 'english' }], people: ['Mother'] },
      { slug: 'd', year: 1926, titles: [{ text: 'The Mothers', kind: 'english' }], people: [] },
    ]);
    expect(local.titleCandidates('Mother')).toEqual(['a', 'd']);
  });
});
