/**
 * WebVTT into the shared cue model. The file is read by the spec's own algorithm (webvtt.ts,
 * W3C WebVTT §6.1), so what a browser would show is what we keep: every block that parses is a
 * cue, a block with an unreadable timing line is skipped (and reported with its line), a file
 * with only a header has zero cues, a cue that ends before it starts is kept. The cue text is
 * parsed by the spec's cue text parsing rules (cuetext.ts, §6.4) and the tree reduced to the
 * shared markup (`<i>`, `<b>`, `<u>` kept, other nodes' text kept without their tags, character
 * references decoded); identifiers, settings, STYLE and REGION blocks are kept as written.
 */
import type { Cue, CuePosition, VttHeader } from '../cue.ts';
import { finishCues, withPosition } from './blocks.ts';
import { cueTextToMarkup, parseCueText } from './cuetext.ts';
import { ProblemLog } from './problems.ts';
import type { VttCue } from './webvtt.ts';
import { parseWebVtt } from './webvtt.ts';

/** The shared, coarse position from the cue's settings (§6.3 line, §6.3 align). */
function positionOf(c: VttCue): CuePosition | undefined {
  const pos: CuePosition = {};
  if (typeof c.line === 'number') {
    if (!c.snapToLines) {
      if (c.line < 33) pos.vertical = 'top';
      else if (c.line < 67) pos.vertical = 'middle';
    } else if (c.line >= 0 && c.line < 4) {
      // Snap-to-lines: non-negative counts from the top, negative from the bottom (§7.2).
      pos.vertical = 'top';
    }
  }
  if (c.align === 'left' || c.align === 'start') pos.horizontal = 'left';
  else if (c.align === 'right' || c.align === 'end') pos.horizontal = 'right';
  return pos.vertical || pos.horizontal ? pos : undefined;
}

/**
 * Cue text lines: trailing white space goes, empty lines go, leading white space stays (a
 * browser renders it, and it is the author's).
 */
function textLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    let l = raw.replace(/[ \t\u00a0]+$/, '');
    let prev = '';
    while (prev !== l) {
      prev = l;
      l = l.replace(/<([ibu])>(\s*)<\/\1>/g, '$2');
    }
    if (l.replace(/<\/?[ibu]>/g, '').trim() !== '') out.push(l);
  }
  return out;
}

export function parseVtt(
  text: string,
  file = '<input>',
): { cues: Cue[]; log: ProblemLog; header?: VttHeader } {
  const log = new ProblemLog(file);
  const parsed = parseWebVtt(text, { lenientSignature: true });
  if (parsed.signatureMissing) log.note(1, 'missing-header', 'WEBVTT header missing');
  for (const s of parsed.skipped) {
    if (s.reason === 'bad-timing') {
      log.note(
        s.line,
        'bad-timing',
        `cannot read timing line "${s.text.slice(0, 60)}" (block skipped)`,
        false,
      );
    } else {
      log.note(s.line, 'ignored-text', 'text outside any cue ignored', false);
    }
  }
  const cues = finishCues(
    parsed.cues.map((c) => {
      const tree = parseCueText(c.text, '', (tag) => {
        // A "<" followed by a space or a digit opens no tag the rules know and swallows the
        // text up to the next ">" ("a < b", "I <3 you"): a browser shows none of it. Say so
        // rather than lose it quietly. (Unknown tags such as <font …> lose only themselves.)
        const swallowed =
          (tag.kind === 'start' && tag.name === '' && (tag.annotation ?? '') !== '') ||
          tag.kind === 'timestamp';
        if (swallowed) {
          log.note(
            c.line1 + 1,
            'vtt-text-in-tag',
            'text inside a malformed tag is not shown (as in a browser)',
            false,
          );
        }
      });
      const cue: Cue = {
        start: Math.round(c.startTime * 1000),
        end: Math.round(c.endTime * 1000),
        lines: textLines(cueTextToMarkup(tree)),
      };
      if (c.id !== '' || c.settings !== '') {
        cue.vtt = {};
        if (c.id !== '') cue.vtt.id = c.id;
        if (c.settings !== '') cue.vtt.settings = c.settings;
      }
      return { cue: withPosition(cue, positionOf(c)), line: c.line1 };
    }),
    log,
    // WebVTT allows overlapping cues on purpose (they stack), so only trim true slop.
    { trimOverlapMs: 0, webvtt: true },
  );
  const header =
    parsed.styles.length > 0 || parsed.regions.length > 0
      ? { styles: parsed.styles, regions: parsed.regions.map((r) => r.source) }
      : undefined;
  return header ? { cues, log, header } : { cues, log };
}
