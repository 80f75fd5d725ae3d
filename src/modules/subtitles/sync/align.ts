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
import { correlateAll, peaksForRatio } from './correlate.ts';
import { ambiguityCap } from './confidence.ts';
import { LOOSE_PENALTY, localPeaks, settleBlocks } from './blocks.ts';
import type { AlignSegment, Solved } from './segments.ts';
import { moveSplits, objectiveOf, perCue, refine, segmentsOf, solve } from './segments.ts';
import type { Interval } from './timeline.ts';
import { BIN, coverage, Reference, standardRatios, unionOf } from './timeline.ts';

export type { AlignSegment } from './segments.ts';

export interface AlignOptions {
  /** Time-scale factors to try (applied before the offset); default: every standard fps pair. */
  ratios?: readonly number[];
  /** Largest offset searched, in ms (default 15 minutes). */
  maxOffsetMs?: number;
  /** Cost of one split, in ms of overlap (default 12000). 0 splits freely; Infinity never splits. */
  splitPenaltyMs?: number;
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

/** Confidence lost per share of disputed cues: a sixth of the cues disputed leaves none. */
const DISPUTED_WEIGHT = 6;
/** Below this confidence before blocks are settled, the alignment is not worth settling. */
const SETTLE_FROM = 0.25;

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

  confidence = Math.min(
    confidence,
    ambiguityCap(order, sub, ref, density, fit, chosen, solvedAll, topRatio.offsets),
  );
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
