/**
 * People's files (`people/<slug>.yaml`) and the sources of credits: every problem is reported
 * at its file and line, and a file that is right lands in the plan beside the credited person.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from './content.files.ts';
import type { YamlFile } from './content.files.ts';
import { planContent } from './content.ts';

const FILM = `slug: test-1957
year: 1957
titles:
  english: Test Film
  original: { text: Тест, language: ru, script: Cyrl }
countries: [SU]
languages: [ru]
directors:
  - name: Anna Test
    original: Анна Тест
    sources: [ref]
cast:
  - person: { name: Boris Test, original: Борис Тест }
    character: The neighbour
    sources: [ref, cast-list]
synopsis: A test.
synopsisSources: [ref]
sources:
  ref: { url: 'https://example.org/a', title: A, accessed: 2026-11-27 }
  cast-list: { url: 'https://example.org/cast', title: Cast, accessed: 2026-11-27 }
`;

const PERSON = `slug: anna-test
name: Anna Test
names:
  - text: Анна Петровна Тест
    language: ru
    script: Cyrl
    note: Full name
    sources: [wiki]
born:
  date: 1901-03-06
  place: Odessa
  sources: [wiki]
died:
  date: "1981"
  sources: [wiki]
sources:
  wiki: { url: 'https://en.wikipedia.org/wiki/Anna_Test', title: Anna Test, accessed: 2026-12-02 }
`;

function file(name: string, text: string): YamlFile {
  const r = parseYaml(name, Buffer.from(text, 'utf8'));
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r;
}

const plan = (person: string, film = FILM, name = 'people/anna-test.yaml') =>
  planContent({
    films: [file('films/test-1957.yaml', film)],
    collections: [],
    people: [file(name, person)],
  });

/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe("people's files", () => {
  it('puts a valid file beside the credited person, with its sources among the sources', () => {
    const r = plan(PERSON);
    expect(r.problems).toEqual([]);
    const anna = r.plan!.people.find((p) => p.slug === 'anna-test')!;
    expect(anna.details?.file).toBe('people/anna-test.yaml');
    expect(anna.details?.data.born).toEqual({
      date: '1901-03-06',
      place: 'Odessa',
      sources: ['wiki'],
    });
    expect(anna.details?.data.died?.date).toBe('1981');
    expect(anna.details?.data.names[0]).toMatchObject({ text: 'Анна Петровна Тест', script: 'Cyrl' });
    expect(r.plan!.sources.map((s) => s.url)).toContain('https://en.wikipedia.org/wiki/Anna_Test');
    // A person without a file has no details.
    expect(r.plan!.people.find((p) => p.slug === 'boris-test')?.details).toBeUndefined();
  });

  it.each([
    ['1893-02-30', /born\.date: is not a real calendar date/],
    ['1893-13', /born\.date: is not a real calendar date/],
    ['16 February 1893', /born\.date: must be a date written YYYY-MM-DD/],
    ['93-02-16', /born\.date: must be a date written YYYY-MM-DD/],
  ])('reports a bad birth date %s at its file and line', (date, message) => {
    const text = PERSON.replace('date: 1901-03-06', `date: ${date}`);
    const r = plan(text);
    expect(r.plan).toBeUndefined();
    expect(r.problems).toEqual([
      { where: `people/anna-test.yaml:${lineOf(text, `date: ${date}`)}`, message: expect.stringMatching(message) },
    ]);
  });

  it('reports a death before the birth, at the date of death', () => {
    const text = PERSON.replace('date: "1981"', 'date: "1899"');
    expect(plan(text).problems).toEqual([
      {
        where: `people/anna-test.yaml:${lineOf(text, 'date: "1899"')}`,
        message: 'died.date: 1899 is before born.date 1901-03-06',
      },
    ]);
  });

  it('reports a date without a source, and an undeclared source key, where they are written', () => {
    const noSource = PERSON.replace('  date: 1901-03-06\n  place: Odessa\n  sources: [wiki]\n', '  date: 1901-03-06\n  sources: []\n');
    expect(plan(noSource).problems).toEqual([
      {
        where: `people/anna-test.yaml:${lineOf(noSource, 'sources: []')}`,
        message: 'born.sources: a date or place needs at least one source',
      },
    ]);
    const undeclared = PERSON.replace('    sources: [wiki]', '    sources: [wikidata]');
    expect(plan(undeclared).problems).toEqual([
      {
        where: `people/anna-test.yaml:${lineOf(undeclared, '[wikidata]')}`,
        message: 'names.0.sources.0: source "wikidata" is not declared under sources:',
      },
    ]);
  });

  it('reports a file for nobody the films credit, a slug unlike the file name, a different name', () => {
    const nobody = PERSON.replace('slug: anna-test', 'slug: vera-test');
    expect(plan(nobody, FILM, 'people/vera-test.yaml').problems).toEqual([
      { where: 'people/vera-test.yaml:1', message: expect.stringMatching(/^no film credits a person "vera-test"/) },
    ]);
    expect(plan(PERSON, FILM, 'people/anna.yaml').problems).toEqual([
      {
        where: 'people/anna.yaml:1',
        message: 'slug "anna-test" does not match the file name (expected "anna")',
      },
    ]);
    const renamed = PERSON.replace('name: Anna Test', 'name: Anna Tester');
    expect(plan(renamed).problems).toEqual([
      {
        where: 'people/anna-test.yaml:2',
        message: 'name: "Anna Tester" here but the credits write "Anna Test" (films/test-1957.yaml:9)',
      },
    ]);
  });

  it('reports a broken film file once, not again at the people it credits', () => {
    const film = FILM.replace('year: 1957', 'year: soon');
    expect(plan(PERSON, film).problems).toEqual([
      { where: 'films/test-1957.yaml:2', message: expect.stringMatching(/^year: /) },
    ]);
  });

  it("reports a credit's undeclared source in the film file", () => {
    const film = FILM.replace('sources: [ref, cast-list]', 'sources: [ref, imdb]');
    expect(plan(PERSON, film).problems).toEqual([
      {
        where: `films/test-1957.yaml:${lineOf(film, '[ref, imdb]')}`,
        message: 'cast.0.sources.1: source "imdb" is not declared under sources:',
      },
    ]);
  });
});
