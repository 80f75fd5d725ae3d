/**
 * Phone widths: every page of every kind (all of them, enumerated from sitemap.xml, plus the
 * search results and the fact-check pages) at 320, 375 and 390 px, in one browser session:
 * no sideways scroll, and the "How to watch in English" table keeps every column on phones.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const WIDTHS = [320, 375, 390];

let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let paths: string[];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await createTestApp('sqlite');
  server = await listen(app);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  const xml = await (await fetch(`${server.url}/sitemap.xml`)).text();
  paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  paths.push('/search?q=mother');
  const collection = paths.find((p) => p.startsWith('/collections/'));
  if (collection) paths.push(`${collection}/fact-check`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('phone widths', () => {
  it('the sitemap names pages of every kind', () => {
    for (const kind of [/^\/$/, /^\/films\/./, /^\/people\/./, /^\/collections\/./])
      expect(paths.some((p) => kind.test(p))).toBe(true);
  });

  // One test per width (about sixty pages each), all in the one page of one browser.
  it.each(WIDTHS)(
    'no page scrolls sideways at %i px',
    async (width) => {
      const wide: string[] = [];
      await page.setViewportSize({ width, height: 800 });
      for (const p of paths) {
        const res = await page.goto(`${server.url}${p}`);
        expect(res?.status(), p).toBeLessThan(400);
        const m = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        if (m.scroll > m.inner) wide.push(`${p}: ${m.scroll} > ${m.inner}`);
      }
      expect(wide).toEqual([]);
    },
    180_000,
  );

  it('"How to watch in English" shows year, source and checked on a phone; dates do not wrap', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${server.url}/films/the-ascent-1977`);
    await page.screenshot({
      path: path.join(SHOTS, 'phone-320-the-ascent-1977.png'),
      fullPage: true,
    });
    const table = page.locator('section.access table');
    await expect.poll(() => table.count()).toBe(1);
    for (const header of ['Year', 'Source', 'Checked']) {
      const cells = table.locator(`td[data-label="${header}"]`);
      expect(await cells.count(), header).toBeGreaterThan(0);
      for (const cell of await cells.all()) expect(await cell.isVisible(), header).toBe(true);
    }
    // A date is one line: its height is that of one line of its text.
    for (const t of await page.locator('time').all()) {
      const lines = await t.evaluate((el) => el.getClientRects().length);
      expect(lines, (await t.textContent()) ?? '').toBe(1);
    }
  });

  it('screenshots of a few pages at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const p of ['/', '/films/mother-1990', paths.find((x) => x.startsWith('/people/'))!]) {
      await page.goto(`${server.url}${p}`);
      const name = p === '/' ? 'home' : p.slice(1).replace(/\//g, '-');
      await page.screenshot({ path: path.join(SHOTS, `phone-375-${name}.png`), fullPage: true });
    }
  });
});
