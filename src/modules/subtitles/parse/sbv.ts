/**
 * YouTube SBV (`0:00:01.000,0:00:03.500` then text) and SubViewer 2 (`00:00:01.00,00:00:03.50`,
 * `[br]` for line breaks, an `[INFORMATION]` header). Both are "timing line, text, blank line"
 * formats with a comma between the two times.
 */
import type { Cue } from '../cue.ts';
import { normalizeHtmlish, tidyLines } from '../markup.ts';
import { toMs } from '../time.ts';
import { finishCues, readBlocks } from './blocks.ts';
import type { Timing } from './blocks.ts';
import { ProblemLog } from './problems.ts';

// A leading minus is a negative time (repaired, and reported, in finishCues).
const COMMA_TIMING =
  /^\s*(-?)(\d{1,2}):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*,\s*(-?)(\d{1,2}):(\d{1,2}):(\d{1,2})[.,](\d{1,3})\s*$/;
const LOOKS = /^\s*-?\d{1,2}:\d{1,2}:\d{1,2}\S*\s*,\s*-?\d/;

function timing(line: string): Timing | 'bad' | null {
  const m = COMMA_TIMING.exec(line);
  if (!m) return LOOKS.test(line) ? 'bad' : null;
  const [, n1, h1, m1, s1, f1, n2, h2, m2, s2, f2] = m;
  return {
    start: (n1 ? -1 : 1) * toMs(h1, m1!, s1!, f1),
    end: (n2 ? -1 : 1) * toMs(h2, m2!, s2!, f2),
    rest: '',
  };
}

function parseCommaFormat(
  text: string,
  file: string,
  subviewer: boolean,
): { cues: Cue[]; log: ProblemLog } {
  const log = new ProblemLog(file);
  const raw = readBlocks(
    text.split(/\r\n|\r|\n/),
    {
      timing,
      // SubViewer 2 header lines: [INFORMATION] ... [END INFORMATION], [SUBTITLE], [COLF]...
      header: (l) => /^\s*\[[A-Z ]+\]/i.test(l),
    },
    log,
  );
  const cues = finishCues(
    raw.map((r) => {
      let t = r.text.join('\n');
      if (subviewer) t = t.replace(/\[br\]/gi, '\n');
      const m = normalizeHtmlish(t);
      return {
        cue: { start: r.start, end: r.end, lines: tidyLines(m.text.split('\n')) },
        line: r.line,
      };
    }),
    log,
  );
  return { cues, log };
}

export function parseSbv(text: string, file = '<input>'): { cues: Cue[]; log: ProblemLog } {
  return parseCommaFormat(text, file, false);
}

export function parseSubViewer(text: string, file = '<input>'): { cues: Cue[]; log: ProblemLog } {
  return parseCommaFormat(text, file, true);
}
