import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, withId } from '../kb/kb.ts';
import { loadKnowledgeDir } from '../kb/knowledge-dir.ts';
import { checkText } from './check.ts';
import { extractClaims } from './extract.ts';
import { judgeClaim, type Judgement } from './judge.ts';

const KNOWLEDGE = fileURLToPath(new URL('../../../../content/knowledge/', import.meta.url));
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = new KnowledgeBase(await loadKnowledgeDir(KNOWLEDGE));
});

/** The judgement of the one checkable claim in a sentence. */
function judge(film: string | null, sentence: string, base = kb): Judgement {
  const checkable = extractClaims(sentence).filter((c) => c.kind !== 'none');
  expect(checkable, sentence).toHaveLength(1);
  return judgeClaim(checkable[0]!, film, base);
}
const verdict = (film: string | null, sentence: string, base = kb) =>
  judge(film, sentence, base).verdict;

describe('true claims are supported, with sourced evidence', () => {
  it.each([
    ['the-cranes-are-flying-1957', 'It was directed by Mikhail Kalatozov.'],
    ['the-cranes-are-flying-1957', "The film won the Palme d'Or in 1958."],
    ['the-cranes-are-flying-1957', 'It received a special mention at Cannes in 1958.'],
    ['the-cranes-are-flying-1957', 'It is based on the play Alive Forever by Viktor Rozov.'],
    ['the-cranes-are-flying-1957', 'It stars Tatiana Samoilova.'],
    ['ballad-of-a-soldier-1959', 'It was shown in competition at the 1960 Cannes Film Festival.'],
    ['ballad-of-a-soldier-1959', 'It was written by Grigory Chukhray and Valentin Ezhov.'],
    [
      'the-ascent-1977',
      'The Ascent won the Golden Bear at the 27th Berlin International Film Festival.',
    ],
    ['the-ascent-1977', 'The Ascent was released in 1977.'],
    ['the-ascent-1977', "It is based on Vasil Bykau's novella Sotnikov."],
    ['the-house-i-live-in-1957', 'It was directed by Lev Kulidzhanov and Yakov Segel.'],
    ['the-forty-first-1956', 'It is a remake of the 1927 film by Yakov Protazanov.'],
    ['mother-1955', 'An earlier version was made in 1926 by Vsevolod Pudovkin.'],
    ['mother-1926', 'The film was remade in 1955.'],
    ['mother-1990', 'It won the Best Artistic Contribution prize at Cannes in 1990.'],
    ['mother-1990', 'It was produced at Mosfilm.'],
    ['the-childhood-of-maxim-gorky-1938', 'It is the opening film of the Maxim Gorky trilogy.'],
  ])('%s: %s', (film, sentence) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('supported');
    expect(j.evidence.length).toBeGreaterThan(0);
    for (const e of j.evidence) {
      const sources = e.type === 'statement' ? e.statement.sources : e.edition.sources;
      expect(sources.length).toBeGreaterThan(0);
    }
  });

  it('explains a co-director and a loosely named prize', () => {
    expect(
      judge('the-house-i-live-in-1957', 'The film was directed by Lev Kulidzhanov.').explanation,
    ).toBe('Lev Kulidzhanov directed The House I Live In (1957). Co-directed with Yakov Segel.');
    expect(
      judge(
        'ballad-of-a-soldier-1959',
        'It was nominated for an Oscar for Best Original Screenplay.',
      ).explanation,
    ).toMatch(
      /Best Writing, Story and Screenplay – Written Directly for the Screen at the 34th Academy Awards \(1962\)/,
    );
  });
});

describe('false claims are contradicted only by decisive records', () => {
  it.each([
    [
      'the-cranes-are-flying-1957',
      'It was directed by Sergei Bondarchuk.',
      /directed by Mikhail Kalatozov, not Sergei Bondarchuk/,
    ],
    [
      'the-house-i-live-in-1957',
      'The film was directed by Mark Donskoy.',
      /Lev Kulidzhanov and Yakov Segel/,
    ],
    ['ballad-of-a-soldier-1959', "It won the Palme d'Or in 1960.", /La Dolce Vita/],
    [
      'the-ascent-1977',
      'It won the Golden Prize at the 10th Moscow International Film Festival.',
      /The Fifth Seal, El puente and Mimino/,
    ],
    [
      'the-ascent-1977',
      'It was nominated for an Academy Award for Best Foreign Language Film.',
      /not nominated/,
    ],
    ['the-ascent-1977', 'The Ascent was released in 1984.', /released in 1977, not 1984/],
    [
      'the-childhood-of-maxim-gorky-1938',
      'It is the second part of the Gorky trilogy.',
      /part 1 of 3/,
    ],
    [
      'the-cranes-are-flying-1957',
      'It was the first Soviet film to be shown at the Cannes Film Festival.',
      /earlier/,
    ],
    ['the-cranes-are-flying-1957', "The film did not win the Palme d'Or.", /denies/],
  ])('%s: %s', (film, sentence, why) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('contradicted');
    expect(j.explanation).toMatch(why);
    expect(j.evidence.length).toBeGreaterThan(0);
  });

  it('supports a denial that the record bears out', () => {
    expect(
      verdict(
        'the-ascent-1977',
        'It was not nominated for an Academy Award for Best Foreign Language Film.',
      ),
    ).toBe('supported');
  });
});

describe('claims the base cannot decide are unsupported, not contradicted', () => {
  it.each([
    [
      'the-forty-first-1956',
      'The film was remade in 1975.',
      /Known versions: The Forty-First \(1927, Yakov Protazanov\), which this film remakes/,
    ],
    ['the-cranes-are-flying-1957', 'It was shown at the Venice Film Festival.', /not complete/],
    [
      'the-cranes-are-flying-1957',
      'It was nominated for a Golden Globe for Best Foreign Film.',
      /No record/,
    ],
    ['the-cranes-are-flying-1957', 'It stars Innokenty Smoktunovsky.', /not in the recorded cast/],
    [
      'mother-1990',
      'It was directed by Gleb Panfilov and Vadim Abdrashitov.',
      /Vadim Abdrashitov is not/,
    ],
    ['the-ascent-1977', 'It was released in 1976.', /differ by one/],
    // The recorded prize is the "Special Prize", a different award with a similar name.
    [
      'the-forty-first-1956',
      'It won the Special Jury Prize at the 1957 Cannes Film Festival.',
      /different prizes/,
    ],
    [
      'the-return-of-vasili-bortnikov-1953',
      'It was one of the first films to address the theme of soldiers returning from war.',
      /needs its own source/,
    ],
    ['the-cranes-are-flying-1957', 'It was written by Mikhail Kalatozov.', /No writer/],
  ])('%s: %s', (film, sentence, why) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('unsupported');
    expect(j.explanation).toMatch(why);
  });

  it('does not contradict a win when the edition list is incomplete', () => {
    const base = new KnowledgeBase(kb.toJSON());
    base.add({
      editions: kb
        .editions({ event: 'Cannes Film Festival', year: 1958 })
        .map((e) => ({ ...e, complete: false })),
    });
    const partial = new KnowledgeBase({
      ...base.toJSON(),
      editions: base
        .toJSON()
        .editions.map((e) => (e.year === 1958 ? { ...e, complete: false } : e)),
    });
    expect(
      verdict('the-forty-first-1956', "It won the Palme d'Or at Cannes in 1958.", partial),
    ).toBe('unsupported');
    expect(verdict('the-forty-first-1956', "It won the Palme d'Or at Cannes in 1958.")).toBe(
      'contradicted',
    );
  });

  it('does not pin an Academy Awards edition to the film year', () => {
    // No edition or year in the claim and no statement placing the film: nothing to contradict with.
    expect(
      verdict(
        'the-cranes-are-flying-1957',
        'It was nominated for an Academy Award for Best Foreign Language Film.',
      ),
    ).toBe('unsupported');
  });
});

describe('not checkable', () => {
  it('covers plot, opinion and films the base does not know', () => {
    const checked = checkText(
      "The film follows a young soldier on leave. It's a tender look at war. It was directed by Grigori Chukhrai.",
      'ballad-of-a-soldier-1959',
      kb,
    );
    expect(checked.claims.map((c) => [c.kind, c.judgement.verdict])).toEqual([
      ['none', 'not-checkable'],
      ['none', 'not-checkable'],
      ['director', 'supported'],
    ]);
    expect(checked.counts).toEqual({
      supported: 1,
      contradicted: 0,
      unsupported: 0,
      'not-checkable': 2,
    });
    expect(verdict(null, "Another adaptation of Gorky's novel.")).toBe('not-checkable');
    expect(verdict('battleship-potemkin-1925', 'It was directed by Sergei Eisenstein.')).toBe(
      'not-checkable',
    );
  });
});

describe('films other than the catalogue', () => {
  const source = [{ url: 'https://example.org/record' }];
  const other = new KnowledgeBase({
    films: [
      {
        key: 'Q42',
        wikidata: 'Q42',
        year: 2001,
        titles: [{ text: 'Example Film', kind: 'english' }],
        directors: ['Anna Example', 'Boris Sample'],
      },
    ],
    statements: [
      withId({
        subject: 'Q42',
        property: 'director',
        value: { name: 'Anna Example' },
        sources: source,
      }),
      withId({
        subject: 'Q42',
        property: 'director',
        value: { name: 'Boris Sample' },
        sources: source,
      }),
      withId({ subject: 'Q42', property: 'releaseYear', value: { year: 2001 }, sources: source }),
      withId({
        subject: 'Q42',
        property: 'award',
        value: {
          event: 'Venice Film Festival',
          year: 2001,
          award: 'Golden Lion',
          result: 'in-competition',
        },
        sources: source,
      }),
    ],
    editions: [
      {
        id: 'venice/2001/golden-lion',
        event: 'Venice Film Festival',
        year: 2001,
        award: 'Golden Lion',
        kind: 'award',
        complete: true,
        winners: [
          {
            title: 'Another Film',
            countries: [],
            directors: ['Carla Other'],
            writers: [],
            sources: [],
          },
        ],
        nominees: [],
        sources: source,
      },
    ],
  });

  it('judges from Wikidata-style records the same way', () => {
    expect(verdict('Q42', 'It was co-directed by Boris Sample.', other)).toBe('supported');
    expect(verdict('Q42', 'It was directed by Dmitri Nobody.', other)).toBe('contradicted');
    expect(verdict('Q42', 'It was shown in competition at Venice.', other)).toBe('supported');
    expect(verdict('Q42', 'It won the Golden Lion.', other)).toBe('contradicted');
    expect(verdict('Q42', 'It was nominated for the Golden Lion.', other)).toBe('supported');
  });

  it('holds back when a winner might be the same film under another title', () => {
    const twin = new KnowledgeBase(other.toJSON());
    twin.add({
      editions: [
        {
          ...other.editions()[0]!,
          winners: [
            {
              title: 'Exemplary',
              countries: [],
              directors: ['Anna Example'],
              writers: [],
              sources: [],
            },
          ],
        },
      ],
    });
    expect(verdict('Q42', 'It won the Golden Lion in 2001.', twin)).toBe('unsupported');
  });
});

describe('round trip: what the base records is never contradicted', () => {
  it('supports a sentence written from each recorded statement', () => {
    const outcomes: Array<[string, string, string]> = [];
    for (const film of kb.films()) {
      for (const s of kb.statements(film.key)) {
        let sentence: string | undefined;
        if (s.property === 'director') sentence = `It was directed by ${s.value.name}.`;
        if (s.property === 'writer') sentence = `It was written by ${s.value.name}.`;
        if (s.property === 'releaseYear') sentence = `It was released in ${s.value.year}.`;
        if (s.property === 'cast') sentence = `It stars ${s.value.person.name}.`;
        if (s.property === 'award' && s.value.event !== s.value.award) {
          const v = s.value;
          const when = v.year ? ` in ${v.year}` : '';
          if (v.result === 'won') sentence = `It won the ${v.award} at the ${v.event}${when}.`;
          if (v.result === 'nominated' || v.result === 'in-competition') {
            sentence = `It was nominated for the ${v.award} at the ${v.event}${when}.`;
          }
          if (v.result === 'screened') sentence = `It was shown at the ${v.event}${when}.`;
        }
        if (!sentence) continue;
        const claims = extractClaims(sentence).filter((c) => c.kind !== 'none');
        for (const c of claims)
          outcomes.push([film.key, sentence, judgeClaim(c, film.key, kb).verdict]);
        if (claims.length === 0) outcomes.push([film.key, sentence, 'not extracted']);
      }
    }
    expect(outcomes.length).toBeGreaterThan(90);
    expect(outcomes.filter(([, , v]) => v !== 'supported')).toEqual([]);
  });
});

describe('a recorded outcome rules out a win', () => {
  it('supports a denial of a win when the film is recorded as competing, and contradicts the win', () => {
    expect(
      verdict('mother-1955', "It did not win the Palme d'Or at the 1956 Cannes Film Festival."),
    ).toBe('supported');
    expect(verdict('mother-1955', "It won the Palme d'Or at the 1956 Cannes Film Festival.")).toBe(
      'contradicted',
    );
    expect(
      verdict('ballad-of-a-soldier-1959', 'It won the Academy Award for Best Original Screenplay.'),
    ).toBe('contradicted');
  });
});

describe('every part of a claim must hold', () => {
  it.each([
    // The award is right, the year is not: contradicted on the year, and the explanation says so.
    ['the-cranes-are-flying-1957', "The Cranes Are Flying won the Palme d'Or in 1957.", /1957/],
    [
      'the-ascent-1977',
      'The Ascent won the Golden Bear in 1975.',
      /Wrong on the date.*not in 1975/,
    ],
    // The director is right, the year is not.
    ['mother-1955', 'Mark Donskoy directed Mother in 1938.', /Wrong on the year.*not 1938/],
  ])('%s: %s is contradicted', (film, sentence, why) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('contradicted');
    expect(j.explanation).toMatch(why);
  });

  it('does not decide a ceremony year one off, which may be the films’ year', () => {
    expect(
      verdict(
        'ballad-of-a-soldier-1959',
        'It was nominated for the Academy Award for Best Original Screenplay in 1961.',
      ),
    ).toBe('unsupported');
  });

  it('reads a nomination as a nomination, not a win', () => {
    expect(
      verdict(
        'the-cranes-are-flying-1957',
        'The Cranes Are Flying received a BAFTA nomination for Best Film from any Source.',
      ),
    ).toBe('supported');
    expect(
      verdict(
        'ballad-of-a-soldier-1959',
        'It received an Academy Award nomination for its screenplay in 1962.',
      ),
    ).toBe('supported');
    expect(
      verdict(
        'ballad-of-a-soldier-1959',
        'It received an Academy Award nomination for its music in 1962.',
      ),
    ).not.toBe('supported');
  });

  it('needs every named co-director in the record', () => {
    expect(verdict('mother-1926', 'Pudovkin co-directed the film with Mikhail Doller.')).toBe(
      'unsupported',
    );
    expect(
      verdict('the-house-i-live-in-1957', 'Lev Kulidzhanov co-directed it with Yakov Segel.'),
    ).toBe('supported');
  });
});

describe('priority claims', () => {
  it.each([
    ['mother-1955', 'Mother was the first Soviet film in competition at Cannes.'],
    ['mother-1955', 'It was the very first film ever shown at Cannes.'],
    ['the-forty-first-1956', 'The Forty-First was the first Soviet film to win a prize at Cannes.'],
  ])('%s: "%s" is contradicted by earlier films there', (film, sentence) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('contradicted');
    expect(j.evidence.some((e) => e.type === 'edition' && e.edition.year === 1946)).toBe(true);
  });

  it.each([
    ['mother-1990', 'It was the last Soviet film in competition at Cannes.'],
    [
      'the-ascent-1977',
      'The Ascent was the first film by a woman director to win the Golden Bear.',
    ],
    ['the-cranes-are-flying-1957', "It was the first Soviet film to win the Palme d'Or."],
  ])('%s: "%s" needs a recorded priority, so is unsupported', (film, sentence) => {
    expect(verdict(film, sentence)).toBe('unsupported');
  });
});

describe('person first and films named in the claim', () => {
  it.each([
    [
      'the-cranes-are-flying-1957',
      'Mikhail Kalatozov directed The Cranes Are Flying.',
      'supported',
    ],
    ['ballad-of-a-soldier-1959', 'Grigori Chukhrai directed Ballad of a Soldier.', 'supported'],
    ['the-forty-first-1956', 'Mikhail Romm directed The Forty-First.', 'contradicted'],
    ['mother-1955', 'Sergei Gerasimov directed this version of Mother.', 'contradicted'],
    [
      'the-cranes-are-flying-1957',
      "Andrei Tarkovsky's The Cranes Are Flying is a war romance.",
      'contradicted',
    ],
    // Another film the base knows, named by title and year: judged about that film.
    ['mother-1955', 'Vsevolod Pudovkin directed Mother in 1926.', 'supported'],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });

  it('leaves a film the base does not know not checkable', () => {
    expect(verdict('mother-1955', 'Mark Donskoy directed The Rainbow.')).toBe('not-checkable');
  });
});

describe('cast, with the role described', () => {
  it.each([
    ['mother-1926', 'Vera Baranovskaya stars as the mother, Pelageya Nilovna.', 'supported'],
    ['mother-1926', 'Nikolai Batalov plays her son Pavel.', 'supported'],
    ['the-ascent-1977', 'Anatoly Solonitsyn plays the interrogator Portnov.', 'supported'],
    [
      'ballad-of-a-soldier-1959',
      'The young soldier Alyosha is played by Vladimir Ivashov.',
      'supported',
    ],
    // In the cast, but as someone else; and not in the cast: unconfirmed, never contradicted.
    ['the-ascent-1977', 'Anatoly Solonitsyn plays Rybak.', 'unsupported'],
    ['mother-1955', 'Nikolai Batalov plays Pavel.', 'unsupported'],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('award claims read in more phrasings', () => {
  it.each([
    // The event named before the verb, the prize as "the award for …": the complete list decides.
    [
      'the-cranes-are-flying-1957',
      "At the 11th Cannes Film Festival, Kalatozov's film won the award for Best Original Screenplay.",
      'contradicted',
    ],
    // "a prize" is any prize at that event; the denial is contradicted by the Special Prize.
    [
      'the-forty-first-1956',
      'The Forty-First did not win a prize at the 1957 Cannes Film Festival.',
      'contradicted',
    ],
    [
      'ballad-of-a-soldier-1959',
      'At Cannes in 1960 the film shared the Best Participation award with The Lady with the Dog.',
      'supported',
    ],
    ['mother-1990', "Mother won the Caméra d'Or at Cannes in 1990.", 'contradicted'],
    // The prize went to a person: the person must be the one recorded.
    [
      'mother-1990',
      'Dmitry Pevtsov won the European Film Award for Best Supporting Actor for his role.',
      'supported',
    ],
    [
      'mother-1990',
      'Oleg Yankovsky won the European Film Award for Best Supporting Actor for his role.',
      'unsupported',
    ],
    // An event named with its place in brackets in the record.
    [
      'the-return-of-vasili-bortnikov-1953',
      'It won the Golden Ear at the International festival of agricultural films in Rome in 1953.',
      'supported',
    ],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('versions named through another film', () => {
  it.each([
    [
      'the-forty-first-1956',
      "The Forty-First is a remake of Yakov Protazanov's 1927 silent film.",
      'supported',
    ],
    ['the-forty-first-1956', "It remakes Protazanov's silent film of the same name.", 'supported'],
    ['the-forty-first-1956', 'Protazanov had filmed the same story in 1927.', 'supported'],
    [
      'mother-1955',
      "Pudovkin's 1926 silent film is an earlier version of the same novel.",
      'supported',
    ],
    ['mother-1955', 'Gleb Panfilov filmed the novel again in 1990.', 'supported'],
    // A year one off is not the recorded version: not decided either way.
    ['the-forty-first-1956', "It is a remake of Protazanov's 1928 film.", 'unsupported'],
    // A remake cannot come before the film.
    ['the-forty-first-1956', 'The Forty-First was remade in 1927.', 'contradicted'],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('series named with their maker, or as the subject', () => {
  it.each([
    [
      'the-childhood-of-maxim-gorky-1938',
      "The Childhood of Maxim Gorky is the first part of Mark Donskoy's Gorky trilogy.",
      'supported',
    ],
    [
      'the-childhood-of-maxim-gorky-1938',
      "Donskoy's trilogy opens with The Childhood of Maxim Gorky.",
      'supported',
    ],
    [
      'the-childhood-of-maxim-gorky-1938',
      "Donskoy's trilogy ends with The Childhood of Maxim Gorky.",
      'contradicted',
    ],
    [
      'the-childhood-of-maxim-gorky-1938',
      'The Childhood of Maxim Gorky is part of a tetralogy.',
      'contradicted',
    ],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('people and films named in any script or romanization', () => {
  it.each([
    ['ballad-of-a-soldier-1959', 'It was directed by Grigorij Čuchraj.'],
    ['ballad-of-a-soldier-1959', 'Григорий Чухрай directed it.'],
    ['ballad-of-a-soldier-1959', 'Chukhrai directed Ballada o soldate.'],
    // Belarusian -aŭ is Russian -ov: Bykaŭ and Bykov are one writer.
    ['the-ascent-1977', "The film is based on Vasil Bykov's novella Sotnikov."],
    ['the-ascent-1977', "Shepitko adapted Vasil Bykov's novella Sotnikov."],
  ])('%s: %s', (film, sentence) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe('supported');
  });

  it('does not take a different writer for the recorded one', () => {
    expect(verdict('the-ascent-1977', "It is based on Vasily Grossman's novella Sotnikov.")).toBe(
      'unsupported',
    );
  });
});

describe('a prize as the subject, and polls', () => {
  it.each([
    [
      'ballad-of-a-soldier-1959',
      "The Palme d'Or of 1960 went to Ballad of a Soldier.",
      'contradicted',
    ],
    [
      'the-cranes-are-flying-1957',
      "The Palme d'Or went to The Cranes Are Flying at the 11th Cannes Film Festival.",
      'supported',
    ],
    [
      'the-cranes-are-flying-1957',
      "The Palme d'Or went to Mother at the 11th Cannes Film Festival.",
      'not-checkable',
    ],
    [
      'mother-1926',
      "In 1958 it was ranked among the twelve best films of all time in the Brussels World's Fair film poll.",
      'supported',
    ],
    [
      'mother-1926',
      "In 1962 it was ranked among the best films of all time in the Brussels World's Fair film poll.",
      'unsupported',
    ],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('no part carries another', () => {
  it('judges each of two prizes on its own', () => {
    const checked = checkText(
      'The Ascent won the Golden Bear and the Palme d’Or.',
      'the-ascent-1977',
      kb,
    );
    expect(
      checked.claims.map((c) => [c.kind === 'award' ? c.award : c.kind, c.judgement.verdict]),
    ).toEqual([
      ['Golden Bear', 'supported'],
      ['Palme d’Or', 'unsupported'],
    ]);
  });

  it('reads a further prize after the first one’s date as a claim of its own', () => {
    const checked = checkText(
      "It won the Golden Gate Award for Best Director in 1960 and the Palme d'Or in 1960.",
      'ballad-of-a-soldier-1959',
      kb,
    );
    expect(checked.claims.map((c) => c.judgement.verdict)).toEqual(['supported', 'contradicted']);
  });

  it('reads a denial with the person first', () => {
    expect(
      verdict('ballad-of-a-soldier-1959', 'Chukhrai did not direct Ballad of a Soldier.'),
    ).toBe('contradicted');
  });

  it('needs every named director, and never contradicts on a verb that does not name the role', () => {
    expect(
      verdict(
        'the-cranes-are-flying-1957',
        'Mikhail Kalatozov and Sergei Urusevsky directed it together.',
      ),
    ).toBe('unsupported');
    expect(
      verdict('the-house-i-live-in-1957', 'Lev Kulidzhanov and Yakov Segel directed it.'),
    ).toBe('supported');
    // A cinematographer "shot" the film; a producer may have "made" it.
    expect(
      extractClaims('Sergei Urusevsky shot The Cranes Are Flying.').some(
        (c) => c.kind === 'director',
      ),
    ).toBe(false);
    expect(
      verdict('the-cranes-are-flying-1957', 'Sergei Bondarchuk made The Cranes Are Flying.'),
    ).toBe('unsupported');
  });

  it('contradicts "the first adaptation" by an earlier one', () => {
    const j = judge('mother-1926', "The film was the first adaptation of Gorky's novel.");
    expect(j.verdict).toBe('contradicted');
    expect(j.explanation).toMatch(/Mat' \(1919/);
    expect(verdict('mother-1955', "Pudovkin's 1926 silent film is the original version.")).not.toBe(
      'contradicted',
    );
  });
});

describe('a claim about another film named as its subject', () => {
  it.each([
    // A film the base does not know: not a claim about the text's own film.
    [
      'the-childhood-of-maxim-gorky-1938',
      'My Apprenticeship is the second part of the trilogy.',
      'not-checkable',
    ],
    // Another film the base knows: judged about that film.
    ['the-ascent-1977', 'The Cranes Are Flying won the Golden Bear.', 'unsupported'],
    ['the-ascent-1977', "The Cranes Are Flying won the Palme d'Or in 1958.", 'supported'],
    // The prize went to one of the film's people: still about this film.
    [
      'mother-1990',
      'Dmitry Pevtsov won the European Film Award for Best Supporting Actor for his role.',
      'supported',
    ],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('films named through their relation to this one', () => {
  it.each([
    ['mother-1955', 'The 1926 version was directed by Pudovkin.', 'supported'],
    ['mother-1955', 'Its remake was directed by Gleb Panfilov.', 'supported'],
    ['mother-1955', 'Gleb Panfilov directed the 1990 version.', 'supported'],
    ['mother-1955', 'The 1990 version was directed by Mark Donskoy.', 'contradicted'],
    ['mother-1955', "Donskoy's film was shown at Cannes.", 'supported'],
    // Two earlier versions and none recorded as the one remade: "the original" is ambiguous.
    ['mother-1955', 'The original was directed by Vsevolod Pudovkin.', 'not-checkable'],
    // A festival year must be the recorded one.
    ['mother-1955', 'Mother was shown in competition at Cannes in 1957.', 'unsupported'],
  ])('%s: %s → %s', (film, sentence, expected) => {
    const j = judge(film, sentence);
    expect(j.verdict, j.explanation).toBe(expected);
  });
});

describe('a studio named after "by"', () => {
  it('is a part of the claim of its own', () => {
    const verdicts = (s: string) =>
      checkText(s, 'the-house-i-live-in-1957', kb).claims.map((c) => c.judgement.verdict);
    expect(verdicts('It was released in 1957 by Gorky Film Studio.')).toEqual([
      'supported',
      'supported',
    ]);
    expect(verdicts('It was released in 1957 by Lenfilm.')).toEqual(['supported', 'unsupported']);
  });
});
