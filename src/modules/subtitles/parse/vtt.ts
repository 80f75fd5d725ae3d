/**
 * WebVTT (W3C WebVTT: The Web Video Text Tracks Format). The header is `WEBVTT` plus optional
 * text; NOTE, STYLE and REGION blocks are skipped (§4.1); cue settings `line` and `align` are
 * read into the shared position (§4.4).
 */
import type { Cue, CuePosition } from '../cue.ts';
import { normalizeVtt, tidyLines } from '../markup.ts';
import { finishCues, readBlocks, withPosition } from './blocks.ts';
import { ProblemLog } from './problems.ts';
import { lenientTiming } from './srt.ts';

function settingsToPosition(rest: string): CuePosition | undefined {
  const pos: CuePosition = {};
  for (const s of rest.trim().split(/\s+/)) {
    const [k, v] = s.split(':');
    if (!v) continue;
    if (k === 'line') {
      const val = v.split(',')[0]!;
      if (val.endsWith('%')) {
        const p = Number(val.slice(0, -1));
        if (p < 33) pos.vertical = 'top';
        else if (p < 67) pos.vertical = 'middle';
      } else {
        // Snap-to-lines: non-negative counts from the top, negative from the bottom (§7.2).
        const n = Number(val);
        if (n >= 0 && n < 4) pos.vertical = 'top';
      }
    } else if (k === 'align') {
      if (v === 'left' || v === 'start') pos.horizontal = 'left';
      else if (v === 'right' || v === 'end') pos.horizontal = 'right';
    }
  }
  return pos.vertical || pos.horizontal ? pos : undefined;
}

export function parseVtt(text: string, file = '<input>'): { cues: Cue[]; log: ProblemLog } {
  const log = new ProblemLog(file);
  const lines = text.split(/\r\n|\r|\n/);
  let first = 0;
  if (/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    // Header text runs to the first blank line (§4.1).
    while (first < lines.length && lines[first]!.trim() !== '' && !lines[first]!.includes('-->'))
      first++;
  } else {
    log.note(1, 'missing-header', 'WEBVTT header missing');
  }
  const raw = readBlocks(
    lines.slice(first),
    {
      timing: lenientTiming('.', 'WebVTT'),
      skipBlock: (l) => /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(l),
    },
    log,
    first + 1,
  );
  const cues = finishCues(
    raw.map((r) => {
      const m = normalizeVtt(r.text.join('\n'));
      const cue: Cue = { start: r.start, end: r.end, lines: tidyLines(m.text.split('\n')) };
      return { cue: withPosition(cue, settingsToPosition(r.rest)), line: r.line };
    }),
    log,
    // WebVTT allows overlapping cues on purpose (they stack), so only trim true slop.
    { trimOverlapMs: 0 },
  );
  return { cues, log };
}
