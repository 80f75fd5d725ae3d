/**
 * The player in Debian's Chromium, on media generated with ffmpeg: the film page offers the
 * copy, the player plays it over HLS (currentTime advances), shows the English cue that
 * belongs at that moment, switches to the English dub without reloading the page, keeps a
 * subtitle offset through a seek, and remembers the preferred way of watching on the next film.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestLibrary } from '../fixtures/media/generate.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { listen } from '../helpers/server.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');
const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let dir: string;
let app: TestApp;
let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-player-'));
  const lib = await generateTestLibrary(dir);
  app = await createTestApp('sqlite', {
    env: { KINOTEKA_MEDIA_ROOTS: lib.root, KINOTEKA_MEDIA_CACHE_DIR: path.join(dir, 'cache') },
  });
  await app.services.media.scan(app.config.media.roots);
  await app.jobs.drain();
  server = await listen(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type PlayerState = {
  time: number;
  paused: boolean;
  audio: string | null;
  hlsAudio: number | null;
  cues: string[];
  offset: number;
};

function state(page: Page): Promise<PlayerState> {
  return page.evaluate(() => {
    const v = document.getElementById('player') as HTMLVideoElement;
    const p = (window as any).kinotekaPlayer;
    const active = p.track.activeCues ? [...p.track.activeCues] : [];
    return {
      time: v.currentTime,
      paused: v.paused,
      audio: p.audio?.label ?? null,
      hlsAudio: p.hls ? p.hls.audioTrack : null,
      cues: active.map((c: any) => c.text),
      offset: p.offset,
    };
  });
}

async function seek(page: Page, t: number): Promise<void> {
  await page.evaluate(
    (to) =>
      new Promise<void>((resolve) => {
        const v = document.getElementById('player') as HTMLVideoElement;
        v.pause();
        v.addEventListener('seeked', () => resolve(), { once: true });
        v.currentTime = to;
      }),
    t,
  );
}

describe('the player', () => {
  it('is offered on the film page, plays, shows the English cue, switches audio, keeps the offset', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const audioRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/hls\/audio\/\d+\/\d+\/\d+\.m4s$/.test(r.url())) audioRequests.push(r.url());
    });

    await page.goto(`${server.url}/films/mother-1926`);
    const onServer = page.getByRole('region', { name: 'On this server' });
    expect(await onServer.textContent()).toContain('English dub');
    await onServer.screenshot({ path: path.join(SHOTS, 'film-on-server.png') });
    await onServer.getByRole('link', { name: /Watch/ }).click();
    await expect.poll(() => page.url()).toContain('/films/mother-1926/watch');
    await page.waitForLoadState('load');

    // the default is the original audio with English subtitles
    const audio = page.getByLabel('Audio');
    const subs = page.getByLabel('Subtitles', { exact: true });
    expect(await audio.locator('option:checked').textContent()).toBe('Russian original');
    expect(await subs.locator('option:checked').textContent()).toBe('English');
    // English first in the menu, the forced track marked
    expect(await subs.locator('option').allTextContents()).toEqual([
      'Off',
      'English',
      'English (forced)',
      'Russian',
    ]);

    // plays (Space, from the keyboard), and time advances
    await expect.poll(async () => (await state(page)).hlsAudio, { timeout: 30_000 }).toBe(0);
    await page.locator('h1').click();
    await page.keyboard.press('k');
    await expect
      .poll(async () => (await state(page)).time, { timeout: 20_000 })
      .toBeGreaterThan(0.3);

    // the cue that belongs at 1.0 s
    await seek(page, 1.0);
    await expect
      .poll(async () => (await state(page)).cues, { timeout: 15_000 })
      .toEqual(['Mother, I will come back.']);
    await page.screenshot({ path: path.join(SHOTS, 'player.png') });

    // no serious accessibility problem on the player page (axe-core, evaluated past the CSP)
    await page.evaluate(axeSource);
    const serious = await page.evaluate(async () => {
      const r = await (window as any).axe.run(document);
      return r.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(serious).toEqual([]);

    // switch to the English dub: no reload, hls.js fetches the other audio rendition
    await page.evaluate(() => ((window as any).__sameDocument = true));
    await audio.selectOption({ label: 'English dub' });
    await expect.poll(async () => (await state(page)).hlsAudio, { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('k');
    await expect
      .poll(() => audioRequests.some((u) => /\/audio\/\d+\/2\/0\.m4s$/.test(u)), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    expect(await page.locator('#player-status').textContent()).toContain('English dub');

    // an offset of +0.5 s, then a seek: the cue is where the offset puts it
    await page.locator('h1').click();
    for (let i = 0; i < 5; i++) await page.keyboard.press(']');
    expect(await page.locator('#offset-value').textContent()).toBe('+0.5 s');
    await seek(page, 1.8);
    await expect
      .poll(async () => (await state(page)).cues, { timeout: 15_000 })
      .toEqual(['Mother, I will come back.']);
    await seek(page, 0.7);
    await expect.poll(async () => (await state(page)).cues, { timeout: 15_000 }).toEqual([]);
    expect(errors).toEqual([]);

    // the offset is remembered for this film
    await page.reload();
    expect(await page.locator('#offset-value').textContent()).toBe('+0.5 s');
    await page.close();
  });

  it('remembers the preferred way of watching on the next film', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/films/mother-1926/watch`);
    await page.getByLabel('I prefer').selectOption({ label: 'English dub' });
    expect(await page.getByLabel('Audio').locator('option:checked').textContent()).toBe(
      'English dub',
    );
    // With the English dub there are no full subtitles; none chosen.
    expect(
      await page.getByLabel('Subtitles', { exact: true }).locator('option:checked').textContent(),
    ).toBe('Off');
    await page.goto(`${server.url}/films/the-cranes-are-flying-1957/watch`);
    expect(await page.getByLabel('I prefer').locator('option:checked').textContent()).toBe(
      'English dub',
    );
    // a direct-play MP4: plays the file itself
    await page.locator('h1').click();
    await page.keyboard.press('k');
    await expect
      .poll(() =>
        page.evaluate(() => (document.getElementById('player') as HTMLVideoElement).currentTime),
      )
      .toBeGreaterThan(0.3);
    expect(await page.locator('video source').getAttribute('src')).toMatch(/^\/media\/files\/\d+$/);
    await page.close();
  });
});
