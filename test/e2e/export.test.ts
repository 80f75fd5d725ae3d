/**
 * Search in the static export, in Chromium, served by a plain static file server: the
 * engine's own snapshot and query code find a film by its Cyrillic title and by a
 * romanization with the year, from the search page and from the header's form.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import type { ExportReport } from '../../src/modules/export/index.ts';
import { exportTestSite } from '../helpers/export.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

describe('search in the static export', () => {
  let app: TestApp;
  let dir: string;
  let report: ExportReport;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    ({ dir, report } = await exportTestSite(app));
    server = await serveStatic(dir);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const results = async () => {
    await page
      .locator('.search-results li, [role=status]:text-matches("Nothing")')
      .first()
      .waitFor();
    return page
      .locator('.search-results h3 a')
      .evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href })),
      );
  };

  it('finds Мать (1926) by its Cyrillic title', async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('Мать')}`);
    const found = await results();
    expect(found.map((r) => r.href)).toContain(`${server.url}/films/mother-1926/`);
    expect(await page.getByRole('status').textContent()).toMatch(/films? for “Мать”/);
    expect(await page.locator('#site-search').inputValue()).toBe('Мать');
    // it loaded the manifest and the parts of its word, not the whole index
    const downloaded = Number(await page.locator('body').getAttribute('data-search-downloaded'));
    expect(downloaded).toBeGreaterThan(0);
    expect(downloaded).toBeLessThan(report.indexBytes);
  });

  it('finds it first by "mat 1926", typed into the header form of the home page', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#site-search').fill('mat 1926');
    await page.locator('#site-search').press('Enter');
    await page.waitForURL(/\/search\/\?q=mat/);
    const found = await results();
    expect(found[0]).toEqual({ text: 'Mother', href: `${server.url}/films/mother-1926/` });
    // the result's link leads to the exported film page
    await page.locator('.search-results h3 a').first().click();
    await page.waitForURL(`${server.url}/films/mother-1926/`);
    expect(await page.locator('h1').textContent()).toContain('Mother');
  });

  it('says so when nothing matches, and screenshots the results', async () => {
    await page.goto(`${server.url}/search/?q=zzzzqqqq`);
    await page.getByRole('status').filter({ hasText: 'Nothing found' }).waitFor();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('Летят журавли')}`);
    expect((await results())[0]?.href).toBe(`${server.url}/films/the-cranes-are-flying-1957/`);
    const out = process.env.KINOTEKA_SCREENSHOTS;
    const shot = await page.screenshot({
      fullPage: true,
      ...(out ? { path: `${out}/export-search.png` } : {}),
    });
    expect(shot.byteLength).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });
});
