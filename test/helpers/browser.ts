/** Debian's Chromium, driven by playwright-core: never a downloaded browser. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.KINOTEKA_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core's serious and critical violations on the page, as `impact id: targets` lines (an
 * empty list is a pass). The page's context needs `bypassCSP` for the script to be injected.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (ctx: Document) => Promise<any> } }
    ).axe.run(document);
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: { id: string; impact: string; nodes: string[] }) =>
        `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).join(', ')}`,
    );
}

/** Signs in through the sign-in form in a fresh context and waits for the workspace. */
export async function signInPage(
  browser: Browser,
  baseUrl: string,
  login: string,
  password: string,
): Promise<Page> {
  // bypassCSP lets axe-core be injected; the site's own CSP is tested elsewhere.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email or username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.url()).toContain('/workspace');
  return page;
}
