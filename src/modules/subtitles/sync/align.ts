/**
 * Aligns one timeline of intervals (the cues to fix) to another (a reference track's cues, or
 * detected speech), in the manner of alass (Kaiser, "alass: Automatic Language-Agnostic
 * Subtitle Synchronization"): the quality of an alignment is the total time the shifted cues
 * overlap the reference, and the timeline may be split into segments with their own offsets
 * at a fixed penalty per split, solved by dynamic programming over the cues.
 *
 * Steps:
 *  1. For every candidate time-scale ratio (frame-rate pairs), the overlap as a function of the
 *     offset is a cross-correlation of the two coverage signals; FFTs give it for every offset
 *     at once (200 ms bins), two ratios per transform.
 *  2. The strongest peaks of the best ratios are the candidate offsets.
 *  3. Dynamic programming assigns each cue a candidate offset, paying `splitPenaltyMs` (in ms
 *     of overlap) whenever consecutive cues change offset.
 *  4. Each segment's offset is refined to 5 ms on the exact interval overlap, and split points
 *     are moved to where they fit best.
 *  5. Blocks are checked on their own: runs of cues that a more freely split solution places
 *     elsewhere, or that fit worse than chance where they are. A block moves when its own
 *     correlation with the reference has one clear best offset that fits as well as the rest
 *     of the file (a cut too close to the start or end to pay the penalty); it stays when the
 *     chosen offset is its clear best; otherwise it is disputed.
 *  6. Confidence = how far the penalised overlap rises above what a random offset would give,
 *     as a share of the most it could rise; capped by the margin over every clearly different
 *     explanation, measured on the cues where the two disagree, and by the disputed share.
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
  /**
   * Share of cues in blocks that the reference does not settle: a looser split places them
   * elsewhere and neither placement clearly fits better.
   */
  disputed: number;
}

const FPS = [24000 / 1001, 24, 25, 30000 / 1001];

export function standardRatios(): number[] {
  const out = [1];
  for (const a of FPS) for (const b of FPS) if (a !== b) out.push(a / b);
  return out;
}

const BIN = 200;
/** Two alignments disagree about a cue when they place it this far apart (ms). */
const DISAGREE_MS = 600;
/** The split penalty of the looser alternative solution, as a share of the real one. */
const LOOSE_PENALTY = 1 / 6;
/** Fewest cues in a block that is settled on its own. */
const MIN_BLOCK = 4;
/**
 * How far a block's best offset must stand out from its next best, as a share of the best's
 * rise above chance.
 */
const BLOCK_SEPARATION = 0.25;
/** Confidence lost per share of disputed cues: a sixth of the cues disputed leaves none. */
const DISPUTED_WEIGHT = 6;
/** A block's best offset must fit within this much of the file's typical fit to be adopted. */
const FIT_SLACK = 0.12;
/** How far from its neighbours' offset a block is searched (ms). */
const BLOCK_REACH_MS = 180_000;
/** Five cues in a row fit poorly when they overlap less than this share of chance. */
const POOR_FIT = 1;
/** Below this confidence before blocks are settled, the alignment is not worth settling. */
const SETTLE_FROM = 0.25;

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

/**
 * Overlap (ms, to the bin) of `intervals` with the reference at every offset (index d mod n),
 * once per ratio. The coverage signals are real, so two ratios share one complex FFT each way:
 * the first goes in the real part, the second in the imaginary part, and their spectra are
 * separated by conjugate symmetry; both correlations are real, so they come back the same way.
 */
function correlateAll(
  intervals: readonly Interval[],
  ratios: readonly number[],
  refSpec: { re: Float64Array; im: Float64Array },
  n: number,
): Float64Array[] {
  const out: Float64Array[] = [];
  const fr = refSpec.re;
  const fi = refSpec.im;
  for (let r = 0; r < ratios.length; r += 2) {
    const xr = coverage(intervals, ratios[r]!, n);
    const xi = r + 1 < ratios.length ? coverage(intervals, ratios[r + 1]!, n) : new Float64Array(n);
    fft(xr, xi);
    const yr = new Float64Array(n);
    const yi = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const m = (n - k) & (n - 1);
      const ar = xr[k]!;
      const ai = xi[k]!;
      const br = xr[m]!;
      const bi = xi[m]!;
      // conj(A) and conj(B), the spectra of the two real signals, conjugated.
      const car = (ar + br) / 2;
      const cai = (bi - ai) / 2;
      const cbr = (ai + bi) / 2;
      const cbi = (ar - br) / 2;
      const f1 = fr[k]!;
      const f2 = fi[k]!;
      const par = car * f1 - cai * f2;
      const pai = car * f2 + cai * f1;
      const pbr = cbr * f1 - cbi * f2;
      const pbi = cbr * f2 + cbi * f1;
      yr[k] = par - pbi;
      yi[k] = pai + pbr;
    }
    fft(yr, yi, true);
    for (let k = 0; k < n; k++) {
      yr[k] = yr[k]! * BIN;
      yi[k] = yi[k]! * BIN;
    }
    out.push(yr);
    if (r + 1 < ratios.length) out.push(yi);
  }
  return out;
}

/** Local maxima of the correlation within ±maxD bins, strongest first. */
function topPeaks(c: Float64Array, maxD: number, count: number): { d: number; v: number }[] {
  const n = c.length;
  const at = (d: number): number => c[(d + n) % n]!;
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
  peaks.sort((x, y) => y.v - x.v);
  return peaks.slice(0, count);
}

function peaksForRatio(
  corr: Float64Array,
  ratio: number,
  maxD: number,
  subTotal: number,
): RatioPeaks {
  const top = topPeaks(corr, maxD, 16);
  const strength = top.slice(0, 4).reduce((s, p) => s + p.v, 0) / Math.max(1e-9, subTotal * ratio);
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
    disputed: 0,
  };
  if (order.length === 0 || union.length === 0) return identity;

  const subEnd = Math.max(...order.map((i) => sub[i]!.end));
  const refEnd = union[union.length - 1]!.end;
  const maxRatio = Math.max(...ratios);
  const n = nextPow2(Math.ceil((subEnd * maxRatio + refEnd) / BIN) + 16);
  const refCov = coverage(union, 1, n);
  const refSpec = { re: Float64Array.from(refCov), im: new Float64Array(n) };
  fft(refSpec.re, refSpec.im);
  const subTotal = order.reduce((s, i) => s + (sub[i]!.end - sub[i]!.start), 0);

  const maxD = Math.min(Math.floor(maxOffsetMs / BIN), Math.floor(n / 2) - 1);
  const corrs = correlateAll(sub, ratios, refSpec, n);
  const ranked = ratios
    .map((r, k) => peaksForRatio(corrs[k]!, r, maxD, subTotal))
    .filter((p) => p.offsets.length > 0)
    .sort((a, b) => b.strength - a.strength)
    .slice(0, 3);
  if (ranked.length === 0) return identity;

  const finish = (solved: Solved): Solved => {
    for (const seg of solved.segments) {
      seg.offsetMs = refine(order, sub, ref, solved.ratio, seg.from, seg.to, seg.offsetMs);
    }
    moveSplits(order, sub, ref, solved.ratio, solved.segments);
    solved.objective = objectiveOf(order, sub, ref, solved.ratio, solved.segments, penalty);
    return solved;
  };
  let best: Solved | null = null;
  const solvedAll: Solved[] = [];
  for (const rp of ranked) {
    const solved = finish(solve(order, sub, ref, rp.ratio, rp.offsets, penalty));
    solvedAll.push(solved);
    if (!best || solved.objective > best.objective) best = solved;
  }
  let chosen = best!;
  const topRatio = ranked.find((r) => r.ratio === chosen.ratio)!;
  const refTotal = union.reduce((s, u) => s + (u.end - u.start), 0);
  const density = Math.min(1, refTotal / Math.max(refEnd - union[0]!.start, 1));

  // Confidence: compare with what chance gives. A random offset overlaps each cue with the
  // reference's density; the ceiling is the smaller of the two tracks' total durations.
  const above = (overlap: number, ratio: number): number => {
    const c = subTotal * ratio * density;
    const top = Math.min(subTotal * ratio, refTotal);
    return top > c ? (overlap - c) / (top - c) : 0;
  };

  // Blocks of cues the penalty kept together but that a looser split places elsewhere: a cut
  // near the start or end of the file leaves too few cues behind it to pay for a split. Each
  // such block is settled on its own correlation with the reference. (Not worth doing for an
  // alignment that is not credible anyway, such as one to an unrelated reference.)
  let disputed = 0;
  let splitCost = penalty * (chosen.segments.length - 1);
  const raw0 = perCue(order, sub, ref, chosen.ratio, chosen.segments).ov.reduce((s, x) => s + x, 0);
  if (
    penalty > 0 &&
    Number.isFinite(penalty) &&
    above(raw0 - splitCost, chosen.ratio) >= SETTLE_FROM
  ) {
    const loosePenalty = penalty * LOOSE_PENALTY;
    const fullSplits = chosen.segments.length - 1;
    // Twice at most: moving one block can expose the next.
    for (let pass = 0; pass < 2; pass++) {
      const offsets = [
        ...topRatio.offsets,
        ...chosen.segments.map((sg) => sg.offsetMs),
        ...localPeaks(order, sub, chosen, refCov, maxD),
      ];
      const loose = finish(solve(order, sub, ref, chosen.ratio, offsets, loosePenalty));
      const fitNow = perCue(order, sub, ref, chosen.ratio, chosen.segments);
      const verdict = settleBlocks(order, sub, fitNow, density, refCov, maxD, chosen, loose);
      disputed = verdict.disputed;
      if (verdict.adopted === 0) break;
      chosen = finish({
        ratio: chosen.ratio,
        segments: segmentsOf(verdict.offsets),
        objective: 0,
      });
    }
    // The adopted splits were proven block by block, so they cost what the loose solution
    // paid for them, not the full penalty.
    splitCost =
      penalty * fullSplits + loosePenalty * Math.max(0, chosen.segments.length - 1 - fullSplits);
  }

  const scaledTotal = subTotal * chosen.ratio;
  const fit = perCue(order, sub, ref, chosen.ratio, chosen.segments);
  const raw = fit.ov.reduce((s, x) => s + x, 0);
  let confidence = above(raw - splitCost, chosen.ratio);

  // Ambiguity: every clearly different explanation (another ratio, another single offset) must
  // score well below the chosen one *on the cues where the two disagree*, or the choice is a
  // coin toss however good the overall fit (three cues fit 24 and 25 fps equally well).
  // Alternatives that move under a tenth of the cues by more than DISAGREE_MS do not change
  // the verdict and are ignored.
  const alternatives: Solved[] = solvedAll.filter((s) => s.ratio !== chosen.ratio);
  for (const off of topRatio.offsets.slice(0, 4)) {
    if (chosen.segments.some((sg) => Math.abs(sg.offsetMs - off) < 1000)) continue;
    const single: AlignSegment[] = [{ from: 0, to: order.length, offsetMs: off }];
    alternatives.push({ ratio: chosen.ratio, segments: single, objective: 0 });
  }
  const chosenAt = placements(order, sub, chosen.ratio, chosen.segments);
  for (const alt of alternatives) {
    const at = placements(order, sub, alt.ratio, alt.segments);
    let count = 0;
    let dur = 0;
    let ovChosen = 0;
    let ovAlt = 0;
    for (let i = 0; i < order.length; i++) {
      if (Math.abs(at[i]! - chosenAt[i]!) <= DISAGREE_MS) continue;
      const iv = sub[order[i]!]!;
      const seg = alt.segments.find((sg) => sg.from <= i && i < sg.to)!;
      count++;
      dur += fit.dur[i]!;
      ovChosen += fit.ov[i]!;
      ovAlt += ref.overlap(iv.start * alt.ratio + seg.offsetMs, iv.end * alt.ratio + seg.offsetMs);
    }
    if (count < order.length * 0.1) continue;
    const room = Math.max(ovChosen, ovAlt) - dur * density;
    const margin = room > 0 ? (ovChosen - ovAlt) / room : 0;
    confidence = Math.min(confidence, Math.max(0, margin) * 2);
  }
  // Disputed blocks may be wrong either way; a sixth of the cues disputed leaves nothing.
  confidence = Math.min(confidence, 1 - disputed * DISPUTED_WEIGHT);
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
    disputed: Math.round(disputed * 1000) / 1000,
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

/** Where each cue (in start order) starts under an alignment. */
function placements(
  order: number[],
  sub: readonly Interval[],
  ratio: number,
  segments: AlignSegment[],
): Float64Array {
  const at = new Float64Array(order.length);
  for (const seg of segments) {
    for (let i = seg.from; i < seg.to; i++) at[i] = sub[order[i]!]!.start * ratio + seg.offsetMs;
  }
  return at;
}

/** Overlap and scaled duration of each cue (in start order) under an alignment. */
function perCue(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  ratio: number,
  segments: AlignSegment[],
): { ov: Float64Array; dur: Float64Array } {
  const ov = new Float64Array(order.length);
  const dur = new Float64Array(order.length);
  for (const seg of segments) {
    for (let i = seg.from; i < seg.to; i++) {
      const iv = sub[order[i]!]!;
      ov[i] = ref.overlap(iv.start * ratio + seg.offsetMs, iv.end * ratio + seg.offsetMs);
      dur[i] = (iv.end - iv.start) * ratio;
    }
  }
  return { ov, dur };
}

/**
 * Candidate offsets seen by parts of the file: the strongest peaks of each eighth of the cues
 * (by count) near where the chosen alignment puts it. A cut near the end moves too few cues
 * to show among the whole file's peaks, but it dominates its own part.
 */
function localPeaks(
  order: number[],
  sub: readonly Interval[],
  chosen: Solved,
  refCov: Float64Array,
  maxD: number,
): number[] {
  const parts = Math.min(8, Math.floor(order.length / MIN_BLOCK));
  const reach = Math.round(BLOCK_REACH_MS / BIN);
  const out: number[] = [];
  for (let p = 0; p < parts; p++) {
    const from = Math.floor((p * order.length) / parts);
    const to = Math.floor(((p + 1) * order.length) / parts);
    const seg =
      chosen.segments.find((sg) => sg.from <= from && from < sg.to) ?? chosen.segments[0]!;
    const centre = Math.round(seg.offsetMs / BIN);
    const lo = Math.max(-maxD, centre - reach);
    const hi = Math.min(maxD, centre + reach);
    const c = blockCorrelation(
      order.slice(from, to).map((k) => sub[k]!),
      chosen.ratio,
      refCov,
      lo,
      hi,
    );
    for (const pk of topPeaksIn(c, 3)) out.push((pk + lo) * BIN);
  }
  return out;
}

/** Indices of the `count` strongest local maxima (±5 bins) of a correlation. */
function topPeaksIn(c: Float64Array, count: number): number[] {
  const peaks: { d: number; v: number }[] = [];
  for (let d = 0; d < c.length; d++) {
    const v = c[d]!;
    if (v <= 0) continue;
    let isMax = true;
    for (let j = 1; j <= 5 && isMax; j++) {
      if ((d - j >= 0 && c[d - j]! > v) || (d + j < c.length && c[d + j]! >= v)) isMax = false;
    }
    if (isMax) peaks.push({ d, v });
  }
  peaks.sort((x, y) => y.v - x.v);
  return peaks.slice(0, count).map((p) => p.d);
}

/** Segments from one offset per cue (in start order). */
function segmentsOf(offsets: Float64Array): AlignSegment[] {
  const segs: AlignSegment[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const last = segs[segs.length - 1];
    if (last && last.offsetMs === offsets[i]) last.to = i + 1;
    else segs.push({ from: i, to: i + 1, offsetMs: offsets[i]! });
  }
  return segs;
}

/**
 * Checks the chosen alignment block by block. A block is a run of at least MIN_BLOCK
 * consecutive cues that either a more freely split solution places more than DISAGREE_MS
 * elsewhere, or that fit the reference worse than chance where they are (every window of five
 * cues). The block's own correlation with the reference, within BLOCK_REACH_MS, decides: when
 * its best offset clearly beats every other and fits about as well as the rest of the file,
 * the block moves there (a cut the penalty would not pay for, or whose offset was not among
 * the candidates); when the chosen placement is its clear best, nothing changes; otherwise the
 * block is disputed — unless it merely fits poorly and nowhere better (lines missing from the
 * reference).
 */
function settleBlocks(
  order: number[],
  sub: readonly Interval[],
  fit: { ov: Float64Array; dur: Float64Array },
  density: number,
  refCov: Float64Array,
  maxD: number,
  chosen: Solved,
  loose: Solved,
): { offsets: Float64Array; adopted: number; disputed: number } {
  const m = order.length;
  const cOff = new Float64Array(m);
  const lOff = new Float64Array(m);
  for (const sg of chosen.segments) cOff.fill(sg.offsetMs, sg.from, sg.to);
  for (const sg of loose.segments) lOff.fill(sg.offsetMs, sg.from, sg.to);
  const ratio = chosen.ratio;
  const blocks: { from: number; to: number; loose: number | null }[] = [];
  const inBlock = new Uint8Array(m);
  for (let i = 0; i < m;) {
    if (Math.abs(lOff[i]! - cOff[i]!) <= DISAGREE_MS) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < m && lOff[j] === lOff[i] && cOff[j] === cOff[i]) j++;
    if (j - i >= MIN_BLOCK) blocks.push({ from: i, to: j, loose: lOff[i]! });
    inBlock.fill(1, i, j);
    i = j;
  }
  // How well correctly placed cues fit here: the chosen alignment outside the blocks, less
  // the runs that fit poorly.
  const typical = (skip: Uint8Array): number => {
    let ov = 0;
    let dur = 0;
    for (let i = 0; i < m; i++) {
      if (skip[i]) continue;
      ov += fit.ov[i]!;
      dur += fit.dur[i]!;
    }
    return dur > 0 ? ov / dur : 1;
  };
  const poor = new Uint8Array(m);
  const cut = density * POOR_FIT;
  for (let i = 0; i + 5 <= m; i++) {
    let ov = 0;
    let dur = 0;
    for (let k = i; k < i + 5; k++) {
      ov += fit.ov[k]!;
      dur += fit.dur[k]!;
    }
    if (dur > 0 && ov / dur < cut) poor.fill(1, i, i + 5);
  }
  const typicalFit = typical(poor.map((p, i) => p | inBlock[i]!));
  for (let i = 0; i < m;) {
    if (!poor[i] || inBlock[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < m && poor[j] && !inBlock[j] && cOff[j] === cOff[i]) j++;
    if (j - i >= MIN_BLOCK) blocks.push({ from: i, to: j, loose: null });
    i = j;
  }

  const reach = Math.round(BLOCK_REACH_MS / BIN);
  const offsets = Float64Array.from(cOff);
  let adopted = 0;
  let disputed = 0;
  for (const { from: i, to: j, loose: lo } of blocks) {
    const block = order.slice(i, j).map((k) => sub[k]!);
    const dur = block.reduce((s, iv) => s + (iv.end - iv.start) * ratio, 0);
    // Searched within BLOCK_REACH of where the chosen alignment puts the block: a cut moves a
    // scene by seconds or minutes, and over a wider range a few cues fit somewhere by chance.
    const lo0 = Math.max(-maxD, Math.round(cOff[i]! / BIN) - reach);
    const hi0 = Math.min(maxD, Math.round(cOff[i]! / BIN) + reach);
    const c = blockCorrelation(block, ratio, refCov, lo0, hi0);
    const at = (off: number): number =>
      c[Math.max(0, Math.min(hi0 - lo0, Math.round(off / BIN) - lo0))]!;
    let best = 0;
    for (let d = 1; d < c.length; d++) if (c[d]! > c[best]!) best = d;
    let second = 0;
    for (let d = 0; d < c.length; d++) if (Math.abs(d - best) > 5) second = Math.max(second, c[d]!);
    const first = c[best]!;
    const bestOff = (best + lo0) * BIN;
    const near = (off: number | null): boolean =>
      off !== null && Math.abs(Math.round(off / BIN) - lo0 - best) <= 5;
    // One offset stands out (by a share of its rise above chance) and fits about as well as
    // the rest of the file does. (Agreement with the looser solution is no extra evidence: it
    // chose that offset for the same overlap.)
    const separation = first > density * dur ? (first - second) / (first - density * dur) : 0;
    const strong = first >= (typicalFit - FIT_SLACK) * dur;
    // Few cues stand out by chance more easily. And one cut moves everything after it: a
    // block with the same offset on both sides needs two cuts that cancel exactly, so it must
    // stand out twice as clearly.
    const island = i > 0 && j < m && cOff[i - 1] === cOff[i] && cOff[j] === cOff[i];
    const needed = BLOCK_SEPARATION * Math.max(1, Math.sqrt(8 / (j - i))) * (island ? 2 : 1);
    if (near(cOff[i]!) && separation >= needed) {
      // The chosen placement is the block's own best: nothing to change.
    } else if (strong && first - at(cOff[i]!) >= 0.2 * dur && separation >= needed) {
      offsets.fill(near(lo) ? lo! : bestOff, i, j);
      adopted++;
    } else if (lo !== null || (strong && first - at(cOff[i]!) >= 0.2 * dur)) {
      // Placed elsewhere by the looser solution, or fitting much better elsewhere: either may
      // be right. (Cues that fit poorly but nowhere better, such as lines missing from the
      // reference, keep their neighbours' offset without doubt being cast.)
      disputed += j - i;
    }
  }
  return { offsets, adopted, disputed: m > 0 ? disputed / m : 0 };
}

/**
 * Overlap (ms, to the bin) of a few cues with the reference at every offset from `lo` to `hi`
 * bins, index d − lo. Direct summation over the cues' bins: cheaper than an FFT for a small
 * block and a limited range.
 */
function blockCorrelation(
  block: readonly Interval[],
  ratio: number,
  refCov: Float64Array,
  lo: number,
  hi: number,
): Float64Array {
  const out = new Float64Array(hi - lo + 1);
  const n = refCov.length;
  for (const iv of block) {
    const a = Math.max(0, iv.start * ratio);
    const b = iv.end * ratio;
    if (b <= a) continue;
    const k0 = Math.floor(a / BIN);
    const k1 = Math.min(n - 1, Math.floor((b - 1e-9) / BIN));
    for (let k = k0; k <= k1; k++) {
      const w = (Math.min(b, (k + 1) * BIN) - Math.max(a, k * BIN)) / BIN;
      if (w <= 0) continue;
      const from = Math.max(lo, -k);
      const to = Math.min(hi, n - 1 - k);
      for (let d = from; d <= to; d++) out[d - lo] = out[d - lo]! + w * refCov[k + d]!;
    }
  }
  for (let d = 0; d < out.length; d++) out[d] = out[d]! * BIN;
  return out;
}
