import { mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb.ts';
import { loadKnowledgeDir } from './knowledge-dir.ts';
import { parseEventsFile, parseFilmKnowledge } from './knowledge-file.ts';
import { KnowledgeFileError } from './yaml-file.ts';

const KNOWLEDGE = fileURLToPath(new URL('../../../../content/knowledge/', import.meta.url));
const CATALOGUE = [
  'mother-1926',
  'the-childhood-of-maxim-gorky-1938',
  'the-return-of-vasili-bortnikov-1953',
  'mother-1955',
  'the-forty-first-1956',
  'the-cranes-are-flying-1957',
  'the-house-i-live-in-1957',
  'ballad-of-a-soldier-1959',
  'the-ascent-1977',
  'mother-1990',
];

const GOOD = `film: the-ascent-1977
year: 1977
titles:
  english: [The Ascent]
  original: { text: Восхождение, language: ru }
sources:
  enwiki: { url: 'http://en.wikipedia.org/wiki/The_Ascent', title: The Ascent }
statements:
  - director: Larisa Shepitko
    sources: [enwiki]
  - award: { event: Berlin International Film Festival, edition: 27th, year: 1977, award: Golden Bear, result: won }
    sources: [enwiki, 'https://example.org/berlin-1977']
`;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof KnowledgeFileError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected a KnowledgeFileError');
}

describe('the default knowledge', () => {
  it('covers every catalogue film, with sourced statements and the award editions', async () => {
    const kb = new KnowledgeBase(await loadKnowledgeDir(KNOWLEDGE));
    expect(
      kb
        .films()
        .map((f) => f.key)
        .sort(),
    ).toEqual([...CATALOGUE].sort());
    for (const key of CATALOGUE) {
      const properties = new Set(kb.statements(key).map((s) => s.property));
      expect(properties, key).toContain('director');
      expect(properties, key).toContain('releaseYear');
      for (const s of kb.statements(key)) expect(s.sources.length, s.id).toBeGreaterThan(0);
    }
    expect(kb.editions().length).toBe(45);
    expect(kb.editions({ event: 'Moscow International Film Festival', edition: 10 })).toHaveLength(
      5,
    );
    expect(kb.statements('the-house-i-live-in-1957', 'director').map((s) => s.value.name)).toEqual([
      'Lev Kulidzhanov',
      'Yakov Segel',
    ]);
  });
});

describe('parseFilmKnowledge', () => {
  it('reads statements with their sources and line of origin', () => {
    const data = parseFilmKnowledge(GOOD, 'content/knowledge/the-ascent-1977.yaml');
    expect(data.films[0]?.directors).toEqual(['Larisa Shepitko']);
    const award = data.statements.find((s) => s.property === 'award');
    expect(award?.value).toMatchObject({ edition: 27, result: 'won' });
    expect(award?.sources.map((s) => s.url)).toEqual([
      'http://en.wikipedia.org/wiki/The_Ascent',
      'https://example.org/berlin-1977',
    ]);
    expect(award?.origin).toBe('content/knowledge/the-ascent-1977.yaml:11');
  });

  it('reports YAML syntax errors with their line', () => {
    const broken = GOOD.replace('  english: [The Ascent]', '  english: [The Ascent');
    const issues = issuesOf(() => parseFilmKnowledge(broken, 'k/the-ascent-1977.yaml'));
    expect(issues[0]).toMatch(/^k\/the-ascent-1977\.yaml:\d+: /);
  });

  it('reports each invalid statement at its own line, and loads nothing', () => {
    const bad = GOOD.replace(
      '    sources: [enwiki]\n  - award',
      '    sources: [wikipedia]\n  - award',
    )
      .replace('result: won', 'result: victorious')
      .concat(
        '  - director: Someone\n    writer: Someone Else\n    sources: [enwiki]\n  - runtime: 111\n',
      );
    const issues = issuesOf(() => parseFilmKnowledge(bad, 'k/the-ascent-1977.yaml'));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^k\/the-ascent-1977\.yaml:11: statements\[1\]\.award\.result: /),
        expect.stringMatching(
          /^k\/the-ascent-1977\.yaml:13: statements\[2\]: a statement holds one fact, but this one has director and writer/,
        ),
        expect.stringMatching(/^k\/the-ascent-1977\.yaml:16: statements\[3\]\.sources: /),
      ]),
    );
  });

  it('reports unknown sources and fields, and a slug that does not fit the file name', () => {
    const bad = GOOD.replace(
      '    sources: [enwiki]\n  - award',
      '    sources: [wikipedia]\n  - award',
    ).replace('year: 1977\ntitles', 'year: 1977\nrating: 5\ntitles');
    const issues = issuesOf(() => parseFilmKnowledge(bad, 'k/mother-1926.yaml'));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^k\/mother-1926\.yaml:3: rating: unknown field "rating"/),
      ]),
    );
    const unknownSource = issuesOf(() =>
      parseFilmKnowledge(
        GOOD.replace('    sources: [enwiki]\n  - award', '    sources: [wikipedia]\n  - award'),
        'k/mother-1926.yaml',
      ),
    );
    expect(unknownSource).toEqual([
      'k/mother-1926.yaml:1: film is "the-ascent-1977" but the file is named mother-1926.yaml',
      'k/mother-1926.yaml:9: unknown source "wikipedia" (not in this file\'s sources:)',
    ]);
  });
});

describe('parseEventsFile', () => {
  it('reads editions and rejects an edition without its completeness', () => {
    const good = `editions:
  - event: Academy Awards
    edition: 50th
    year: 1978
    award: Best Foreign Language Film
    complete: true
    winners:
      - { title: Madame Rosa, countries: [France], sources: ['https://example.org/r'] }
    nominees: []
    sources: ['https://example.org/oscars']
`;
    const data = parseEventsFile(good, 'events.yaml');
    expect(data.editions[0]).toMatchObject({ edition: 50, complete: true, kind: 'award' });
    const issues = issuesOf(() =>
      parseEventsFile(good.replace('    complete: true\n', ''), 'events.yaml'),
    );
    expect(issues).toEqual([
      expect.stringMatching(
        /^events\.yaml:2: editions\[0\]\.complete: complete must be true or false/,
      ),
    ]);
    const twice = good + good.replace('editions:\n', '');
    expect(issuesOf(() => parseEventsFile(twice, 'events.yaml'))).toEqual([
      'events.yaml:11: the same edition and award as line 2',
    ]);
  });
});

describe('loadKnowledgeDir', () => {
  it('loads nothing when any file is bad, and names every bad file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinoteka-knowledge-'));
    await copyFile(join(KNOWLEDGE, 'the-ascent-1977.yaml'), join(dir, 'the-ascent-1977.yaml'));
    await copyFile(join(KNOWLEDGE, 'events.yaml'), join(dir, 'events.yaml'));
    const mother = await readFile(join(KNOWLEDGE, 'mother-1926.yaml'), 'utf8');
    await writeFile(
      join(dir, 'mother-1926.yaml'),
      mother.replace('  - releaseYear: 1926\n', '  - releaseYear: nineteen\n'),
    );
    await expect(loadKnowledgeDir(dir, dir)).rejects.toThrow(
      /^mother-1926\.yaml:\d+: statements\[0\]\.releaseYear/,
    );
  });
});
