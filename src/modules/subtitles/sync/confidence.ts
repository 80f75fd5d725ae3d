/**
 * Step 6 of align.ts, the ambiguity cap on confidence. Every clearly different explanation
 * (another ratio, another single offset) must score well below the chosen one *on the cues
 * where the two disagree*, or the choice is a coin toss however good the overall fit (three
 * cues fit 24 and 25 fps equally well). Alternatives that move under a tenth of the cues by
 * more than DISAGREE_MS do not change the verdict and are ignored.
 */
import { DISAGREE_MS } from './blocks.ts';
import type { AlignSegment, Solved } from './segments.ts';
import { placements } from './segments.ts';
import type { Interval, Reference } from './timeline.ts';

/**
 * The most confidence the chosen alignment may have given its alternatives: twice its margin
 * over the closest one, on the cues they place differently (Infinity when no alternative
 * counts).
 */
export function ambiguityCap(
  order: number[],
  sub: readonly Interval[],
  ref: Reference,
  density: number,
  fit: { ov: Float64Array; dur: Float64Array },
  chosen: Solved,
  solvedAll: readonly Solved[],
  peakOffsets: readonly number[],
): number {
  let cap = Infinity;
  const alternatives: Solved[] = solvedAll.filter((s) => s.ratio !== chosen.ratio);
  for (const off of peakOffsets.slice(0, 4)) {
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
    cap = Math.min(cap, Math.max(0, margin) * 2);
  }
  return cap;
}
