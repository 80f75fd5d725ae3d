/**
 * Time to the first HLS segment: our on-demand HLS against the bare ffmpeg command that does
 * the same remux. The source is a generated film (H.264 + two AAC tracks, `rus` and
 * `eng`, in MKV or with `--container mp4` in MP4, a keyframe every 2 s), in a temp dir deleted
 * at the end.
 *
 * - ours: what a player does on pressing play, in-process through the media routes
 *   (`app.request()`, no socket): the master playlist, then the video and the default audio
 *   playlists, then each one's init section and first segment. Each round starts from a new
 *   segment cache holding (1) what the scan's `media.hls-plan` job left (the segment plan and
 *   the first video and audio segments: what a viewer meets after a scan), (2) the plan only
 *   (the first segments evicted from the cache), (3) nothing (the plan is made from the
 *   container's keyframe index, Matroska Cues or MP4 stss, as part of the time), (4) nothing,
 *   with the plan made from a pass over the video packets (ffprobe), the fallback for files
 *   without a usable index and what (3) was before the index was read.
 * - ffmpeg: `ffmpeg -i film.mkv -map 0:v:0 -map 0:a:0 -c copy -f hls -hls_segment_type fmp4
 *   -hls_time 6 …`, the time until its playlist lists the first segment (polled every 2 ms).
 *
 * Alternating, medians. Usage:
 *   node --import tsx bench/media/hls.ts [--minutes 10] [--rounds 5] [--container mkv|mp4]
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { loadConfig } from '../../src/config/config.ts';
import { mediaApp } from '../../src/http/api/media.routes.ts';
import { realRoots } from '../../src/http/media/library.ts';
import { SegmentMaker } from '../../src/http/media/segments.ts';
import { createApplication } from '../../src/main.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MINUTES = opt('minutes', 10);
const ROUNDS = opt('rounds', 5);
const CONTAINER = args.includes('--container') ? args[args.indexOf('--container') + 1] : 'mkv';
if (CONTAINER !== 'mkv' && CONTAINER !== 'mp4') throw new Error('--container: mkv or mp4');

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-bench-hls-'));
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

try {
  const root = path.join(WORK, 'media');
  const dir = path.join(root, 'Mother (1926)');
  fs.mkdirSync(dir, { recursive: true });
  const film = path.join(dir, `Mother (1926).${CONTAINER}`);
  const seconds = MINUTES * 60;
  process.stderr.write(`generating a ${MINUTES}-minute test film …\n`);
  execFileSync('ffmpeg', [
    '-v', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=24:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=220:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    '-map', '0:v', '-map', '1:a', '-map', '2:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '48', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k',
    '-metadata:s:a:0', 'language=rus', '-metadata:s:a:0', 'title=Russian original',
    '-metadata:s:a:1', 'language=eng', '-metadata:s:a:1', 'title=English dub',
    '-disposition:a:0', 'default', '-disposition:a:1', '0',
    film,
  ]); // prettier-ignore

  const app = await createApplication(
    loadConfig({
      KINOTEKA_DATABASE_URL: path.join(WORK, 'bench.db'),
      KINOTEKA_MEDIA_ROOTS: root,
      KINOTEKA_MEDIA_CACHE_DIR: path.join(WORK, 'jobs-cache'),
      KINOTEKA_LOG_LEVEL: 'silent',
    }),
    { logger: () => {} },
  );
  await app.services.media.scan([root]);
  await app.jobs.drain();
  const video = (await app.services.media.listFiles({ kind: 'video' }))[0];
  if (!video || video.probeState !== 'done') throw new Error('the test film was not probed');
  const roots = await realRoots([root]);

  /** Ours, cold: a new segment cache and plan each round. */
  async function ours(
    round: number,
    start: 'job' | 'plan' | 'cold' | 'scan',
  ): Promise<{ total: number; playlists: number }> {
    const cacheDir = path.join(WORK, `cache-${round}-${start}`);
    if (start === 'job' || start === 'plan')
      fs.cpSync(path.join(WORK, 'jobs-cache'), cacheDir, {
        recursive: true,
        filter: (src) => start === 'job' || !src.endsWith('.m4s') && !src.endsWith('.mp4'),
      });
    const segments = new SegmentMaker({ cacheDir, maxBytes: 1 << 30, containerIndex: start !== 'scan' });
    const http = new Hono();
    http.route(
      '/',
      mediaApp({
        media: app.services.media,
        segments,
        roots: async () => roots,
        playback: async () => undefined,
      }),
    );
    const get = async (url: string): Promise<string> => {
      const res = await http.request(url);
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      return body.toString('latin1');
    };
    const resolve = (uri: string, base: string) => new URL(uri, `http://x${base}`).pathname;
    const t = process.hrtime.bigint();
    const masterUrl = `/media/videos/${video!.id}/hls/master.m3u8`;
    const master = await get(masterUrl);
    const lines = master.split('\n');
    const videoUri = lines[lines.findIndex((l) => l.startsWith('#EXT-X-STREAM-INF')) + 1]!;
    const audioLine = lines.find((l) => /TYPE=AUDIO.*DEFAULT=YES/.test(l))!;
    const audioUri = /URI="([^"]+)"/.exec(audioLine)![1]!;
    const playlistUrls = [resolve(videoUri, masterUrl), resolve(audioUri, masterUrl)];
    const playlists = await Promise.all(playlistUrls.map(get));
    const tPlaylists = ms(t);
    await Promise.all(
      playlists.map((pl, i) => {
        const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(pl)![1]!;
        const first = pl.split('\n').find((l) => l && !l.startsWith('#'))!;
        return Promise.all([get(resolve(init, playlistUrls[i]!)), get(resolve(first, playlistUrls[i]!))]);
      }),
    );
    const want = start === 'scan' ? 1 : 0;
    if (start !== 'job' && start !== 'plan' && segments.packetScans !== want)
      throw new Error(`${start}: ${segments.packetScans} packet scans, not ${want}`);
    return { total: ms(t), playlists: tPlaylists };
  } // prettier-ignore

  /** The bare ffmpeg HLS muxer: time until its playlist lists the first segment. */
  async function ffmpeg(round: number): Promise<number> {
    const out = path.join(WORK, `ffmpeg-${round}`);
    fs.mkdirSync(out);
    const playlist = path.join(out, 'index.m3u8');
    const t = process.hrtime.bigint();
    const child = spawn('ffmpeg', [
      '-v', 'error', '-nostdin', '-i', film,
      '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy',
      '-f', 'hls', '-hls_segment_type', 'fmp4', '-hls_time', '6',
      '-hls_playlist_type', 'event', '-hls_segment_filename', path.join(out, 'seg-%d.m4s'),
      playlist,
    ], { stdio: 'ignore' }); // prettier-ignore
    try {
      for (;;) {
        const text = fs.existsSync(playlist) ? fs.readFileSync(playlist, 'utf8') : '';
        if (text.includes('#EXTINF')) return ms(t);
        if (child.exitCode !== null) throw new Error('ffmpeg ended without a segment');
        await sleep(2);
      }
    } finally {
      child.kill('SIGKILL');
    }
  }

  const plans = fs
    .readdirSync(path.join(WORK, 'jobs-cache'), { recursive: true })
    .filter((f) => String(f).endsWith('.json'));
  if (plans.length !== 1) throw new Error(`the jobs left ${plans.length} segment plans, not 1`);
  await ours(0, 'cold'); // warm the code paths (module loading, the first ffmpeg spawn)
  await ffmpeg(0);
  const o: { total: number; playlists: number }[] = [];
  const planOnly: { total: number; playlists: number }[] = [];
  const cold: { total: number; playlists: number }[] = [];
  const scan: { total: number; playlists: number }[] = [];
  const f: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    o.push(await ours(round, 'job'));
    f.push(await ffmpeg(round));
    planOnly.push(await ours(round, 'plan'));
    cold.push(await ours(round, 'cold'));
    scan.push(await ours(round, 'scan'));
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  await app.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ot = median(o.map((x) => x.total));
  const pt = median(planOnly.map((x) => x.total));
  const ct = median(cold.map((x) => x.total));
  const st = median(scan.map((x) => x.total));
  const ft = median(f);
  console.log(
    `\n${MINUTES}-minute 640x360 H.264 + 2 AAC tracks (${CONTAINER.toUpperCase()}, keyframe every 2 s), ${ROUNDS} alternating rounds, medians; node ${process.version}, ${os.cpus().length} cores; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  const row = (label: string, t: number) =>
    console.log(`| ${label} | ${t.toFixed(0)} | ${ft.toFixed(0)} | ${(t / ft).toFixed(2)} |`);
  console.log('| time to the first segment | ms | ffmpeg -f hls, ms | ours/ffmpeg |');
  console.log('| --- | ---: | ---: | ---: |');
  row("ours after the scan's jobs (plan and first segments made)", ot);
  row('ours with the plan only (first segments evicted)', pt);
  row("ours fully cold (no plan: the container's keyframe index)", ct);
  row('ours fully cold, packet scan (no plan: a pass over the packets)', st);
  const pl = (xs: { playlists: number }[]) => median(xs.map((x) => x.playlists)).toFixed(0);
  console.log(
    `\nof which the master and media playlists: ${pl(o)}, ${pl(planOnly)}, ${pl(cold)} and ${pl(scan)} ms`,
  );
} finally {
  fs.rmSync(WORK, { recursive: true, force: true });
}
