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
    expect(await items.nth(1).textContent()).toMatch(/Ballad of a Soldier[\s\S]*Director · Writer/);
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
});
