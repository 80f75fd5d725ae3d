/**
 * SubRip (.srt). There is no formal spec; the de-facto format is: an index line, a timing line
 * `hh:mm:ss,mmm --> hh:mm:ss,mmm`, text lines, a blank line. Players accept far more than that
 * (periods, missing hours, odd arrows, `{\an8}` and HTML-ish tags) and so do we, noting repairs.
 */
import type { Cue } from '../cue.ts';
import { normalizeHtmlish, tidyLines } from '../markup.ts';
import { toMs } from '../time.ts';
import { finishCues, readBlocks, withPosition } from './blocks.ts';
import type { BlockFormat, Timing } from './blocks.ts';
import { ProblemLog } from './problems.ts';

const TS = String.raw`(?:(\d{1,3})\s*:\s*)?(\d{1,2})\s*:\s*(\d{1,2})(?:\s*([,.:;])\s*(\d{1,3}))?`;
const ARROW = String.raw`\s*(?:-{1,3}\s*>|[–—]\s*>|→)\s*`;
export const SRT_TIMING = new RegExp(String.raw`^\s*(?:\d+\s+)?${TS}${ARROW}${TS}(.*)$`);
const LOOKS_LIKE_TIMING = /\d\s*(?:-{1,3}\s*>|[–—]\s*>|→)|(?:-{2}>)/;

/** Reads a timing line with SRT's tolerance; `wantSep` is the separator the format expects. */
export function lenientTiming(wantSep: ',' | '.', formatName: string): BlockFormat['timing'] {
  return (line, lineNo, log): Timing | 'bad' | null => {
    const m = SRT_TIMING.exec(line);
    if (!m) return LOOKS_LIKE_TIMING.test(line) ? 'bad' : null;
    const [, h1, m1, s1, sep1, f1, h2, m2, s2, sep2, f2, rest] = m;
    if (Number(m1) > 59 || Number(s1) > 59 || Number(m2) > 59 || Number(s2) > 59) return 'bad';
    if ((sep1 && sep1 !== wantSep) || (sep2 && sep2 !== wantSep)) {
      log.note(lineNo, 'timestamp-separator', `non-standard separator in ${formatName} timestamp`);
    }
    if (!/^\s*(\d+\s+)?\d{2}:\d{2}:\d{2}[,.]\d{3} --> \d{2}:\d{2}:\d{2}[,.]\d{3}/.test(line)) {
      log.note(lineNo, 'timing-spacing', `non-standard ${formatName} timing line`);
    }
    return {
      start: toMs(h1, m1!, s1!, f1),
      end: toMs(h2, m2!, s2!, f2),
      rest: rest ?? '',
    };
  };
}

export function parseSrt(text: string, file = '<input>'): { cues: Cue[]; log: ProblemLog } {
  const log = new ProblemLog(file);
  const raw = readBlocks(text.split(/\r\n|\r|\n/), { timing: lenientTiming(',', 'SRT') }, log);
  const cues = finishCues(
    raw.map((r) => {
      const m = normalizeHtmlish(r.text.join('\n'));
      if (m.stripped > 0) log.note(r.line, 'tags-stripped', 'unsupported tags removed');
      return {
        cue: withPosition(
          { start: r.start, end: r.end, lines: tidyLines(m.text.split('\n')) },
          m.position,
        ),
        line: r.line,
      };
    }),
    log,
  );
  return { cues, log };
}
