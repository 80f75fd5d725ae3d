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

// A leading minus is a negative time (a file shifted too far), repaired in finishCues.
const TS = String.raw`(-?)\s*(?:(\d{1,3})\s*:\s*)?(\d{1,2})\s*:\s*(\d{1,2})(?:\s*([,.:;])\s*(\d{1,3}))?`;
const ARROW = String.raw`\s*(?:-{1,3}\s*>|[–—]\s*>|→)\s*`;
export const SRT_TIMING = new RegExp(String.raw`^\s*(?:\d+\s+)?${TS}${ARROW}${TS}(.*)$`);
const LOOKS_LIKE_TIMING = /\d\s*(?:-{1,3}\s*>|[–—]\s*>|→)|(?:-{2}>)/;

const ZERO = 48;

/** Two decimal digits at `i`, or -1. */
function two(line: string, i: number): number {
  const a = line.charCodeAt(i) - ZERO;
  const b = line.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `hh:mm:ss<sep>mmm` at `i` in ms, or -1 when it is not exactly that (or not a valid time). */
function exactStamp(line: string, i: number, sep: number): number {
  const h = two(line, i);
  const m = two(line, i + 3);
  const s = two(line, i + 6);
  const f1 = two(line, i + 9);
  const f2 = line.charCodeAt(i + 11) - ZERO;
  if (h < 0 || m < 0 || m > 59 || s < 0 || s > 59 || f1 < 0 || !(f2 >= 0 && f2 <= 9)) return -1;
  if (line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58) return -1;
  if (line.charCodeAt(i + 8) !== sep) return -1;
  return ((h * 60 + m) * 60 + s) * 1000 + f1 * 10 + f2;
}

/**
 * The timing line as the format's own writers produce it (`00:00:01,000 --> 00:00:02,000`),
 * read without a regular expression: nearly every line of a real file, so conversion speed
 * is this. Anything else goes to the tolerant reader.
 */
function exactTiming(line: string, sep: number): Timing | null {
  if (line.length < 29 || line.charCodeAt(12) !== 32 || !line.startsWith('--> ', 13)) return null;
  const start = exactStamp(line, 0, sep);
  if (start < 0) return null;
  const end = exactStamp(line, 17, sep);
  if (end < 0) return null;
  return { start, end, rest: line.slice(29) };
}

/** Reads a timing line with SRT's tolerance; `wantSep` is the separator the format expects. */
export function lenientTiming(wantSep: ',' | '.', formatName: string): BlockFormat['timing'] {
  const sepCode = wantSep.charCodeAt(0);
  return (line, lineNo, log): Timing | 'bad' | null => {
    // Every timing line, and every line that looks like one, has an arrow.
    if (line.indexOf('>') < 0 && line.indexOf('→') < 0) return null;
    const exact = exactTiming(line, sepCode);
    if (exact) return exact;
    const m = SRT_TIMING.exec(line);
    if (!m) return LOOKS_LIKE_TIMING.test(line) ? 'bad' : null;
    const [, n1, h1, m1, s1, sep1, f1, n2, h2, m2, s2, sep2, f2, rest] = m;
    if (Number(m1) > 59 || Number(s1) > 59 || Number(m2) > 59 || Number(s2) > 59) return 'bad';
    if ((sep1 && sep1 !== wantSep) || (sep2 && sep2 !== wantSep)) {
      log.note(lineNo, 'timestamp-separator', `non-standard separator in ${formatName} timestamp`);
    }
    if (!/^\s*(\d+\s+)?\d{2}:\d{2}:\d{2}[,.]\d{3} --> \d{2}:\d{2}:\d{2}[,.]\d{3}/.test(line)) {
      log.note(lineNo, 'timing-spacing', `non-standard ${formatName} timing line`);
    }
    return {
      start: (n1 ? -1 : 1) * toMs(h1, m1!, s1!, f1),
      end: (n2 ? -1 : 1) * toMs(h2, m2!, s2!, f2),
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
