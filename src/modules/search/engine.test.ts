import { describe, expect, it } from 'vitest';
import { osaDistance, romanize, ROMANIZATIONS, skeleton } from '../../lib/text/index.ts';
import { CATALOGUE } from '../../../test/fixtures/search/catalogue.ts';
import { SearchIndex, type SearchDocument } from './engine.ts';

const index = SearchIndex.build(CATALOGUE);
const slugs = (q: string, limit = 10): string[] => index.search(q, { limit }).map((h) => h.slug);
const top = (q: string): string | undefined => slugs(q, 1)[0];

describe('the issue’s example queries', () => {
  it.each([
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
  ])('%s → %s', (q, slug) => {
    expect(top(q)).toBe(slug);
  });
});

describe('transliteration-proof', () => {
  const originals = CATALOGUE.map((d) => ({
    slug: d.slug,
    text: d.titles.find((t) => t.kind === 'original')?.text ?? '',
  }));

  it('finds every film by its original title in every romanization', () => {
    for (const { slug, text } of originals) {
      for (const system of ROMANIZATIONS) {
        const q = romanize(text, system, () => 0.5);
        const found = slugs(q, 3);
        expect(found, `${system}: ${q}`).toContain(slug);
      }
    }
  });

  it('finds the film from a Cyrillic query whatever its English title', () => {
    expect(top('Баллада о солдате')).toBe('ballad-of-a-soldier-1959');
    expect(top('Восхождение')).toBe('the-ascent-1977');
    expect(top('возвращение василия бортникова')).toBe('the-return-of-vasili-bortnikov-1953');
  });

  it('treats ё and е alike, both ways', () => {
    expect(top('Запрещенные люди')).toBe('mother-1990');
    expect(top('Запрещённые люди')).toBe('mother-1990');
    expect(top('zapreshchyonnye lyudi')).toBe('mother-1990');
    expect(top('zapreschennye ljudi')).toBe('mother-1990');
  });

  it('ignores case, punctuation and diacritics', () => {
    expect(top('DOM, V KOTOROM YA ZHIVU!')).toBe('the-house-i-live-in-1957');
    expect(top('dom v kotorom ja živu')).toBe('the-house-i-live-in-1957');
    expect(top('Quand passent les cigognes')).toBe('the-cranes-are-flying-1957');
    expect(top('quand passent les cigognés')).toBe('the-cranes-are-flying-1957');
  });

  it('names the matched title in the query’s script', () => {
    expect(index.search('letyat zhuravli')[0]?.matchedTitle).toBe('Letyat zhuravli');
    expect(index.search('летят журавли')[0]?.matchedTitle).toBe('Летят журавли');
    expect(index.search('cranes')[0]?.matchedTitle).toBe('The Cranes Are Flying');
  });
});

describe('typo tolerance', () => {
  it('allows one edit in words of 4 letters or more', () => {
    expect(osaDistance(skeleton('журавлм'), skeleton('журавли'), 3)).toBe(1);
    expect(top('журавлм')).toBe('the-cranes-are-flying-1957');
    expect(top('shepitka')).toBe('the-ascent-1977');
    expect(top('soldiar')).toBe('ballad-of-a-soldier-1959');
    expect(top('cranse')).toBe('the-cranes-are-flying-1957'); // transposition
  });

  it('allows two edits in words of 8 letters or more', () => {
    expect(osaDistance(skeleton('vaskhazhdenie'), skeleton('восхождение'), 3)).toBe(2);
    expect(top('vaskhazhdenie')).toBe('the-ascent-1977');
    expect(osaDistance(skeleton('бортнекава'), skeleton('бортникова'), 3)).toBe(2);
    expect(top('бортнекава')).toBe('the-return-of-vasili-bortnikov-1953');
  });

  it('does not match by fuzz beyond the allowed distance', () => {
    expect(osaDistance(skeleton('журвлм'), skeleton('журавли'), 3)).toBe(2);
    expect(slugs('журвлм')).toEqual([]);
    expect(osaDistance(skeleton('васхаждени'), skeleton('восхождение'), 3)).toBe(3);
    expect(slugs('васхаждени')).toEqual([]);
    // three letters allow no edit: "mit" is not "мать" (the space ends the word: no prefix)
    expect(slugs('mit ')).toEqual([]);
    expect(osaDistance(skeleton('shapitka'), skeleton('shepitko'), 3)).toBe(2);
    expect(slugs('shapitka')).toEqual([]);
  });
});

describe('prefixes, word order and ranking', () => {
  it('matches the last word as a prefix while typing', () => {
    expect(top('letyat zhur')).toBe('the-cranes-are-flying-1957');
    expect(top('Летят жу')).toBe('the-cranes-are-flying-1957');
    expect(top('lety')).toBe('the-cranes-are-flying-1957');
    expect(top('vozvrash')).toBe('the-return-of-vasili-bortnikov-1953');
    expect(top('ballada o sol')).toBe('ballad-of-a-soldier-1959');
    expect(index.search('voskh', { limit: 5 }).map((h) => h.slug)).toEqual(['the-ascent-1977']);
  });

  it('does not read a finished word (followed by a space) as a prefix', () => {
    expect(slugs('lety ')).toEqual([]);
  });

  it('takes words in any order', () => {
    expect(top('zhuravli letyat')).toBe('the-cranes-are-flying-1957');
    expect(top('soldier ballad')).toBe('ballad-of-a-soldier-1959');
    expect(top('Бортникова возвращение')).toBe('the-return-of-vasili-bortnikov-1953');
  });

  it('ranks exact title, then title prefix, then all words, then fuzzy', () => {
    const docs: SearchDocument[] = [
      { slug: 'e-fuzzy', titles: [{ text: 'Mither', kind: 'english' }], people: [], year: 2001 },
      {
        slug: 'f-fuzzy',
        titles: [{ text: 'Son of Mither', kind: 'english' }],
        people: [],
        year: 2001,
      },
      {
        slug: 'd-words',
        titles: [{ text: 'The Son and His Mother', kind: 'english' }],
        people: [],
        year: 2001,
      },
      {
        slug: 'c-prefix',
        titles: [{ text: 'Mother and Son', kind: 'english' }],
        people: [],
        year: 2001,
      },
      { slug: 'b-exact', titles: [{ text: 'Mother', kind: 'english' }], people: [], year: 2001 },
      {
        slug: 'a-person',
        titles: [{ text: 'Something Else', kind: 'english' }],
        people: ['Motherwell Jones'],
        year: 2001,
      },
    ];
    const idx = SearchIndex.build(docs);
    // a person's name completing the prefix counts as "all words", below the same in a title;
    // exact title matches answer the query, so typo neighbours are not looked for
    expect(idx.search('mother').map((h) => h.slug)).toEqual([
      'b-exact',
      'c-prefix',
      'd-words',
      'a-person',
    ]);
    const scores = idx.search('mother').map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // no title starts with these words: typo matches join, ranked last
    expect(idx.search('mother son').map((h) => h.slug)).toEqual(['c-prefix', 'd-words', 'f-fuzzy']);
    expect(idx.search('son mother').map((h) => h.slug)).toEqual(['c-prefix', 'd-words', 'f-fuzzy']);
    // a prefix of the person's name outranks one-edit matches of "mother"
    expect(idx.search('motherw')[0]?.slug).toBe('a-person');
    expect(idx.search('mothr ').map((h) => h.slug)).toEqual(
      expect.arrayContaining(['b-exact', 'c-prefix', 'd-words']),
    );
  });

  it('ranks the exact title above prefix matches in the catalogue', () => {
    expect(slugs('mother')).toEqual(['mother-1926', 'mother-1955', 'mother-1990']);
    expect(slugs('мать')).toEqual([
      'mother-1926',
      'mother-1955',
      'mother-1990',
      'mater-chelovecheskaya-1975',
    ]);
  });

  it('looks for typo neighbours only when exact matches do not answer', () => {
    expect(slugs('mothr ')).toEqual(['mother-1926', 'mother-1955', 'mother-1990']);
    // "mather" reads as Mater' (Матерь) exactly, and that answers
    expect(slugs('mather ')).toEqual(['mater-chelovecheskaya-1975']);
  });
});

describe('years and people', () => {
  it('narrows by a year in the query', () => {
    expect(slugs('mother 1990')[0]).toBe('mother-1990');
    expect(slugs('мать 1955')[0]).toBe('mother-1955');
    expect(slugs('mat 1926')[0]).toBe('mother-1926');
    expect(slugs('1957').sort()).toEqual([
      'the-cranes-are-flying-1957',
      'the-house-i-live-in-1957',
    ]);
  });

  it('still reads a year-like title word as a word', () => {
    expect(top('1905')).toBe('mother-1955');
  });

  it('finds films by people’s names in either script', () => {
    expect(slugs('pudovkin').sort()).toEqual([
      'mother-1926',
      'the-return-of-vasili-bortnikov-1953',
    ]);
    expect(slugs('Пудовкин').sort()).toEqual([
      'mother-1926',
      'the-return-of-vasili-bortnikov-1953',
    ]);
    expect(top('pudovkin mother')).toBe('mother-1926');
    expect(slugs('chukhray').sort()).toEqual(['ballad-of-a-soldier-1959', 'the-forty-first-1956']);
    const hit = index.search('Шепитько восхождение')[0];
    expect(hit?.matchedField).toBe('person');
    expect(hit?.matchedPerson).toBe('Лариса Шепитько');
    expect(hit?.matchedTitle).toBe('Восхождение');
    expect(index.search('shepitko')[0]?.matchedPerson).toBe('Larisa Shepitko');
  });
});

describe('index behaviour', () => {
  const queries = [
    'mother',
    'мать',
    'shepitko',
    'letyat zhur',
    'ballada 1959',
    'the',
    'chukhrai',
    'vosk',
    '1957',
    'mather',
  ];

  it('gives identical results whatever order documents and their fields arrive in', () => {
    const shuffled = (arr: SearchDocument[], seed: number): SearchDocument[] => {
      let s = seed;
      const rnd = (): number => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
      const out = arr.map((d) => ({
        ...d,
        titles: [...d.titles].sort(() => rnd() - 0.5),
        people: [...d.people].sort(() => rnd() - 0.5),
      }));
      return out.sort(() => rnd() - 0.5);
    };
    for (const seed of [7, 42, 1234]) {
      const other = SearchIndex.build(shuffled(CATALOGUE, seed));
      for (const q of queries) expect(other.search(q), q).toEqual(index.search(q));
    }
  });

  it('adds, replaces and removes documents incrementally', () => {
    const idx = SearchIndex.build(CATALOGUE);
    const solaris: SearchDocument = {
      slug: 'solaris-1972',
      titles: [
        { text: 'Солярис', kind: 'original' },
        { text: 'Solaris', kind: 'english' },
      ],
      people: ['Andrei Tarkovsky', 'Андрей Тарковский'],
      year: 1972,
    };
    idx.add(solaris);
    expect(idx.size).toBe(CATALOGUE.length + 1);
    expect(idx.search('solyaris')[0]?.slug).toBe('solaris-1972');
    expect(idx.search('tarkovskij')[0]?.slug).toBe('solaris-1972');
    expect(idx.search('tarkovskiy solyar')[0]?.slug).toBe('solaris-1972');
    expect(idx.search('solarsi')[0]?.slug).toBe('solaris-1972');
    idx.add({ ...solaris, year: 2002, people: ['Steven Soderbergh'] });
    expect(idx.size).toBe(CATALOGUE.length + 1);
    expect(idx.search('tarkovsky')).toEqual([]);
    expect(idx.search('solaris')[0]?.year).toBe(2002);
    expect(idx.remove('solaris-1972')).toBe(true);
    expect(idx.remove('solaris-1972')).toBe(false);
    expect(idx.search('solaris')).toEqual([]);
    expect(idx.remove('the-ascent-1977')).toBe(true);
    expect(idx.search('shepitko')).toEqual([]);
    idx.compact();
    expect(idx.size).toBe(CATALOGUE.length - 1);
    for (const q of ['mother', 'letyat', 'chukhrai']) {
      expect(idx.search(q)).toEqual(index.search(q));
    }
  });

  it('pages with limit and offset', () => {
    expect(index.search('mother', { limit: 2 }).map((h) => h.slug)).toEqual([
      'mother-1926',
      'mother-1955',
    ]);
    expect(index.search('мать', { limit: 2, offset: 2 }).map((h) => h.slug)).toEqual([
      'mother-1990',
      'mater-chelovecheskaya-1975',
    ]);
    expect(index.search('mother', { limit: 0 })).toEqual([]);
    expect(index.search('')).toEqual([]);
    expect(index.search('!!!')).toEqual([]);
  });

  it('reports build progress', () => {
    const calls: [number, number | undefined][] = [];
    SearchIndex.build(CATALOGUE, (done, total) => calls.push([done, total]));
    expect(calls.at(-1)).toEqual([CATALOGUE.length, CATALOGUE.length]);
  });
});
