/**
 * The player page of a film the server holds a copy of, and its assets: player.js, player.css,
 * and hls.js with its worker, read from the installed npm package and served from here (never
 * from a CDN; the pages' Content-Security-Policy allows only this origin).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Context, Hono } from 'hono';
import { NotFoundError } from '../../lib/errors.ts';
import { type PlaybackDto, mediaUrls } from '../../presenters/media.ts';
import type { Renderer } from '../render.tsx';
import { pathParams, slugParams } from '../input.ts';
import { PlayerPage, playerAssets } from '../pages/Player.tsx';

export interface PlayerDeps {
  render: Renderer;
  playback: (slug: string) => Promise<PlaybackDto | undefined>;
  /** Whether the copy is the generated demo library (the page says so). */
  isDemo?: (p: PlaybackDto) => Promise<boolean>;
}

const require = createRequire(import.meta.url);

function read(file: string | URL): { body: string; version: string } {
  const body = fs.readFileSync(file, 'utf8');
  return { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

const playerJs = read(new URL('../client/player.js', import.meta.url));
const playerCss = read(new URL('../assets/player.css', import.meta.url));
const hlsJs = read(require.resolve('hls.js/dist/hls.min.js'));
const hlsWorker = read(require.resolve('hls.js/dist/hls.worker.js'));
playerAssets.js = playerJs.version;
playerAssets.css = playerCss.version;

export function playerPages(deps: PlayerDeps): Hono {
  const app = new Hono();
  const asset = (a: { body: string }, type: string, cache: string) => (c: Context) =>
    c.body(a.body, 200, { 'content-type': type, 'cache-control': cache });
  const versioned = 'public, max-age=31536000, immutable';
  // hls.js is named without a version in its URL: cached for a day, revalidated by ETag.
  const daily = 'public, max-age=86400';
  app.get('/assets/player.js', asset(playerJs, 'text/javascript; charset=utf-8', versioned));
  app.get('/assets/player.css', asset(playerCss, 'text/css; charset=utf-8', versioned));
  app.get(mediaUrls.hlsScript(), asset(hlsJs, 'text/javascript; charset=utf-8', daily));
  app.get('/assets/hls.worker.js', asset(hlsWorker, 'text/javascript; charset=utf-8', daily));

  app.get('/films/:slug/watch', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const p = await deps.playback(slug);
    if (!p) throw new NotFoundError('This server holds no playable copy of that film.');
    const demo = deps.isDemo ? await deps.isDemo(p) : false;
    const html = await deps.render(
      {
        title: `Watch ${p.film.title} (${p.film.year})`,
        description: `${p.film.title} (${p.film.year}) with ${p.audio.length} audio and ${p.subtitles.length} subtitle tracks.`,
        path: mediaUrls.watch(slug),
        noindex: true,
      },
      <PlayerPage p={p} demo={demo} />,
    );
    // The playback descriptor changes with every scan: the page is not kept by the cache.
    return c.html(html, 200, { 'cache-control': 'private, no-store' });
  });
  return app;
}
