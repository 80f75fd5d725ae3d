import { describe, expect, it } from 'vitest';
import { extractClaims, splitSentences, type Claim } from './extract.ts';

/** The claims of a text without ids and spans, for compact expectations. */
function kinds(text: string): Array<Record<string, unknown>> {
  return extractClaims(text).map((c) => {
    const {
      id: _id,
      span: _span,
      sentence: _sentence,
      text: _text,
      subject: _subject,
      negated,
      ...rest
    } = c;
    return negated ? { ...rest, negated } : rest;
  });
}

describe('splitSentences', () => {
  it('does not end a sentence at an initial or an abbreviation', () => {
    const text =
      'Directed by V. Pudovkin in 1926. It runs approx. 89 minutes! Dr. Zhivago is another film.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Directed by V. Pudovkin in 1926.',
      'It runs approx. 89 minutes!',
      'Dr. Zhivago is another film.',
    ]);
  });
});

describe('extractClaims', () => {
  it('finds awards with event, edition, year and prize', () => {
    expect(
      kinds(
        "This film won the Palme d'Or at the Cannes Film Festival in 1958, making it one of the most acclaimed Soviet films internationally.",
      ),
    ).toEqual([
      {
        kind: 'award',
        result: 'won',
        event: 'Cannes Film Festival',
        award: "Palme d'Or",
        year: 1958,
      },
      { kind: 'none', reason: 'opinion' },
    ]);
    expect(
      kinds(
        'The film won the Golden Prize at the 10th Moscow International Film Festival and was nominated for an Academy Award for Best Foreign Language Film.',
      ),
    ).toEqual([
      {
        kind: 'award',
        result: 'won',
        event: 'Moscow International Film Festival',
        award: 'Golden Prize',
        edition: 10,
      },
      {
        kind: 'award',
        result: 'nominated',
        event: 'Academy Awards',
        award: 'Best Foreign Language Film',
      },
    ]);
    expect(kinds('It took home the Golden Bear in Berlin.')).toEqual([
      {
        kind: 'award',
        result: 'won',
        event: 'Berlin International Film Festival',
        award: 'Golden Bear',
      },
    ]);
    expect(kinds('The film was not nominated for an Oscar.')).toEqual([
      { kind: 'award', result: 'nominated', event: 'Academy Awards', negated: true },
    ]);
    expect(kinds('It received a special mention at Cannes.')).toEqual([
      {
        kind: 'award',
        result: 'special-mention',
        award: 'Special Mention',
        event: 'Cannes Film Festival',
      },
    ]);
  });

  it('finds festival screenings, in or out of competition', () => {
    expect(kinds('It was also shown at the Melbourne International Film Festival.')).toEqual([
      { kind: 'screening', event: 'Melbourne International Film Festival', competition: false },
    ]);
    expect(kinds('The film was shown in competition at the 9th Cannes Film Festival.')).toEqual([
      { kind: 'screening', event: 'Cannes Film Festival', competition: true, edition: 9 },
    ]);
  });

  it('finds who directed, wrote and starred', () => {
    expect(
      kinds(
        'The film was directed by Lev Kulidzhanov, who was known for his ability to capture the essence of Soviet life.',
      ),
    ).toEqual([
      { kind: 'director', people: ['Lev Kulidzhanov'] },
      { kind: 'none', reason: 'opinion' },
    ]);
    expect(
      kinds('Directed by Lev Kulidzhanov and Yakov Segel, it was written by Iosif Olshansky.'),
    ).toEqual([
      { kind: 'director', people: ['Lev Kulidzhanov', 'Yakov Segel'] },
      { kind: 'writer', people: ['Iosif Olshansky'] },
    ]);
    expect(
      kinds('Larisa Shepitko directed the film, starring Boris Plotnikov and Vladimir Gostyukhin.'),
    ).toEqual([
      { kind: 'director', people: ['Larisa Shepitko'] },
      { kind: 'cast', people: ['Boris Plotnikov', 'Vladimir Gostyukhin'] },
    ]);
  });

  it('finds versions, sources, series and years', () => {
    expect(
      kinds(
        'The film was remade in 1975, but the original is celebrated for its stark portrayal of war and love.',
      ),
    ).toEqual([
      { kind: 'version', relation: 'remadeAs', year: 1975 },
      { kind: 'none', reason: 'opinion' },
    ]);
    expect(kinds('It is a remake of the 1927 silent film by Yakov Protazanov.')).toEqual([
      { kind: 'version', relation: 'remakeOf', year: 1927, director: 'Yakov Protazanov' },
    ]);
    expect(
      kinds("Based on Maxim Gorky's novel, this silent film portrays a mother's transformation."),
    ).toEqual([
      { kind: 'basedOn', author: 'Maxim Gorky', form: 'novel' },
      { kind: 'none', reason: 'plot' },
    ]);
    expect(kinds('It was adapted from the play Alive Forever by Viktor Rozov.')).toEqual([
      { kind: 'basedOn', author: 'Viktor Rozov', work: 'Alive Forever', form: 'play' },
    ]);
    expect(kinds("This was the first part of a trilogy about Gorky's life.")).toEqual([
      {
        kind: 'series',
        ordinal: 1,
        of: 3,
        last: false,
        seriesWord: 'trilogy',
        about: "Gorky's life",
      },
    ]);
    expect(kinds('It is the final instalment of the Gorky trilogy.')).toEqual([
      { kind: 'series', last: true, of: 3, seriesWord: 'trilogy' },
    ]);
    expect(kinds('The Ascent is a 1977 Soviet war film made at Mosfilm.')).toEqual([
      { kind: 'releaseYear', year: 1977 },
      { kind: 'studio', name: 'Mosfilm' },
    ]);
  });

  it('finds priority claims and what they are about', () => {
    expect(
      kinds('It was also one of the first Soviet films to be shown at the Cannes Film Festival.'),
    ).toEqual([
      {
        kind: 'priority',
        scope: 'one-of-the-first',
        country: 'Soviet Union',
        qualifiers: [],
        predicate: 'be shown at the Cannes Film Festival',
        action: 'screened',
        ever: false,
        event: 'Cannes Film Festival',
      },
    ]);
    expect(kinds("It is the only Soviet film to win the Palme d'Or.")).toEqual([
      {
        kind: 'priority',
        scope: 'only',
        country: 'Soviet Union',
        qualifiers: [],
        predicate: "win the Palme d'Or",
        action: 'won',
        ever: false,
        event: 'Cannes Film Festival',
        award: "Palme d'Or",
      },
    ]);
    expect(
      kinds(
        'The film was one of the first to address the theme of soldiers returning from war.',
      )[0],
    ).toMatchObject({
      kind: 'priority',
      action: 'other',
    });
  });

  it('returns plot and opinion as not checkable, and keeps every span in the text', () => {
    const text =
      "This film tells the story of a mother who sacrifices everything for her son. It's a poignant exploration of unconditional love.";
    const claims = extractClaims(text);
    expect(claims.map((c) => [c.kind, c.kind === 'none' ? c.reason : ''])).toEqual([
      ['none', 'plot'],
      ['none', 'opinion'],
    ]);
    for (const c of claims) expect(text.slice(c.span.start, c.span.end)).toBe(c.text);
  });

  it('does not mistake ordinary words for claims', () => {
    // At least one claim (an empty list would be the text lost), and all of no kind.
    const none = (text: string) =>
      expect(new Set(extractClaims(text).map((c: Claim) => c.kind)), text).toEqual(
        new Set(['none']),
      );
    none('It won the hearts of audiences everywhere.');
    none('Set in Moscow in 1941, it follows two lovers.');
    none('The first part of the film takes place in a village.');
    none('This film was part of a wave of Soviet cinema that revisited classic literature.');
  });
});

describe('the subject of a claim', () => {
  const subjects = (text: string) =>
    extractClaims(text)
      .filter((c) => c.kind !== 'none')
      .map((c) => c.subject);

  it('is the name before the claim, for every claim of the clause', () => {
    expect(subjects('My Apprenticeship is the second part of the trilogy.')).toEqual([
      'My Apprenticeship',
    ]);
    expect(subjects('The Ascent won the Golden Bear and the FIPRESCI Prize.')).toEqual([
      'The Ascent',
      'The Ascent',
    ]);
    expect(subjects('Mother is said to be the first Soviet film shown in Japan.')).toEqual([
      'Mother',
    ]);
  });

  it('is absent for pronouns and "the film"', () => {
    expect(subjects('It won the Golden Bear.')).toEqual([undefined]);
    expect(subjects('The film won the Golden Bear.')).toEqual([undefined]);
    expect(subjects('In 1977 it won the Golden Bear.')).toEqual([undefined]);
  });
});
