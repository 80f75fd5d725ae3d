import { describe, expect, it } from 'vitest';
import { KnowledgeBase, sameTitle, statementId, withId, type KnowledgeData } from './kb.ts';

const source = { url: 'https://example.org/a' };

function batch(): KnowledgeData {
  return {
    films: [
      {
        key: 'the-house-i-live-in-1957',
        year: 1957,
        titles: [
          { text: 'The House I Live In', kind: 'english' },
          { text: 'Дом, в котором я живу', kind: 'original', language: 'ru' },
        ],
        directors: ['Lev Kulidzhanov', 'Yakov Segel'],
      },
    ],
    statements: [
      withId({
        subject: 'the-house-i-live-in-1957',
        property: 'director',
        value: { name: 'Lev Kulidzhanov' },
        sources: [source],
      }),
    ],
    editions: [
      {
        id: 'moscow/1977-10/golden-prize',
        event: 'Moscow International Film Festival',
        edition: 10,
        year: 1977,
        award: 'Golden Prize',
        kind: 'award',
        complete: true,
        winners: [
          {
            title: 'Mimino',
            originalTitle: 'Мимино',
            countries: ['Soviet Union'],
            directors: ['Georgiy Daneliya'],
            writers: [],
            sources: [],
          },
        ],
        nominees: [],
        sources: [source],
      },
    ],
  };
}

describe('KnowledgeBase', () => {
  it('round-trips through plain JSON', () => {
    const kb = new KnowledgeBase(batch());
    const json = JSON.parse(JSON.stringify(kb.toJSON())) as unknown;
    const back = KnowledgeBase.fromJSON(json);
    expect(back.toJSON()).toEqual(kb.toJSON());
    expect(back.statements('the-house-i-live-in-1957', 'director')[0]?.value.name).toBe(
      'Lev Kulidzhanov',
    );
  });

  it('rejects stored data that is not a knowledge base', () => {
    expect(() =>
      KnowledgeBase.fromJSON({
        statements: [{ id: 'x', subject: 'y', property: 'director', value: {}, sources: [] }],
      }),
    ).toThrow();
  });

  it('gives the same fact the same id, and merges its sources', () => {
    const kb = new KnowledgeBase(batch());
    const again = withId({
      subject: 'the-house-i-live-in-1957',
      property: 'director',
      value: { name: 'Lev Kulidzhanov' },
      sources: [{ url: 'https://example.org/b' }],
    });
    expect(again.id).toBe(
      statementId('the-house-i-live-in-1957', 'director', { name: 'Lev Kulidzhanov' }),
    );
    const summary = kb.add({ statements: [again] });
    expect(summary.statements).toBe(0);
    expect(
      kb.statements('the-house-i-live-in-1957', 'director')[0]?.sources.map((s) => s.url),
    ).toEqual(['https://example.org/a', 'https://example.org/b']);
  });

  it('files an external film under the catalogue key when original title and year agree', () => {
    const kb = new KnowledgeBase(batch());
    const summary = kb.add({
      films: [
        {
          key: 'Q900099',
          wikidata: 'Q900099',
          year: 1957,
          titles: [{ text: 'Дом, в котором я живу', kind: 'original', language: 'ru' }],
          directors: [],
        },
      ],
      statements: [
        withId({
          subject: 'Q900099',
          property: 'runtime',
          value: { minutes: 100 },
          sources: [source],
        }),
      ],
    });
    expect(summary.linked).toEqual([{ from: 'Q900099', to: 'the-house-i-live-in-1957' }]);
    expect(kb.statements('the-house-i-live-in-1957', 'runtime')).toHaveLength(1);
    expect(kb.film('Q900099')).toBeUndefined();
    expect(kb.film('the-house-i-live-in-1957')?.wikidata).toBe('Q900099');
  });

  it('recognises a film in an edition list by any title, and not a different film', () => {
    const kb = new KnowledgeBase(batch());
    kb.add({
      films: [
        {
          key: 'mimino-1977',
          year: 1977,
          titles: [{ text: 'Mimino', kind: 'english' }],
          directors: ['Georgi Daneliya'],
        },
      ],
    });
    expect(kb.listings('mimino-1977').map((l) => l.role)).toEqual(['winner']);
    expect(kb.listings('the-house-i-live-in-1957')).toEqual([]);
  });
});

describe('sameTitle', () => {
  it('ignores articles, case, script and small misspellings', () => {
    expect(sameTitle('Cranes Are Flying', 'The Cranes Are Flying')).toBe(true);
    expect(sameTitle('Летят журавли', 'Letyat zhuravli')).toBe(true);
    expect(sameTitle('The Cranes Are Flyng', 'The Cranes Are Flying')).toBe(true);
    expect(sameTitle('Mother', 'The Ascent')).toBe(false);
  });
});
