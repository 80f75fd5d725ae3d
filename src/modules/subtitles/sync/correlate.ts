/**
 * Correlations of a timeline with the reference's coverage: for every offset at once by FFT
 * (the whole file, every ratio), or by direct summation over a limited range (a block of a
 * few cues), and the peaks that become candidate offsets.
 */
import { fft } from './fft.ts';
import type { Interval } from './timeline.ts';
import { BIN, coverage } from './timeline.ts';

export interface RatioPeaks {
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
export function correlateAll(
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

export function peaksForRatio(
  corr: Float64Array,
  ratio: number,
  maxD: number,
  subTotal: number,
): RatioPeaks {
  const top = topPeaks(corr, maxD, 16);
  const strength = top.slice(0, 4).reduce((s, p) => s + p.v, 0) / Math.max(1e-9, subTotal * ratio);
  return { ratio, offsets: top.map((p) => p.d * BIN), strength };
}

/** Indices of the `count` strongest local maxima (±5 bins) of a correlation. */
export function topPeaksIn(c: Float64Array, count: number): number[] {
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

/**
 * Overlap (ms, to the bin) of a few cues with the reference at every offset from `lo` to `hi`
 * bins, index d − lo. Direct summation over the cues' bins: cheaper than an FFT for a small
 * block and a limited range.
 */
export function blockCorrelation(
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
