/**
 * Segmented alignments: the dynamic programme that gives each cue one of the candidate
 * offsets at a penalty per split (step 3 of align.ts), the refinement of each segment's
 * offset and split points (step 4), and the per-cue measures of an alignment.
 */
import type { Interval, Reference } from './timeline.ts';

export interface AlignSegment {
  /** Index of the first cue (in the input order) and one past the last. */
  from: number;
  to: number;
  offsetMs: number;
}

export interface Solved {
  ratio: number;
  segments: AlignSegment[];
  objective: number;
}

export function solve(
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
export function refine(
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

export function objectiveOf(
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
export function moveSplits(
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
export function placements(
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
export function perCue(
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

/** Segments from one offset per cue (in start order). */
export function segmentsOf(offsets: Float64Array): AlignSegment[] {
  const segs: AlignSegment[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const last = segs[segs.length - 1];
    if (last && last.offsetMs === offsets[i]) last.to = i + 1;
    else segs.push({ from: i, to: i + 1, offsetMs: offsets[i]! });
  }
  return segs;
}
