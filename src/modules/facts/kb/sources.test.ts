import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb.ts';
import { loadKnowledgeDir } from './knowledge-dir.ts';
import { sourceKind, urlProblem, weaklySourced } from './sources.ts';

describe('sourceKind', () => {
  it.each([
    ['https://www.festival-cannes.com/en/films/letyat-zhuravli', 'official'],
    ['https://fresques.ina.fr/jalons/fiche-media/InaEdu05094/x.html', 'archive'],
    ['http://www.silentera.com/PSFL/data/M/Mat1919.html', 'reference'],
    ['https://en.wikipedia.org/wiki/The_Ascent', 'encyclopedia'],
    ['https://it.m.wikipedia.org./wiki/Festival', 'encyclopedia'],
    ['https://www.coolconnections.ru/en/titles/the-ascent', 'distributor'],
    ['https://piglix.com/w/The_Forty-First', 'mirror'],
    ['https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki/Mother.html', 'mirror'],
    ['https://enwiki.academic.ru/dic.nsf/enwiki/123', 'mirror'],
    ['https://www.imdb.com/title/tt0075404/', 'reference'],
    ['https://www.imdb.com/review/rw1234567/', 'user'],
    ['https://tvtropes.org/pmwiki/pmwiki.php/Film/TheAscent', 'user'],
    ['https://example.net/page', 'unknown'],
  ])('%s is %s', (url, kind) => {
    expect(sourceKind({ url })).toBe(kind);
  });

  it('marks a statement weakly sourced only when every source is a mirror or a user page', () => {
    expect(weaklySourced({ sources: [{ url: 'https://piglix.com/w/X' }] })).toBe(true);
    expect(
      weaklySourced({
        sources: [{ url: 'https://piglix.com/w/X' }, { url: 'https://en.wikipedia.org/wiki/X' }],
      }),
    ).toBe(false);
  });
});

describe('urlProblem', () => {
  it.each([
    ['http://advanceq.comwww.silentera.com/PSFL/data/M/Mat1919.html', /two host names/],
    ['www.silentera.com/PSFL/data/M/Mat1919.html', /no http/],
    ['http://192.168.0.1/page', /address, not a name/],
    ['http://not_a_host/page', /not a domain name/],
  ])('%s', (url, problem) => {
    expect(urlProblem(url)).toMatch(problem);
  });

  it('passes well-formed URLs', () => {
    expect(urlProblem('http://www.silentera.com/PSFL/data/M/Mat1919.html')).toBeUndefined();
    expect(urlProblem('https://it.m.wikipedia.org./wiki/Festival')).toBeUndefined();
  });

  it('finds no malformed URL in the default knowledge', async () => {
    const kb = new KnowledgeBase(
      await loadKnowledgeDir(
        fileURLToPath(new URL('../../../../content/knowledge', import.meta.url)),
      ),
    );
    const urls = [
      ...kb.allStatements().flatMap((s) => s.sources.map((x) => x.url)),
      ...kb.editions().flatMap((e) => e.sources.map((x) => x.url)),
    ];
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.filter((u) => urlProblem(u) !== undefined)).toEqual([]);
  });
});
