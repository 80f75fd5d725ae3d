/**
 * Pure timing and text transforms. Each returns new cues; inputs are never mutated.
 */
import type { Cue } from './cue.ts';
import { cloneCue } from './cue.ts';
import { tidyLines } from './markup.ts';

/** The frame rates films are released at; 23.976 is NTSC film (24000/1001), 29.97 is 30000/1001. */
export const STANDARD_FPS = [24000 / 1001, 24, 25, 30000 / 1001] as const;

/** Reads "23.976" as 24000/1001 and "29.97" as 30000/1001, the exact NTSC rates. */
export function exactFps(fps: number): number {
  if (Math.abs(fps - 23.976) < 0.002) return 24000 / 1001;
  if (Math.abs(fps - 29.97) < 0.002) return 30000 / 1001;
  if (Math.abs(fps - 59.94) < 0.002) return 60000 / 1001;
  return fps;
}

export interface ShiftResult {
  cues: Cue[];
  /** Cues that ended at or before zero once moved: dropped. */
  dropped: number;
  /** Cues that straddled zero once moved: they now start at zero (and are shorter). */
  clamped: number;
}

/**
 * Moves every cue by `ms` (negative = earlier), and says what did not fit: cues pushed
 * entirely before 0 are dropped, cues pushed across 0 start at 0.
 */
export function shiftCuesReport(cues: readonly Cue[], ms: number): ShiftResult {
  const out: Cue[] = [];
  let dropped = 0;
  let clamped = 0;
  for (const c of cues) {
    const start = Math.round(c.start + ms);
    const end = Math.round(c.end + ms);
    if (end <= 0) {
      dropped++;
      continue;
    }
    const n = cloneCue(c);
    if (start < 0) clamped++;
    n.start = Math.max(0, start);
    n.end = end;
    out.push(n);
  }
  return { cues: out, dropped, clamped };
}

/** Moves every cue by `ms` (negative = earlier). Cues pushed before 0 are dropped or clipped. */
export function shiftCues(cues: readonly Cue[], ms: number): Cue[] {
  return shiftCuesReport(cues, ms).cues;
}

/** Multiplies every time by `factor` around time 0. */
export function scaleCuesBy(cues: readonly Cue[], factor: number): Cue[] {
  return cues.map((c) => {
    const n = cloneCue(c);
    n.start = Math.round(c.start * factor);
    n.end = Math.round(c.end * factor);
    return n;
  });
}

/**
 * Retimes cues made for a `fromFps` release to a `toFps` one. Frame-rate conversions such as
 * the PAL speed-up play the same frames faster: a frame shown at t in the 25 fps release is
 * shown at t × 25/23.976 in the 23.976 fps one, so times scale by from/to.
 */
export function scaleCues(cues: readonly Cue[], fromFps: number, toFps: number): Cue[] {
  if (!(fromFps > 0) || !(toFps > 0)) throw new RangeError('frame rates must be positive');
  return scaleCuesBy(cues, exactFps(fromFps) / exactFps(toFps));
}

/**
 * The video lost `durationMs` at `atMs` (a cut scene, a shorter intro): cues inside the removed
 * part are dropped, later cues move earlier.
 */
export function removeGap(cues: readonly Cue[], atMs: number, durationMs: number): Cue[] {
  const endCut = atMs + durationMs;
  const out: Cue[] = [];
  for (const c of cues) {
    if (c.end <= atMs) out.push(cloneCue(c));
    else if (c.start >= endCut) {
      const n = cloneCue(c);
      n.start -= durationMs;
      n.end -= durationMs;
      out.push(n);
    } else if (c.start < atMs) {
      const n = cloneCue(c);
      n.end = atMs;
      out.push(n);
    } else if (c.end > endCut) {
      const n = cloneCue(c);
      n.start = atMs;
      n.end -= durationMs;
      out.push(n);
    }
  }
  return out;
}

/** The video gained `durationMs` at `atMs`: cues starting at or after it move later. */
export function insertGap(cues: readonly Cue[], atMs: number, durationMs: number): Cue[] {
  return cues.map((c) => {
    const n = cloneCue(c);
    if (c.start >= atMs) {
      n.start += durationMs;
      n.end += durationMs;
    }
    return n;
  });
}

/**
 * Removes hearing-impaired annotations: `[door slams]`, `(laughs)`, music-only lines
 * (`♪ ♪`) and upper-case speaker labels (`JOHN:`, `MAN 2:`). Cues left empty are dropped.
 */
export function stripHearingImpaired(cues: readonly Cue[]): Cue[] {
  const out: Cue[] = [];
  for (const c of cues) {
    const lines = c.lines.map((l) =>
      l
        .replace(/\[[^\]]*\]/g, '')
        .replace(/\([^)]*\)/g, '')
        .replace(/^(\s*(?:<[ibu]>)*\s*-?\s*)[\p{Lu}][\p{Lu}\d .'-]*:\s*/u, '$1')
        .replace(/^\s*(?:<[ibu]>)*\s*[♪♫#\s]+(?:<\/[ibu]>)*\s*$/, '')
        .replace(/\s{2,}/g, ' '),
    );
    // A dialogue dash left alone on a line is annotation residue.
    const tidy = tidyLines(lines.map((l) => (/^\s*-\s*$/.test(l) ? '' : l)));
    if (tidy.length === 0) continue;
    const n = cloneCue(c);
    n.lines = tidy;
    out.push(n);
  }
  return out;
}

/** Merges cues that overlap in time into one cue carrying both texts (in start order). */
export function mergeOverlapping(cues: readonly Cue[]): Cue[] {
  const sorted = [...cues].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Cue[] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (prev && c.start < prev.end) {
      prev.end = Math.max(prev.end, c.end);
      for (const l of c.lines) if (!prev.lines.includes(l)) prev.lines.push(l);
      continue;
    }
    out.push(cloneCue(c));
  }
  return out;
}
