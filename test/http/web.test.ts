/** The web pages in-process: markup, languages, structured data, sitemap, errors. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

let app: TestApp;
const page = async (path: string) => {
  const res = await app.http().request(path);
  return { res, html: await res.text() };
};

beforeAll(async () => {
  app = await createTestApp('sqlite');
});
afterAll(async () => {
  await app?.close();
});

describe('web pages', () => {
  it('home lists the collection with its cover, excerpt and film count', async () => {
    const { res, html } = await page('/');
    expect(res.status).toBe(200);
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('href="/collections/mothers-in-soviet-cinema"');
    expect(html).toContain('/covers/collections/mothers-in-soviet-cinema.svg');
    expect(html).toContain('10 films');
  });

  it('collection page carries the entries, corrections and an ItemList', async () => {
    const { html } = await page('/collections/mothers-in-soviet-cinema');
    expect(html).toContain('<span lang="ru">Летят журавли</span>');
    expect(html).toContain('id="corrections"');
    expect(html).toContain('The Mother (1975)');
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    expect(ld['@type']).toBe('ItemList');
    expect(ld.itemListElement).toHaveLength(10);
    expect(ld.itemListElement[8].url).toBe('http://kinoteka.test/films/mother-1990');
    expect(html).toContain('<meta property="og:title" content="Mothers in Soviet Cinema"/>');
  });

  it('film page has a Movie with director, duration and subtitle language', async () => {
    const { html } = await page('/films/the-cranes-are-flying-1957');
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    expect(ld).toMatchObject({
      '@type': 'Movie',
      name: 'The Cranes Are Flying',
      duration: 'PT95M',
      inLanguage: ['ru'],
      subtitleLanguage: 'en',
    });
    expect(ld.director[0].name).toBe('Mikhail Kalatozov');
    expect(html).toContain('How to watch in English');
    expect(html).toContain('<meta property="og:type" content="video.movie"/>');
  });

  it('a film with no known English release says so and claims no subtitle language', async () => {
    const { html } = await page('/films/mother-1955');
    expect(html).toContain('No English release known');
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    expect(ld.subtitleLanguage).toBeUndefined();
  });

  it('person page shows the name in both scripts', async () => {
    const { html } = await page('/people/larisa-shepitko');
    expect(html).toContain('Larisa Shepitko');
    expect(html).toContain('lang="ru">Лариса Шепитько');
    expect(html).toContain('href="/films/the-ascent-1977"');
  });

  it('unknown slugs get a 404 page', async () => {
    for (const path of [
      '/films/the-mother-1975',
      '/people/nobody',
      '/collections/none',
      '/nowhere',
    ]) {
      const { res, html } = await page(path);
      expect(res.status).toBe(404);
      expect(html).toContain('<h1>Not found</h1>');
    }
  });

  it('escapes hostile text', async () => {
    const { res, html } = await page('/films/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(404);
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('sitemap lists every public page; robots points at it', async () => {
    const { html: xml } = await page('/sitemap.xml');
    expect(xml).toContain('<loc>http://kinoteka.test/collections/mothers-in-soviet-cinema</loc>');
    expect(xml.match(/<loc>http:\/\/kinoteka.test\/films\/[a-z0-9-]+<\/loc>/g)).toHaveLength(10);
    expect(xml).toContain('<loc>http://kinoteka.test/people/aleksey-batalov</loc>');
    const { html: robots } = await page('/robots.txt');
    expect(robots).toContain('Sitemap: http://kinoteka.test/sitemap.xml');
  });

  it('covers are SVG with both scripts, safe to embed', async () => {
    const { res, html: svg } = await page('/covers/films/the-ascent-1977.svg');
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg).toContain('The Ascent');
    expect(svg).toContain('Восхождение');
    expect(svg).toContain('1977');
    expect(svg).not.toMatch(/<script|href=/);
  });

  it('pages name no external script, style, font or image', async () => {
    for (const path of ['/', '/collections/mothers-in-soviet-cinema', '/films/mother-1926']) {
      const { html } = await page(path);
      const external = html.match(/<(script|link|img)[^>]+(src|href)="https?:\/\/[^"]+"/g) ?? [];
      expect(external.filter((t) => !t.includes('rel="canonical"'))).toEqual([]);
    }
  });

  it('film list: decade options are every decade in the catalogue; empty fields mean any', async () => {
    const { html } = await page('/films');
    const options = [...html.matchAll(/<option value="(\d{4})"/g)].map((m) => Number(m[1]));
    expect(options).toEqual(await app.services.catalog.decades());
    expect(options).toContain(1920);
    expect(options).toContain(1990);
    // The form submits "Any" as an empty value: that is no filter, not the decade 0.
    const any = await page('/films?decade=&access=');
    expect(any.html).toContain('10 films in the catalogue');
    expect((await page('/films?decade=1920')).html).toContain('1 film in the catalogue');
    for (const bad of ['/films?decade=abc', '/films?decade=1925', '/films?page=-1&access=subs']) {
      const r = await page(bad);
      expect(r.res.status).toBe(200);
      expect(r.html).toContain('10 films in the catalogue');
    }
  });

  it('film list: a year range from the form, typed either way round', async () => {
    const fifties = await page('/films?year_from=1950&year_to=1959');
    expect(fifties.html).toContain('6 films in the catalogue');
    expect(fifties.html).toContain(
      'name="year_from" min="1880" max="2100" inputmode="numeric" value="1950"',
    );
    // Typed backwards, the range is read the way round it was meant.
    expect((await page('/films?year_from=1959&year_to=1950')).html).toContain(
      '6 films in the catalogue',
    );
    // One end only: everything from that year on.
    expect((await page('/films?year_from=1977')).html).toContain('2 films in the catalogue');
    // A year no film can have, or not a number, is no filter; a decade chosen wins over years.
    expect((await page('/films?year_from=abc&year_to=3000')).html).toContain(
      '10 films in the catalogue',
    );
    expect((await page('/films?decade=1920&year_from=1950')).html).toContain(
      '1 film in the catalogue',
    );
  });
  it('search page trims the query and prompts when nothing is asked', async () => {
    const { html } = await page(`/search?q=${encodeURIComponent('   cranes are flying  ')}`);
    expect(html).toContain('<title>Search: cranes are flying · Kinoteka</title>');
    expect(html).toContain('href="/films/the-cranes-are-flying-1957"');
    const blank = await page('/search?q=%20%20');
    expect(blank.html).toContain('<title>Search · Kinoteka</title>');
    expect(blank.html).toContain('Type a title or a name');
  });

  it('a path that cannot name a film, person or cover is a 404', async () => {
    for (const path of ['/films/Mother-1926', '/people/-x-', '/covers/films/nope-1999.svg']) {
      expect((await page(path)).res.status).toBe(404);
    }
  });

  it('a content load that changes a film shows at once, despite the response cache', async () => {
    const before = await page('/films/the-ascent-1977');
    expect(before.html).toContain('<h1>The Ascent</h1>');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-web-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    const file = path.join(dir, 'films/the-ascent-1977.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('english: The Ascent', 'english: The Ascent (restored)'),
    );
    await app.services.content.load(dir);
    expect((await page('/films/the-ascent-1977')).html).toContain('<h1>The Ascent (restored)</h1>');
    await app.services.content.load(CONTENT_DIR);
    expect((await page('/films/the-ascent-1977')).html).toContain('<h1>The Ascent</h1>');
  });
});
