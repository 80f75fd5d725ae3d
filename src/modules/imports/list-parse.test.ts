import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ListParseError, parseList } from './list-parse.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/lists/${name}`, import.meta.url)));

function issues(input: string | Uint8Array, file = 'list.txt'): string[] {
  try {
    parseList(input, file);
  } catch (err) {
    if (err instanceof ListParseError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected a ListParseError');
}

describe('parseList: the seed format', () => {
  const list = parseList(fixture('soviet-mothers.txt'), 'soviet-mothers.txt');

  it('keeps the intro and finds all ten entries with their lines', () => {
    expect(list.format).toBe('plain');
    expect(list.intro).toMatch(/^Soviet cinema has a rich tradition/);
    expect(list.intro).toMatch(/maternal bonds\.$/);
    expect(list.entries.map((e) => [e.line, e.title, e.year])).toEqual([
      [3, 'Mother', 1955],
      [8, 'The Cranes Are Flying', 1957],
      [13, 'The Ballad of a Soldier', 1959],
      [18, 'The Forty-First', 1956],
      [23, 'The House I Live In', 1957],
      [28, 'The Return of Vasili Bortnikov', 1953],
      [33, 'The Childhood of Maxim Gorky', 1938],
      [38, 'The Mother', 1926],
      [43, 'The Mother', 1975],
      [48, 'The Ascent', 1977],
    ]);
  });

  it('separates descriptions from facts', () => {
    const ascent = list.entries[9];
    expect(ascent?.description?.text).toMatch(/^While primarily a war film/);
    expect(ascent?.description?.line).toBe(49);
    expect(ascent?.facts.map((f) => f.text)).toEqual([
      'The film won the Golden Prize at the 10th Moscow International Film Festival and was nominated for an Academy Award for Best Foreign Language Film.',
    ]);
  });
});

describe('parseList: numbered and Markdown lists', () => {
  it('reads numbered items with their notes and continuation lines', () => {
    const list = parseList(fixture('numbered.md'), 'numbered.md');
    expect(list.format).toBe('numbered');
    expect(list.title).toBe('Soviet war films for a rainy week');
    expect(list.intro).toBe('A short list I made for a film club. Years are from memory.');
    expect(list.entries.map((e) => [e.title, e.year, e.notes.map((n) => n.text)])).toEqual([
      [
        'The Cranes Are Flying',
        1957,
        ["Kalatozov's Palme d'Or winner; the camera work is astonishing."],
      ],
      [
        'Ballad of a Soldier',
        1960,
        [
          "a soldier's short leave. It was nominated for an Academy Award for Best Original Screenplay.",
        ],
      ],
      ['Voskhozhdeniye', 1976, ["Shepitko's last completed film."]],
      ['The Forty First', 1956, ['remade from a 1927 silent.']],
    ]);
  });

  it('reads ## headings, the title, labelled and unlabelled paragraphs', () => {
    const list = parseList(fixture('headings.md'), 'headings.md');
    expect(list.format).toBe('markdown');
    expect(list.title).toBe('Mothers on screen');
    expect(list.intro).toBe('Three films about mothers, for a seminar.');
    const [mother, cranes, panfilov] = list.entries;
    expect(mother?.description?.text).toBe(
      "Pudovkin's silent film follows a mother drawn into the 1905 revolution.",
    );
    expect(mother?.facts[0]?.text).toBe("It was based on Maxim Gorky's novel.");
    expect(cranes?.title).toBe('Летят журавли');
    expect(cranes?.description?.text).toBe('Veronika waits for Boris.');
    expect(cranes?.facts[0]?.line).toBe(14);
    expect(panfilov).toMatchObject({ title: 'Mother', year: null, line: 16 });
  });
});

describe('parseList: unusable input', () => {
  it('says so when there are no films', () => {
    expect(issues('Just a paragraph about cinema.\n')).toEqual([
      'list.txt:1: no films found: expected "Title (Year)" lines, a numbered list ("1. Title (1957)") or "## Title (Year)" headings',
    ]);
  });

  it('names the line of a fact that belongs to no film, and of an impossible year', () => {
    const text = 'Intro.\nFact: Cannes loved it.\n\nMother (1726)\nDescription: A film.\n';
    expect(issues(text)).toEqual([
      'list.txt:2: a "Fact:" paragraph before the first film; each one must follow a film\'s heading',
      'list.txt:4: 1726 is not a plausible film year',
    ]);
  });

  it('reports a file that is not UTF-8 instead of garbling its titles', () => {
    // "Мать (1926)" in Windows-1251, after an ASCII first line.
    const bytes = Uint8Array.from([
      ...Buffer.from('My list\n'),
      0xcc,
      0xe0,
      0xf2,
      0xfc,
      ...Buffer.from(' (1926)\n'),
    ]);
    const [message] = issues(bytes, 'cp1251.txt');
    expect(message).toMatch(
      /^cp1251\.txt:2: the file is not valid UTF-8 \(byte 0xCC at offset 8\).*Windows-1251/,
    );
  });

  it('decodes UTF-16 and drops a UTF-8 byte-order mark', () => {
    const text = 'Мать (1926)\nDescription: Pudovkin.\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parseList(utf16).entries[0]?.title).toBe('Мать');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(parseList(bom).entries[0]?.line).toBe(1);
  });
});

describe('parseList: a one-item numbered list', () => {
  it('is still a numbered list', () => {
    const list = parseList('1. The Ascent (1977) — Shepitko\n');
    expect(list.format).toBe('numbered');
    expect(list.entries[0]).toMatchObject({ title: 'The Ascent', year: 1977 });
  });
});
