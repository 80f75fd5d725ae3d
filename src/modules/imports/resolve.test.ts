import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { romanize, ROMANIZATIONS, sameSkeleton } from '../../lib/text/index.ts';
import { parseList } from './list-parse.ts';
import { resolveEntries, resolveTitle, type CatalogueFilm } from './resolve.ts';

// The ten catalogue films with every title content/knowledge gives them.
const films = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../test/fixtures/lists/catalogue.json', import.meta.url)),
    'utf8',
  ),
) as CatalogueFilm[];

const slugOf = (title: string, year: number | null, context?: string) => {
  const r = resolveTitle(title, year, films, context);
  return r.status === 'resolved' ? r.slug : r.status;
};

describe('resolveTitle', () => {
  it('matches English, original, transliterated and alternative titles', () => {
    expect(slugOf('The Cranes Are Flying', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('Летят журавли', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('letyat zhuravli', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('Quand passent les cigognes', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('My Childhood', 1938)).toBe('the-childhood-of-maxim-gorky-1938');
    expect(slugOf('Forbidden People', 1990)).toBe('mother-1990');
  });

  it('tolerates a leading article, case, punctuation, spelling and a year either way', () => {
    expect(slugOf('Cranes are flying', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('THE FORTY FIRST', 1956)).toBe('the-forty-first-1956');
    expect(slugOf('The Cranes Are Flyng', 1957)).toBe('the-cranes-are-flying-1957');
    expect(slugOf('The Return of Vasily Bortnikov', 1953)).toBe(
      'the-return-of-vasili-bortnikov-1953',
    );
    expect(slugOf('Voskhozhdenie', 1976)).toBe('the-ascent-1977');
    expect(slugOf('Ballad of a Soldier', 1960)).toBe('ballad-of-a-soldier-1959');
  });

  it('reports the evidence of a match', () => {
    const r = resolveTitle('The Ballad of a Soldier', 1960, films);
    expect(r).toMatchObject({
      status: 'resolved',
      slug: 'ballad-of-a-soldier-1959',
      evidence: {
        matchedTitle: 'The Ballad of a Soldier',
        titleKind: 'english',
        match: 'exact',
        yearDelta: 1,
      },
    });
    const spelled = resolveTitle('Ballad of a Soldeir', 1959, films);
    expect(spelled).toMatchObject({
      status: 'resolved',
      evidence: { match: 'spelling', distance: 1 },
    });
  });

  it('leaves "The Mother (1975)" unresolved, with the three Mothers as nearest candidates', () => {
    const r = resolveTitle('The Mother', 1975, films);
    expect(r.status).toBe('unresolved');
    const slugs = r.candidates.map((c) => c.slug);
    expect(slugs.slice(0, 3)).toEqual(['mother-1990', 'mother-1955', 'mother-1926']);
    expect(r.candidates[0]?.evidence).toMatchObject({ match: 'article', yearDelta: -15 });
  });

  it('calls a title without a year ambiguous, unless the text names the director', () => {
    const r = resolveTitle('Mother', null, films);
    expect(r.status).toBe('ambiguous');
    expect(r.candidates.map((c) => c.slug).sort()).toEqual([
      'mother-1926',
      'mother-1955',
      'mother-1990',
    ]);
    expect(slugOf('Mother', null, "Pudovkin's silent classic")).toBe('mother-1926');
    expect(resolveTitle('Mother', null, films, 'Panfilov, with Inna Churikova')).toMatchObject({
      status: 'resolved',
      slug: 'mother-1990',
      evidence: { directorNamed: 'Gleb Panfilov' },
    });
  });

  it('offers near titles for an unknown film', () => {
    const r = resolveTitle('The House Where I Live', 1957, films);
    expect(r.status).toBe('unresolved');
    expect(r.candidates[0]?.slug).toBe('the-house-i-live-in-1957');
    expect(resolveTitle('Battleship Potemkin', 1925, films).status).toBe('unresolved');
  });
});

describe('resolveEntries', () => {
  it('resolves the seed list: nine films found, one that does not exist', () => {
    const list = parseList(
      readFileSync(
        fileURLToPath(new URL('../../../test/fixtures/lists/soviet-mothers.txt', import.meta.url)),
      ),
      'soviet-mothers.txt',
    );
    const results = resolveEntries(list.entries, films);
    expect(results.map((r) => [r.heading, r.status === 'resolved' ? r.slug : r.status])).toEqual([
      ['Mother (1955)', 'mother-1955'],
      ['The Cranes Are Flying (1957)', 'the-cranes-are-flying-1957'],
      ['The Ballad of a Soldier (1959)', 'ballad-of-a-soldier-1959'],
      ['The Forty-First (1956)', 'the-forty-first-1956'],
      ['The House I Live In (1957)', 'the-house-i-live-in-1957'],
      ['The Return of Vasili Bortnikov (1953)', 'the-return-of-vasili-bortnikov-1953'],
      ['The Childhood of Maxim Gorky (1938)', 'the-childhood-of-maxim-gorky-1938'],
      ['The Mother (1926)', 'mother-1926'],
      ['The Mother (1975)', 'unresolved'],
      ['The Ascent (1977)', 'the-ascent-1977'],
    ]);
  });

  it('resolves a Markdown list by original title and by director', () => {
    const list = parseList(
      readFileSync(
        fileURLToPath(new URL('../../../test/fixtures/lists/headings.md', import.meta.url)),
      ),
      'headings.md',
    );
    expect(
      resolveEntries(list.entries, films).map((r) => (r.status === 'resolved' ? r.slug : r.status)),
    ).toEqual(['mother-1926', 'the-cranes-are-flying-1957', 'mother-1990']);
  });
});

describe('importList', () => {
  it('returns each entry with its resolution, and the counts', async () => {
    const { importList } = await import('./import-list.ts');
    const imported = importList(
      '1. The Ascent (1977) — Shepitko\n2. The Mother (1975)\n',
      'list.md',
      films,
    );
    expect(imported.format).toBe('numbered');
    expect(imported.entries.map((e) => [e.title, e.resolution.status])).toEqual([
      ['The Ascent', 'resolved'],
      ['The Mother', 'unresolved'],
    ]);
    expect(imported.counts).toEqual({ resolved: 1, ambiguous: 0, unresolved: 1 });
  });
});

describe('the resolver merges every pair the search skeleton merges', () => {
  const merges = (listed: string, title: string): boolean =>
    resolveTitle(listed, null, [{ slug: 'film', year: 1957, titles: [title] }]).status ===
    'resolved';

  it.each([
    ['Letjat zhuravli', 'Летят журавли'],
    ["Šepit'ko", 'Шепитько'],
    ['Jozhik', 'Ёжик'],
    ['Voskhozhdenie', 'Восхождение'],
  ])('%s = %s', (listed, title) => {
    expect(sameSkeleton(listed, title)).toBe(true);
    expect(merges(listed, title)).toBe(true);
    expect(merges(title, listed)).toBe(true);
  });

  it('keeps titles apart that the skeleton keeps apart', () => {
    expect(sameSkeleton('Мать', 'Мачеха')).toBe(false);
    expect(merges('Мать', 'Мачеха')).toBe(false);
  });

  // Russian-looking words: consonant-vowel syllables, with the letters that romanizations
  // disagree on (й ё ю я ж х ц щ ы ь ъ) well represented.
  const syllable = fc
    .tuple(
      fc.constantFrom(...'бвгджзклмнпрстфхцчшщ'),
      fc.constantFrom(...'аеёиоуыэюя'),
      fc.constantFrom('', '', 'й', 'ь', 'н', 'в'),
    )
    .map((p) => p.join(''));
  const word = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((s) => s.join(''));
  const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const system = fc.constantFrom(...ROMANIZATIONS);

  it('property: a title and any two of its romanizations', () => {
    fc.assert(
      fc.property(title, system, system, fc.integer(), (t, s1, s2, seed) => {
        let x = seed >>> 0;
        const random = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const forms = [t, romanize(t, s1, random), romanize(t, s2, random)];
        for (const a of forms) {
          for (const b of forms) {
            if (sameSkeleton(a, b)) expect(merges(a, b)).toBe(true);
          }
        }
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});
