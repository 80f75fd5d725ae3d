/**
 * The media library and the job queue on real databases (SQLite and PostgreSQL), over media
 * generated with ffmpeg: scan, match, probe, WebVTT extraction, incremental rescan, and job
 * claiming without a job running twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, createDb } from '../../src/db/index.ts';
import { JobQueue, Worker, mediaJobHandlers, mediaScheduler } from '../../src/jobs/index.ts';
import {
  type MatchCandidate,
  MediaRepository,
  MediaService,
  createFfprobeRepository,
} from '../../src/modules/media/index.ts';
import { type TestLibrary, generateTestLibrary } from '../fixtures/media/generate.ts';
import { DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

const FILMS: MatchCandidate[] = [
  {
    slug: 'mother-1926',
    year: 1926,
    titles: [{ text: 'Mother' }, { text: 'Мать' }, { text: "Mat'" }],
  },
  { slug: 'mother-1955', year: 1955, titles: [{ text: 'Mother' }, { text: 'Мать' }] },
  { slug: 'mother-1990', year: 1990, titles: [{ text: 'Mother' }, { text: 'Мать' }] },
  {
    slug: 'the-cranes-are-flying-1957',
    year: 1957,
    titles: [
      { text: 'The Cranes Are Flying' },
      { text: 'Летят журавли' },
      { text: 'Letyat zhuravli' },
    ],
  },
  {
    slug: 'ballad-of-a-soldier-1959',
    year: 1959,
    titles: [{ text: 'Ballad of a Soldier' }, { text: 'Баллада о солдате' }],
  },
];

let dir: string;
let lib: TestLibrary;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-media-'));
  lib = await generateTestLibrary(dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the generated library, so that each dialect's test may change its files. */
function copyLibrary(name: string): string {
  const root = path.join(dir, name);
  fs.cpSync(lib.root, root, { recursive: true, verbatimSymlinks: true });
  return root;
}

describe.each(DIALECTS)('media library on %s', (dialect) => {
  let db: TestDb;
  let root: string;
  let queue: JobQueue;
  let media: MediaService;
  let worker: Worker;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    root = copyLibrary(`lib-${dialect}`);
    queue = new JobQueue(db);
    media = new MediaService({
      repo: new MediaRepository(db.kysely),
      probe: createFfprobeRepository(),
      candidates: async () => FILMS,
      schedule: mediaScheduler(queue),
    });
    worker = new Worker(queue, mediaJobHandlers(media), { concurrency: 2 });
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  it('scans, refuses the symlink out of the root, matches by title in any script and by tag', async () => {
    const progress: [number, number][] = [];
    const r = await media.scan([root], (done, total) => progress.push([done, total]));
    expect(r.refused).toEqual([
      { root: fs.realpathSync(root), path: 'escape.mkv', reason: 'symlink points out of the root' },
    ]);
    // 5 videos, 3 sidecars beside the MKV (two subtitles, a poster)
    expect(r.files).toBe(8);
    expect(r.added).toBe(8);
    expect(progress.at(-1)).toEqual([8, 8]);
    const videos = await media.listFiles({ kind: 'video' });
    const bySlug = Object.fromEntries(videos.map((v) => [v.path, v.filmSlug]));
    expect(bySlug).toEqual({
      'Mother (1926)/Mother (1926).mkv': 'mother-1926',
      'The Cranes Are Flying (1957)/The Cranes Are Flying (1957).mp4': 'the-cranes-are-flying-1957',
      'Баллада о солдате (1959)/Баллада о солдате (1959).mp4': 'ballad-of-a-soldier-1959',
      'Tagged/Anything {kinoteka-mother-1955}.mp4': 'mother-1955',
      'Zhuravli (1975)/Zhuravli (1975).mp4': null,
    });
    expect(videos.find((v) => v.filmSlug === 'mother-1955')?.matchMethod).toBe('tag');
    expect(r.matched).toBe(4);
    expect(r.unmatched).toHaveLength(1);
    expect(r.unmatched[0]!.path).toBe('Zhuravli (1975)/Zhuravli (1975).mp4');
    expect(r.unmatched[0]!.candidates[0]?.slug).toBe('the-cranes-are-flying-1957');
    const mkv = videos.find((v) => v.filmSlug === 'mother-1926')!;
    const sidecars = await media.listFiles({ videoId: mkv.id });
    expect(sidecars.map((s) => [s.kind, s.language, s.forced]).sort()).toEqual([
      ['artwork', null, false],
      ['subtitle', 'en', true],
      ['subtitle', 'ru', false],
    ]);
    expect((await queue.counts()).queued).toBe(5);
  });

  it('probes and extracts subtitles as jobs', async () => {
    const ran = await worker.drain();
    // five probes, then one subtitle job per video (the MKV has tracks, the others none)
    expect(ran).toBe(10);
    expect(await queue.counts()).toEqual({ queued: 0, running: 0, done: 10, failed: 0 });
    const [mkv] = await media.listFiles({ filmSlug: 'mother-1926' });
    const d = (await media.fileDetail(mkv!.id))!;
    expect(d.file.container).toContain('matroska');
    expect(d.file.videoCodec).toBe('h264');
    expect(d.file.durationS).toBeGreaterThan(2);
    expect(d.file.probeState).toBe('done');
    const audio = d.streams.filter((s) => s.type === 'audio');
    expect(audio.map((a) => [a.language, a.title, a.channels, a.default])).toEqual([
      ['ru', 'Russian original', 1, true],
      ['en', 'English dub', 1, false],
    ]);
    const subs = d.streams.filter((s) => s.type === 'subtitle');
    expect(subs.map((s) => [s.codec, s.language, s.textSubtitle])).toEqual([
      ['subrip', 'en', true],
    ]);

    const tracks = d.subtitles.map((t) => [t.source, t.language, t.forced, t.cues]).sort();
    expect(tracks).toEqual([
      ['sidecar', 'en', true, 1],
      ['sidecar', 'ru', false, 2],
      ['stream', 'en', false, 2],
    ]);
    const ru = d.subtitles.find((t) => t.language === 'ru')!;
    expect(ru.encoding).toMatch(/1251/);
    const ruVtt = (await media.subtitleVtt(ru.id))!;
    expect(ruVtt.startsWith('WEBVTT')).toBe(true);
    expect(ruVtt).toContain('Мать, я вернусь.');
    const embedded = d.subtitles.find((t) => t.source === 'stream')!;
    const vtt = (await media.subtitleVtt(embedded.id))!;
    expect(vtt).toContain('Mother, I will come back.');
    // the muxer may shift the stream by a few milliseconds (ffprobe shows it); the cue stays put
    const first = /(\d\d):(\d\d):(\d\d\.\d{3}) -->/.exec(vtt)!;
    expect(Number(first[3])).toBeCloseTo(0.5, 1);
  });

  it('summarises what the server holds for a film', async () => {
    const s = await media.accessSummary('mother-1926', ['ru']);
    expect(s.copies).toBe(1);
    expect(s.text).toBe(
      'English subtitles, English forced subtitles, Russian subtitles, English dub, Russian original',
    );
    expect(await media.filmsWithCopies()).toEqual([
      'ballad-of-a-soldier-1959',
      'mother-1926',
      'mother-1955',
      'the-cranes-are-flying-1957',
    ]);
    const art = await media.artwork('mother-1926');
    expect(art.poster?.path).toBe('Mother (1926)/poster.jpg');
    expect(art.backdrop).toBeNull();
    const none = await media.accessSummary('mother-1990', ['ru']);
    expect(none).toMatchObject({ copies: 0, text: null });
  });

  it('rescans incrementally: unchanged files are not probed again, changes and removals are seen', async () => {
    const again = await media.scan([root]);
    expect(again).toMatchObject({ added: 0, changed: 0, unchanged: 8, removed: 0 });
    expect((await queue.counts()).queued).toBe(0);

    const sidecar = path.join(root, 'Mother (1926)', 'Mother (1926).en.forced.srt');
    fs.appendFileSync(sidecar, '\n2\n00:00:01,500 --> 00:00:02,000\n[Sign: Tver]\n');
    fs.rmSync(path.join(root, 'Zhuravli (1975)'), { recursive: true });
    const third = await media.scan([root]);
    expect(third).toMatchObject({ added: 0, changed: 1, unchanged: 6, removed: 1, unmatched: [] });
    const queued = await queue.list({ state: 'queued' });
    expect(queued.map((j) => j.kind)).toEqual(['media.subtitles']);
    expect(await worker.drain()).toBe(1);
    const [mkv] = await media.listFiles({ filmSlug: 'mother-1926' });
    const forced = (await media.fileDetail(mkv!.id))!.subtitles.find((t) => t.forced)!;
    expect(forced.cues).toBe(2);
  });

  it('keeps a clear message when a probe fails', async () => {
    fs.mkdirSync(path.join(root, 'Broken (1926)'));
    fs.writeFileSync(path.join(root, 'Broken (1926)', 'Broken (1926).mkv'), 'not a video');
    expect((await media.scan([root])).added).toBe(1);
    expect(await worker.drain()).toBe(1);
    const [broken] = (await media.listFiles({ kind: 'video' })).filter((f) =>
      f.path.startsWith('Broken'),
    );
    expect(broken!.probeState).toBe('failed');
    expect(broken!.probeError).toMatch(/^ffprobe failed: .*Invalid data/);
    const [job] = await queue.list({ kind: 'media.probe', limit: 1 });
    // queued again for a later attempt, with the message kept
    expect(job).toMatchObject({ state: 'queued', attempts: 1, error: broken!.probeError });
  });
});

describe.each(DIALECTS)('job queue on %s', (dialect) => {
  let db: TestDb;
  let second: Db;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    second = createDb(db.target);
  });

  afterAll(async () => {
    await second?.destroy();
    await db?.cleanup();
  });

  it('two workers on two connections never run a job twice', async () => {
    const a = new JobQueue(db);
    const b = new JobQueue(second);
    for (let i = 0; i < 40; i++) await a.enqueue('count', { i });
    const runs: number[] = [];
    const handler = async (job: { payload: unknown }) => {
      runs.push((job.payload as { i: number }).i);
      await new Promise((r) => setImmediate(r));
    };
    const w1 = new Worker(a, { count: handler }, { id: 'w1', concurrency: 3 });
    const w2 = new Worker(b, { count: handler }, { id: 'w2', concurrency: 3 });
    const [n1, n2] = await Promise.all([w1.drain(), w2.drain()]);
    expect(n1 + n2).toBe(40);
    expect([...runs].sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
    expect((await a.counts()).done).toBe(40);
    const owners = new Set((await a.list({ limit: 100 })).map((j) => j.attempts));
    expect(owners).toEqual(new Set([1]));
  });

  it('runs at most `concurrency` jobs at once, in the background until stopped', async () => {
    const queue = new JobQueue(db);
    let active = 0;
    let most = 0;
    let started = 0;
    let finished = 0;
    let allDone!: () => void;
    const done = new Promise<void>((r) => (allDone = r));
    // A job waits until a second one runs beside it (or none is left to start), so both slots
    // fill whatever the database's speed; a third would show as `most` = 3.
    let release!: () => void;
    let barrier = new Promise<void>((r) => (release = r));
    const w = new Worker(
      queue,
      {
        slow: async () => {
          started++;
          most = Math.max(most, ++active);
          if (active === 2 || started === 6) {
            release();
            barrier = new Promise<void>((r) => (release = r));
          } else await barrier;
          active--;
          if (++finished === 6) allDone();
        },
      },
      { concurrency: 2, pollMs: 50 },
    );
    for (let i = 0; i < 6; i++) await queue.enqueue('slow', { i });
    w.start();
    await done;
    await w.stop();
    expect(most).toBe(2);
    expect(finished).toBe(6);
    expect((await queue.list({ kind: 'slow' })).map((j) => j.state)).toEqual(Array(6).fill('done'));
  });

  it('a job left running by a dead worker is run again after its lease; failures keep their message', async () => {
    let now = Date.parse('2026-12-02T12:00:00Z');
    const queue = new JobQueue(db, () => new Date(now));
    const job = await queue.enqueue('probe', { fileId: 1 }, { maxAttempts: 2 });
    const claimed = await queue.claim('dead-node', ['probe'], 60_000);
    expect(claimed?.id).toBe(job.id);
    // the node dies; another node does not see the job while the lease holds
    const alive = new Worker(queue, { probe: async () => {} }, { id: 'alive' });
    expect(await alive.drain()).toBe(0);
    now += 61_000;
    expect(await alive.drain()).toBe(1);
    const done = (await queue.get(job.id))!;
    expect(done).toMatchObject({ state: 'done', attempts: 2, lockedBy: null });

    const bad = await queue.enqueue('broken', {}, { maxAttempts: 1 });
    const failing = new Worker(queue, {
      broken: async () => {
        throw new Error('ffprobe failed: moov atom not found');
      },
    });
    expect(await failing.drain()).toBe(1);
    expect(await queue.get(bad.id)).toMatchObject({
      state: 'failed',
      error: 'ffprobe failed: moov atom not found',
      attempts: 1,
    });
    expect(await queue.retry(bad.id)).toBe(true);
    expect((await queue.get(bad.id))?.state).toBe('queued');
  });
});
