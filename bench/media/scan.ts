/**
 * Scanning a 10,000-file library: our first scan, our rescan of the unchanged tree, and ffprobe
 * alone over the same videos (what a scanner that probes every file on every pass would pay
 * before doing anything else).
 *
 * The tree (a temp dir, deleted at the end) is named the Jellyfin way: 5,000 folders
 * `Title (Year)/Title (Year).mkv`, each with `Title (Year).en.srt`. Each video is a copy of one
 * tiny real MKV (ffmpeg test pattern, 0.5 s), so ffprobe reads real files. 60% are titles of the
 * 1,000 candidate films (matched by title and year), 40% are titles of no film (left unmatched,
 * with their nearest films). Ours runs in-process on a fresh SQLite database (MediaService with
 * the real repository, probes queued as jobs, as `kinoteka media scan --no-probe` does).
 * ffprobe alone: the same ffprobe command as ours, 2 at a time (our worker's default), on a
 * sample of the videos, scaled to all of them.
 *
 * Usage: node --import tsx bench/media/scan.ts [--videos 5000] [--rounds 3] [--probe-sample 300]
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb, migrateToLatest } from '../../src/db/index.ts';
import { JobQueue, mediaScheduler } from '../../src/jobs/index.ts';
import {
  MediaRepository,
  MediaService,
  createFfprobeRepository,
} from '../../src/modules/media/index.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const VIDEOS = opt('videos', 5000);
const ROUNDS = opt('rounds', 3);
const SAMPLE = opt('probe-sample', 300);
const FILMS = 1000;

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-bench-scan-'));
const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Deterministic titles: two or three words from a small vocabulary, numbered apart.
const WORDS = (
  'silent river winter night mother soldier cranes flying ballad house road field letter ' +
  'summer village station train garden mirror stalker island ascent return forty first city ' +
  'sun moon north steppe sea bridge'
).split(' ');
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const title = (i: number) =>
  `${pick(WORDS)} ${pick(WORDS)} ${i}`.replace(/\b\w/g, (c) => c.toUpperCase());

try {
  const root = path.join(WORK, 'media');
  fs.mkdirSync(root);
  const sample = path.join(WORK, 'sample.mkv');
  execFileSync('ffmpeg', [
    '-v', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=0.5',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', sample,
  ]); // prettier-ignore
  const mkv = fs.readFileSync(sample);
  const srt = '1\n00:00:00,000 --> 00:00:00,400\nHello.\n';
  const films = Array.from({ length: FILMS }, (_, i) => ({
    slug: `film-${i}`,
    year: 1920 + (i % 80),
    titles: [{ text: title(i) }],
  }));
  process.stderr.write(`writing ${VIDEOS * 2} files …\n`);
  const videoPaths: string[] = [];
  for (let i = 0; i < VIDEOS; i++) {
    const known = i % 10 < 6;
    const f = known ? films[i % FILMS]! : undefined;
    const name = f
      ? `${f.titles[0]!.text} (${f.year})${i >= FILMS ? ` {edition-${i}}` : ''}`
      : `${title(100_000 + i)} (${1930 + (i % 60)})`;
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    const video = path.join(dir, `${name}.mkv`);
    fs.writeFileSync(video, mkv);
    fs.writeFileSync(path.join(dir, `${name}.en.srt`), srt);
    videoPaths.push(video);
  }

  const db = createDb({ kind: 'sqlite', file: path.join(WORK, 'bench.db') });
  await migrateToLatest(db);
  const queue = new JobQueue(db);
  const media = new MediaService({
    repo: new MediaRepository(db.kysely),
    probe: createFfprobeRepository(),
    candidates: async () => films,
    schedule: mediaScheduler(queue),
  });

  let t = process.hrtime.bigint();
  const first = await media.scan([root]);
  const firstS = seconds(t);
  if (first.files !== VIDEOS * 2 || first.added !== VIDEOS * 2)
    throw new Error(`the first scan found ${first.files} files, added ${first.added}`);
  const rescans: number[] = [];
  let last = first;
  for (let r = 0; r < ROUNDS; r++) {
    t = process.hrtime.bigint();
    last = await media.scan([root]);
    rescans.push(seconds(t));
    if (last.unchanged !== VIDEOS * 2) throw new Error(`rescan: ${last.unchanged} unchanged`);
  }

  // ffprobe alone: our probe's command, 2 at a time, on a sample of the videos.
  const run = promisify(execFile);
  const chosen = videoPaths.filter((_, i) => i % Math.max(1, Math.floor(VIDEOS / SAMPLE)) === 0);
  const some = chosen.slice(0, SAMPLE);
  t = process.hrtime.bigint();
  for (let i = 0; i < some.length; i += 2) {
    await Promise.all(
      some.slice(i, i + 2).map((f) =>
        run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', f]),
      ),
    );
  }
  const probeS = (seconds(t) / some.length) * VIDEOS;
  const queued = (await queue.counts()).queued;
  await db.destroy();

  const r = median(rescans);
  console.log(
    `\n${VIDEOS * 2} files (${VIDEOS} videos + ${VIDEOS} sidecars), ${FILMS} candidate films, ${first.matched} matched and ${first.unmatched.length} unmatched; SQLite; ${ROUNDS} rescans, median; node ${process.version}, ${os.cpus().length} cores\n`,
  );
  console.log('| pass | seconds | ratio to our first scan |');
  console.log('| --- | ---: | ---: |');
  console.log(`| ours: first scan (walk, match, write; ${queued} probes queued) | ${firstS.toFixed(2)} | 1.00 |`);
  console.log(`| ours: rescan of the unchanged tree | ${r.toFixed(2)} | ${(r / firstS).toFixed(2)} |`);
  console.log(`| ffprobe alone over the ${VIDEOS} videos, 2 at a time (from ${some.length}) | ${probeS.toFixed(1)} | ${(probeS / firstS).toFixed(1)} |`);
} finally {
  fs.rmSync(WORK, { recursive: true, force: true });
} // prettier-ignore
