import { describe, expect, it } from 'vitest';
import {
  type FilmForm,
  creditsText,
  filmChanges,
  offersText,
  parseFilmForm,
} from './film-drafts.ts';

const form = (over: Partial<FilmForm> = {}): FilmForm => ({
  original: 'Летят журавли',
  original_language: 'ru',
  transliteration: 'Letyat zhuravli',
  english: 'The Cranes Are Flying',
  alternatives: 'Журавли | ru',
  credits: 'director | Mikhail Kalatozov\ncast | Tatyana Samoilova | Veronika',
  offers: 'subtitles | disc | Criterion | https://www.criterion.com/films/1 | US',
  note: '',
  source_url: '',
  source_title: '',
  source_publisher: '',
  source_accessed_on: '',
  ...over,
});

describe('parseFilmForm', () => {
  it('reads every list, and writes it back the same way', () => {
    const { proposal, problems } = parseFilmForm(form());
    expect(problems).toEqual([]);
    expect(proposal.credits[1]).toEqual({
      role: 'cast',
      name: 'Tatyana Samoilova',
      character: 'Veronika',
    });
    expect(creditsText(proposal)).toBe(form().credits);
    expect(offersText(proposal)).toBe(form().offers);
    expect(proposal.source).toBeNull();
  });

  it('names the list and line of each malformed entry', () => {
    const { problems } = parseFilmForm(
      form({
        credits: 'director | Mikhail Kalatozov\n\nproducer | Someone',
        offers: 'subtitles | vhs | Shop',
        alternatives: 'Журавли',
        original_language: 'Russian',
        source_url: 'ftp://example.org',
        source_title: 'x',
        source_accessed_on: 'yesterday',
      }),
    );
    expect(problems.map((p) => p.where)).toEqual([
      'original_language',
      'alternatives line 1',
      'credits line 3',
      'offers line 1',
      'source.url',
      'source.accessed_on',
    ]);
    expect(problems.find((p) => p.where === 'offers line 1')!.message).toContain('disc, stream');
  });
});

describe('filmChanges', () => {
  it('lists changed titles word by word and added or removed lines', () => {
    const base = parseFilmForm(form()).proposal;
    const next = parseFilmForm(
      form({ english: 'Cranes Are Flying', credits: 'director | Mikhail Kalatozov' }),
    ).proposal;
    const changes = filmChanges(base, next);
    expect(changes.map((c) => c.what)).toEqual(['English title', 'Credits']);
    expect(changes[1]!.removed).toEqual(['cast | Tatyana Samoilova | Veronika']);
    expect(filmChanges(base, base)).toEqual([]);
  });
});
