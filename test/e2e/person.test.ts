/**
 * A person's page in Chromium: the years of their catalogued films, every role in each film
 * (director and writer of one film, an actor as a named character), and the name in every
 * script with the standard romanizations, each marked with its language.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await createTestApp('sqlite');
  server = await listen(app);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('person pages', () => {
  it('a director and writer: both roles on one film, films oldest first, the years', async () => {
    await page.goto(`${server.url}/people/grigori-chukhrai`);
    const films = page.getByRole('region', { name: 'Films in the catalogue' });
    const items = films.locator('ul.film-list > li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toMatch(/The Forty-First[\s\S]*Director/);
    // Each role is followed by the footnotes of its sources, if any: "Director [1] · Writer".
    expect(await items.nth(1).textContent()).toMatch(
      /Ballad of a Soldier[\s\S]*Director( \[\d+\])* · Writer/,
    );
    const header = (await page.locator('header.page-header').textContent()) ?? '';
    expect(header).toMatch(/In the catalogue: 1956–1959, 2 films/);
  });

  it('an actor: the character in each film', async () => {
    await page.goto(`${server.url}/people/aleksey-batalov`);
    const text =
      (await page.getByRole('region', { name: 'Films in the catalogue' }).textContent()) ?? '';
    expect(text).toContain('Actor as Pavel Vlasov, her son');
    expect(text).toContain('Actor as Boris Borozdin');
  });

  it('the name in every script: credited, Cyrillic (lang=ru) and romanized (lang=ru-Latn)', async () => {
    await page.goto(`${server.url}/people/aleksey-batalov`);
    const names = page.getByRole('region', { name: 'Names' });
    expect(await names.locator('dd[lang="ru"]').textContent()).toBe('Алексей Баталов');
    const romanized = await names.locator('dd[lang="ru-Latn"]').allTextContents();
    // ISO 9 writes й as j; the credited spelling (BGN/PCGN here) is not repeated.
    expect(romanized).toContain('Aleksej Batalov');
    expect(romanized).not.toContain('Aleksey Batalov');
    expect(await names.textContent()).toMatch(/ISO 9/);
  });

  it("the person's file: dates and place in Life, other names, each with a footnote to its source", async () => {
    await page.goto(`${server.url}/people/vsevolod-pudovkin`);
    const life = page.getByRole('region', { name: 'Life' });
    const born = life.locator('dt:has-text("Born") + dd');
    expect(await born.locator('time').getAttribute('datetime')).toBe('1893-02-28');
    expect(await born.textContent()).toMatch(
      /^28 February 1893, Penza, Russian Empire \(16 February in the Julian/,
    );
    const died = life.locator('dt:has-text("Died") + dd');
    expect(await died.locator('time').textContent()).toBe('30 June 1953');

    // Every footnote of the page points at a numbered source, whose kind is written beside it.
    const sources = page.getByRole('region', { name: 'Sources' });
    const bornCites = await born
      .locator('a.cite')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(bornCites.length).toBe(2);
    for (const href of bornCites) {
      const item = sources.locator(`li${href}`);
      expect(await item.count()).toBe(1);
    }
    const wiki = sources.locator('li', { hasText: 'Vsevolod Pudovkin — English Wikipedia' });
    expect(await wiki.locator('a').first().getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/Vsevolod_Pudovkin',
    );
    expect(await wiki.locator('.source-kind').textContent()).toMatch(/encyclopedia/i);

    const names = page.getByRole('region', { name: 'Names' });
    const full = names.locator('span[lang="ru"]', { hasText: 'Всеволод Илларионович Пудовкин' });
    expect(await full.count()).toBe(1);
    expect(await names.locator('span[lang="de"]').textContent()).toBe('Wsewolod Pudowkin');
    const fullRow = names.locator('dd', {
      has: page.locator('span[lang="ru"]', { hasText: 'Всеволод Илларионович Пудовкин' }),
    });
    expect(await fullRow.locator('a.cite').count()).toBeGreaterThan(0);
  });

  it('other scripts: the Georgian name at birth, marked lang=ka', async () => {
    await page.goto(`${server.url}/people/mikhail-kalatozov`);
    const names = page.getByRole('region', { name: 'Names' });
    expect(await names.locator('span[lang="ka"]').textContent()).toBe('მიხეილ კალატოზიშვილი');
    const died = page.getByRole('region', { name: 'Life' }).locator('dt:has-text("Died") + dd');
    // Only as precise as the sources agree: the month.
    expect(await died.locator('time').textContent()).toBe('March 1973');

    // Ukrainian beside Russian, both in Cyrillic, each marked with its own language.
    await page.goto(`${server.url}/people/larisa-shepitko`);
    const shepitko = page.getByRole('region', { name: 'Names' });
    expect(await shepitko.locator('span[lang="uk"]').textContent()).toBe(
      'Лариса Юхимівна Шепітько',
    );
    expect(await shepitko.locator('span[lang="ru"]').textContent()).toBe(
      'Лариса Ефимовна Шепитько',
    );
  });

  it('each role cites what it rests on; a person with no file shows no Life section', async () => {
    await page.goto(`${server.url}/people/aleksey-batalov`);
    expect(await page.getByRole('region', { name: 'Life' }).count()).toBe(0);
    const films = page.getByRole('region', { name: 'Films in the catalogue' });
    const cranes = films
      .locator('li', { hasText: 'The Cranes Are Flying' })
      .locator('.credit-line');
    const cite = cranes.locator('a.cite');
    expect(await cite.count()).toBe(1);
    const target = page.locator((await cite.getAttribute('href'))!);
    expect(await target.locator('a').first().getAttribute('href')).toBe(
      'https://en.wikipedia.org/wiki/The_Cranes_Are_Flying',
    );
  });

  it('screenshot of the person page of Vsevolod Pudovkin', async () => {
    await page.goto(`${server.url}/people/vsevolod-pudovkin`);
    const out = process.env.KINOTEKA_SCREENSHOTS;
    const shot = await page.screenshot({
      fullPage: true,
      ...(out ? { path: `${out}/person-vsevolod-pudovkin.png` } : {}),
    });
    expect(shot.byteLength).toBeGreaterThan(10_000);
    // And on a phone: the name labels stack above the names, nothing scrolls sideways.
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await phone.goto(`${server.url}/people/vsevolod-pudovkin`);
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      await phone.screenshot({
        fullPage: true,
        ...(out ? { path: `${out}/person-vsevolod-pudovkin-375.png` } : {}),
      });
    } finally {
      await phone.close();
    }
  });
});
