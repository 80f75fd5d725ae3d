/**
 * Speech detection on mono 16-bit PCM, streamed in chunks.
 *
 * Loudness alone takes music for speech (every note onset is a burst of energy), so two tests:
 *  - energy after a one-pole high-pass at ~200 Hz (hum and most bass gone), against the local
 *    floor (20th percentile within ±8 s) and ceiling (97th), so steady noise or music under
 *    the dialogue raises the threshold instead of reading as speech;
 *  - spectral shape change: the log energies of 8 bands from 250 Hz to 3.8 kHz, each less its
 *    own noise floor (a minimum over ±4 s, as in Martin's minimum statistics) and less the
 *    frame's mean, compared with the previous frame's, averaged over ±240 ms. Formants move
 *    all the time in speech; a held or plucked note keeps its shape while it sounds, and
 *    steady noise, once its floor is taken off, has no shape to change.
 * A run of loud frames is speech when at least 60 ms of it changes shape like speech; the
 * whole run is kept, so its edges stay where the energy puts them. Then gaps under 250 ms
 * are closed and blips under 120 ms dropped, which is what subtitle timing needs.
 */
import type { Interval } from './timeline.ts';
import { bitReversal, fft } from './fft.ts';

export interface VadOptions {
  sampleRate: number;
  frameMs?: number;
}

const BANDS = 8;
const LOW_HZ = 250;
const HIGH_HZ = 3800;
/** Shape change is averaged over ± this many ms (a syllable or two). */
const SHAPE_MS = 240;
/** Least average shape change of speech (mean |Δ log band energy| per frame, in nepers). */
const MIN_SHAPE_CHANGE = 0.7;
/** Frames of a loud run that must change shape like speech for the run to count (60 ms). */
const MIN_SEED_FRAMES = 3;

export class SpeechDetector {
  private readonly frame: number;
  private readonly frameMs: number;
  private readonly energies: number[] = [];
  /** Band powers, BANDS per frame. */
  private bandPower = new Float32Array(BANDS * 4096);
  private pending = false;
  private acc = 0;
  private count = 0;
  private prevIn = 0;
  private prevOut = 0;
  private readonly alpha: number;
  private carry: Buffer | null = null;
  // Spectral analysis: the last `size` samples, a Hann window, band edges in FFT bins.
  private readonly size: number;
  private readonly ring: Float64Array;
  private ringPos = 0;
  private readonly window: Float64Array;
  private readonly edges: Int32Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly rev: Uint32Array;

  constructor(opts: VadOptions) {
    this.frameMs = opts.frameMs ?? 20;
    this.frame = Math.round((opts.sampleRate * this.frameMs) / 1000);
    const rc = 1 / (2 * Math.PI * 200);
    const dt = 1 / opts.sampleRate;
    this.alpha = rc / (rc + dt);
    let size = 1;
    while (size < this.frame * 1.5) size <<= 1;
    this.size = size;
    this.ring = new Float64Array(size);
    this.window = Float64Array.from(
      { length: size },
      (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size),
    );
    // The window is folded in half before the transform, which yields every other bin of
    // the full one (X[2k] = Σ (x[n] + x[n + N/2]) e^(−2πikn/(N/2))): the same window and
    // resolution for half the work, and bands this wide do not miss the odd bins.
    const half = size / 2;
    const hz = opts.sampleRate / half;
    const top = Math.min(HIGH_HZ, opts.sampleRate / 2 - hz);
    this.edges = Int32Array.from({ length: BANDS + 1 }, (_, b) =>
      Math.round((LOW_HZ * Math.pow(top / LOW_HZ, b / BANDS)) / hz),
    );
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.rev = bitReversal(half);
  }

  /** Feeds little-endian s16 bytes (any chunking). */
  pushBytes(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const even = buf.length & ~1;
    if (even < buf.length) this.carry = Buffer.from(buf.subarray(even));
    // A view when the chunk is 2-byte aligned (the usual case); a copy otherwise.
    const samples =
      buf.byteOffset % 2 === 0
        ? new Int16Array(buf.buffer, buf.byteOffset, even / 2)
        : new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + even));
    this.push(samples);
  }

  push(samples: Int16Array | Float32Array): void {
    const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
    let { acc, count, prevIn, prevOut, ringPos } = this;
    const a = this.alpha;
    const frame = this.frame;
    const ring = this.ring;
    const mask = this.size - 1;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i]! * scale;
      ring[ringPos] = x;
      ringPos = (ringPos + 1) & mask;
      const y = a * (prevOut + x - prevIn);
      prevIn = x;
      prevOut = y;
      acc += y * y;
      if (++count === frame) {
        this.energies.push(10 * Math.log10(acc / frame + 1e-10));
        this.ringPos = ringPos;
        this.spectrum();
        acc = 0;
        count = 0;
      }
    }
    this.acc = acc;
    this.count = count;
    this.prevIn = prevIn;
    this.prevOut = prevOut;
    this.ringPos = ringPos;
  }

  /**
   * Band powers of the last `size` samples. Frames are real, so two share one complex FFT:
   * the first waits in the real part for the second to fill the imaginary part, and their
   * spectra are separated by conjugate symmetry.
   */
  private spectrum(): void {
    const { re, im, ring, window, rev } = this;
    const mask = this.size - 1;
    const half = this.size >> 1;
    const into = this.pending ? im : re;
    const pos = this.ringPos;
    for (let i = 0; i < half; i++) {
      into[rev[i]!] =
        ring[(pos + i) & mask]! * window[i]! + ring[(pos + i + half) & mask]! * window[i + half]!;
    }
    if (!this.pending) {
      this.pending = true;
      return;
    }
    this.pending = false;
    fft(re, im, false, true);
    const f = this.energies.length - 2;
    this.growBands(f + 2);
    const { edges, bandPower } = this;
    for (let b = 0; b < BANDS; b++) {
      let ea = 0;
      let eb = 0;
      const k1 = Math.max(edges[b]! + 1, edges[b + 1]!);
      for (let k = edges[b]!; k < k1; k++) {
        const m = (half - k) & (half - 1);
        const xr = re[k]!;
        const xi = im[k]!;
        const yr = re[m]!;
        const yi = im[m]!;
        // A = (X[k] + conj(X[-k])) / 2, B = (X[k] - conj(X[-k])) / 2i; |·|² of each, ×4.
        ea += (xr + yr) * (xr + yr) + (xi - yi) * (xi - yi);
        eb += (xi + yi) * (xi + yi) + (xr - yr) * (xr - yr);
      }
      bandPower[f * BANDS + b] = ea / 4;
      bandPower[(f + 1) * BANDS + b] = eb / 4;
    }
  }

  /** The last frame's band powers when it had no partner (end of stream). */
  private flushSpectrum(): void {
    if (!this.pending) return;
    this.pending = false;
    this.im.fill(0);
    fft(this.re, this.im, false, true);
    const f = this.energies.length - 1;
    this.growBands(f + 1);
    for (let b = 0; b < BANDS; b++) {
      let e = 0;
      const k1 = Math.max(this.edges[b]! + 1, this.edges[b + 1]!);
      for (let k = this.edges[b]!; k < k1; k++) e += this.re[k]! ** 2 + this.im[k]! ** 2;
      this.bandPower[f * BANDS + b] = e;
    }
  }

  private growBands(frames: number): void {
    if (frames * BANDS <= this.bandPower.length) return;
    const grown = new Float32Array(Math.max(frames * BANDS, this.bandPower.length * 2));
    grown.set(this.bandPower);
    this.bandPower = grown;
  }

  /**
   * Per frame, how much the spectral shape (noise floor removed) changes from the previous
   * frame, averaged over ±SHAPE_MS.
   */
  private shapeChange(): Float64Array {
    this.flushSpectrum();
    const n = this.energies.length;
    const p = this.bandPower;
    // Noise floor per band: 3-frame averages, minimum per 0.5 s block, minimum over ±4 s.
    const block = Math.max(1, Math.round(500 / this.frameMs));
    const reach = 8;
    const nb = Math.ceil(n / block);
    const blockMin = new Float64Array(nb * BANDS).fill(Infinity);
    for (let i = 0; i < n; i++) {
      const a = Math.max(0, i - 1);
      const c = Math.min(n - 1, i + 1);
      const k = Math.floor(i / block) * BANDS;
      for (let b = 0; b < BANDS; b++) {
        const v = (p[a * BANDS + b]! + p[i * BANDS + b]! + p[c * BANDS + b]!) / 3;
        if (v < blockMin[k + b]!) blockMin[k + b] = v;
      }
    }
    const floor = new Float64Array(nb * BANDS);
    for (let k = 0; k < nb; k++) {
      for (let b = 0; b < BANDS; b++) {
        let m = Infinity;
        for (let j = Math.max(0, k - reach); j <= Math.min(nb - 1, k + reach); j++) {
          m = Math.min(m, blockMin[j * BANDS + b]!);
        }
        // The minimum of a noisy power sits well under its mean; 4.5× clears most of it.
        floor[k * BANDS + b] = m * 4.5;
      }
    }
    const change = new Float64Array(n);
    const prev = new Float64Array(BANDS);
    const cur = new Float64Array(BANDS);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(i / block) * BANDS;
      let mean = 0;
      for (let b = 0; b < BANDS; b++) {
        const fl = floor[k + b]!;
        const v = Math.log(Math.max(p[i * BANDS + b]! - fl, 0.1 * fl) + 1e-12);
        cur[b] = v;
        mean += v;
      }
      mean /= BANDS;
      let d = 0;
      for (let b = 0; b < BANDS; b++) {
        const v = cur[b]! - mean;
        if (i > 0) d += Math.abs(v - prev[b]!);
        prev[b] = v;
      }
      change[i] = d / BANDS;
    }
    const h = Math.max(1, Math.round(SHAPE_MS / this.frameMs));
    const sum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) sum[i + 1] = sum[i]! + change[i]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = Math.max(0, i - h);
      const c = Math.min(n, i + h + 1);
      out[i] = (sum[c]! - sum[a]!) / (c - a);
    }
    return out;
  }

  get seconds(): number {
    return (this.energies.length * this.frameMs) / 1000;
  }

  /** Speech intervals in ms. */
  finish(): Interval[] {
    const e = this.energies;
    const n = e.length;
    if (n === 0) return [];
    // Local floor and ceiling per block of 50 frames (1 s), from a ±8 s window, via histograms
    // of 0.5 dB bins (linear time; sorting every window cost more than ffmpeg's decode).
    const block = 50;
    const nb = Math.ceil(n / block);
    const BINS = 240;
    const binOf = (db: number): number =>
      Math.max(0, Math.min(BINS - 1, Math.floor((db + 110) * 2)));
    const hist = new Uint32Array(nb * BINS);
    for (let i = 0; i < n; i++) hist[Math.floor(i / block) * BINS + binOf(e[i]!)]!++;
    const floor = new Float64Array(nb);
    const ceil = new Float64Array(nb);
    const half = 8;
    const win = new Uint32Array(BINS);
    let total = 0;
    const add = (b: number, sign: number): void => {
      for (let k = 0; k < BINS; k++) {
        const v = hist[b * BINS + k]!;
        if (v) {
          win[k] = win[k]! + sign * v;
          total += sign * v;
        }
      }
    };
    for (let b = 0; b < Math.min(nb, half + 1); b++) add(b, 1);
    const quantile = (q: number): number => {
      const target = Math.floor(total * q);
      let acc = 0;
      for (let k = 0; k < BINS; k++) {
        acc += win[k]!;
        if (acc > target) return k / 2 - 110;
      }
      return (BINS - 1) / 2 - 110;
    };
    for (let b = 0; b < nb; b++) {
      floor[b] = quantile(0.2);
      ceil[b] = quantile(0.97);
      if (b + half + 1 < nb) add(b + half + 1, 1);
      if (b - half >= 0) add(b - half, -1);
    }
    const shape = this.shapeChange();
    const speech = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const b = Math.floor(i / block);
      const f = floor[b]!;
      const c = ceil[b]!;
      // Above the floor by 6 dB and by a third of the local dynamic range, and not silence.
      const thr = Math.max(f + 6, f + (c - f) * 0.35, -60);
      speech[i] = e[i]! > thr ? 1 : 0;
    }
    // A loud run is speech when part of it changes shape like speech; the whole run is kept,
    // so its edges stay where the energy puts them.
    for (let i = 0; i < n;) {
      if (!speech[i]) {
        i++;
        continue;
      }
      let j = i;
      let seeds = 0;
      while (j < n && speech[j]) {
        if (shape[j]! >= MIN_SHAPE_CHANGE) seeds++;
        j++;
      }
      if (seeds < MIN_SEED_FRAMES) speech.fill(0, i, j);
      i = j;
    }
    const closeGap = Math.round(250 / this.frameMs);
    const minLen = Math.round(120 / this.frameMs);
    const out: Interval[] = [];
    let i = 0;
    while (i < n) {
      if (!speech[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && speech[j]) j++;
      const last = out[out.length - 1];
      const startMs = i * this.frameMs;
      const endMs = j * this.frameMs;
      if (last && startMs - last.end <= closeGap * this.frameMs) last.end = endMs;
      else out.push({ start: startMs, end: endMs });
      i = j;
    }
    return out.filter((s) => s.end - s.start >= minLen * this.frameMs);
  }
}
