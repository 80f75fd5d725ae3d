/** In-place iterative radix-2 FFT (Cooley–Tukey) on split real/imaginary arrays. */

interface Tables {
  rev: Uint32Array;
  /** Twiddles of every stage, one after another: stage `size` starts at size/2 - 1. */
  cos: Float64Array;
  sin: Float64Array;
}

const cache = new Map<number, Tables>();

function tables(n: number): Tables {
  let t = cache.get(n);
  if (t) return t;
  const rev = new Uint32Array(n);
  const bits = Math.log2(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  const cos = new Float64Array(Math.max(1, n - 1));
  const sin = new Float64Array(Math.max(1, n - 1));
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    for (let k = 0; k < half; k++) {
      cos[half - 1 + k] = Math.cos((2 * Math.PI * k) / size);
      sin[half - 1 + k] = -Math.sin((2 * Math.PI * k) / size);
    }
  }
  t = { rev, cos, sin };
  cache.set(n, t);
  return t;
}

/** The bit-reversal permutation of size n (callers that fill input in that order skip it). */
export function bitReversal(n: number): Uint32Array {
  return tables(n).rev;
}

/**
 * Transforms in place. `permuted`: the input is already in bit-reversed order (see
 * bitReversal), which saves a pass when the caller is copying it in anyway.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false, permuted = false): void {
  const n = re.length;
  const { rev, cos, sin } = tables(n);
  for (let i = 0; i < n && !permuted; i++) {
    const j = rev[i]!;
    if (j > i) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  // The inverse transform is the forward one on conjugates: conj(FFT(conj(x))) / n.
  if (inverse) for (let i = 0; i < n; i++) im[i] = -im[i]!;
  // Sizes 2 and 4 have the twiddles 1 and -i: one pass, no multiplications.
  if (n >= 4) {
    for (let a = 0; a < n; a += 4) {
      const r0 = re[a]!;
      const i0 = im[a]!;
      const r1 = re[a + 1]!;
      const i1 = im[a + 1]!;
      const r2 = re[a + 2]!;
      const i2 = im[a + 2]!;
      const r3 = re[a + 3]!;
      const i3 = im[a + 3]!;
      const sr = r0 + r1;
      const si = i0 + i1;
      const dr = r0 - r1;
      const di = i0 - i1;
      const tr = r2 + r3;
      const ti = i2 + i3;
      // (r2 - r3, i2 - i3) times -i.
      const ur = i2 - i3;
      const ui = r3 - r2;
      re[a] = sr + tr;
      im[a] = si + ti;
      re[a + 2] = sr - tr;
      im[a + 2] = si - ti;
      re[a + 1] = dr + ur;
      im[a + 1] = di + ui;
      re[a + 3] = dr - ur;
      im[a + 3] = di - ui;
    }
  } else if (n === 2) {
    const xr = re[1]!;
    const xi = im[1]!;
    re[1] = re[0]! - xr;
    im[1] = im[0]! - xi;
    re[0] = re[0]! + xr;
    im[0] = im[0]! + xi;
  }
  for (let size = 8; size <= n; size <<= 1) {
    const half = size >> 1;
    const base = half - 1;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[base + k]!;
        const wi = sin[base + k]!;
        const a = start + k;
        const b = a + half;
        const br = re[b]!;
        const bi = im[b]!;
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
  if (inverse) {
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! * s;
      im[i] = -im[i]! * s;
    }
  }
}

export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
