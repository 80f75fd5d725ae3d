/**
 * Step 5 of align.ts: blocks of cues checked on their own. A cut near the start or end of a
 * file leaves too few cues behind it to pay for a split, so runs of cues that a looser
 * solution places elsewhere, or that fit worse than chance, are settled on their own
 * correlation with the reference.
 */
import type { Interval } from './timeline.ts';
import { BIN } from './timeline.ts';
import { blockCorrelation, topPeaksIn } from './correlate.ts';
import type { Solved } from './segments.ts';

/** Two alignments disagree about a cue when they place it this far apart (ms). */
export const DISAGREE_MS = 600;
/** The split penalty of the looser alternative solution, as a share of the real one. */
export const LOOSE_PENALTY = 1 / 6;
/** Fewest cues in a block that is settled on its own. */
const MIN_BLOCK = 4;
/**
 * How far a block's best offset must stand out from its next best, as a share of the best's
 * rise above chance.
 */
const BLOCK_SEPARATION = 0.25;
/** A block's best offset must fit within this much of the file's typical fit to be adopted. */
const FIT_SLACK = 0.12;
/** How far from its neighbours' offset a block is searched (ms). */
const BLOCK_REACH_MS = 180_000;
/** Five cues in a row fit poorly when they overlap less than this share of chance. */
const POOR_FIT = 1;

/**
 * Candidate offsets seen by parts of the file: the strongest peaks of each eighth of the cues
 * (by count) near where the chosen alignment puts it. A cut near the end moves too few cues
 * to show among the whole file's peaks, but it dominates its own part.
 */
export function localPeaks(
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
export function settleBlocks(
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
