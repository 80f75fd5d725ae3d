/**
 * The workspace as a curator and a reviewer use it, in Debian's Chromium: sign in, create a
 * collection, add films by searching in Cyrillic and in a romanization, reorder with the
 * keyboard, write a false award claim and see it flagged with evidence, fix it, submit; a
 * reviewer publishes; a reader sees it. Every workspace page is screenshotted and audited
 * with axe-core (no serious or critical violation).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser, seriousViolations, signInPage } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/workspace');
const PASSWORD = 'a long curator password';
const TITLE = 'Cranes and mothers';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await createTestApp('sqlite');
  for (const role of ['curator', 'reviewer', 'admin'] as const)
    await app.services.accounts.addUserFromCli({
      email: `${role}@kinoteka.test`,
      username: `${role}-one`,
      password: PASSWORD,
      role,
    });
  server = await listen(app);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

/** Screenshot and audit: every workspace page goes through here. */
async function look(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page), name).toEqual([]);
}

function signIn(login: string): Promise<Page> {
  return signInPage(browser, server.url, login, PASSWORD);
}

const entryTitles = (page: Page) => page.locator('.draft-entry h3').allTextContents();

describe('the curator workspace', () => {
  let slug = '';

  it('shows the sign-in page, and the throttling message after repeated failures', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.url}/workspace`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await look(page, 'sign-in');
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Email or username').fill('someone-else');
      await page.getByLabel('Password').fill(`not the password ${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Too many failed sign-ins');
    await look(page, 'sign-in-throttled');
    await page.close();
  });

  it('lets a curator write a collection with every claim checked, and submit it', async () => {
    const page = await signIn('curator-one');
    await look(page, 'workspace-empty');
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Introduction').fill('Two films about mothers and war.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect.poll(() => page.url()).toContain('/workspace/collections/');
    slug = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByLabel('Search in any script').fill('Летят журавли');
    await page.getByLabel('Search in any script').press('Enter');
    await page.getByRole('button', { name: 'Add The Cranes Are Flying (1957)' }).click();
    await page.getByLabel('Search in any script').fill('mat 1926');
    await page.getByLabel('Search in any script').press('Enter');
    await page.getByRole('button', { name: 'Add Mother (1926)' }).click();
    await expect
      .poll(() => entryTitles(page))
      .toEqual(['The Cranes Are Flying (1957)', 'Mother (1926)']);

    // Reorder with the keyboard: focus the button, press Enter; focus comes back to the entry.
    await page.getByRole('button', { name: 'Move up: Mother' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => entryTitles(page))
      .toEqual(['Mother (1926)', 'The Cranes Are Flying (1957)']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move down: Mother');
    // With the script the move needs no page load, and the live region says where it went.
    await expect
      .poll(() => page.locator('#reorder-status').textContent())
      .toBe('Moved Mother (1926) to position 1 of 2.');
    expect(await page.locator('#reorder-status').getAttribute('aria-live')).toBe('polite');

    // Drag and drop by the handle: Mother below The Cranes Are Flying again, then back up.
    const handleOf = (title: string) =>
      page.locator('.draft-entry', { hasText: title }).locator('.drag-handle');
    const entryOf = (title: string) => page.locator('.draft-entry', { hasText: title });
    // Tall enough that neither entry scrolls out of view during the drag (people autoscroll).
    await page.setViewportSize({ width: 1280, height: 2400 });
    const cranesBox = (await entryOf('The Cranes Are Flying').boundingBox())!;
    await handleOf('Mother (1926)').dragTo(entryOf('The Cranes Are Flying'), {
      targetPosition: { x: 20, y: cranesBox.height - 10 },
    });
    await expect
      .poll(() => entryTitles(page))
      .toEqual(['The Cranes Are Flying (1957)', 'Mother (1926)']);
    await expect
      .poll(() => page.locator('#reorder-status').textContent())
      .toBe('Moved Mother (1926) to position 2 of 2.');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    expect(await entryTitles(page)).toEqual(['The Cranes Are Flying (1957)', 'Mother (1926)']);
    await page.getByRole('button', { name: 'Move up: Mother' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => entryTitles(page))
      .toEqual(['Mother (1926)', 'The Cranes Are Flying (1957)']);

    // A false award claim, flagged while typing (debounced) with the evidence.
    const note = page.getByLabel('Note on The Cranes Are Flying');
    await note.fill("It won the Palme d'Or in 1960.");
    const verdictsOf = async (label: string) =>
      page.locator(`#${await page.getByLabel(label).getAttribute('data-check')}`);
    const verdicts = await verdictsOf('Note on The Cranes Are Flying');
    await expect.poll(() => verdicts.textContent(), { timeout: 10_000 }).toContain('Contradicted');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved');
    const saved = await verdictsOf('Note on The Cranes Are Flying');
    expect(await saved.textContent()).toContain('Contradicted');
    expect(await saved.textContent()).toContain('1958');
    expect(await page.locator('.eyebrow + h1 + p, h1 ~ p').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('1 claim contradicted')]),
    );
    await look(page, 'editor-flagged');

    // Fixed: supported.
    await page
      .getByLabel('Note on The Cranes Are Flying')
      .fill("It won the Palme d'Or at Cannes in 1958.");
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(async () => (await verdictsOf('Note on The Cranes Are Flying')).textContent())
      .toContain('Supported');

    // A fact with a source attached.
    await page
      .getByLabel('Fact on The Cranes Are Flying (cite a source)')
      .fill("The Cranes Are Flying won the Palme d'Or at the 1958 Cannes Film Festival.");
    await page.getByRole('button', { name: 'Save draft' }).click();
    const cranes = page.locator('.draft-entry', {
      has: page.getByLabel('Note on The Cranes Are Flying'),
    });
    await cranes.getByText('Attach a source to this fact').click();
    await cranes.getByLabel('URL').fill('https://www.festival-cannes.com/en/1958');
    await cranes.getByLabel('Title').fill('Festival de Cannes 1958: awards');
    await cranes.getByLabel('Publisher').fill('Festival de Cannes');
    await cranes.getByRole('button', { name: 'Attach source' }).click();
    await expect
      .poll(() =>
        page
          .locator('.draft-entry', { has: page.getByLabel('Note on The Cranes Are Flying') })
          .locator('.sources')
          .textContent(),
      )
      .toContain('Festival de Cannes 1958: awards');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.eyebrow').textContent()).toContain('Waiting for review');
    await look(page, 'editor-submitted');

    await page.goto(`${server.url}/account`);
    await page.getByLabel('Name of a new token').fill('import script');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.locator('#new-token').textContent()).toMatch(/^kt_/);
    await look(page, 'account');
    await page.context().close();
  });

  it('hides the draft from a reader until a reviewer publishes it', async () => {
    const reader = await browser.newPage();
    const before = await reader.goto(`${server.url}/collections/${slug}`);
    expect(before?.status()).toBe(404);

    const page = await signIn('reviewer-one');
    await look(page, 'workspace-review-queue');
    await page.getByRole('link', { name: TITLE }).click();
    await look(page, 'review');
    await page.getByRole('button', { name: 'Approve and publish' }).click();
    await expect.poll(() => page.locator('.eyebrow').textContent()).toContain('Published');
    await page.context().close();

    const after = await reader.goto(`${server.url}/collections/${slug}`);
    expect(after?.status()).toBe(200);
    expect(await reader.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await reader.content()).toContain('The Cranes Are Flying');
    expect(await reader.content()).toContain('https://www.festival-cannes.com/en/1958');
    await reader.close();
  });

  it('shows the audit log to an admin', async () => {
    const page = await signIn('admin-one');
    await page.getByRole('link', { name: 'Audit log' }).click();
    const text = await page.locator('table').textContent();
    expect(text).toContain('collection.publish');
    expect(text).toContain('signin.throttled');
    await look(page, 'audit');
    await page.context().close();
  });

  it('imports a Letterboxd list into a draft, with a choice for each entry that did not resolve', async () => {
    const page = await signIn('curator-one');
    await page.getByRole('link', { name: 'Import a list' }).click();
    await look(page, 'import');
    // A file that is not a Letterboxd export: refused, naming the line, nothing saved.
    await page.getByLabel('List file (.txt, .md or .csv, UTF-8)').setInputFiles({
      name: 'wrong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Letterboxd list export v7\nDate,Title\n'),
    });
    await page.getByRole('button', { name: 'Read the list' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringContaining('wrong.csv:2: expected the list header')]),
      );
    await look(page, 'import-refused');
    await page
      .getByLabel('List file (.txt, .md or .csv, UTF-8)')
      .setInputFiles(path.resolve(import.meta.dirname, '../fixtures/lists/letterboxd-v7.csv'));
    await page.getByRole('button', { name: 'Read the list' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Letterboxd CSV');
    await look(page, 'import-preview');
    const mother = page.locator('fieldset', { hasText: 'Several films match' });
    expect(await mother.getByRole('radio').count()).toBe(4);
    await mother.getByRole('radio', { name: /Mother \(1990\)/ }).check();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await expect.poll(() => page.url()).toContain('/workspace/collections/mothers-sons-and-cranes');
    expect(await entryTitles(page)).toEqual([
      'Mother (1926)',
      'The House I Live In (1957)',
      'The Cranes Are Flying (1957)',
      'Mother (1990)',
    ]);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export as Letterboxd CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\n').slice(0, 2)).toEqual([
      '\uFEFFPosition,Name,Year,Description',
      `1,Mother,1926,"Pudovkin's silent, after Gorky."`,
    ]);
    await page.context().close();
  });

  it('lets an admin manage users and roles', async () => {
    const page = await signIn('admin-one');
    await page.getByRole('link', { name: 'Users' }).click();
    await look(page, 'users');
    await page.getByLabel('Email').fill('teacher@kinoteka.test');
    await page.getByLabel('Username').fill('teacher');
    await page.getByLabel('First password (at least 10 characters; they change it)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Add the user' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('added');
    await page.getByLabel('Role of teacher', { exact: true }).selectOption('reviewer');
    await page.getByRole('button', { name: 'Change role of teacher' }).click();
    await expect
      .poll(() => page.getByLabel('Role of teacher', { exact: true }).inputValue())
      .toBe('reviewer');
    await page.getByRole('button', { name: 'Disable teacher' }).click();
    await expect
      .poll(() => page.locator('tr', { hasText: 'teacher' }).textContent())
      .toContain('Disabled');
    await look(page, 'users-changed');
    await page.context().close();
  });
});
