/**
 * Keyframe times from the container's index (src/http/media/keyframe-index.ts) against what
 * ffprobe's pass over the packets gives, on files made by real ffmpeg at test time: Matroska
 * (Cues after the clusters, as ffmpeg writes them, and before them), WebM VP9, MP4 with the moov
 * at the end and at the front, with B-frames (composition offsets, an edit list), cut mid-GOP,
 * starting late (an empty edit), with the video not the first stream; and what is not indexed or not whole falling back.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerKeyframes } from '../../src/http/media/keyframe-index.ts';
import { SegmentMaker } from '../../src/http/media/segments.ts';

const exec = promisify(execFile);
let dir: string;
const f = (name: string) => path.join(dir, name);

const ffmpeg = (args: string[]) => exec('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
/** 16 s of test pattern with a scene change at 9.5 s (a keyframe off the GOP grid). */
const VIDEO = [
  '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=9.5',
  '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25:duration=6.5',
  '-f', 'lavfi', '-i', 'sine=frequency=330:duration=16',
  '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]',
]; // prettier-ignore
/** libx264's default preset: B-frames, so composition offsets and (in MP4) an edit list. */
const H264 = ['-c:v', 'libx264', '-g', '50', '-pix_fmt', 'yuv420p'];

/** What SegmentMaker's fallback does: the pts_time of the packets flagged K. */
async function scanned(file: string, stream: number): Promise<number[]> {
  const { stdout } = await exec('ffprobe', [
    '-v', 'error', '-select_streams', String(stream),
    '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file,
  ]); // prettier-ignore
  return stdout
    .split('\n')
    .map((l) => l.split(','))
    .filter(([t, flags]) => flags?.startsWith('K') && t && t !== 'N/A')
    .map(([t]) => Number(t));
}

async function duration(file: string): Promise<number> {
  const { stdout } = await exec('ffprobe', [
    '-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file,
  ]); // prettier-ignore
  return Number(stdout);
}

async function expectSameAsScan(file: string, stream: number, from: string): Promise<number[]> {
  const index = await containerKeyframes(file, stream, await duration(file));
  const scan = await scanned(file, stream);
  expect(index.times, index.times ? '' : index.why).not.toBeNull();
  expect(index).toMatchObject({ from });
  expect(index.times!.length).toBe(scan.length);
  index.times!.forEach((t, i) => expect(Math.abs(t - scan[i]!)).toBeLessThan(0.001));
  return index.times!;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-keyframes-'));
  const av = ['-map', '[v]', '-map', '2:a', ...H264, '-c:a', 'aac', '-b:a', '48k'];
  await Promise.all([
    ffmpeg([...VIDEO, ...av, f('cues-at-end.mkv')]),
    ffmpeg([...VIDEO, ...av, f('moov-at-end.mp4')]),
    ffmpeg([...VIDEO, ...av, '-movflags', '+faststart', f('faststart.mp4')]),
    // the audio first: the video is stream 1
    ffmpeg([...VIDEO, '-map', '2:a', '-map', '[v]', ...H264, '-c:a', 'aac', f('audio-first.mp4')]),
    ffmpeg([...VIDEO, '-map', '2:a', '-map', '[v]', ...H264, '-c:a', 'aac', f('audio-first.mkv')]),
    ffmpeg([...VIDEO, ...av, '-reserve_index_space', '16384', f('cues-at-front.mkv')]),
    ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=8',
      '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-g', '50', '-b:v', '100k',
      f('vp9.webm'),
    ]), // prettier-ignore
    // a keyframe every 20 s: cues that far apart are not trusted
    ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=45',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '500', '-pix_fmt', 'yuv420p',
      f('sparse.mkv'),
    ]), // prettier-ignore
  ]);
  await Promise.all([
    // a copy cut mid-GOP: the edit list starts after the keyframe the copy begins with
    ffmpeg(['-ss', '3.3', '-i', f('moov-at-end.mp4'), '-c', 'copy', f('cut.mp4')]),
    // started 1.5 s late: an empty edit before the media edit
    ffmpeg(['-itsoffset', '1.5', '-i', f('moov-at-end.mp4'), '-map', '0:v', '-c', 'copy', f('late.mp4')]),
    ffmpeg(['-i', f('moov-at-end.mp4'), '-c', 'copy', '-movflags', 'frag_keyframe+empty_moov', f('fragmented.mp4')]),
    ffmpeg(['-i', f('moov-at-end.mp4'), '-c', 'copy', f('film.ts')]),
  ]); // prettier-ignore
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('keyframes from the container index', () => {
  it('reads Matroska Cues written after the clusters (ffmpeg) and before them', async () => {
    const end = await expectSameAsScan(f('cues-at-end.mkv'), 0, 'matroska-cues');
    // the GOP grid and the scene change at 9.5 s
    expect(end.length).toBeGreaterThanOrEqual(4);
    expect(end.some((t) => Math.abs(t - 9.5) < 0.1)).toBe(true);
    const front = await expectSameAsScan(f('cues-at-front.mkv'), 0, 'matroska-cues');
    expect(front).toEqual(end);
  });

  it('reads WebM (VP9) Cues', async () => {
    await expectSameAsScan(f('vp9.webm'), 0, 'matroska-cues');
  });

  it('reads the MP4 sync samples with composition offsets and the edit list, moov at either end', async () => {
    const bytes = fs.readFileSync(f('moov-at-end.mp4'));
    // the case the times depend on: B-frames (ctts) and a shift (elst)
    expect(bytes.includes('ctts')).toBe(true);
    expect(bytes.includes('elst')).toBe(true);
    expect(bytes.indexOf('moov')).toBeGreaterThan(bytes.indexOf('mdat'));
    const end = await expectSameAsScan(f('moov-at-end.mp4'), 0, 'mp4-stss');
    const start = fs.readFileSync(f('faststart.mp4'));
    expect(start.indexOf('moov')).toBeLessThan(start.indexOf('mdat'));
    expect(await expectSameAsScan(f('faststart.mp4'), 0, 'mp4-stss')).toEqual(end);
    expect(end.some((t) => Math.abs(t - 9.5) < 0.1)).toBe(true);
  });

  it('follows an edit list that starts mid-GOP (a copy cut with -ss)', async () => {
    const times = await expectSameAsScan(f('cut.mp4'), 0, 'mp4-stss');
    expect(times[0]).toBeLessThan(0); // the keyframe before the cut, as ffprobe lists it
  });

  it('follows an empty edit (a track that starts late)', async () => {
    const late = await expectSameAsScan(f('late.mp4'), 0, 'mp4-stss');
    expect(late[0]).toBeCloseTo(1.5, 2);
  });

  it('maps the stream index to the track: the video as stream 1, and not an audio stream', async () => {
    await expectSameAsScan(f('audio-first.mp4'), 1, 'mp4-stss');
    await expectSameAsScan(f('audio-first.mkv'), 1, 'matroska-cues');
    for (const file of ['audio-first.mp4', 'audio-first.mkv']) {
      const r = await containerKeyframes(f(file), 0, 16);
      expect(r.times).toBeNull();
      expect(r).toMatchObject({ why: 'stream 0 is not a video track' });
    }
    expect((await containerKeyframes(f('moov-at-end.mp4'), 7, 16)).times).toBeNull();
  });

  it('falls back on what has no usable index: fragmented MP4, MPEG-TS, sparse cues', async () => {
    expect(await containerKeyframes(f('fragmented.mp4'), 0, 16)).toEqual({
      times: null,
      why: 'fragmented MP4',
    });
    expect(await containerKeyframes(f('film.ts'), 0, 16)).toEqual({
      times: null,
      why: 'neither Matroska nor MP4',
    });
    const sparse = await containerKeyframes(f('sparse.mkv'), 0, 45);
    expect(sparse.times).toBeNull();
    expect(sparse).toMatchObject({ why: expect.stringMatching(/^cues too sparse/) });
  });

  it('never throws on truncated, damaged or missing files, and falls back', async () => {
    const cases: [string, Buffer][] = [];
    for (const name of ['cues-at-end.mkv', 'moov-at-end.mp4', 'faststart.mp4', 'vp9.webm']) {
      const b = fs.readFileSync(f(name));
      // cut before the index at the end, inside the header, inside the moov
      for (const at of [0, 3, 40, 300, 2000, Math.floor(b.length / 2), b.length - 100])
        cases.push([`${name}@${at}`, b.subarray(0, at)]);
      // damaged bytes in the first 4 KiB and in the last 4 KiB (headers, SeekHead, Cues, moov)
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let k = 0; k < 60; k++) {
        const c = Buffer.from(b);
        const near = k % 2 ? c.length - 4096 * rand() : 4096 * rand();
        for (let j = 0; j < 4; j++) c[Math.floor(near + 64 * rand()) % c.length] = Math.floor(256 * rand());
        cases.push([`${name}~${k}`, c]);
      }
    }
    const fellBack: string[] = [];
    for (const [name, bytes] of cases) {
      const p = f('damaged.bin');
      fs.writeFileSync(p, bytes);
      const r = await containerKeyframes(p, 0, 16);
      if (r.times === null) fellBack.push(name);
      else for (const t of r.times) expect(Number.isFinite(t), name).toBe(true);
    }
    // a file cut before its index (Cues or moov at the end) has none to read
    for (const name of ['cues-at-end.mkv', 'moov-at-end.mp4'])
      for (const at of [0, 3, 40, 300, 2000])
        expect(fellBack).toContain(`${name}@${at}`);
    expect((await containerKeyframes(f('no-such-file.mkv'), 0, 16)).times).toBeNull();
    expect((await containerKeyframes(dir, 0, 16)).times).toBeNull();
  }); // prettier-ignore
});

describe('segment plans from the index', () => {
  const source = (name: string, durationS: number) => {
    const st = fs.statSync(f(name));
    return { id: 1, absPath: f(name), size: st.size, mtimeMs: st.mtimeMs, durationS };
  };

  it('makes the same plan as the pass over the packets, without that pass', async () => {
    for (const name of ['cues-at-end.mkv', 'moov-at-end.mp4']) {
      const file = source(name, await duration(f(name)));
      const indexed = new SegmentMaker({ cacheDir: f(`cache-a-${name}`), maxBytes: 1 << 20 });
      const scanning = new SegmentMaker({
        cacheDir: f(`cache-b-${name}`),
        maxBytes: 1 << 20,
        containerIndex: false,
      });
      const a = await indexed.plan(file, { index: 0, copy: true });
      const b = await scanning.plan(file, { index: 0, copy: true });
      expect([indexed.packetScans, scanning.packetScans]).toEqual([0, 1]);
      expect(a.starts.length).toBe(b.starts.length);
      a.starts.forEach((t, i) => expect(Math.abs(t - b.starts[i]!)).toBeLessThan(0.001));
      // still kept on disk for the next node or the next start
      expect(fs.readdirSync(f(`cache-a-${name}`), { recursive: true }).some((x) => String(x).endsWith('.json'))).toBe(true);
    }
  }); // prettier-ignore

  it('falls back to the pass over the packets for a file without an index', async () => {
    const file = source('film.ts', await duration(f('film.ts')));
    const maker = new SegmentMaker({ cacheDir: f('cache-ts'), maxBytes: 1 << 20 });
    const plan = await maker.plan(file, { index: 0, copy: true });
    expect(maker.packetScans).toBe(1);
    expect(plan.starts.length).toBeGreaterThanOrEqual(2);
  });
});
