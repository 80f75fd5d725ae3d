import { describe, expect, it } from 'vitest';
import { FilmMatcher, type MatchCandidate } from './media.service.ts';
import { parseMediaName } from './naming.ts';

const FILMS: MatchCandidate[] = [
  {
    slug: 'mother-1926',
    year: 1926,
    titles: [{ text: 'Mother' }, { text: 'Мать' }],
    imdb: ['tt0017166'],
  },
  { slug: 'mother-1955', year: 1955, titles: [{ text: 'Mother' }, { text: 'Мать' }] },
  {
    slug: 'the-ascent-1977',
    year: 1977,
    titles: [{ text: 'The Ascent' }, { text: 'Восхождение' }],
    tmdb: ['42'],
  },
  { slug: 'twin-a', year: 1960, titles: [{ text: 'Twins' }] },
  { slug: 'twin-b', year: 1960, titles: [{ text: 'Twins' }] },
];
const m = new FilmMatcher(FILMS);
const match = (name: string) => m.match(parseMediaName(name));

describe('FilmMatcher', () => {
  it('prefers a tag to the title', () => {
    expect(match('Whatever (2000) [imdbid-tt0017166].mkv')).toEqual({
      slug: 'mother-1926',
      method: 'tag',
    });
    expect(match('Whatever {tmdb-42}.mkv')).toEqual({ slug: 'the-ascent-1977', method: 'tag' });
    expect(match('Mother (1926) {kinoteka-mother-1955}.mkv')).toEqual({
      slug: 'mother-1955',
      method: 'tag',
    });
  });

  it('matches a title in any script, with or without its article, by year', () => {
    expect(match('Мать (1926).mkv')?.slug).toBe('mother-1926');
    expect(match('Mother (1955).mkv')?.slug).toBe('mother-1955');
    expect(match('Ascent (1977).mkv')?.slug).toBe('the-ascent-1977');
    expect(match('Voskhozhdeniye (1977).mkv')?.slug).toBe('the-ascent-1977');
    expect(match('Восхождение (1976).mkv')?.slug).toBe('the-ascent-1977');
  });

  it('does not guess between two films', () => {
    expect(match('Mother.mkv')).toBeUndefined();
    expect(match('Mother (1940).mkv')).toBeUndefined();
    expect(match('Twins (1960).mkv')).toBeUndefined();
    expect(match('The Ascent.mkv')?.slug).toBe('the-ascent-1977');
  });

  it('offers the nearest films for what it cannot match', () => {
    expect(m.nearest({ title: 'Mother', year: 1940 }).map((c) => c.slug)).toContain('mother-1926');
    expect(m.nearest({ title: null, year: null })).toEqual([]);
  });
});
