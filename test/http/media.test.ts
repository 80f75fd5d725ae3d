/**
 * Media over HTTP, in-process (`app.request()`), on files generated with ffmpeg: range
 * requests (RFC 9110), HLS playlists (RFC 8216) and fMP4 segments remuxed or transcoded by real
 * ffmpeg, WebVTT tracks, and a traversal corpus against every media route.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaApp } from '../../src/http/api/media.routes.ts';
import { errorBody } from '../../src/http/errors.ts';
import { realRoots } from '../../src/http/media/library.ts';
import { fileEtag } from '../../src/http/media/range.ts';
import { SegmentMaker } from '../../src/http/media/segments.ts';
import { JobQueue, Worker, mediaJobHandlers, mediaScheduler } from '../../src/jobs/index.ts';
import {
  type MediaFile,
  MediaRepository,
  MediaService,
  createFfprobeRepository,
} from '../../src/modules/media/index.ts';
import { type TestLibrary, generateTestLibrary } from '../fixtures/media/generate.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { type TestDb, createTestDb } from '../helpers/db.ts';

let dir: string;
let lib: TestLibrary;
let db: TestDb;
let media: MediaService;
let segments: SegmentMaker;
let app: Hono;
let mkv: MediaFile;
let mp4: MediaFile;
let long: MediaFile;
let odd: MediaFile;
const SECRET = 'TOP-SECRET-OUTSIDE-THE-ROOT';

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
}

function ffprobeJson(file: string, args: string[]): any {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-of', 'json', ...args, file], { encoding: 'utf8' }),
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-http-media-'));
  lib = await generateTestLibrary(dir);
  fs.writeFileSync(path.join(lib.outside, 'secret.txt'), SECRET);
  // 20 s with a keyframe every 2 s: a plan of several segments, for the far seek
  const longDir = path.join(lib.root, 'Long (2000)');
  fs.mkdirSync(longDir);
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=20',
    '-f', 'lavfi', '-i', 'sine=frequency=500:duration=20',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '48k', '-shortest', path.join(longDir, 'Long (2000).mkv'),
  ]); // prettier-ignore
  // MPEG-4 Part 2 video and MP3 audio: browsers cannot take them from fMP4, so transcoded
  const oddDir = path.join(lib.root, 'Odd (2001)');
  fs.mkdirSync(oddDir);
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=3',
    '-f', 'lavfi', '-i', 'sine=frequency=300:duration=3',
    '-c:v', 'mpeg4', '-c:a', 'libmp3lame', '-shortest', path.join(oddDir, 'Odd (2001).avi'),
  ]); // prettier-ignore

  db = await createTestDb('sqlite');
  const queue = new JobQueue(db);
  media = new MediaService({
    repo: new MediaRepository(db.kysely),
    probe: createFfprobeRepository(),
    candidates: async () => [
      { slug: 'mother-1926', year: 1926, titles: [{ text: 'Mother' }] },
      {
        slug: 'the-cranes-are-flying-1957',
        year: 1957,
        titles: [{ text: 'The Cranes Are Flying' }],
      },
    ],
    schedule: mediaScheduler(queue),
  });
  await media.scan([lib.root]);
  await new Worker(queue, mediaJobHandlers(media)).drain();
  const videos = await media.listFiles({ kind: 'video' });
  const byPath = (p: string) => videos.find((v) => v.path === p)!;
  mkv = byPath('Mother (1926)/Mother (1926).mkv');
  mp4 = byPath('The Cranes Are Flying (1957)/The Cranes Are Flying (1957).mp4');
  long = byPath('Long (2000)/Long (2000).mkv');
  odd = byPath('Odd (2001)/Odd (2001).avi');

  segments = new SegmentMaker({ cacheDir: path.join(dir, 'cache'), maxBytes: 64 * 1024 * 1024 });
  const roots = await realRoots([lib.root]);
  app = new Hono();
  app.route(
    '/',
    mediaApp({ media, segments, roots: async () => roots, playback: async () => undefined }),
  );
  app.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
  app.onError((e, c) => {
    const { status, body } = errorBody(e);
    return c.json(body, status);
  });
}, 120_000);

afterAll(async () => {
  await db?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(url, { method, headers });

describe('direct play: range requests (RFC 9110)', () => {
  let bytes: Buffer;
  let etag: string;
  beforeAll(() => {
    bytes = fs.readFileSync(lib.mp4);
    etag = fileEtag(bytes.length, fs.statSync(lib.mp4).mtimeMs);
  });
  const url = () => `/media/files/${mp4.id}`;

  it('sends the whole file with validators (200)', async () => {
    const res = await get(url());
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('etag')).toBe(etag);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBe(
      Math.trunc(fs.statSync(lib.mp4).mtimeMs / 1000) * 1000,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const res = await get(url(), { range: 'bytes=0-9' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('10');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('sends one range, a suffix range and an open range (206)', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=-100', bytes.length - 100, bytes.length - 1],
      ['bytes=1000-', 1000, bytes.length - 1],
      ['bytes=100-999999999', 100, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(url(), { range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('refuses a range past the end (416) and ignores a malformed one (200)', async () => {
    const res = await get(url(), { range: `bytes=${bytes.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    for (const range of ['bytes=abc', 'bytes=5-1', 'items=0-5', 'bytes=--1']) {
      const r = await get(url(), { range });
      expect(r.status, range).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBe(bytes.length);
    }
  });

  it('sends several ranges as multipart/byteranges and coalesces overlapping ones', async () => {
    const res = await get(url(), { range: 'bytes=0-9, 200-219' });
    expect(res.status).toBe(206);
    const type = res.headers.get('content-type')!;
    const boundary = /boundary=(\S+)/.exec(type)![1]!;
    expect(type).toMatch(/^multipart\/byteranges/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(Number(res.headers.get('content-length')));
    const parts = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    const [h1, b1] = parts[0]!.split('\r\n\r\n');
    expect(h1).toContain(`content-range: bytes 0-9/${bytes.length}`);
    expect(Buffer.from(b1!.slice(0, -2), 'latin1').equals(bytes.subarray(0, 10))).toBe(true);
    expect(parts[1]).toContain(`content-range: bytes 200-219/${bytes.length}`);

    const merged = await get(url(), { range: 'bytes=0-9,5-19' });
    expect(merged.status).toBe(206);
    expect(merged.headers.get('content-range')).toBe(`bytes 0-19/${bytes.length}`);
  });

  it('honours If-Range only while the validator matches', async () => {
    const fresh = await get(url(), { range: 'bytes=0-9', 'if-range': etag });
    expect(fresh.status).toBe(206);
    const byDate = await get(url(), {
      range: 'bytes=0-9',
      'if-range': fresh.headers.get('last-modified')!,
    });
    expect(byDate.status).toBe(206);
    const stale = await get(url(), { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.status).toBe(200);
    const weak = await get(url(), { range: 'bytes=0-9', 'if-range': `W/${etag}` });
    expect(weak.status).toBe(200);
  });

  it('answers conditional requests with 304', async () => {
    expect((await get(url(), { 'if-none-match': etag })).status).toBe(304);
    expect((await get(url(), { 'if-none-match': '"other"' })).status).toBe(200);
    const lm = (await get(url(), {}, 'HEAD')).headers.get('last-modified')!;
    expect((await get(url(), { 'if-modified-since': lm })).status).toBe(304);
  });

  it('serves only videos and audio, never a sidecar or artwork by id', async () => {
    const sidecars = await media.listFiles({ videoId: mkv.id });
    expect(sidecars.length).toBeGreaterThan(0);
    for (const s of sidecars) expect((await get(`/media/files/${s.id}`)).status).toBe(404);
  });
});

describe('HLS (RFC 8216)', () => {
  it('lists one audio rendition per track and the WebVTT renditions in the master playlist', async () => {
    const res = await get(`/media/videos/${mkv.id}/hls/master.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await res.text();
    const lines = text.split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    const audio = lines.filter((l) => l.startsWith('#EXT-X-MEDIA:TYPE=AUDIO'));
    expect(audio).toHaveLength(2);
    expect(audio[0]).toContain('LANGUAGE="ru"');
    expect(audio[0]).toContain('NAME="Russian original"');
    expect(audio[0]).toContain('DEFAULT=YES');
    expect(audio[0]).toContain('AUTOSELECT=YES');
    expect(audio[1]).toContain('LANGUAGE="en"');
    expect(audio[1]).toContain('NAME="English dub"');
    expect(audio[1]).toContain('DEFAULT=NO');
    const subs = lines.filter((l) => l.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES'));
    // embedded English, the .ru.srt and the .en.forced.srt sidecars
    expect(subs).toHaveLength(3);
    const forced = subs.filter((l) => l.includes('FORCED=YES'));
    expect(forced).toHaveLength(1);
    expect(forced[0]).toContain('LANGUAGE="en"');
    expect(forced[0]).toContain('AUTOSELECT=YES');
    const inf = lines.find((l) => l.startsWith('#EXT-X-STREAM-INF:'))!;
    expect(inf).toMatch(/BANDWIDTH=\d+/);
    expect(inf).toMatch(/CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
    expect(inf).toContain('RESOLUTION=160x120');
    expect(inf).toContain('AUDIO="audio"');
    expect(inf).toContain('SUBTITLES="subs"');
    expect(lines[lines.indexOf(inf) + 1]).toBe('video.m3u8');

    // every URI in it resolves
    const base = `/media/videos/${mkv.id}/hls/`;
    for (const uri of [...text.matchAll(/URI="([^"]+)"/g)].map((m) => m[1]!)) {
      const r = await get(base + uri);
      expect(r.status, uri).toBe(200);
      expect(await r.text()).toMatch(/^#EXTM3U\n/);
    }
  });

  it('writes VOD media playlists with an init section and segments covering the film', async () => {
    const text = await (await get(`/media/videos/${long.id}/hls/video.m3u8`)).text();
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text).toContain('#EXT-X-MAP:URI="video/init.mp4"');
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const durations = [...text.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]));
    // keyframes every 2 s, cut at the first keyframe 6 s or more after the last cut
    expect(durations.length).toBe(4);
    const target = Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)![1]);
    for (const d of durations) expect(d).toBeLessThanOrEqual(target);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(long.durationS!, 1);
  });

  it('remuxes browser-ready codecs without re-encoding: the packets are the source packets', async () => {
    const init = Buffer.from(await (await get(`/media/videos/${mkv.id}/hls/video/init.mp4`)).arrayBuffer());
    const seg = Buffer.from(await (await get(`/media/videos/${mkv.id}/hls/video/0.m4s`)).arrayBuffer());
    expect(init.subarray(4, 8).toString()).toBe('ftyp');
    expect(seg.subarray(4, 8).toString()).toBe('moof');
    const joined = path.join(dir, 'joined.mp4');
    fs.writeFileSync(joined, Buffer.concat([init, seg]));
    const sizes = (f: string, stream: string) =>
      ffprobeJson(f, ['-select_streams', stream, '-show_entries', 'packet=size']).packets.map(
        (p: { size: string }) => Number(p.size),
      );
    expect(sizes(joined, 'v:0')).toEqual(sizes(lib.mkv, 'v:0'));
    expect(ffprobeJson(joined, ['-show_streams']).streams.map((s: any) => s.codec_name)).toEqual(['h264']);

    const aInit = Buffer.from(await (await get(`/media/videos/${mkv.id}/hls/audio/${mkv.id}/2/init.mp4`)).arrayBuffer());
    const aSeg = Buffer.from(await (await get(`/media/videos/${mkv.id}/hls/audio/${mkv.id}/2/0.m4s`)).arrayBuffer());
    const joinedAudio = path.join(dir, 'joined-audio.mp4');
    fs.writeFileSync(joinedAudio, Buffer.concat([aInit, aSeg]));
    // stream 2 is the English dub; copied, so its packets are the source's stream 2 packets
    expect(sizes(joinedAudio, 'a:0')).toEqual(sizes(lib.mkv, '2'));
  }); // prettier-ignore

  it('transcodes what browsers cannot take from fMP4 (MPEG-4 video, MP3 audio)', async () => {
    const init = Buffer.from(await (await get(`/media/videos/${odd.id}/hls/video/init.mp4`)).arrayBuffer());
    const seg = Buffer.from(await (await get(`/media/videos/${odd.id}/hls/video/0.m4s`)).arrayBuffer());
    const f = path.join(dir, 'odd.mp4');
    fs.writeFileSync(f, Buffer.concat([init, seg]));
    expect(ffprobeJson(f, ['-show_streams']).streams[0].codec_name).toBe('h264');
    const master = await (await get(`/media/videos/${odd.id}/hls/master.m3u8`)).text();
    expect(master).toMatch(/CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
  }); // prettier-ignore

  it('makes a far segment by seeking there, once, and then serves it from the cache', async () => {
    const before = segments.runs;
    const init = Buffer.from(await (await get(`/media/videos/${long.id}/hls/video/init.mp4`)).arrayBuffer());
    const afterInit = segments.runs;
    const res = await get(`/media/videos/${long.id}/hls/video/3.m4s`);
    expect(res.status).toBe(200);
    const seg = Buffer.from(await res.arrayBuffer());
    expect(segments.runs - afterInit).toBe(1);
    expect(afterInit - before).toBeLessThanOrEqual(1);
    const f = path.join(dir, 'far.mp4');
    fs.writeFileSync(f, Buffer.concat([init, seg]));
    const packets = ffprobeJson(f, ['-show_entries', 'packet=pts_time']).packets;
    // the fourth segment starts at the keyframe at 18 s of the source, and holds only its 2 s
    expect(Number(packets[0].pts_time)).toBeCloseTo(18, 1);
    expect(packets.length).toBe(20);
    const again = await get(`/media/videos/${long.id}/hls/video/3.m4s`);
    expect(Buffer.from(await again.arrayBuffer()).equals(seg)).toBe(true);
    expect(segments.runs - afterInit).toBe(1);
    expect((await get(`/media/videos/${long.id}/hls/video/4.m4s`)).status).toBe(404);
  }); // prettier-ignore

  it('makes the first video and default audio segments for the master playlist in one ffmpeg run', async () => {
    const fresh = new SegmentMaker({ cacheDir: path.join(dir, 'first-cache'), maxBytes: 64 << 20 });
    const one = new Hono();
    one.route('/', mediaApp({ media, segments: fresh, roots: () => realRoots([lib.root]), playback: async () => undefined }));
    const base = `/media/videos/${mkv.id}/hls`;
    const master = await (await one.request(`${base}/master.m3u8`)).text();
    expect(master).toMatch(/CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
    expect(fresh.runs).toBe(1);
    const audioUri = /TYPE=AUDIO[^\n]*DEFAULT=YES[^\n]*URI="([^"]+)"/.exec(master)![1]!.replace(/\.m3u8$/, '');
    const bytes = async (u: string) => Buffer.from(await (await one.request(`${base}/${u}`)).arrayBuffer());
    const parts = [await bytes('video/init.mp4'), await bytes('video/0.m4s'), await bytes(`${audioUri}/init.mp4`), await bytes(`${audioUri}/0.m4s`)];
    expect(fresh.runs).toBe(1); // all four from the master's run
    const f = path.join(dir, 'first-audio.mp4');
    fs.writeFileSync(f, Buffer.concat([parts[2]!, parts[3]!]));
    const streams = ffprobeJson(f, ['-show_streams']).streams;
    expect(streams.map((x: { codec_type: string }) => x.codec_type)).toEqual(['audio']);
    expect(parts[1]!.length).toBeGreaterThan(0);
  }); // prettier-ignore

  it('keeps the segment plan on disk, and makes the first segments in the init run', async () => {
    const cacheDir = path.join(dir, 'plan-cache');
    const file = {
      id: long.id,
      absPath: path.join(lib.root, long.path),
      size: long.size,
      mtimeMs: long.mtimeMs,
      durationS: long.durationS!,
    };
    const first = new SegmentMaker({ cacheDir, maxBytes: 64 << 20 });
    const plan = await first.plan(file, { index: 0, copy: true });
    expect(first.scans).toBe(1);
    const video = { kind: 'video' as const, index: 0, copy: true };
    await first.segment(file, plan, video, 0, 'init');
    expect(first.runs).toBe(1);
    await first.segment(file, plan, video, 0, 'media'); // made by the init's run
    expect(first.runs).toBe(1);
    // another node, or this one after a restart: the plan is read, not made again
    const again = new SegmentMaker({ cacheDir, maxBytes: 64 << 20 });
    expect(await again.plan(file, { index: 0, copy: true })).toEqual(plan);
    expect(again.scans).toBe(0);
  });

  it('keeps the segment cache under its size limit, dropping the least recently used', async () => {
    const small = new SegmentMaker({ cacheDir: path.join(dir, 'small-cache'), maxBytes: 40_000 });
    const file = {
      id: long.id,
      absPath: path.join(lib.root, long.path),
      size: long.size,
      mtimeMs: long.mtimeMs,
      durationS: long.durationS!,
    };
    const plan = await small.plan(file, { index: 0, copy: true });
    const sizes: number[] = [];
    for (let n = 0; n < plan.starts.length; n++) {
      const b = await small.segment(
        file,
        plan,
        { kind: 'video', index: 0, copy: true },
        n,
        'media',
      );
      sizes.push(b.byteLength);
      expect(small.cachedBytes).toBeLessThanOrEqual(40_000 + Math.max(...sizes));
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(40_000);
    const onDisk = fs
      .readdirSync(path.join(dir, 'small-cache'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('plan-')) // plans are outside the limit
      .reduce((a, e) => a + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    expect(onDisk).toBe(small.cachedBytes);
    expect(onDisk).toBeLessThanOrEqual(40_000 + Math.max(...sizes));
  });

  it('serves the WebVTT tracks', async () => {
    const d = (await media.fileDetail(mkv.id))!;
    const embedded = d.subtitles.find((t) => t.source === 'stream')!;
    const res = await get(`/media/subtitles/${embedded.id}.vtt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    const vtt = await res.text();
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toContain('Mother, I will come back.');
    const ru = d.subtitles.find((t) => t.language === 'ru')!;
    expect(await (await get(`/media/subtitles/${ru.id}.vtt`)).text()).toContain('Мать, я вернусь.');
  });
});

describe('nothing outside the media roots', () => {
  const CORPUS = [
    '..', '%2e%2e', '%2E%2E%2F', '..%2f', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%5c', '..\\', '..%5c..%5c',
    '%00', '1%00', '1%00.vtt', '%2Fetc%2Fpasswd', '/etc/passwd', 'C:%5CWindows', '%c0%ae%c0%ae',
    '%c0%ae%c0%ae%c0%af', '%e0%80%ae%e0%80%ae', '%252e%252e%252f', '-1', '01', '1.5', '1e3',
    '99999999999', 'escape.mkv', '..%00', '%ef%bc%8e%ef%bc%8e', '~', '%7e',
  ]; // prettier-ignore

  function routes(x: string): string[] {
    const v = mkv.id;
    return [
      `/media/files/${x}`,
      `/media/files/${v}/${x}`,
      `/media/subtitles/${x}.vtt`,
      `/media/subtitles/${x}`,
      `/media/videos/${x}/hls/master.m3u8`,
      `/media/videos/${x}/hls/video.m3u8`,
      `/media/videos/${x}/hls/video/init.mp4`,
      `/media/videos/${v}/hls/video/${x}.m4s`,
      `/media/videos/${v}/hls/audio/${x}/1.m3u8`,
      `/media/videos/${v}/hls/audio/${v}/${x}.m3u8`,
      `/media/videos/${v}/hls/audio/${v}/${x}/init.mp4`,
      `/media/videos/${v}/hls/audio/${v}/1/${x}.m4s`,
      `/media/videos/${v}/hls/subtitles/${x}.m3u8`,
      `/media/covers/films/${x}`,
      `/media/covers/films/mother-1926?w=${x}`,
      `/media/${x}`,
    ];
  }

  it('answers every route with 400 or 404 for every traversal form, reading nothing', async () => {
    const secret = fs.readFileSync(path.join(lib.outside, 'secret.mkv'));
    for (const x of CORPUS) {
      for (const url of routes(x)) {
        const res = await get(url);
        expect([400, 404], `${url} → ${res.status}`).toContain(res.status);
        const body = Buffer.from(await res.arrayBuffer());
        expect(body.includes(SECRET), url).toBe(false);
        expect(body.length < 1000 || !body.includes(secret.subarray(0, 64)), url).toBe(true);
      }
    }
  });

  it('does not serve a library file that became a symlink out of the root after the scan', async () => {
    const zh = (await media.listFiles({ kind: 'video' })).find((v) =>
      v.path.startsWith('Zhuravli'),
    )!;
    const target = path.join(lib.root, zh.path);
    fs.rmSync(target);
    fs.symlinkSync(path.join(lib.outside, 'secret.txt'), target);
    const res = await get(`/media/files/${zh.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('does not serve files under a root that is no longer configured', async () => {
    const none = new Hono();
    none.route('/', mediaApp({ media, segments, roots: async () => [], playback: async () => undefined }));
    none.onError((e, c) => c.json(errorBody(e).body, errorBody(e).status));
    expect((await none.request(`/media/files/${mp4.id}`)).status).toBe(404);
    expect((await none.request(`/media/videos/${mkv.id}/hls/video.m3u8`)).status).toBe(404);
  }); // prettier-ignore
});

describe('the whole application with a media root', () => {
  let whole: TestApp;
  beforeAll(async () => {
    whole = await createTestApp('sqlite', {
      env: {
        KINOTEKA_MEDIA_ROOTS: lib.root,
        KINOTEKA_MEDIA_CACHE_DIR: path.join(dir, 'app-cache'),
      },
    });
    await whole.services.media.scan(whole.config.media.roots);
    await whole.jobs.drain();
  });
  afterAll(async () => {
    await whole?.close();
  });

  it('describes playback: HLS for the two-track MKV, the file itself for the MP4', async () => {
    const res = await whole.http().request('/api/v1/films/mother-1926/playback');
    expect(res.status).toBe(200);
    const p = await res.json();
    expect(p.mode).toBe('hls');
    expect(p.src).toMatch(/^\/media\/videos\/\d+\/hls\/master\.m3u8$/);
    expect(p.audio.map((a: any) => [a.label, a.language, a.role, a.default])).toEqual([
      ['Russian original', 'ru', 'original', true],
      ['English dub', 'en', 'dub', false],
    ]);
    expect(p.subtitles.map((t: any) => t.label)).toEqual(['English', 'English (forced)', 'Russian']);
    const direct = await (await whole.http().request('/api/v1/films/the-cranes-are-flying-1957/playback')).json();
    expect(direct.mode).toBe('direct');
    expect(direct.src).toMatch(/^\/media\/files\/\d+$/);
    expect((await whole.http().request('/api/v1/films/the-ascent-1977/playback')).status).toBe(404);
    // the master playlist through the whole app, not held by the page cache
    const master = await whole.http().request(p.src);
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('NAME="English dub"');
  }); // prettier-ignore

  it('says on the film page what the server holds, with a Watch link', async () => {
    const html = await (await whole.http().request('/films/mother-1926')).text();
    expect(html).toContain('On this server');
    expect(html).toContain('English dub');
    expect(html).toContain('href="/films/mother-1926/watch"');
    const none = await (await whole.http().request('/films/the-ascent-1977')).text();
    expect(none).not.toContain('On this server');
    const player = await whole.http().request('/films/mother-1926/watch');
    expect(player.status).toBe(200);
    expect(player.headers.get('content-security-policy')).toContain("media-src 'self' blob:");
    const hlsJs = await whole.http().request('/assets/hls.min.js');
    expect(hlsJs.status).toBe(200);
    expect((await hlsJs.text()).length).toBeGreaterThan(100_000);
  });

  it('serves the bytes the same way over a real socket (the route answered before Hono)', async () => {
    const server = await whole.listen(0, '127.0.0.1');
    try {
      const files = await whole.services.media.listFiles({ kind: 'video' });
      const cranes = files.find((f) => f.path.endsWith('.mp4'))!;
      const bytes = fs.readFileSync(lib.mp4);
      const raw = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
        new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
          (resolve, reject) => {
            const req = http.request(
              { host: '127.0.0.1', port: server.port, path: url, method, headers },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () =>
                  resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
                );
              },
            );
            req.on('error', reject);
            req.end();
          },
        );
      const url = `/media/files/${cranes.id}`;
      const whole200 = await raw(url);
      expect(whole200.status).toBe(200);
      expect(whole200.body.equals(bytes)).toBe(true);
      const etag = whole200.headers.etag!;
      const one = await raw(url, { range: 'bytes=100-1099' });
      expect(one.status).toBe(206);
      expect(one.headers['content-range']).toBe(`bytes 100-1099/${bytes.length}`);
      expect(one.body.equals(bytes.subarray(100, 1100))).toBe(true);
      const suffix = await raw(url, { range: 'bytes=-10' });
      expect(suffix.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
      const multi = await raw(url, { range: 'bytes=0-9, 20-29' });
      expect(multi.status).toBe(206);
      expect(multi.headers['content-type']).toMatch(/^multipart\/byteranges; boundary=/);
      expect(multi.body.length).toBe(Number(multi.headers['content-length']));
      expect(multi.body.includes(bytes.subarray(20, 30))).toBe(true);
      const past = await raw(url, { range: `bytes=${bytes.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
      const head = await raw(url, {}, 'HEAD');
      expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, String(bytes.length), 0]);
      expect((await raw(url, { 'if-none-match': etag })).status).toBe(304);
      const stale = await raw(url, { range: 'bytes=0-9', 'if-range': '"stale"' });
      expect([stale.status, stale.body.length]).toEqual([200, bytes.length]);
      // what the fast route refuses, the application answers: 404 pages, never other bytes
      const secret = fs.readFileSync(path.join(lib.outside, 'secret.mkv'));
      for (const x of ['..%2f..%2fetc%2fpasswd', '%2e%2e', '01', '99999999999', '1%00', '1/../../etc/passwd', '..\\..\\secret.mkv']) {
        const res = await raw(`/media/files/${x}`);
        expect([400, 404], x).toContain(res.status);
        expect(res.body.includes(SECRET) || res.body.includes(secret.subarray(0, 64)), x).toBe(false);
      }
      const sidecar = (await whole.services.media.listFiles({})).find((f) => f.kind !== 'video' && f.kind !== 'audio');
      if (sidecar) expect((await raw(`/media/files/${sidecar.id}`)).status).toBe(404);
    } finally {
      await server.close();
    }
  }); // prettier-ignore

  it('keeps a served file open across ranges, and drops it once its name leaves the root', async () => {
    const server = await whole.listen(0, '127.0.0.1');
    const files = await whole.services.media.listFiles({ kind: 'video' });
    const cranes = files.find((f) => f.path.endsWith('.mp4'))!;
    const target = path.join(lib.root, cranes.path);
    const aside = `${target}.aside`;
    const get = (url: string, range?: string) =>
      new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port: server.port, path: url, headers: range ? { range } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
      });
    const bytes = fs.readFileSync(target);
    const url = `/media/files/${cranes.id}`;
    try {
      for (const [a, b] of [[0, 99], [1000, 1999], [bytes.length - 50, bytes.length - 1]]) {
        const r = await get(url, `bytes=${a}-${b}`);
        expect(r.status).toBe(206);
        expect(r.body.equals(bytes.subarray(a!, b! + 1))).toBe(true);
      }
      // the copy becomes a symlink out of the root (size and time of the row unchanged)
      fs.renameSync(target, aside);
      fs.symlinkSync(path.join(lib.outside, 'secret.txt'), target);
      await new Promise((r) => setTimeout(r, 1100)); // past the kept descriptor's check interval
      const after = await get(url, 'bytes=0-99');
      expect(after.status).toBe(404);
      expect(after.body.toString('latin1')).not.toContain(SECRET);
    } finally {
      fs.rmSync(target, { force: true });
      if (fs.existsSync(aside)) fs.renameSync(aside, target);
      await server.close();
    }
  }); // prettier-ignore

  it('shows admins the jobs with state, progress and failure, and retries a failed one', async () => {
    const req = (url: string, init: RequestInit = {}) =>
      whole.http().request(`http://kinoteka.test${url}`, init);
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const signIn = async (role: 'admin' | 'reviewer') => {
      await whole.services.accounts.addUserFromCli({
        email: `${role}@kinoteka.test`, username: `${role}-jobs`, password: 'correct horse battery', role,
      });
      const f = await req('/sign-in');
      const fc = (f.headers.get('set-cookie') ?? '').split(';')[0]!;
      const token = /name="_csrf" value="([^"]+)"/.exec(await f.text())![1]!;
      const res = await req('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: fc },
        body: form({ login: `${role}-jobs`, password: 'correct horse battery', _csrf: token }),
      });
      expect(res.status).toBe(303);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await (await req('/account', { headers: { cookie } })).text();
      return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
    };
    const admin = await signIn('admin');
    const reviewer = await signIn('reviewer');
    // a job that fails: the probe of a file the library does not hold
    const job = await whole.jobs.queue.enqueue('media.probe', { fileId: 999999 }, { maxAttempts: 1 });
    await whole.jobs.drain();
    const failed = (await whole.jobs.queue.list({ state: 'failed' })).find((j) => j.id === job!.id)!;
    expect(failed.error).toBeTruthy();

    expect((await req('/workspace/jobs')).status).toBe(401);
    expect((await req('/workspace/jobs', { headers: { cookie: reviewer.cookie } })).status).toBe(403);
    const page = await req('/workspace/jobs?state=failed', { headers: { cookie: admin.cookie } });
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
    const html = await page.text();
    const row = html.slice(html.indexOf(`<th scope="row">${job!.id}</th>`));
    expect(row).toContain('<code>media.probe</code>');
    expect(row).toContain('Failed');
    expect(row).toContain(failed.error!.replace(/&/g, '&amp;').replace(/</g, '&lt;').slice(0, 30));
    expect(row).toMatch(/<progress[^>]*max="100"/);
    expect(row).toContain(`action="/workspace/jobs/${job!.id}/retry"`);
    expect(html).toContain('src="/assets/jobs.js"');
    expect(html).toMatch(/done \(\d+\)/); // the state filter counts

    const retry = (c: { cookie: string; csrf: string }, withToken: boolean) =>
      req(`/workspace/jobs/${job!.id}/retry`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookie },
        body: form(withToken ? { _csrf: c.csrf } : {}),
      });
    expect((await retry(admin, false)).status).toBe(403); // no CSRF token
    expect((await retry(reviewer, true)).status).toBe(403);
    const ok = await retry(admin, true);
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/workspace/jobs?done=retried']);
    expect((await whole.jobs.queue.list({ state: 'queued' })).some((j) => j.id === job!.id)).toBe(true);
    const again = await retry(admin, true);
    expect(again.headers.get('location')).toBe('/workspace/jobs?done=gone');
    const js = await req('/assets/jobs.js');
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await js.text()).toContain("getElementById('jobs-table')");
  }); // prettier-ignore

  it('refuses the traversal corpus on the mounted media routes too', async () => {
    for (const url of [
      '/media/files/..%2f..%2fetc%2fpasswd',
      '/media/files/%2e%2e',
      '/media/subtitles/1%00.vtt',
      '/media/videos/%c0%ae%c0%ae/hls/master.m3u8',
      '/media/..%5c..%5cetc%5cpasswd',
      '/media/files/1/../../etc/passwd',
    ]) {
      const res = await whole.http().request(url);
      expect([400, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('root:');
    }
  });
});
