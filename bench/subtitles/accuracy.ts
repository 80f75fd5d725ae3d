/**
 * Accuracy harness (run: node --import tsx bench/subtitles/accuracy.ts [--quick|--extended]
 * [--seed N]).
 *
 * Correctly timed tracks are generated (our own dialogue, seeded timings), distorted the way
 * real releases differ — offsets up to ±120 s, every standard frame-rate ratio, 0 to 4 cuts,
 * 10% of lines dropped, ±100 ms jitter — then synced and scored line by line against the true
 * times: share of files synced (accepted), share of lines within 100/400/800 ms, and the
 * confident-wrong count (accepted, yet fewer than 80% of lines within 800 ms). Unrelated
 * references must all be refused. The audio part speaks the tracks with espeak-ng and mixes
 * sox noise, a chord, or a band (melody and drums) under the speech. --extended runs 159
 * reference files and, per audio condition, 5 tracks with 10 more distortions each (up to two
 * cuts): about 8 minutes, for checking the confidence gate on more than a handful of cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cue, SyncResult } from '../../src/modules/subtitles/index.ts';
import {
  createFfmpegAudioRepository,
  standardRatios,
  syncToIntervals,
  syncToReference,
} from '../../src/modules/subtitles/index.ts';
import {
  DIALOGUE_EN,
  DIALOGUE_RU,
  distort,
  makeTrack,
  rng,
} from '../../test/fixtures/subtitles/tracks.ts';
import { synthesizeSpeech } from '../../test/fixtures/subtitles/speech.ts';

const quick = process.argv.includes('--quick');
const extended = process.argv.includes('--extended');
// --seed N: other tracks and distortions, for a check on data the thresholds were not chosen on.
const seedArg = process.argv.indexOf('--seed');
const base = seedArg > 0 ? Number(process.argv[seedArg + 1]) : 0;

interface Score {
  files: number;
  accepted: number;
  lines: number;
  w100: number;
  w400: number;
  w500: number;
  w800: number;
  confidentWrong: number;
}
const empty = (): Score => ({
  files: 0,
  accepted: 0,
  lines: 0,
  w100: 0,
  w400: 0,
  w500: 0,
  w800: 0,
  confidentWrong: 0,
});

/**
 * Marks each cue with its index (an extra text line; sync reads only the times), so results
 * are scored cue by cue whatever sync does to their order or however many it drops.
 */
function tag(d: { cues: Cue[]; truth: number[] }): { cues: Cue[]; truth: number[] } {
  return { cues: d.cues.map((c, i) => ({ ...c, lines: [...c.lines, `#${i}`] })), truth: d.truth };
}

/** Share of the cues whose synced start is within `ms` of the truth (dropped cues miss). */
function within(r: SyncResult, truth: number[], ms: number): number {
  let n = 0;
  for (const c of r.cues) {
    const i = Number(c.lines[c.lines.length - 1]!.slice(1));
    if (Math.abs(c.start - truth[i]!) <= ms) n++;
  }
  return truth.length > 0 ? n / truth.length : 0;
}

function add(s: Score, r: SyncResult, truth: number[]): void {
  s.files++;
  if (!r.accepted) return;
  s.accepted++;
  const n = truth.length;
  s.lines += n;
  s.w100 += within(r, truth, 100) * n;
  s.w400 += within(r, truth, 400) * n;
  s.w500 += within(r, truth, 500) * n;
  s.w800 += within(r, truth, 800) * n;
  if (within(r, truth, 800) < 0.8) s.confidentWrong++;
}

const pct = (x: number, of: number): string => (of > 0 ? `${((100 * x) / of).toFixed(1)}%` : '—');
function line(name: string, s: Score): string {
  return `| ${name.padEnd(34)} | ${String(s.files).padStart(5)} | ${pct(s.accepted, s.files).padStart(7)} | ${pct(s.w100, s.lines).padStart(7)} | ${pct(s.w400, s.lines).padStart(7)} | ${pct(s.w500, s.lines).padStart(7)} | ${pct(s.w800, s.lines).padStart(7)} | ${String(s.confidentWrong).padStart(14)} |`;
}
const header =
  '| case                               | files |  synced | ≤100 ms | ≤400 ms | ≤500 ms | ≤800 ms | confident-wrong |\n|------------------------------------|-------|---------|---------|---------|---------|---------|-----------------|';

function randomDistortion(
  r: () => number,
  durationMs: number,
  ratio: number,
  maxOffset: number,
  maxCuts: number,
) {
  const ncuts = Math.floor(r() * (maxCuts + 1));
  const cuts = Array.from({ length: ncuts }, () => ({
    atMs: Math.floor(durationMs * (0.1 + 0.8 * r())),
    lengthMs: Math.round((r() < 0.5 ? -1 : 1) * (3000 + r() * 60_000)),
  }));
  return {
    offsetMs: Math.round((r() * 2 - 1) * maxOffset),
    scale: 1 / ratio,
    cuts,
    dropShare: 0.1,
    jitterMs: 100,
  };
}

// Part 1: to a subtitle reference.
const ratios = standardRatios();
const refAll = empty();
const byCuts = new Map<number, Score>();
const unrelated = empty();
let unrelatedAccepted = 0;
const files = quick ? 13 : extended ? 159 : 39;
for (let i = base; i < base + files; i++) {
  const r = rng(1000 + i);
  const duration = (20 + Math.floor(r() * 100)) * 60_000;
  const lines = i % 2 ? DIALOGUE_RU : DIALOGUE_EN;
  const original = makeTrack(i + 1, duration, lines);
  // The reference: the same film's other-language track, timed for this copy (its own 10%
  // missing lines and jitter).
  const reference = distort(
    original,
    { offsetMs: 0, scale: 1, cuts: [], dropShare: 0.1, jitterMs: 100 },
    5000 + i,
  ).cues;
  const d = randomDistortion(r, duration, ratios[i % ratios.length]!, 120_000, 4);
  const distorted = tag(distort(original, d, 9000 + i));
  const res = syncToReference(distorted.cues, reference);
  add(refAll, res, distorted.truth);
  const bc = byCuts.get(d.cuts.length) ?? empty();
  add(bc, res, distorted.truth);
  byCuts.set(d.cuts.length, bc);
  // The same file against an unrelated reference must be refused.
  const other = makeTrack(50_000 + i, duration, lines);
  const u = syncToReference(distorted.cues, other);
  unrelated.files++;
  if (u.accepted) unrelatedAccepted++;
}
unrelated.confidentWrong = unrelatedAccepted;
unrelated.accepted = unrelatedAccepted;

console.log(
  '\nSync to a subtitle reference (goal: ≥95% ≤400 ms, ≥99% ≤800 ms, 0 confident-wrong)\n',
);
console.log(header);
console.log(line('all distortions', refAll));
for (const [k, s] of [...byCuts.entries()].sort((a, b) => a[0] - b[0]))
  console.log(line(`  with ${k} cut(s)`, s));
console.log(line('unrelated reference (must refuse)', unrelated));

// Part 2: to generated speech.
const dir = mkdtempSync(join(tmpdir(), 'kinoteka-subs-acc-'));
const audio = createFfmpegAudioRepository();
const audioScores = new Map<string, Score>();
const audioAll = empty();
try {
  const conditions: { name: string; noise?: number; music?: number; band?: number }[] = [
    { name: 'clean speech' },
    { name: 'speech + pink noise', noise: 0.05 },
    { name: 'speech + music', music: 0.08 },
    { name: 'speech + noise + music', noise: 0.04, music: 0.06 },
    // A plucked melody with drums at 4 notes a second, coming and going: loudness alone
    // takes every note for speech.
    { name: 'speech + band', band: 0.3 },
    { name: 'speech + band + noise', band: 0.3, noise: 0.04 },
  ];
  const tracks = quick ? 1 : extended ? 5 : 2;
  for (const [ci, cond] of conditions.entries()) {
    for (let t = 0; t < tracks; t++) {
      const seed = 100 + base + ci * 10 + t;
      const r = rng(seed);
      const sub = mkdtempSync(join(dir, 'track-'));
      const texts: string[] = [];
      for (let k = 0; k < 60; k++) texts.push(DIALOGUE_EN[Math.floor(r() * DIALOGUE_EN.length)]!);
      const track = synthesizeSpeech(sub, texts, {
        seed,
        startMs: 30_000 + Math.floor(r() * 60_000),
        pauseMs: [500, 4000],
        ...(cond.noise ? { noise: cond.noise } : {}),
        ...(cond.music ? { music: cond.music } : {}),
        ...(cond.band ? { band: cond.band } : {}),
      });
      // Decoded once; each distortion is then synced to the same speech (what syncToAudio does).
      const speech = await audio.detectSpeech(track.audio);
      const more = extended ? 10 : 0;
      for (let k = 0; k < 3 + more; k++) {
        // Offsets scaled to the short generated tracks (~4 min): up to ±25 s, one cut at most
        // (two in the extended set).
        const d = randomDistortion(
          r,
          track.durationMs,
          ratios[(ci * 3 + k) % ratios.length]!,
          25_000,
          k < 3 ? 1 : 2,
        );
        const distorted = tag(
          distort(track.cues, { ...d, dropShare: 0.1, jitterMs: 100 }, seed * 7 + k),
        );
        const res: SyncResult = syncToIntervals(distorted.cues as Cue[], speech);
        const s = audioScores.get(cond.name) ?? empty();
        add(s, res, distorted.truth);
        audioScores.set(cond.name, s);
        add(audioAll, res, distorted.truth);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('\nSync to audio, generated speech (goal: ≥90% ≤500 ms, 0 confident-wrong)\n');
console.log(header);
console.log(line('all conditions', audioAll));
for (const [k, s] of audioScores) console.log(line(`  ${k}`, s));
