/**
 * Incremental updates and snapshots give the same answers as a fresh build: add, update and
 * remove in any order (fast-check), then compare every query's results with an index built
 * from the final documents; and a snapshot read back answers as the index it was taken from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../test/fixtures/search/catalogue.ts';
import { SearchIndex, type SearchDocument } from './engine.ts';
import { SnapshotError, snapshotMeta } from './snapshot.ts';

// Words of the fixture's titles and names, in both scripts: generated films share words
// with the real ones, so their postings interleave.
const WORDS = [
  ...new Set(
    CATALOGUE.flatMap((d) => [...d.titles.map((t) => t.text), ...d.people]).flatMap((t) =>
      t.split(/\s+/).filter((w) => w.length > 1),
    ),
  ),
];

const QUERIES = [
  ...CATALOGUE.flatMap((d) => d.titles.map((t) => t.text)),
  ...CATALOGUE.flatMap((d) => d.people),
  'Мать',
  'mat 1926',
  'mother',
  'moth',
  'letyat zhuravli',
  'Летят журавлм',
  'shepitko',
  'ballada o soldate 1959',
  'pudovkin 1926',
  ...WORDS.slice(0, 40),
];

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 });
const generatedDoc = (slug: string): fc.Arbitrary<SearchDocument> =>
  fc.record({
    slug: fc.constant(slug),
    year: fc.option(fc.integer({ min: 1900, max: 2020 }), { nil: null }),
    titles: fc.array(
      fc.record({
        text: words.map((w) => w.join(' ')),
        kind: fc.constantFrom('original', 'english', 'alternative', 'transliteration' as const),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    people: fc.array(
      words.map((w) => w.join(' ')),
      { maxLength: 2 },
    ),
  }) as fc.Arbitrary<SearchDocument>;

const SLUGS = [...CATALOGUE.map((d) => d.slug), 'gen-a', 'gen-b', 'gen-c', 'gen-d'];
type Op = { kind: 'add'; doc: SearchDocument } | { kind: 'remove'; slug: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc
    .constantFrom(...SLUGS)
    .chain((slug) => generatedDoc(slug))
    .map((doc) => ({ kind: 'add' as const, doc })),
  fc.constantFrom(...CATALOGUE).map((doc) => ({ kind: 'add' as const, doc })),
  fc.constantFrom(...SLUGS).map((slug) => ({ kind: 'remove' as const, slug })),
);

function results(index: SearchIndex): unknown[] {
  return QUERIES.map((q) => index.search(q, { limit: 10 }));
}

describe('incremental updates', () => {
  it('answer every query as a full rebuild of the final documents does', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const index = SearchIndex.build(CATALOGUE);
        const docs = new Map(CATALOGUE.map((d) => [d.slug, d]));
        for (const o of ops) {
          if (o.kind === 'add') {
            index.add(o.doc);
            docs.set(o.doc.slug, o.doc);
          } else {
            expect(index.remove(o.slug)).toBe(docs.delete(o.slug));
          }
        }
        const fresh = SearchIndex.build([...docs.values()]);
        expect(index.size).toBe(fresh.size);
        expect(results(index)).toEqual(results(fresh));
        // and a snapshot of the changed index answers the same again
        expect(results(SearchIndex.fromSnapshot(index.toSnapshot()).index)).toEqual(results(fresh));
      }),
      { numRuns: 60 },
    );
  });
});

describe('snapshot', () => {
  it('round-trips: the index read back answers every query alike, and keeps its metadata', () => {
    const built = SearchIndex.build(CATALOGUE);
    const bytes = built.toSnapshot({ catalogueVersion: 'v42' });
    expect(snapshotMeta(bytes)).toMatchObject({ catalogueVersion: 'v42' });
    const { index, meta } = SearchIndex.fromSnapshot(bytes);
    expect(meta).toEqual({ catalogueVersion: 'v42' });
    expect(index.size).toBe(CATALOGUE.length);
    expect(results(index)).toEqual(results(built));
    expect(results(index).flat().length).toBeGreaterThan(QUERIES.length);
    expect(index.document('mother-1926')).toEqual(built.document('mother-1926'));
  });

  it('an index read back takes further changes like a built one', () => {
    const { index } = SearchIndex.fromSnapshot(SearchIndex.build(CATALOGUE).toSnapshot());
    const extra: SearchDocument = {
      slug: 'mother-2099',
      year: 2099,
      titles: [{ text: 'Мать', kind: 'original' }],
      people: ['Всеволод Пудовкин'],
    };
    index.add(extra);
    index.remove('mother-1955');
    const fresh = SearchIndex.build([...CATALOGUE.filter((d) => d.slug !== 'mother-1955'), extra]);
    expect(results(index)).toEqual(results(fresh));
    expect(index.search('мать 2099')[0]?.slug).toBe('mother-2099');
  });

  it('works from bytes at any offset (a file read into a pooled buffer)', () => {
    const bytes = SearchIndex.build(CATALOGUE).toSnapshot();
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const { index } = SearchIndex.fromSnapshot(shifted.subarray(3));
    expect(index.search('Мать')[0]?.slug).toBe(
      SearchIndex.build(CATALOGUE).search('Мать')[0]?.slug,
    );
  });

  it('refuses bytes that are not a snapshot, or a truncated one', () => {
    const bytes = SearchIndex.build(CATALOGUE).toSnapshot();
    expect(() => SearchIndex.fromSnapshot(new TextEncoder().encode('hello world'))).toThrow(
      SnapshotError,
    );
    expect(() => SearchIndex.fromSnapshot(bytes.subarray(0, bytes.length - 64))).toThrow(
      /truncated/,
    );
  });
});
