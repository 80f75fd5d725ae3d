/**
 * History, review and corrections in Debian's Chromium: a curator opens a published
 * collection's working copy, changes its fact and submits; a reviewer sends it back with a
 * comment the curator then sees; resubmitted, the reviewer reads the diff and the fact-check
 * summary, writes the correction's reason and publishes; the curator compares two revisions
 * and opens one; a reader sees the dated correction. Each page is screenshotted and audited
 * with axe-core (no serious or critical violation).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/modules/accounts/index.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser, seriousViolations, signInPage } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/workspace-history');
const PASSWORD = 'a long curator password';
const CRANES = 'the-cranes-are-flying-1957';
const FIRST_FACT = 'It won the Palme d’Or at Cannes in 1958.';
const NEW_FACT =
  'It won the Palme d’Or at the 1958 Cannes Film Festival, the only Soviet film to do so.';
const REASON = 'The first version did not say it is the only Soviet winner.';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let slug = '';

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await createTestApp('sqlite');
  const users: Record<string, User> = {};
  for (const role of ['curator', 'reviewer'] as const)
    users[role] = await app.services.accounts.addUserFromCli({
      email: `${role}@kinoteka.test`,
      username: `${role}-two`,
      password: PASSWORD,
      role,
    });
  // A collection already published, the way the workspace makes one.
  const drafts = app.services.drafts;
  slug = await drafts.create(users.curator!, {
    title: 'Palme d’Or films',
    intro: 'Soviet films that won at Cannes.',
  });
  let d = await drafts.apply(users.curator!, slug, { version: 1 }, { kind: 'add', film: CRANES });
  d = await drafts.apply(
    users.curator!,
    slug,
    {
      version: d.version,
      notes: { [d.entries[0]!.id]: 'Kalatozov’s war film, shot by Urusevsky.' },
      facts: { [d.entries[0]!.id]: FIRST_FACT },
    },
    { kind: 'save' },
  );
  d = await drafts.apply(users.curator!, slug, { version: d.version }, { kind: 'submit' });
  await drafts.publish(users.reviewer!, slug, d.version);
  server = await listen(app);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

async function look(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
}

function signIn(login: string): Promise<Page> {
  return signInPage(browser, server.url, login, PASSWORD);
}

describe('history, review and corrections in the browser', () => {
  it('takes a change to a published fact through review to a correction readers see', async () => {
    const curator = await signIn('curator-two');
    await curator.goto(`${server.url}/workspace/collections/${slug}`);
    await curator.getByRole('button', { name: /Edit this collection/ }).click();
    await expect.poll(() => curator.url()).toContain(`/workspace/collections/${slug}-edit`);
    await expect(curator.getByText('A working copy of').isVisible()).resolves.toBe(true);
    await curator.getByLabel('Fact on The Cranes Are Flying').fill(NEW_FACT);
    await curator.getByRole('button', { name: 'Save draft' }).click();
    await curator.getByRole('button', { name: 'Submit for review' }).click();
    await curator.waitForURL(/submitted=1/);

    const reviewer = await signIn('reviewer-two');
    await reviewer.goto(`${server.url}/workspace/collections/${slug}-edit/review`);
    await reviewer.getByLabel('Comment for the curator (required)').fill('Say which festival.');
    await reviewer.getByRole('button', { name: 'Send back for changes' }).click();
    await reviewer.waitForURL(/\/workspace$/);

    await curator.goto(`${server.url}/workspace/collections/${slug}-edit`);
    await expect(curator.getByText('Say which festival.').isVisible()).resolves.toBe(true);
    await look(curator, 'editor-sent-back');
    await curator.getByRole('button', { name: 'Submit for review' }).click();
    await curator.waitForURL(/submitted=1/);

    await reviewer.goto(`${server.url}/workspace/collections/${slug}-edit/review`);
    const changes = reviewer.locator('.diff');
    await expect(changes.locator('.diff-text ins').first().textContent()).resolves.toContain(
      '1958',
    );
    await expect(reviewer.getByText('Fact-check summary').isVisible()).resolves.toBe(true);
    await look(reviewer, 'review');
    await reviewer.getByLabel('Reason (printed with the correction)').fill(REASON);
    await reviewer.getByRole('button', { name: 'Approve and publish' }).click();
    await reviewer.waitForURL(/published=1/);

    await curator.goto(`${server.url}/workspace/collections/${slug}/history`);
    await expect(curator.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(8);
    await curator.getByLabel('From').selectOption('4');
    await curator.getByRole('button', { name: 'Compare' }).click();
    await curator.waitForURL(/from=4/);
    await expect(curator.locator('.diff-text').first().isVisible()).resolves.toBe(true);
    await look(curator, 'history');
    await curator.getByRole('link', { name: '1', exact: true }).click();
    await expect(
      curator
        .getByRole('button', { name: 'Restore revision 1 as a new draft revision' })
        .isVisible(),
    ).resolves.toBe(true);
    await look(curator, 'revision');

    const reader = await (await browser.newContext({ bypassCSP: true })).newPage();
    await reader.goto(`${server.url}/collections/${slug}`);
    const printed = reader.locator('.printed-correction');
    await expect(printed.textContent()).resolves.toContain(REASON);
    await expect(printed.textContent()).resolves.toContain(FIRST_FACT);
    await expect(reader.locator('.fact').textContent()).resolves.toContain('only Soviet film');
    await look(reader, 'collection-correction');
  });

  it('opens a film correction from a search, shows its changes, and refuses a malformed line', async () => {
    const curator = await signIn('curator-two');
    await curator.goto(`${server.url}/workspace/films?q=${encodeURIComponent('Мать 1926')}`);
    await curator.getByRole('button', { name: 'Correct Mother (1926)' }).click();
    await expect.poll(() => curator.url()).toMatch(/\/workspace\/film-drafts\/\d+$/);
    await curator.getByLabel('Alternative titles').fill('Mat | ru-Latn');
    await curator.getByLabel('Source URL').fill('https://example.org/mother-1926');
    await curator.getByLabel('Source title').fill('Mother (1926), restoration notes');
    await curator.getByRole('button', { name: 'Save film draft' }).click();
    await curator.waitForURL(/saved=1/);
    await expect(curator.locator('.diff-added').first().textContent()).resolves.toContain(
      'Mat | ru-Latn',
    );
    await look(curator, 'film-draft');
    await curator.getByLabel('Credits').fill('producer | Nobody');
    await curator.getByRole('button', { name: 'Save film draft' }).click();
    await expect(
      curator.getByText(/credits line 1: the role must be one of/).isVisible(),
    ).resolves.toBe(true);
    await curator.goto(`${server.url}/workspace/films`);
    await look(curator, 'film-drafts');
  });
});
