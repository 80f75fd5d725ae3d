/**
 * The timelines that alignment works on: intervals in ms, the reference as a sorted disjoint
 * union with fast overlap queries, and coverage signals sampled in BIN-wide bins for the
 * correlations.
 */

export interface Interval {
  start: number;
  end: number;
}

const FPS = [24000 / 1001, 24, 25, 30000 / 1001];

export function standardRatios(): number[] {
  const out = [1];
  for (const a of FPS) for (const b of FPS) if (a !== b) out.push(a / b);
  return out;
}

export const BIN = 200;

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

export class Reference {
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

export function coverage(intervals: readonly Interval[], scale: number, n: number): Float64Array {
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
