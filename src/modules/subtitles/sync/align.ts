/**
 * Aligns one timeline of intervals (the cues to fix) to another (a reference track's cues, or
 * detected speech), in the manner of alass (Kaiser, "alass: Automatic Language-Agnostic
 * Subtitle Synchronization"): the quality of an alignment is the total time the shifted cues
 * overlap the reference, and the timeline may be split into segments with their own offsets
 * at a fixed penalty per split, solved by dynamic programming over the cues.
 *
 * Steps:
 *  1. For every candidate time-scale ratio (frame-rate pairs), the overlap as a function of the
 *     offset is a cross-correlation of the two coverage signals; one FFT per ratio gives it for
 *     every offset at once (200 ms bins).
 *  2. The strongest peaks of the best ratios are the candidate offsets.
 *  3. Dynamic programming assigns each cue a candidate offset, paying `splitPenaltyMs` (in ms
 *     of overlap) whenever consecutive cues change offset.
 *  4. Each segment's offset is refined to 5 ms on the exact interval overlap, and split points
 *     are moved to where they fit best.
 *  5. Confidence = how far the penalised overlap rises above what a random offset would give,
 *     as a share of the most it could rise.
 */
import { fft, nextPow2 } from './fft.ts';

export interface Interval {
  start: number;
  end: number;
}

export interface AlignOptions {
  /** Time-scale factors to try (applied before the offset); default: every standard fps pair. */
  ratios?: readonly number[];
  /** Largest offset searched, in ms (default 15 minutes). */
  maxOffsetMs?: number;
  /** Cost of one split, in ms of overlap (default 12000). 0 splits freely; Infinity never splits. */
  splitPenaltyMs?: number;
}

export interface AlignSegment {
  /** Index of the first cue (in the input order) and one past the last. */
  from: number;
  to: number;
  offsetMs: number;
}

export interface Alignment {
  ratio: number;
  segments: AlignSegment[];
  /** 0..1: share of the possible above-chance overlap that the alignment achieves. */
  confidence: number;
  /** Share of cue time that overlaps the reference after alignment. */
  overlapShare: number;
  /** The input intervals, moved. */
  moved: Interval[];
}

const FPS = [24000 / 1001, 24, 25, 30000 / 1001];

export function standardRatios(): number[] {
  const out = [1];
  for (const a of FPS) for (const b of FPS) if (a !== b) out.push(a / b);
  return out;
}

const BIN = 200;

/** Merges reference intervals into a sorted disjoint union. */
export function unionOf(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

class Reference {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  constructor(readonly union: Interval[]) {
    this.starts = Float64Array.from(union, (u) => u.start);
    this.ends = Float64Array.from(union, (u) => u.end);
  }
  /** Total length of [a, b) covered by the reference. */
  overlap(a: number, b: number): number {
    const ends = this.ends;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    let total = 0;
    for (let i = lo; i < ends.length && this.starts[i]! < b; i++) {
      total += Math.min(b, ends[i]!) - Math.max(a, this.starts[i]!);
    }
    return total;
  }
}

function coverage(intervals: readonly Interval[], scale: number, n: number): Float64Array {
  const s = new Float64Array(n);
  for (const iv of intervals) {
    const a = Math.max(0, iv.start * scale);
    const b = iv.end * scale;
    if (b <= a) continue;
    const k0 = Math.floor(a / BIN);
    const k1 = Math.min(n - 1, Math.floor((b - 1e-9) / BIN));
    for (let k = k0; k <= k1; k++) {
      const lo = Math.max(a, k * BIN);
      const hi = Math.min(b, (k + 1) * BIN);
      if (hi > lo) s[k] = s[k]! + (hi - lo) / BIN;
    }
  }
  return s;
}

interface RatioPeaks {
  ratio: number;
  /** Candidate offsets in ms, strongest first. */
  offsets: number[];
  strength: number;
}

function peaksForRatio(
  sub: readonly Interval[],
  refSpec: { re: Float64Array; im: Float64Array },
  n: number,
  ratio: number,
  maxOffsetMs: number,
  subTotal: number,
): RatioPeaks {
  const re = coverage(sub, ratio, n);
  const im = new Float64Array(n);
  fft(re, im);
  // conj(S) · F, then inverse: c[d] = Σ s[k] f[k + d].
  for (let k = 0; k < n; k++) {
    const sr = re[k]!;
    const si = -im[k]!;
    const fr = refSpec.re[k]!;
    const fi = refSpec.im[k]!;
    re[k] = sr * fr - si * fi;
    im[k] = sr * fi + si * fr;
  }
  fft(re, im, true);
  const maxD = Math.min(Math.floor(maxOffsetMs / BIN), Math.floor(n / 2) - 1);
  const at = (d: number): number => re[(d + n) % n]!;
  const peaks: { d: number; v: number }[] = [];
  const W = 5;
  for (let d = -maxD; d <= maxD; d++) {
    const v = at(d);
    if (v <= 0) continue;
    let isMax = true;
    for (let j = 1; j <= W && isMax; j++) {
      if (at(d - j) > v || at(d + j) >= v) isMax = false;
    }
    if (isMax) peaks.push({ d, v });
  }
  peaks.sort((a, b) => b.v - a.v);
  const top = peaks.slice(0, 16);
  const strength =
    top.slice(0, 4).reduce((s, p) => s + p.v, 0) / Math.max(1e-9, (subTotal * ratio) / BIN);
  return { ratio, offsets: top.map((p) => p.d * BIN), strength };
}

interface Solved {
  ratio: number;
  segments: AlignSegment[];
  objective: number;
}

function solve(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  ratio: number,
  offsets: number[],
  penalty: number,
): Solved {
  const n = order.length;
  const K = offsets.length;
  const score = (i: number, off: number): number => {
    const iv = sub[order[i]!]!;
    return ref.overlap(iv.start * ratio + off, iv.end * ratio + off);
  };
  let dp = new Float64Array(K);
  let next = new Float64Array(K);
  const back = new Int16Array(n * K);
  for (let k = 0; k < K; k++) dp[k] = score(0, offsets[k]!);
  for (let i = 1; i < n; i++) {
    let bestK = 0;
    for (let k = 1; k < K; k++) if (dp[k]! > dp[bestK]!) bestK = k;
    const switchVal = dp[bestK]! - penalty;
    for (let k = 0; k < K; k++) {
      const stay = dp[k]!;
      const s = score(i, offsets[k]!);
      if (stay >= switchVal) {
        next[k] = stay + s;
        back[i * K + k] = k;
      } else {
        next[k] = switchVal + s;
        back[i * K + k] = bestK;
      }
    }
    [dp, next] = [next, dp];
  }
  let k = 0;
  for (let j = 1; j < K; j++) if (dp[j]! > dp[k]!) k = j;
  const objective = dp[k]!;
  const assign = new Int16Array(n);
  for (let i = n - 1; i >= 0; i--) {
    assign[i] = k;
    if (i > 0) k = back[i * K + k]!;
  }
  const segments: AlignSegment[] = [];
  for (let i = 0; i < n; i++) {
    const last = segments[segments.length - 1];
    const off = offsets[assign[i]!]!;
    if (last && last.offsetMs === off) last.to = i + 1;
    else segments.push({ from: i, to: i + 1, offsetMs: off });
  }
  return { ratio, segments, objective };
}

/** Best offset for cues [from, to) near `around`, to 5 ms; the middle of a flat optimum. */
function refine(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  ratio: number,
  from: number,
  to: number,
  around: number,
): number {
  const total = (off: number): number => {
    let t = 0;
    for (let i = from; i < to; i++) {
      const iv = sub[order[i]!]!;
      t += ref.overlap(iv.start * ratio + off, iv.end * ratio + off);
    }
    return t;
  };
  let best = around;
  let bestV = -1;
  for (let off = around - 600; off <= around + 600; off += 25) {
    const v = total(off);
    if (v > bestV) {
      bestV = v;
      best = off;
    }
  }
  const flat: number[] = [];
  let fineBest = -1;
  for (let off = best - 100; off <= best + 100; off += 5) {
    const v = total(off);
    if (v > fineBest + 1e-6) {
      fineBest = v;
      flat.length = 0;
      flat.push(off);
    } else if (Math.abs(v - fineBest) <= 1e-6) flat.push(off);
  }
  // Overlap is flat when a cue sits inside a longer reference interval; the middle of the
  // plateau is the unbiased choice.
  return flat.length > 0 ? (flat[0]! + flat[flat.length - 1]!) / 2 : best;
}

export function align(
  sub: readonly Interval[],
  reference: readonly Interval[],
  opts: AlignOptions = {},
): Alignment {
  const ratios = opts.ratios ?? standardRatios();
  const maxOffsetMs = opts.maxOffsetMs ?? 15 * 60_000;
  const penalty = opts.splitPenaltyMs ?? 12_000;
  const union = unionOf(reference);
  const ref = new Reference(union);
  const order = sub
    .map((_, i) => i)
    .filter((i) => sub[i]!.end > sub[i]!.start)
    .sort((a, b) => sub[a]!.start - sub[b]!.start);
  const identity: Alignment = {
    ratio: 1,
    segments: [{ from: 0, to: sub.length, offsetMs: 0 }],
    confidence: 0,
    overlapShare: 0,
    moved: sub.map((i) => ({ start: i.start, end: i.end })),
  };
  if (order.length === 0 || union.length === 0) return identity;

  const subEnd = Math.max(...order.map((i) => sub[i]!.end));
  const refEnd = union[union.length - 1]!.end;
  const maxRatio = Math.max(...ratios);
  const n = nextPow2(Math.ceil((subEnd * maxRatio + refEnd) / BIN) + 16);
  const refSpec = { re: coverage(union, 1, n), im: new Float64Array(n) };
  fft(refSpec.re, refSpec.im);
  const subTotal = order.reduce((s, i) => s + (sub[i]!.end - sub[i]!.start), 0);

  const ranked = ratios
    .map((r) => peaksForRatio(sub, refSpec, n, r, maxOffsetMs, subTotal))
    .filter((p) => p.offsets.length > 0)
    .sort((a, b) => b.strength - a.strength)
    .slice(0, 3);
  if (ranked.length === 0) return identity;

  let best: Solved | null = null;
  const solvedAll: Solved[] = [];
  for (const rp of ranked) {
    const solved = solve(order, sub, ref, rp.ratio, rp.offsets, penalty);
    for (const seg of solved.segments) {
      seg.offsetMs = refine(order, sub, ref, rp.ratio, seg.from, seg.to, seg.offsetMs);
    }
    moveSplits(order, sub, ref, rp.ratio, solved.segments);
    solved.objective = objectiveOf(order, sub, ref, rp.ratio, solved.segments, penalty);
    solvedAll.push(solved);
    if (!best || solved.objective > best.objective) best = solved;
  }
  const chosen = best!;

  // Confidence: compare with what chance gives. A random offset overlaps each cue with the
  // reference's density; the ceiling is the smaller of the two tracks' total durations.
  const scaledTotal = subTotal * chosen.ratio;
  const refTotal = union.reduce((s, u) => s + (u.end - u.start), 0);
  const span = Math.max(refEnd - union[0]!.start, 1);
  const density = Math.min(1, refTotal / span);
  const chance = scaledTotal * density;
  const ceiling = Math.min(scaledTotal, refTotal);
  let raw = 0;
  for (const seg of chosen.segments) {
    for (let i = seg.from; i < seg.to; i++) {
      const iv = sub[order[i]!]!;
      raw += ref.overlap(
        iv.start * chosen.ratio + seg.offsetMs,
        iv.end * chosen.ratio + seg.offsetMs,
      );
    }
  }
  const penalised = raw - penalty * (chosen.segments.length - 1);
  let confidence = ceiling > chance ? (penalised - chance) / (ceiling - chance) : 0;
  // Ambiguity: the best clearly different explanation (another ratio that moves the cues
  // elsewhere, or another single offset) must score well below the chosen one, or the choice
  // is a coin toss however good the fit (three cues fit 24 and 25 fps equally well).
  const mid = sub[order[Math.floor(order.length / 2)]!]!;
  const placeOf = (ratio: number, segs: AlignSegment[]): number => {
    const i = Math.floor(order.length / 2);
    const seg = segs.find((s) => s.from <= i && i < s.to) ?? segs[0]!;
    return mid.start * ratio + seg.offsetMs;
  };
  const chosenPlace = placeOf(chosen.ratio, chosen.segments);
  let alt = -Infinity;
  for (const s of solvedAll) {
    if (s !== chosen && Math.abs(placeOf(s.ratio, s.segments) - chosenPlace) > 500)
      alt = Math.max(alt, s.objective);
  }
  const topRatio = ranked.find((r) => r.ratio === chosen.ratio)!;
  for (const off of topRatio.offsets.slice(0, 4)) {
    if (chosen.segments.some((sg) => Math.abs(sg.offsetMs - off) < 1000)) continue;
    const single: AlignSegment[] = [{ from: 0, to: order.length, offsetMs: off }];
    alt = Math.max(alt, objectiveOf(order, sub, ref, chosen.ratio, single, penalty));
  }
  if (alt > -Infinity && penalised > chance) {
    const margin = (penalised - Math.max(alt, chance)) / (penalised - chance);
    confidence = Math.min(confidence, margin * 2);
  }
  // Very few cues cannot establish anything, however well they happen to fit.
  confidence *= Math.min(1, order.length / 6);
  confidence = Math.max(0, Math.min(1, confidence));

  const moved = sub.map((i) => ({ start: i.start, end: i.end }));
  const segments: AlignSegment[] = [];
  for (const seg of chosen.segments) {
    for (let i = seg.from; i < seg.to; i++) {
      const idx = order[i]!;
      const iv = sub[idx]!;
      moved[idx] = {
        start: Math.round(iv.start * chosen.ratio + seg.offsetMs),
        end: Math.round(iv.end * chosen.ratio + seg.offsetMs),
      };
    }
    segments.push({
      from: order[seg.from]!,
      to: order[seg.to - 1]! + 1,
      offsetMs: Math.round(seg.offsetMs),
    });
  }
  return {
    ratio: chosen.ratio,
    segments,
    confidence: Math.round(confidence * 1000) / 1000,
    overlapShare: scaledTotal > 0 ? Math.round((raw / scaledTotal) * 1000) / 1000 : 0,
    moved,
  };
}

function objectiveOf(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  ratio: number,
  segments: AlignSegment[],
  penalty: number,
): number {
  let t = -penalty * (segments.length - 1);
  for (const seg of segments) {
    for (let i = seg.from; i < seg.to; i++) {
      const iv = sub[order[i]!]!;
      t += ref.overlap(iv.start * ratio + seg.offsetMs, iv.end * ratio + seg.offsetMs);
    }
  }
  return t;
}

/** Moves each split point (within a few cues) to where the two offsets fit best. */
function moveSplits(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  ratio: number,
  segs: AlignSegment[],
): void {
  const ov = (i: number, off: number): number => {
    const iv = sub[order[i]!]!;
    return ref.overlap(iv.start * ratio + off, iv.end * ratio + off);
  };
  for (let s = 1; s < segs.length; s++) {
    const a = segs[s - 1]!;
    const b = segs[s]!;
    const lo = Math.max(a.from + 1, b.from - 5);
    const hi = Math.min(b.to - 1, b.from + 5);
    let bestP = b.from;
    let bestV = -Infinity;
    for (let p = lo; p <= hi; p++) {
      let v = 0;
      for (let i = lo - 1; i <= hi; i++) v += i < p ? ov(i, a.offsetMs) : ov(i, b.offsetMs);
      if (v > bestV) {
        bestV = v;
        bestP = p;
      }
    }
    a.to = bestP;
    b.from = bestP;
  }
  // Neighbouring segments that refined to the same offset are one segment.
  for (let s = segs.length - 1; s > 0; s--) {
    if (Math.abs(segs[s]!.offsetMs - segs[s - 1]!.offsetMs) < 1) {
      segs[s - 1]!.to = segs[s]!.to;
      segs.splice(s, 1);
    }
  }
}
