/**
 * The catalogue's access filter counts the copies the media library holds, on SQLite and
 * PostgreSQL, through the API and the film list page of the whole application: media generated
 * with ffmpeg, scanned, probed and matched to catalogue films, beside the catalogue's offers.
 *
 * In the default content no film has a `dub` or `voice-over` offer, and `mother-1955`,
 * `the-house-i-live-in-1957` and `the-return-of-vasili-bortnikov-1953` have no offer at all.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestLibrary, generateTestLibrary } from '../fixtures/media/generate.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const HOUSE = 'Dom (1957) {kinoteka-the-house-i-live-in-1957}';

let dir: string;
let lib: TestLibrary;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-media-access-'));
  lib = await generateTestLibrary(dir);
  // mother-1955's copy (Russian audio only) gets an English forced track: signs, not the film
  fs.writeFileSync(
    path.join(lib.root, 'Tagged', 'Anything {kinoteka-mother-1955}.en.forced.srt'),
    '1\n00:00:00,200 --> 00:00:01,000\n[Sign: Moscow]\n',
  );
  // the-house-i-live-in-1957: Russian original and an English voice-over, an English sidecar
  fs.mkdirSync(path.join(lib.root, HOUSE));
  execFileSync('ffmpeg', [
    '-v', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2',
    '-f', 'lavfi', '-i', 'sine=frequency=660:duration=2',
    '-map', '0:v', '-map', '1:a', '-map', '2:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest',
    '-metadata:s:a:0', 'language=rus', '-metadata:s:a:1', 'language=eng',
    '-metadata:s:a:1', 'title=English voice-over',
    path.join(lib.root, HOUSE, `${HOUSE}.mkv`),
  ]); // prettier-ignore
  fs.writeFileSync(
    path.join(lib.root, HOUSE, `${HOUSE}.en.srt`),
    '1\n00:00:00,500 --> 00:00:01,500\nWe live here now.\n',
  );
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(DIALECTS)('the access filter counts self-hosted copies on %s', (dialect) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(dialect, {
      env: {
        KINOTEKA_MEDIA_ROOTS: lib.root,
        KINOTEKA_MEDIA_CACHE_DIR: path.join(dir, `cache-${dialect}`),
      },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const slugs = async (access: string) => {
    const res = await app.http().request(`/api/v1/films?access=${access}&per_page=100`);
    expect(res.status, access).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as { data: { slug: string }[]; meta: { total: number } };
    expect(body.meta.total).toBe(body.data.length);
    return body.data.map((f) => f.slug);
  };

  const listed = async () => {
    const res = await app.http().request('/api/v1/films?per_page=100');
    const body = (await res.json()) as {
      data: { slug: string; english_access: string[]; on_server: string[] | null }[];
    };
    return new Map(body.data.map((f) => [f.slug, f]));
  };

  it('counts only the offers while the library is empty', async () => {
    // the unfiltered list and page are kept by the response cache: they must not stay stale
    const films = await listed();
    expect([...films.values()].every((f) => f.on_server === null)).toBe(true);
    expect(films.get('mother-1926')!.english_access).not.toContain('dub');
    expect(await (await app.http().request('/films')).text()).not.toContain('On this server');
    expect(await slugs('on-server')).toEqual([]);
    expect(await slugs('dub')).toEqual([]);
    expect(await slugs('none')).toEqual([
      'the-return-of-vasili-bortnikov-1953',
      'mother-1955',
      'the-house-i-live-in-1957',
    ]);
  });

  it('finds films by their copies once the library is scanned and probed', async () => {
    const before = await slugs('subtitles');
    await app.services.media.scan(app.config.media.roots);
    await app.jobs.drain();

    // any copy; the unmatched Zhuravli (1975) counts for no film
    expect(await slugs('on-server')).toEqual([
      'mother-1926',
      'mother-1955',
      'the-cranes-are-flying-1957',
      'the-house-i-live-in-1957',
      'ballad-of-a-soldier-1959',
    ]);
    // Mother (1926).mkv has an "English dub" track; no offer in the catalogue is a dub
    expect(await slugs('dub')).toEqual(['mother-1926']);
    expect(await slugs('voice-over')).toEqual(['the-house-i-live-in-1957']);
    // the English sidecar counts; mother-1955's forced track alone does not
    const subtitles = await slugs('subtitles');
    expect(subtitles).toEqual(
      [...before, 'the-house-i-live-in-1957'].sort(
        (a, b) => Number(a.slice(-4)) - Number(b.slice(-4)) || a.localeCompare(b),
      ),
    );
    expect(subtitles).not.toContain('mother-1955');
    // a film with a copy is not "none", even a copy without English
    expect(await slugs('none')).toEqual(['the-return-of-vasili-bortnikov-1953']);
    // the unfiltered list rows (kept by the cache before the scan) now join the copies' access
    const films = await listed();
    expect(films.get('mother-1926')!.on_server).toContain('dub');
    expect(films.get('mother-1926')!.english_access).toContain('dub');
    expect(films.get('the-house-i-live-in-1957')!.on_server).toEqual(['subtitles', 'voice-over']);
    expect(films.get('the-return-of-vasili-bortnikov-1953')!.on_server).toBeNull();
    const page = await (await app.http().request('/films')).text();
    expect(page).toContain('On this server: English subtitles, English voice-over');
    // the filter still narrows with the others
    const res = await app.http().request('/api/v1/films?access=on-server&decade=1950');
    const body = (await res.json()) as { data: { slug: string }[] };
    expect(body.data.map((f) => f.slug)).toEqual([
      'mother-1955',
      'the-cranes-are-flying-1957',
      'the-house-i-live-in-1957',
      'ballad-of-a-soldier-1959',
    ]);
  });

  it('the film list page filters by copy and is not kept by the page cache', async () => {
    const res = await app.http().request('/films?access=voice-over');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('href="/films/the-house-i-live-in-1957"');
    expect(html).not.toContain('href="/films/mother-1926"');
    expect(html).toContain('<option value="on-server">A copy on this server</option>');
    const onServer = await (await app.http().request('/films?access=on-server')).text();
    expect(onServer).toContain('href="/films/ballad-of-a-soldier-1959"');
    expect(onServer).not.toContain('href="/films/the-ascent-1977"');
  });
});
