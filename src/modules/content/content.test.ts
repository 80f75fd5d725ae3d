import { describe, expect, it } from 'vitest';
import { parseYaml } from './content.files.ts';
import { planContent } from './content.ts';
import type { YamlFile } from './content.files.ts';

const film = (slug: string, extra = '') => `slug: ${slug}
year: 1957
titles:
  english: Test Film
  original: { text: Тест, language: ru, script: Cyrl }
countries: [SU]
languages: [ru]
directors:
  - name: Anna Test
    original: Анна Тест
synopsis: A test.
synopsisSources: [ref]
sources:
  ref: { url: 'https://example.org/a', title: A, accessed: 2026-11-27 }
${extra}`;

function file(name: string, text: string): YamlFile {
  const r = parseYaml(name, Buffer.from(text, 'utf8'));
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe('planContent', () => {
  it('accepts a valid film and derives people from credits', () => {
    const r = planContent({ films: [file('films/test-1957.yaml', film('test-1957'))], collections: [] });
    expect(r.problems).toEqual([]);
    expect(r.plan?.people).toEqual([{ slug: 'anna-test', name: 'Anna Test', nameOriginal: 'Анна Тест' }]);
  });

  it('reports schema problems with the file and the line of the key', () => {
    const text = film('test-1957').replace('year: 1957', 'year: nineteen');
    const r = planContent({ films: [file('films/test-1957.yaml', text)], collections: [] });
    expect(r.problems).toEqual([
      { where: 'films/test-1957.yaml:2', message: expect.stringMatching(/^year: /) },
    ]);
  });

  it('reports unknown keys on their own line', () => {
    const r = planContent({
      films: [file('films/test-1957.yaml', film('test-1957', 'colour: true\n'))],
      collections: [],
    });
    expect(r.problems[0]?.where).toBe('films/test-1957.yaml:15');
    expect(r.problems[0]?.message).toMatch(/colour/);
  });

  it('reports an undeclared source key where it is used', () => {
    const text = film('test-1957').replace('synopsisSources: [ref]', 'synopsisSources: [nope]');
    const r = planContent({ films: [file('films/test-1957.yaml', text)], collections: [] });
    expect(r.problems).toEqual([
      {
        where: 'films/test-1957.yaml:12',
        message: 'synopsisSources.0: source "nope" is not declared under sources:',
      },
    ]);
  });

  it('reports a slug that does not match the file name', () => {
    const r = planContent({ films: [file('films/other-1957.yaml', film('test-1957'))], collections: [] });
    expect(r.problems[0]).toEqual({
      where: 'films/other-1957.yaml:1',
      message: 'slug "test-1957" does not match the file name (expected "other-1957")',
    });
  });

  it('reports one person written two ways in two files', () => {
    const a = file('films/a-1957.yaml', film('a-1957'));
    const b = file('films/b-1957.yaml', film('b-1957').replace('Анна Тест', 'Анна Тестова'));
    const r = planContent({ films: [a, b], collections: [] });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.where).toBe('films/b-1957.yaml:9');
    expect(r.problems[0]?.message).toMatch(/"Анна Тестова" here but "Анна Тест" at films\/a-1957.yaml:9/);
  });

  it('reports a collection entry naming an unknown film', () => {
    const coll = `slug: c
title: C
curator: Me
intro: Hello.
entries:
  - film: test-1957
    description: D
    fact: { text: F, sources: [s] }
  - film: missing-2000
    description: D
    fact: { text: F, sources: [s] }
sources:
  s: { url: 'https://example.org/s', title: S, accessed: 2026-11-27 }
`;
    const r = planContent({
      films: [file('films/test-1957.yaml', film('test-1957'))],
      collections: [file('collections/c.yaml', coll)],
      dir: '/srv/kino-content',
    });
    // The message names the folder that was passed, not the default one.
    expect(r.problems).toEqual([
      {
        where: 'collections/c.yaml:9',
        message: 'entries.1.film: no film "missing-2000" in /srv/kino-content/films/',
      },
    ]);
  });
});

describe('planContent: source URLs', () => {
  const withSource = (url: string) =>
    film('test-1957').replace(
      "sources:\n  ref: { url: 'https://example.org/a', title: A, accessed: 2026-11-27 }",
      `sources:\n  ref: { url: 'https://example.org/a', title: A, accessed: 2026-11-27 }\n  silentera:\n    title: Mat (1919)\n    url: '${url}'\n    accessed: 2026-11-27`,
    );
  const check = (url: string) =>
    planContent({ films: [file('films/test-1957.yaml', withSource(url))], collections: [] })
      .problems;

  it('reports two host names run together on the line of the URL', () => {
    expect(check('http://advanceq.comwww.silentera.com/PSFL/data/M/Mat1919.html')).toEqual([
      {
        where: 'films/test-1957.yaml:17',
        message: expect.stringMatching(
          /^sources\.silentera\.url: the host "advanceq\.comwww\.silentera\.com" looks like two host names run together/,
        ),
      },
    ]);
  });

  it('reports a host that is not a name, and a URL without a scheme', () => {
    expect(check('https://192.168.10.4/Mat1919.html')).toEqual([
      { where: 'films/test-1957.yaml:17', message: expect.stringMatching(/not a name/) },
    ]);
    expect(check('www.silentera.com/PSFL/data/M/Mat1919.html')).toEqual([
      { where: 'films/test-1957.yaml:17', message: expect.stringMatching(/^sources\.silentera\.url: /) },
    ]);
  });

  it('accepts the corrected URL', () => {
    expect(check('http://www.silentera.com/PSFL/data/M/Mat1919.html')).toEqual([]);
  });
});

describe('parseYaml', () => {
  it('reports YAML syntax errors with their line', () => {
    const r = parseYaml('films/x.yaml', Buffer.from('slug: x\ntitles: [unclosed\nyear: 1\n'));
    expect('problems' in r && r.problems[0]?.where).toMatch(/^films\/x.yaml:\d+$/);
  });

  it('rejects a file that is not UTF-8, naming the line', () => {
    // "Мать" in Windows-1251 on line 2.
    const bytes = Buffer.concat([Buffer.from('slug: x\ntitle: '), Buffer.from([0xcc, 0xe0, 0xf2, 0xfc]), Buffer.from('\n')]);
    const r = parseYaml('films/x.yaml', bytes);
    expect(r).toEqual({
      problems: [{ where: 'films/x.yaml:2', message: 'is not valid UTF-8 (save the file as UTF-8)' }],
    });
  });
});
