/**
 * Media routes. Under /media: a library file's bytes with range requests (direct play), HLS
 * playlists and fMP4 segments made on demand, WebVTT tracks. Under /api/v1: a film's playback
 * descriptor. Every URL names library ids (digits only, by the route patterns); a path never
 * comes from the request, and the file's real path is checked against the media roots when it
 * is opened (see ../media/library.ts). Anything else under /media is a 404.
 */
import fs from 'node:fs/promises';
import { ServerResponse } from 'node:http';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import {
  COVER_WIDTHS,
  type MediaFile,
  type MediaService,
  type MediaStream,
} from '../../modules/media/index.ts';
import { type PlaybackDto, mediaUrls, playbackDto, subtitleLabel } from '../../presenters/media.ts';
import {
  type SegmentPlan,
  codecOfInit,
  copiesAudio,
  copiesVideo,
  masterPlaylist,
  mediaPlaylist,
  subtitlePlaylist,
} from '../media/hls.ts';
import { checkedPath, contentTypeOf, openLibraryFile } from '../media/library.ts';
import { sendFile, serveFile } from '../media/range.ts';
import type { SegmentMaker, SourceFile } from '../media/segments.ts';
import type { ApiRoute } from './registry.ts';

export interface MediaRouteDeps {
  media: MediaService;
  segments: SegmentMaker;
  /** The configured media roots as real paths. */
  roots: () => Promise<string[]>;
  playback: (slug: string) => Promise<PlaybackDto | undefined>;
}

/** Route patterns admit digits; `id()` takes at most nine, without a leading zero. */
const ID = '[0-9]+';
const M3U8 = 'application/vnd.apple.mpegurl';
const notFound = () => new NotFoundError('No such media.');

function id(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  const m = /^([1-9][0-9]{0,8})(?:\.(?:vtt|m3u8))?$/.exec(raw);
  if (!m) throw notFound();
  return Number(m[1]);
}

function streamIndex(raw: string | undefined): number {
  const m = /^(0|[1-9][0-9]{0,2})(?:\.m3u8)?$/.exec(raw ?? '');
  if (!m) throw notFound();
  return Number(m[1]);
}

interface AudioSource {
  file: SourceFile;
  stream: MediaStream;
}

interface HlsSource {
  video: MediaFile;
  source: SourceFile;
  videoStream: MediaStream;
  copyVideo: boolean;
  audio: AudioSource[];
  subtitles: { id: number; language: string | null; forced: boolean; sdh: boolean }[];
}

/**
 * Gets a probed video ready to play over HLS, for the `media.hls-plan` job queued after each
 * probe: makes (and keeps on disk) its segment plan, so that pressing play does not wait for the
 * pass over its packets, and the first segment of the video and of the first audio track, whose
 * init sections the master playlist's CODECS come from (segments live in the cache, under its
 * size limit, like any other). Does nothing for a file that is not a probed video.
 */
export async function planHls(
  deps: Pick<MediaRouteDeps, 'media' | 'segments' | 'roots'>,
  videoId: number,
): Promise<void> {
  const d = await deps.media.fileDetail(videoId);
  if (!d || d.file.kind !== 'video' || d.file.probeState !== 'done') return;
  const videoStream = d.streams.find((s) => s.type === 'video');
  const abs = await checkedPath(d.file, await deps.roots());
  if (!videoStream || !abs || d.file.durationS === null) return;
  const source: SourceFile = {
    id: d.file.id,
    absPath: abs,
    size: d.file.size,
    mtimeMs: d.file.mtimeMs,
    durationS: d.file.durationS,
  };
  const copy = copiesVideo(videoStream.codec);
  const plan = await deps.segments.plan(source, { index: videoStream.index, copy });
  const audio =
    d.streams.find((s) => s.type === 'audio' && s.default) ??
    d.streams.find((s) => s.type === 'audio');
  await deps.segments.first(
    source,
    plan,
    { kind: 'video', index: videoStream.index, copy },
    audio ? { kind: 'audio', index: audio.index, copy: copiesAudio(audio.codec) } : undefined,
  );
}

export function mediaApp(deps: MediaRouteDeps): Hono {
  const { media, segments } = deps;
  const app = new Hono();

  async function source(file: MediaFile): Promise<SourceFile> {
    const abs = await checkedPath(file, await deps.roots());
    if (!abs || file.durationS === null) throw notFound();
    return {
      id: file.id,
      absPath: abs,
      size: file.size,
      mtimeMs: file.mtimeMs,
      durationS: file.durationS,
    };
  }

  async function hls(videoId: number): Promise<HlsSource> {
    const d = await media.fileDetail(videoId);
    if (!d || d.file.kind !== 'video' || d.file.probeState !== 'done') throw notFound();
    const videoStream = d.streams.find((s) => s.type === 'video');
    if (!videoStream) throw notFound();
    const src = await source(d.file);
    const audio: AudioSource[] = d.streams
      .filter((s) => s.type === 'audio')
      .map((stream) => ({ file: src, stream }));
    for (const side of d.sidecars.filter((f) => f.kind === 'audio' && f.probeState === 'done')) {
      const sd = await media.fileDetail(side.id);
      const sideSrc = await source(side).catch(() => undefined);
      if (!sd || !sideSrc) continue;
      for (const stream of sd.streams.filter((s) => s.type === 'audio')) {
        audio.push({
          file: sideSrc,
          stream: { ...stream, language: stream.language ?? side.language },
        });
      }
    }
    return {
      video: d.file,
      source: src,
      videoStream,
      copyVideo: copiesVideo(videoStream.codec),
      audio,
      subtitles: d.subtitles,
    };
  }

  const plan = (h: HlsSource): Promise<SegmentPlan> =>
    segments.plan(h.source, { index: h.videoStream.index, copy: h.copyVideo });

  function audioOf(h: HlsSource, fileId: number, index: number): AudioSource {
    const a = h.audio.find((x) => x.file.id === fileId && x.stream.index === index);
    if (!a) throw notFound();
    return a;
  }

  const playlist = (c: Context, body: string) =>
    c.body(body, 200, { 'content-type': M3U8, 'cache-control': 'no-cache' });
  const segment = (c: Context, bytes: Uint8Array) =>
    c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'video/mp4',
      'cache-control': 'private, max-age=3600',
    });
  const segmentNumber = (c: Context, p: SegmentPlan): number => {
    const m = /^(0|[1-9][0-9]{0,6})\.m4s$/.exec(c.req.param('n') ?? '');
    const n = m ? Number(m[1]) : -1;
    if (n < 0 || n >= p.starts.length) throw notFound();
    return n;
  };

  // Covers made from the copies (artwork or a frame), AVIF or WebP by the Accept header.
  app.get('/media/covers/films/:slug{[a-z0-9-]+}', async (c) => {
    const w = c.req.query('w');
    const width = w === undefined ? 400 : Number(w);
    if (!(COVER_WIDTHS as readonly number[]).includes(width)) throw notFound();
    const format = /\bimage\/avif\b/.test(c.req.header('accept') ?? '') ? 'avif' : 'webp';
    const cover = await media.coverFile(c.req.param('slug'), width, format);
    const bytes = cover ? await fs.readFile(cover.path).catch(() => undefined) : undefined;
    if (!bytes) throw notFound();
    return c.body(bytes, 200, {
      'content-type': `image/${format}`,
      vary: 'Accept',
      'cache-control': 'public, max-age=300',
      'x-cover-source': cover!.source.kind,
    });
  });

  // The drawn cover's URL, used by every page: a film whose copy has a cover is sent there.
  app.get('/covers/films/:file{[a-z0-9-]+\\.svg}', async (c, next) => {
    const slug = c.req.param('file').replace(/\.svg$/, '');
    if (!(await media.coverFile(slug, 400, 'webp'))) return next();
    c.header('cache-control', 'no-cache');
    return c.redirect(`/media/covers/films/${slug}`, 302);
  });

  // Direct play: the file's bytes (videos and external audio only; never subtitles or artwork).
  app.on(['GET', 'HEAD'], `/media/files/:id{${ID}}`, async (c) => {
    const file = await media.file(id(c, 'id'));
    if (!file || (file.kind !== 'video' && file.kind !== 'audio')) throw notFound();
    const opened = await openLibraryFile(file, await deps.roots());
    if (!opened) throw notFound();
    const served = {
      fd: opened.fd,
      size: opened.size,
      mtimeMs: opened.mtimeMs,
      contentType: contentTypeOf(file),
    };
    // On Node's server, the bytes are piped straight into the socket (see sendFile).
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
    if (outgoing instanceof ServerResponse) {
      await sendFile(outgoing, c.req.method, c.req.raw.headers, served);
      return c.body(null, 200, { 'x-hono-already-sent': '1' });
    }
    return serveFile(c.req.method, c.req.raw.headers, served);
  });

  app.get(`/media/subtitles/:file{${ID}\\.vtt}`, async (c) => {
    const vtt = await media.subtitleVtt(id(c, 'file'));
    if (vtt === undefined) throw notFound();
    return c.body(vtt, 200, {
      'content-type': 'text/vtt; charset=utf-8',
      'cache-control': 'private, max-age=60',
    });
  });

  app.get(`/media/videos/:id{${ID}}/hls/master.m3u8`, async (c) => {
    const h = await hls(id(c, 'id'));
    const p = await plan(h);
    const anyDefault = h.audio.some((a) => a.stream.default && a.file.id === h.video.id);
    const isDefault = (a: AudioSource, i: number) =>
      anyDefault ? a.stream.default && a.file.id === h.video.id : i === 0;
    // CODECS (RFC 8216 §4.3.4.2 SHOULD) come from the init sections ffmpeg writes; the run
    // that makes them makes segment 0 of the video and of the default audio too, what the
    // player asks for next (one run for both when the audio is in the video's file).
    const main = h.audio.find(isDefault) ?? h.audio[0];
    const vr = { kind: 'video' as const, index: h.videoStream.index, copy: h.copyVideo };
    const ar = main
      ? { kind: 'audio' as const, index: main.stream.index, copy: copiesAudio(main.stream.codec) }
      : undefined;
    let vInit: Uint8Array;
    let aInit: Uint8Array | undefined;
    if (!main || main.file.id === h.source.id) {
      const made = await segments.first(h.source, p, vr, ar);
      [vInit, aInit] = [made.video, made.audio];
    } else {
      [vInit, aInit] = await Promise.all([
        segments.segment(h.source, p, vr, 0, 'init'),
        segments.segment(main.file, p, ar!, 0, 'init'),
      ]);
    }
    const codecs = [codecOfInit(vInit), aInit ? codecOfInit(aInit) : null]
      .filter(Boolean)
      .join(',');
    return playlist(
      c,
      masterPlaylist({
        bandwidth: h.video.durationS ? (h.video.size * 8) / h.video.durationS : 1_000_000,
        codecs: codecs || null,
        width: h.videoStream.width,
        height: h.videoStream.height,
        video: 'video.m3u8',
        audio: h.audio.map((a, i) => ({
          name: a.stream.title?.trim() || `${a.stream.language ?? 'und'} audio ${i + 1}`,
          language: a.stream.language,
          default: isDefault(a, i),
          channels: a.stream.channels,
          uri: `audio/${a.file.id}/${a.stream.index}.m3u8`,
        })),
        subtitles: h.subtitles.map((t) => ({
          name: subtitleLabel(t),
          language: t.language,
          forced: t.forced,
          default: false,
          uri: `subtitles/${t.id}.m3u8`,
        })),
      }),
    );
  });

  app.get(`/media/videos/:id{${ID}}/hls/video.m3u8`, async (c) => {
    const h = await hls(id(c, 'id'));
    return playlist(
      c,
      mediaPlaylist(await plan(h), 'video/init.mp4', (n) => `video/${n}.m4s`),
    );
  });

  const videoPart = (part: 'init' | 'media') => async (c: Context) => {
    const h = await hls(id(c, 'id'));
    const p = await plan(h);
    const n = part === 'init' ? 0 : segmentNumber(c, p);
    const r = { kind: 'video' as const, index: h.videoStream.index, copy: h.copyVideo };
    return segment(c, await segments.segment(h.source, p, r, n, part));
  };
  app.get(`/media/videos/:id{${ID}}/hls/video/init.mp4`, videoPart('init'));
  app.get(`/media/videos/:id{${ID}}/hls/video/:n{[0-9]+\\.m4s}`, videoPart('media'));

  app.get(`/media/videos/:id{${ID}}/hls/audio/:fileId{${ID}}/:index{[0-9]+\\.m3u8}`, async (c) => {
    const h = await hls(id(c, 'id'));
    const index = streamIndex(c.req.param('index'));
    const a = audioOf(h, id(c, 'fileId'), index);
    const base = `${a.stream.index}`;
    return playlist(
      c,
      mediaPlaylist(await plan(h), `${base}/init.mp4`, (n) => `${base}/${n}.m4s`),
    );
  });

  const audioPart = (part: 'init' | 'media') => async (c: Context) => {
    const h = await hls(id(c, 'id'));
    const a = audioOf(h, id(c, 'fileId'), streamIndex(c.req.param('index')));
    const p = await plan(h);
    const n = part === 'init' ? 0 : segmentNumber(c, p);
    const r = { kind: 'audio' as const, index: a.stream.index, copy: copiesAudio(a.stream.codec) };
    return segment(c, await segments.segment(a.file, p, r, n, part));
  };
  const audioBase = `/media/videos/:id{${ID}}/hls/audio/:fileId{${ID}}/:index{[0-9]+}`;
  app.get(`${audioBase}/init.mp4`, audioPart('init'));
  app.get(`${audioBase}/:n{[0-9]+\\.m4s}`, audioPart('media'));

  app.get(`/media/videos/:id{${ID}}/hls/subtitles/:track{${ID}\\.m3u8}`, async (c) => {
    const h = await hls(id(c, 'id'));
    const trackId = id(c, 'track');
    if (!h.subtitles.some((t) => t.id === trackId)) throw notFound();
    return playlist(c, subtitlePlaylist(h.video.durationS ?? 0, mediaUrls.vtt(trackId)));
  });

  app.all('/media/*', () => {
    throw notFound();
  });
  return app;
}

const slugParam = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(200);

export function mediaApiRoutes(deps: Pick<MediaRouteDeps, 'playback'>): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/films/{slug}/playback',
      operationId: 'getPlayback',
      summary:
        "How to play the server's copy of a film: the file (direct play) or an HLS master playlist, its audio tracks by title and its WebVTT subtitle tracks.",
      tags: ['media'],
      params: { slug: 'The film slug' },
      response: playbackDto,
      errors: [404],
      handler: async (c) => {
        const slug = slugParam.safeParse(c.req.param('slug'));
        const p = slug.success ? await deps.playback(slug.data) : undefined;
        if (!p) throw new NotFoundError('This server holds no playable copy of that film.');
        return c.json(p);
      },
    },
  ];
}
