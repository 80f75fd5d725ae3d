/**
 * Automatic synchronisation with a confidence gate: below `minConfidence` the cues come back
 * unchanged and `accepted` is false with the reason, so a wrong guess never overwrites a good
 * file (the failure bazarr users report in issue 3599).
 */
import type { Cue } from '../cue.ts';
import { cloneCue } from '../cue.ts';
import type { AudioRepository } from '../audio.repository.ts';
import { align } from './align.ts';
import type { AlignOptions } from './align.ts';
import type { Interval } from './timeline.ts';

export interface SyncOptions extends AlignOptions {
  /** Minimum confidence to accept (default 0.4, calibrated by bench/subtitles/accuracy.ts). */
  minConfidence?: number;
}

export interface SyncResult {
  accepted: boolean;
  confidence: number;
  /** Why the result was refused. */
  reason?: string;
  /** Time-scale factor applied before the offsets (1 = none). */
  ratio: number;
  /** The frame-rate pair the ratio corresponds to, if any (`25 → 23.976`). */
  fps?: { from: number; to: number };
  /** Offset of the first segment, ms. */
  offsetMs: number;
  /** One entry per piece of the timeline (a split happens at a reel change or a cut). */
  segments: { fromCue: number; toCue: number; offsetMs: number }[];
  /** Share of cue time overlapping the reference after sync. */
  overlapShare: number;
  /**
   * Share of cues in blocks the reference does not settle (another placement fits as well);
   * each 1% of them costs 0.06 of confidence.
   */
  disputed: number;
  /** The synced cues if accepted, otherwise the input cues unchanged. */
  cues: Cue[];
}

export const DEFAULT_MIN_CONFIDENCE = 0.4;

const FPS_NAMES: [number, number][] = [
  [24000 / 1001, 23.976],
  [24, 24],
  [25, 25],
  [30000 / 1001, 29.97],
];

function fpsPair(ratio: number): { from: number; to: number } | undefined {
  for (const [a, an] of FPS_NAMES) {
    for (const [b, bn] of FPS_NAMES) {
      if (a !== b && Math.abs(a / b - ratio) < 1e-9) return { from: an, to: bn };
    }
  }
  return undefined;
}

export function syncToIntervals(
  cues: readonly Cue[],
  reference: readonly Interval[],
  opts: SyncOptions = {},
): SyncResult {
  const min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const a = align(cues, reference, opts);
  const base = {
    confidence: a.confidence,
    ratio: a.ratio,
    offsetMs: a.segments[0]?.offsetMs ?? 0,
    segments: a.segments.map((s) => ({ fromCue: s.from, toCue: s.to, offsetMs: s.offsetMs })),
    overlapShare: a.overlapShare,
    disputed: a.disputed,
  };
  const fps = fpsPair(a.ratio);
  if (cues.length === 0 || reference.length === 0) {
    return { ...base, accepted: false, reason: 'nothing to align', cues: cues.map(cloneCue) };
  }
  if (a.confidence < min) {
    const why =
      a.disputed > 0
        ? `; ${Math.round(a.disputed * 100)}% of the cues fit another place as well`
        : '';
    return {
      ...base,
      ...(fps ? { fps } : {}),
      accepted: false,
      reason: `not confident enough (${a.confidence.toFixed(2)} < ${min}${why}), file left unchanged`,
      cues: cues.map(cloneCue),
    };
  }
  const out: Cue[] = [];
  cues.forEach((c, i) => {
    const m = a.moved[i]!;
    if (m.end <= 0) return;
    const n = cloneCue(c);
    n.start = Math.max(0, m.start);
    n.end = m.end;
    out.push(n);
  });
  out.sort((x, y) => x.start - y.start);
  return { ...base, ...(fps ? { fps } : {}), accepted: true, cues: out };
}

/** Syncs `cues` to a reference track already timed for the video (e.g. another language). */
export function syncToReference(
  cues: readonly Cue[],
  reference: readonly Cue[],
  opts: SyncOptions = {},
): SyncResult {
  return syncToIntervals(cues, reference, opts);
}

/** Syncs `cues` to the speech in a media file, decoded by the audio repository (ffmpeg). */
export async function syncToAudio(
  cues: readonly Cue[],
  mediaPath: string,
  deps: { audio: AudioRepository; onProgress?: (seconds: number) => void },
  opts: SyncOptions = {},
): Promise<SyncResult & { speech: Interval[] }> {
  const speech = await deps.audio.detectSpeech(
    mediaPath,
    deps.onProgress ? { onProgress: deps.onProgress } : {},
  );
  return { ...syncToIntervals(cues, speech, opts), speech };
}
