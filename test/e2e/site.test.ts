/**
 * What a person sees, in Debian's Chromium: from the home page through the collection to a
 * film, and an accessibility audit (axe-core) of every kind of page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser, seriousViolations } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');

let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await createTestApp('sqlite');
  server = await listen(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

async function newPage(width = 1280, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  return browser.newPage({ viewport: { width, height: 900 }, ...opts });
}

describe('a viewer', () => {
  it('goes from the home page through the collection to a film', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Mothers in Soviet Cinema' }).click();
    await expect.poll(() => page.url()).toContain('/collections/mothers-in-soviet-cinema');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Mothers in Soviet Cinema');
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: 'Corrections' }).isVisible())
      .toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'collection.png'), fullPage: true });

    await page.getByRole('link', { name: 'The Cranes Are Flying', exact: true }).click();
    await expect.poll(() => page.url()).toContain('/films/the-cranes-are-flying-1957');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'The Cranes Are Flying',
    );
    // Both scripts, the Russian marked as Russian.
    expect(await page.locator('h1 + .original-title [lang="ru"]').textContent()).toBe(
      'Летят журавли',
    );
    expect(await page.locator('.original-title .translit').textContent()).toContain(
      'Letyat zhuravli',
    );
    expect(await page.getByRole('link', { name: 'Mikhail Kalatozov' }).first().isVisible()).toBe(
      true,
    );

    // A fact with a citation that leads to a real source link.
    const cite = page.locator('.fact-list li').first().locator('a.cite').first();
    const target = (await cite.getAttribute('href'))!;
    expect(target).toMatch(/^#source-\d+$/);
    const sourceLink = page.locator(`${target} a`);
    expect(await sourceLink.getAttribute('href')).toMatch(/^https?:\/\/[^ ]+$/);
    await cite.click();
    await expect.poll(() => page.url()).toContain(target);

    // The English-access table.
    const table = page.getByRole('table', { name: /with English subtitles/ });
    expect(await table.isVisible()).toBe(true);
    const header = await table.locator('thead th').allTextContents();
    expect(header).toEqual([
      'English access',
      'Release or stream',
      'Provider or label',
      'Region',
      'Year',
      'Source',
      'Checked',
    ]);
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr').first().textContent()).toContain('English subtitles');
    await page.screenshot({ path: path.join(SHOTS, 'film.png'), fullPage: true });
    await page.close();
  });

  it('reads the site on a phone without horizontal scrolling', async () => {
    const page = await newPage(375);
    for (const p of [
      '/',
      '/collections/mothers-in-soviet-cinema',
      '/films/ballad-of-a-soldier-1959',
    ]) {
      await page.goto(server.url + p);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: path.join(SHOTS, 'film-phone.png') });
    await page.close();
  });

  it('gets suggestions while typing, in any script, and picks one with the keyboard', async () => {
    const page = await newPage();
    await page.goto(server.url);
    const box = page.getByRole('combobox', { name: 'Search films' });
    await box.pressSequentially('letiat juravli', { delay: 20 });
    const option = page.getByRole('option', { name: /The Cranes Are Flying \(1957\)/ });
    await expect.poll(() => option.isVisible()).toBe(true);
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain('/films/the-cranes-are-flying-1957');
    await page.goto(`${server.url}/search?q=${encodeURIComponent('Шепитько восхождение')}`);
    expect(await page.locator('.search-results > li').first().textContent()).toContain(
      'The Ascent',
    );
    await page.screenshot({ path: path.join(SHOTS, 'search.png') });
    await page.close();
  });

  it('works with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/films?decade=1950`);
    expect(await page.locator('.film-list > li').count()).toBe(6);
    await page.goto(`${server.url}/people/aleksey-batalov`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Aleksey Batalov');
    await context.close();
  });
});

describe('accessibility', () => {
  for (const p of [
    '/',
    '/collections/mothers-in-soviet-cinema',
    '/films/the-cranes-are-flying-1957',
    '/films/mother-1955',
    '/people/aleksey-batalov',
    '/films',
    '/collections/mothers-in-soviet-cinema/fact-check',
    '/about/fact-checking',
    '/search?q=mother',
    '/nowhere',
  ]) {
    it(`axe finds no serious or critical violation on ${p}`, async () => {
      // The audit script is injected inline, which our CSP (rightly) forbids.
      const page = await newPage(1280, { bypassCSP: true });
      await page.goto(server.url + p);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
