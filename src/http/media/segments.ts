/**
 * HLS segments made on demand by ffmpeg and cached on disk under a size limit.
 *
 * Each segment is one ffmpeg run that seeks to the segment's start (`-ss` before `-i`, so a
 * seek far ahead starts there rather than from the beginning) and writes fragmented MP4 with
 * the source timestamps kept (`-copyts`, `frag_discont+delay_moov`: the fragments' tfdt is the
 * source time, so segments made by separate runs line up on one timeline and audio made from
 * another track lines up with the video). Browser-ready codecs are copied; others transcoded.
 * The ftyp+moov of a run is the rendition's init section (`EXT-X-MAP`).
 *
 * The same segment asked for twice at once is made once; at most `concurrency` ffmpeg runs at
 * a time; the least recently used files are deleted when the cache passes `maxBytes`.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { containerKeyframes } from './keyframe-index.ts';
import {
  type SegmentPlan,
  fixedPlan,
  planFromKeyframes,
  segmentSpan,
  splitFragmented,
} from './hls.ts';

export interface SourceFile {
  id: number;
  absPath: string;
  size: number;
  mtimeMs: number;
  durationS: number;
}

export interface SegmentMakerOptions {
  cacheDir: string;
  maxBytes: number;
  ffmpeg?: string;
  ffprobe?: string;
  concurrency?: number;
  /** A run that takes longer is killed (and the request fails). */
  timeoutMs?: number;
  /** false: always plan from a pass over the packets, never from the container's index (bench). */
  containerIndex?: boolean;
}

export interface Rendition {
  kind: 'video' | 'audio';
  index: number;
  copy: boolean;
}

const FRAGMENTED = 'frag_keyframe+empty_moov+default_base_moof+frag_discont+delay_moov';
/** Seek a hair after the keyframe and stop a hair before the next one: printed times are rounded. */
const EPS = 0.0005;

export class SegmentMaker {
  private readonly inflight = new Map<string, Promise<{ init: Uint8Array; media: Uint8Array }>>();
  private readonly plans = new Map<string, Promise<SegmentPlan>>();
  private readonly files = new Map<string, { size: number; used: number }>();
  private total = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** How many ffmpeg runs made segments (for tests: a cached segment makes none). */
  runs = 0;
  /** How many plans were made from the video file (for tests: a kept plan needs none). */
  scans = 0;
  /** How many of those needed a pass over the video's packets (the container had no usable index). */
  packetScans = 0;

  constructor(private readonly opts: SegmentMakerOptions) {
    fs.mkdirSync(opts.cacheDir, { recursive: true });
    for (const dir of fs.readdirSync(opts.cacheDir)) {
      const full = path.join(opts.cacheDir, dir);
      if (!fs.statSync(full).isDirectory()) continue;
      for (const f of fs.readdirSync(full)) {
        const st = fs.statSync(path.join(full, f));
        if (f.endsWith('.tmp')) fs.rmSync(path.join(full, f), { force: true });
        else if (f.startsWith('plan-'))
          continue; // plans are kept, outside the size limit
        else this.remember(path.join(dir, f), st.size, st.atimeMs);
      }
    }
  }

  get cachedBytes(): number {
    return this.total;
  }

  private key(f: SourceFile): string {
    return `${f.id}-${f.size.toString(16)}-${Math.trunc(f.mtimeMs).toString(16)}`;
  }

  private remember(rel: string, size: number, used: number): void {
    const old = this.files.get(rel);
    if (old) this.total -= old.size;
    this.files.set(rel, { size, used });
    this.total += size;
  }

  private evict(keep: string): void {
    if (this.total <= this.opts.maxBytes) return;
    const byAge = [...this.files.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [rel, e] of byAge) {
      if (this.total <= this.opts.maxBytes) break;
      if (rel === keep) continue;
      fs.rmSync(path.join(this.opts.cacheDir, rel), { force: true });
      this.files.delete(rel);
      this.total -= e.size;
    }
  }

  private read(rel: string): Uint8Array | undefined {
    const e = this.files.get(rel);
    if (!e) return undefined;
    try {
      const b = fs.readFileSync(path.join(this.opts.cacheDir, rel));
      e.used = Date.now();
      return b;
    } catch {
      this.total -= e.size;
      this.files.delete(rel);
      return undefined;
    }
  }

  private write(rel: string, bytes: Uint8Array): void {
    const full = path.join(this.opts.cacheDir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(`${full}.tmp`, bytes);
    fs.renameSync(`${full}.tmp`, full);
    this.remember(rel, bytes.byteLength, Date.now());
    this.evict(rel);
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    const limit = Math.max(1, this.opts.concurrency ?? 2);
    while (this.active >= limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async ffmpeg(args: string[]): Promise<Uint8Array> {
    return (await this.ffmpegOutputs(args, 1))[0]!;
  }

  /** One ffmpeg run writing `outputs` files: pipe:1, then pipe:3, pipe:4 … */
  private ffmpegOutputs(args: string[], outputs: number): Promise<Uint8Array[]> {
    return this.slot(
      () =>
        new Promise((resolve, reject) => {
          this.runs++;
          const extra = Array.from({ length: outputs - 1 }, () => 'pipe' as const);
          const child = spawn(this.opts.ffmpeg ?? 'ffmpeg', ['-v', 'error', '-nostdin', ...args], {
            stdio: ['ignore', 'pipe', 'pipe', ...extra],
          });
          const out: Buffer[][] = Array.from({ length: outputs }, () => []);
          let err = '';
          const timer = setTimeout(() => child.kill('SIGKILL'), this.opts.timeoutMs ?? 120_000);
          child.stdout!.on('data', (b: Buffer) => out[0]!.push(b));
          for (let i = 1; i < outputs; i++)
            (child.stdio[i + 2] as NodeJS.ReadableStream).on('data', (b: Buffer) =>
              out[i]!.push(b),
            );
          child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
          child.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
          });
          child.on('close', (code) => {
            clearTimeout(timer);
            if (code === 0) resolve(out.map((o) => Buffer.concat(o)));
            else
              reject(
                new Error(`ffmpeg failed (${code}): ${err.trim().split('\n').slice(-2).join(' ')}`),
              );
          });
        }),
    );
  }

  /**
   * Keyframe times of a video stream: from the container's own index (Matroska Cues, MP4
   * sync-sample table; a few small reads) when it has a usable one, else from the packets.
   */
  private async keyframes(file: SourceFile, streamIndex: number): Promise<number[]> {
    this.scans++;
    if (this.opts.containerIndex !== false) {
      const index = await containerKeyframes(file.absPath, streamIndex, file.durationS);
      if (index.times) return index.times;
    }
    this.packetScans++;
    return this.packetKeyframes(file, streamIndex);
  }

  /** Keyframe times of a video stream, from the packets' flags (demuxing only, no decoding). */
  private packetKeyframes(file: SourceFile, streamIndex: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      execFile(
        this.opts.ffprobe ?? 'ffprobe',
        [
          '-v',
          'error',
          '-select_streams',
          String(streamIndex),
          '-show_entries',
          'packet=pts_time,flags',
          '-of',
          'csv=p=0',
          file.absPath,
        ],
        { maxBuffer: 256 * 1024 * 1024 },
        (e, stdout) => {
          if (e) return reject(new Error(`ffprobe failed: ${e.message}`));
          const times: number[] = [];
          for (const line of stdout.split('\n')) {
            const [t, flags] = line.split(',');
            if (flags?.startsWith('K') && t && t !== 'N/A') times.push(Number(t));
          }
          resolve(times);
        },
      );
    });
  }

  /** The segment plan of a video: cut at keyframes when its video is copied, else every TARGET_S. */
  plan(file: SourceFile, video: { index: number; copy: boolean }): Promise<SegmentPlan> {
    const k = `${this.key(file)}/${video.index}/${video.copy}`;
    let p = this.plans.get(k);
    if (!p) {
      // A copied video's plan follows its keyframes: read from the container's index (Matroska
      // Cues, MP4 stss; milliseconds), or where there is none a pass over every packet (seconds
      // for a feature film). Either way it is kept on disk beside the segments, and made ahead by
      // a background job after the probe (`media.hls-plan`), not when a viewer presses play.
      const rel = path.join(this.key(file), `plan-v${video.index}.json`);
      const full = path.join(this.opts.cacheDir, rel);
      p = !video.copy
        ? Promise.resolve(fixedPlan(file.durationS))
        : fs.promises
            .readFile(full, 'utf8')
            .then((t) => JSON.parse(t) as SegmentPlan)
            .catch(async () => {
              const plan = planFromKeyframes(
                await this.keyframes(file, video.index),
                file.durationS,
              );
              await fs.promises.mkdir(path.dirname(full), { recursive: true });
              await fs.promises.writeFile(`${full}.tmp`, JSON.stringify(plan));
              await fs.promises.rename(`${full}.tmp`, full);
              return plan;
            });
      p.catch(() => this.plans.delete(k));
      this.plans.set(k, p);
    }
    return p;
  }

  /**
   * Segment `n` (or its init section) of one rendition: the video stream of `file`, or one of
   * its audio streams (`file` is then the video itself or an external audio file).
   */
  async segment(
    file: SourceFile,
    plan: SegmentPlan,
    rendition: { kind: 'video' | 'audio'; index: number; copy: boolean },
    n: number,
    part: 'init' | 'media',
  ): Promise<Uint8Array> {
    const name = `${rendition.kind === 'video' ? 'v' : 'a'}${rendition.index}${rendition.copy ? 'c' : 't'}`;
    const dir = this.key(file);
    const mediaRel = path.join(dir, `${name}-${n}.m4s`);
    const initRel = path.join(dir, `${name}-init.mp4`);
    const want = part === 'init' ? initRel : mediaRel;
    const hit = this.read(want);
    if (hit) return hit;
    // The init section comes from segment 0's run, so the two share one run (and its result).
    const m = part === 'init' ? 0 : n;
    const madeRel = path.join(dir, `${name}-${m}.m4s`);
    let p = this.inflight.get(madeRel);
    if (!p) {
      p = (async () => {
        const { start, end } = segmentSpan(plan, m);
        const out = await this.ffmpeg(this.args(file, plan, rendition, start, end));
        const { init, media } = splitFragmented(out);
        if (init.byteLength === 0 || media.byteLength === 0)
          throw new Error('ffmpeg wrote no fragmented MP4');
        if (!this.files.has(initRel)) this.write(initRel, init);
        // a player asks for segment 0 right after the init section: keep it
        if (!this.files.has(madeRel)) this.write(madeRel, media);
        return { init, media };
      })();
      this.inflight.set(madeRel, p);
      void p.finally(() => this.inflight.delete(madeRel)).catch(() => {});
    }
    const made = await p;
    return part === 'init' ? made.init : made.media;
  }

  private names(file: SourceFile, r: Rendition, n: number): { init: string; media: string } {
    const name = `${r.kind === 'video' ? 'v' : 'a'}${r.index}${r.copy ? 'c' : 't'}`;
    const dir = this.key(file);
    return { init: path.join(dir, `${name}-init.mp4`), media: path.join(dir, `${name}-${n}.m4s`) };
  }

  /**
   * The init sections and segment 0 of the video and of one audio stream of the same file,
   * what a player needs first, from one ffmpeg run with two outputs (one demux of the file and
   * one process start where two runs took two). Either part already kept or being made is
   * taken from there instead (then each is made by `segment`).
   */
  async first(
    file: SourceFile,
    plan: SegmentPlan,
    video: Rendition,
    audio?: Rendition,
  ): Promise<{ video: Uint8Array; audio?: Uint8Array }> {
    const v = this.names(file, video, 0);
    const a = audio ? this.names(file, audio, 0) : undefined;
    const kept = (x: { init: string; media: string }) =>
      this.files.has(x.init) && this.files.has(x.media);
    if (
      a &&
      audio &&
      !kept(v) &&
      !kept(a) &&
      !this.inflight.has(v.media) &&
      !this.inflight.has(a.media)
    ) {
      const { start, end } = segmentSpan(plan, 0);
      const run = this.ffmpegOutputs(
        [
          '-copyts',
          '-i',
          file.absPath,
          ...this.output(plan, video, start, end, 'pipe:1'),
          ...this.output(plan, audio, start, end, 'pipe:3'),
        ],
        2,
      ).then((outs) =>
        outs.map((out, i) => {
          const x = i === 0 ? v : a;
          const { init, media } = splitFragmented(out);
          if (init.byteLength === 0 || media.byteLength === 0)
            throw new Error('ffmpeg wrote no fragmented MP4');
          if (!this.files.has(x.init)) this.write(x.init, init);
          if (!this.files.has(x.media)) this.write(x.media, media);
          return { init, media };
        }),
      );
      for (const [i, x] of [v, a].entries()) {
        const p = run.then((r) => r[i]!);
        this.inflight.set(x.media, p);
        void p.finally(() => this.inflight.delete(x.media)).catch(() => {});
      }
      const [vm, am] = await run;
      return { video: vm!.init, audio: am!.init };
    }
    const [vi, ai] = await Promise.all([
      this.segment(file, plan, video, 0, 'init'),
      audio ? this.segment(file, plan, audio, 0, 'init') : undefined,
    ]);
    return ai ? { video: vi, audio: ai } : { video: vi };
  }

  private args(
    file: SourceFile,
    plan: SegmentPlan,
    r: Rendition,
    start: number,
    end: number,
  ): string[] {
    // The first segment starts at the beginning: whatever precedes the first keyframe (audio
    // priming, an audio packet at 0) belongs to it.
    const seek =
      start <= plan.starts[0]! ? 0 : plan.copy && r.kind === 'video' ? start + EPS : start;
    return [
      '-copyts',
      ...(seek > 0 ? ['-ss', String(seek)] : []),
      '-i',
      file.absPath,
      ...this.output(plan, r, start, end, 'pipe:1'),
    ];
  }

  /** The options of one output file of a run (after `-i`). */
  private output(
    plan: SegmentPlan,
    r: Rendition,
    start: number,
    end: number,
    target: string,
  ): string[] {
    const stop = end >= plan.end ? [] : ['-to', String(end - EPS)];
    const codec =
      r.kind === 'video'
        ? r.copy
          ? ['-c:v', 'copy']
          : [
              '-c:v',
              'libx264',
              '-preset',
              'veryfast',
              '-crf',
              '21',
              '-pix_fmt',
              'yuv420p',
              '-force_key_frames',
              `${start}`,
            ]
        : r.copy
          ? ['-c:a', 'copy']
          : ['-c:a', 'aac', '-b:a', '160k', '-ac', '2'];
    return [
      ...stop,
      '-map',
      `0:${r.index}`,
      ...(r.kind === 'video' ? ['-an'] : ['-vn']),
      '-sn',
      '-dn',
      ...codec,
      '-movflags',
      FRAGMENTED,
      '-f',
      'mp4',
      target,
    ];
  }
}
