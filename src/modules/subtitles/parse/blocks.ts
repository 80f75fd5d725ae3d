/**
 * A tolerant reader for the "timing line, then text lines, then a blank line" family: SRT,
 * WebVTT, SubViewer 2 and YouTube SBV. The per-format parts are the timing-line matcher and the
 * text normaliser; the repairs (missing blank lines, stray numbering, text split by a blank
 * line) are shared because real files break the same way whatever their format.
 */
import type { Cue, CuePosition } from '../cue.ts';
import type { ProblemLog } from './problems.ts';

export interface Timing {
  start: number;
  end: number;
  /** Whatever follows the end time (WebVTT cue settings). */
  rest: string;
}

export interface RawCue {
  start: number;
  end: number;
  text: string[];
  rest: string;
  line: number;
}

export interface BlockFormat {
  /** Returns the timing, `'bad'` for a line that looks like timing but cannot be read, or null. */
  timing(line: string, lineNo: number, log: ProblemLog): Timing | 'bad' | null;
  /** WebVTT NOTE / STYLE / REGION blocks, skipped whole. */
  skipBlock?(line: string): boolean;
  /** Lines that are allowed before the first cue (headers). */
  header?(line: string): boolean;
}

const NUMBER = /^\s*\d+\s*$/;

export function readBlocks(
  lines: string[],
  fmt: BlockFormat,
  log: ProblemLog,
  firstLine = 1,
): RawCue[] {
  const cues: RawCue[] = [];
  let cur: RawCue | null = null;
  let skipping = false;

  const close = (): void => {
    if (!cur) return;
    if (cur.text.length > 0) cues.push(cur);
    else log.note(cur.line, 'empty-cue', 'cue without text dropped');
    cur = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + firstLine;
    const line = lines[i]!.trimEnd();
    if (line === '') {
      skipping = false;
      close();
      continue;
    }
    if (skipping) continue;
    if (!cur && fmt.skipBlock?.(line)) {
      skipping = true;
      continue;
    }
    const t = fmt.timing(line, lineNo, log);
    if (t === 'bad') {
      // One unreadable block is skipped and reported; the rest of the file is kept (as the
      // WebVTT parser does, and as ffmpeg and players do with SRT).
      log.note(
        lineNo,
        'bad-timing',
        `cannot read timing line "${line.slice(0, 60)}" (block skipped)`,
        false,
      );
      close();
      skipping = true;
      continue;
    }
    if (t) {
      if (cur) {
        const open: RawCue = cur;
        // A timing line inside a cue's text: the blank line before it is missing. A number
        // just above it is that cue's index, not text.
        if (open.text.length > 0 && NUMBER.test(open.text[open.text.length - 1]!)) open.text.pop();
        log.note(lineNo, 'missing-blank-line', 'missing blank line before a cue');
        close();
      }
      cur = { start: t.start, end: t.end, text: [], rest: t.rest, line: lineNo };
      continue;
    }
    if (cur) {
      cur.text.push(line);
      continue;
    }
    // Outside a cue: an index number, an identifier, a header, or stray text.
    const next = lines[i + 1]?.trimEnd() ?? '';
    const nextIsTiming = next !== '' && fmt.timing(next, lineNo + 1, log) !== null;
    if (NUMBER.test(line)) {
      if (!nextIsTiming) log.note(lineNo, 'stray-number', 'stray number line ignored');
      continue;
    }
    if (nextIsTiming) {
      // WebVTT cue identifier, or an SRT index with junk; either way it is not text.
      continue;
    }
    if (cues.length === 0) {
      if (fmt.header?.(line)) continue;
      log.note(lineNo, 'ignored-text', 'text before the first cue ignored');
      continue;
    }
    // Text after a blank line that belongs to the previous cue (a blank line inside the text).
    const prev = cues.pop()!;
    log.note(lineNo, 'blank-line-in-text', 'blank line inside cue text removed');
    prev.text.push(line);
    cur = prev;
  }
  close();
  return cues;
}

export interface FinishOptions {
  /** Partial overlaps up to this many ms are trimmed (timing slop); longer ones are kept. */
  trimOverlapMs?: number;
  /**
   * WebVTT: a file with no cues is a valid file (W3C WebVTT §6.1: the parser simply ends), and
   * a cue that ends before it starts is kept (it is never shown) rather than rejected.
   */
  webvtt?: boolean;
}

/**
 * Shared clean-up after reading: repairs negative times, skips cues that end before they
 * start (WebVTT keeps them), sorts unordered cues, drops exact duplicates and trims small
 * overlaps, noting each repair. A file left without cues is an error, named by the first
 * unreadable timing line when there was one.
 */
export function finishCues(
  raw: { cue: Cue; line: number }[],
  log: ProblemLog,
  opts: FinishOptions = {},
): Cue[] {
  const trim = opts.trimOverlapMs ?? 1000;
  const ok: { cue: Cue; line: number }[] = [];
  for (const r of raw) {
    if (r.cue.start < 0 || r.cue.end < 0) {
      // Negative times (a file shifted too far): ffmpeg reads them and a player never shows
      // what lies before zero. A cue that ends by zero is dropped, one that straddles it starts
      // at zero.
      if (r.cue.end <= 0) {
        log.note(r.line, 'negative-cue-dropped', 'cue timed entirely before zero dropped');
        continue;
      }
      log.note(r.line, 'negative-start', 'negative start time set to zero');
      r.cue.start = 0;
    }
    if (r.cue.end < r.cue.start && opts.webvtt) {
      log.note(
        r.line,
        'end-before-start',
        'cue ends before it starts (kept, as WebVTT does; it is never shown)',
        false,
      );
    } else if (r.cue.end < r.cue.start) {
      log.note(r.line, 'end-before-start', 'cue ends before it starts (skipped)', false);
      continue;
    }
    if (r.cue.lines.length === 0) {
      log.note(r.line, 'empty-cue', 'cue without text dropped');
      continue;
    }
    if (r.cue.end === r.cue.start)
      log.note(r.line, 'zero-duration', 'cue has zero duration', false);
    ok.push(r);
  }
  log.throwIfErrors();
  if (ok.length === 0 && !opts.webvtt) {
    const why = log.problems.find((p) => p.code === 'bad-timing' || p.code === 'end-before-start');
    if (why) log.fail(why.line, why.code, `no readable cues: ${why.message}`);
    log.fail(0, 'no-cues', 'no cues found');
  }

  for (let i = 1; i < ok.length; i++) {
    if (ok[i]!.cue.start < ok[i - 1]!.cue.start) {
      log.note(ok[i]!.line, 'unordered', 'cues out of order were sorted');
      ok.sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end);
      break;
    }
  }
  const out: Cue[] = [];
  for (const { cue, line } of ok) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.start === cue.start &&
      prev.end === cue.end &&
      same(prev.lines, cue.lines) &&
      // Same times and text with other settings (another line, region or alignment) is
      // another cue: WebVTT stacks them on purpose.
      (prev.vtt?.settings ?? '') === (cue.vtt?.settings ?? '') &&
      (prev.vtt?.id ?? '') === (cue.vtt?.id ?? '') &&
      JSON.stringify(prev.position ?? null) === JSON.stringify(cue.position ?? null)
    ) {
      log.note(line, 'duplicate', 'duplicate cue dropped');
      continue;
    }
    if (prev && cue.start < prev.end && prev.end < cue.end && cue.start > prev.start) {
      if (prev.end - cue.start <= trim) {
        prev.end = cue.start;
        log.note(line, 'overlap', 'overlapping cue timing trimmed');
      } else {
        log.note(line, 'overlap-kept', 'cues overlap (kept; use merge to combine)', false);
      }
    }
    out.push(cue);
  }
  return out;
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function withPosition(cue: Cue, position: CuePosition | undefined): Cue {
  if (position && (position.vertical || position.horizontal)) cue.position = position;
  return cue;
}
