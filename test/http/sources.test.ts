/** Source kinds beside citations: film, collection and fact-check pages, and the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { FactCheckPage } from '../../src/web/pages/FactCheck.tsx';

let app: TestApp;
const page = async (path: string) => {
  const res = await app.http().request(path);
  return { res, html: await res.text() };
};
const json = async (path: string) => (await app.http().request(path)).json() as Promise<any>;

/** The numbered sources list of a page: each item's link and the kind label beside it. */
function sourceItems(html: string): { href: string; label: string | undefined }[] {
  const list = /<ol class="sources">(.*?)<\/ol>/s.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li id="source-\d+"[^>]*>(.*?)<\/li>/gs)].map((m) => ({
    href: /href="([^"]+)"/.exec(m[1]!)![1]!,
    label: /class="source-kind source-kind-[a-z]+">([^<]+)</.exec(m[1]!)?.[1],
  }));
}

beforeAll(async () => {
  app = await createTestApp('sqlite');
});
afterAll(async () => {
  await app?.close();
});

describe('source kinds', () => {
  it('the film page shows the kind beside each cited source', async () => {
    const { res, html } = await page('/films/the-ascent-1977');
    expect(res.status).toBe(200);
    const items = sourceItems(html);
    expect(items.length).toBeGreaterThan(0);
    // Every citation carries a label.
    expect(items.filter((i) => i.label === undefined)).toEqual([]);
    expect(items.find((i) => i.href.includes('en.wikipedia.org'))?.label).toBe('encyclopedia');
    expect(items.find((i) => i.href.includes('infogalactic.com'))?.label).toBe('mirror copy');
    expect(items.find((i) => i.href.includes('tvtropes.org'))?.label).toBe('user-written');
    // The inline [n] links name the kind for screen readers.
    expect(html).toMatch(
      /aria-label="Source \d+ \(encyclopedia\): The Ascent — English Wikipedia"/,
    );
  });

  it('the collection page labels its sources too', async () => {
    const items = sourceItems((await page('/collections/mothers-in-soviet-cinema')).html);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((i) => i.label === undefined)).toEqual([]);
  });

  it('the API gives each source its kind', async () => {
    const { data } = await json('/api/v1/films/the-ascent-1977');
    const sources = [...data.synopsis.sources, ...data.facts.flatMap((f: any) => f.sources)];
    const byUrl = new Map(sources.map((s: any) => [s.url, s.kind]));
    expect(byUrl.get('http://en.wikipedia.org/wiki/The_Ascent')).toBe('encyclopedia');
    expect(byUrl.get('https://www.infogalactic.com/info/The_Ascent')).toBe('mirror');
    expect(byUrl.get('https://tvtropes.org/pmwiki/pmwiki.php/Film/TheAscent1977')).toBe('user');
    const doc = await json('/api/openapi.json');
    expect(doc.components.schemas.Source.required).toContain('kind');
    expect(doc.components.schemas.Source.properties.kind.enum).toContain('mirror');
  });

  it('fact-check evidence is weakly sourced exactly when all its sources are mirrors or user pages', async () => {
    const { data } = await json('/api/v1/collections/mothers-in-soviet-cinema/fact-check');
    const evidence = data.entries.flatMap((e: any) =>
      [...e.description.claims, ...e.fact.claims].flatMap((c: any) => c.evidence),
    );
    expect(evidence.length).toBeGreaterThan(0);
    for (const ev of evidence) {
      expect(ev.sources.length).toBeGreaterThan(0);
      const weak = ev.sources.every((s: any) => s.kind === 'mirror' || s.kind === 'user');
      expect(ev.weakly_sourced).toBe(weak);
    }
    const { html } = await page('/collections/mothers-in-soviet-cinema/fact-check');
    expect(html).toContain('class="source-kind source-kind-');
    const marks = html.match(/class="weak-source"/g)?.length ?? 0;
    expect(marks).toBe(evidence.filter((ev: any) => ev.weakly_sourced).length);
  });

  it('a claim resting only on a mirror copy is weakly sourced, in the API and on the page', async () => {
    const res = await app.http().request('/api/v1/claims/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        film: 'mother-1926',
        text: 'Mother was directed by Vsevolod Pudovkin.',
      }),
    });
    const claim = ((await res.json()) as any).data.claims[0];
    expect(claim.verdict).toBe('supported');
    expect(claim.evidence[0].sources.map((s: any) => s.kind)).toEqual(['mirror']);
    expect(claim.evidence[0].weakly_sourced).toBe(true);

    const draft = await app.services.imports.importList(
      new TextEncoder().encode(
        '# Weak\n\n## Mother (1926)\n\nFact: Mother was directed by Vsevolod Pudovkin.\n',
      ),
      'weak.md',
    );
    const check = await app.services.collections.factCheck(draft.collection.slug, {
      includeDrafts: true,
    });
    const html = String(await FactCheckPage({ check }));
    expect(html).toMatch(/class="weak-source">\s*Weakly sourced/);
    expect(html).toContain('<span class="source-kind source-kind-mirror">mirror copy</span>');
  });
});
