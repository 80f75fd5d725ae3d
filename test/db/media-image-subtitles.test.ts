/**
 * Image subtitles (PGS, VobSub) on SQLite and PostgreSQL: listed as such, never converted, never
 * counted as English subtitles, never a reason to transcode the video.
 *
 * ffmpeg cannot make an image subtitle stream from anything we can generate (it encodes bitmap
 * subtitles only from bitmap subtitles, and renders none from text), so the probe's answer for
 * the copy is recorded ffprobe JSON (the shape `ffprobe -print_format json -show_format
 * -show_streams` prints for a Blu-ray remux: H.264, AAC, an English PGS track and a Russian
 * VobSub track) read by the real `readFfprobeJson`. The video file itself is real (ffmpeg), so
 * the HLS plan and segments come from real ffprobe and ffmpeg runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaApp } from '../../src/http/api/media.routes.ts';
import { errorBody } from '../../src/http/errors.ts';
import { SegmentMaker } from '../../src/http/media/segments.ts';
import { JobQueue, Worker, mediaJobHandlers, mediaScheduler } from '../../src/jobs/index.ts';
import {
  MediaRepository,
  MediaService,
  createFfprobeRepository,
  readFfprobeJson,
} from '../../src/modules/media/index.ts';
import { DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

let dir: string;
let root: string;
let video: string;

/** Recorded ffprobe output for the copy (trimmed to the fields the probe reads). */
const RECORDED = (durationS: number): Parameters<typeof readFfprobeJson>[0] => ({
  format: { format_name: 'matroska,webm', duration: String(durationS) },
  streams: [
    { index: 0, codec_type: 'video', codec_name: 'h264', width: 160, height: 120, disposition: { default: 1 } },
    { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 1, tags: { language: 'rus', title: 'Russian original' }, disposition: { default: 1 } },
    { index: 2, codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle', tags: { language: 'eng', title: 'English' } },
    { index: 3, codec_type: 'subtitle', codec_name: 'dvd_subtitle', tags: { language: 'rus' } },
  ],
}); // prettier-ignore

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-image-subs-'));
  root = path.join(dir, 'media');
  fs.mkdirSync(path.join(root, 'Mother (1926)'), { recursive: true });
  video = path.join(root, 'Mother (1926)', 'Mother (1926).mkv');
  execFileSync('ffmpeg', [
    '-v', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-ac', '1', '-shortest', video,
  ]); // prettier-ignore
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('image subtitles (%s)', (dialect) => {
  let db: TestDb;
  let media: MediaService;
  let app: Hono;
  let segments: SegmentMaker;
  const extracted: number[] = [];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const queue = new JobQueue(db);
    const real = createFfprobeRepository();
    media = new MediaService({
      repo: new MediaRepository(db.kysely),
      probe: {
        probe: async (file) => readFfprobeJson(RECORDED((await real.probe(file)).durationS ?? 4)),
        extractSubtitle: async (file, index) => {
          extracted.push(index);
          return real.extractSubtitle(file, index);
        },
      },
      candidates: async () => [{ slug: 'mother-1926', year: 1926, titles: [{ text: 'Mother' }] }],
      schedule: mediaScheduler(queue),
    });
    await media.scan([root]);
    await new Worker(queue, mediaJobHandlers(media)).drain();
    segments = new SegmentMaker({ cacheDir: path.join(dir, `hls-${dialect}`), maxBytes: 1 << 24 });
    app = new Hono();
    app.route(
      '/',
      mediaApp({
        media,
        segments,
        roots: async () => [fs.realpathSync(root)],
        playback: async () => undefined,
      }),
    );
    app.onError((e, c) => c.json(errorBody(e).body, errorBody(e).status));
  }, 120_000);

  afterAll(async () => {
    await db?.cleanup();
  });

  it('lists the PGS and VobSub streams as image subtitles and converts neither', async () => {
    const [v] = await media.listFiles({ kind: 'video' });
    const d = (await media.fileDetail(v!.id))!;
    expect(d.file.probeState).toBe('done');
    const subs = d.streams.filter((s) => s.type === 'subtitle');
    expect(subs.map((s) => [s.index, s.codec, s.language, s.textSubtitle])).toEqual([
      [2, 'hdmv_pgs_subtitle', 'en', false],
      [3, 'dvd_subtitle', 'ru', false],
    ]);
    expect(extracted).toEqual([]); // no extraction was tried
    expect(d.subtitles).toEqual([]); // no WebVTT track
  });

  it('does not count an image track as English subtitles in the access filter', async () => {
    const access = await media.selfHostedAccess();
    expect(access.get('mother-1926')).toEqual([]);
  });

  it('remuxes the video over HLS: the image tracks force no transcode and are no rendition', async () => {
    const [v] = await media.listFiles({ kind: 'video' });
    const master = await (await app.request(`/media/videos/${v!.id}/hls/master.m3u8`)).text();
    expect(master).toContain('TYPE=AUDIO');
    expect(master).not.toContain('TYPE=SUBTITLES');
    const seg = await app.request(`/media/videos/${v!.id}/hls/video/0.m4s`);
    expect(seg.status).toBe(200);
    // the cache key names the rendition: v0c is the video stream copied, v0t would be transcoded
    const made = fs.readdirSync(path.join(dir, `hls-${dialect}`), { recursive: true }).map(String);
    expect(made.some((f) => /v0c-0\.m4s$/.test(f))).toBe(true);
    expect(made.some((f) => /v0t-/.test(f))).toBe(false);
  });
});
