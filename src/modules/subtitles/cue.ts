/**
 * The one cue model every format is read into and written from.
 *
 * Times are integer milliseconds from the start of the media. Text is kept as lines; the only
 * inline markup kept is `<i>`, `<b>` and `<u>` — the subset SRT players and WebVTT (W3C WebVTT
 * §4.2.2, "cue components") both understand — so a cue survives a trip between formats.
 */
import { ValidationError } from '../../lib/errors.ts';

export type SubtitleFormat = 'srt' | 'vtt' | 'ass' | 'ssa' | 'microdvd' | 'subviewer' | 'sbv';

export const SUBTITLE_FORMATS: readonly SubtitleFormat[] = [
  'srt',
  'vtt',
  'ass',
  'ssa',
  'microdvd',
  'subviewer',
  'sbv',
];

/** Where on screen a cue sits, for the formats that can say so (ASS `\an`, WebVTT settings). */
export interface CuePosition {
  vertical?: 'top' | 'middle' | 'bottom';
  horizontal?: 'left' | 'center' | 'right';
}

/** What a WebVTT cue carries beyond the shared model, kept so a WebVTT file survives a trip. */
export interface VttCueExtras {
  /** The cue identifier (W3C WebVTT §3.3 "WebVTT cue identifier"). */
  id?: string;
  /** The cue settings as written (`align:start line:1%`), tokens separated by one space. */
  settings?: string;
}

export interface Cue {
  start: number;
  end: number;
  /** Text lines, never empty strings, with only `<i>`, `<b>`, `<u>` markup. */
  lines: string[];
  position?: CuePosition;
  vtt?: VttCueExtras;
}

/** The header blocks of a WebVTT file (§3.5 STYLE, §3.4 REGION), as written. */
export interface VttHeader {
  styles: string[];
  /** Each REGION block's settings text. */
  regions: string[];
}

/** Something the reader noticed: `repaired` ones were fixed, the others are notes. */
export interface SubtitleProblem {
  line: number;
  code: string;
  message: string;
  repaired: boolean;
  /** How many times it happened; `line` is the first. */
  count: number;
}

export interface ParsedSubtitles {
  format: SubtitleFormat;
  cues: Cue[];
  problems: SubtitleProblem[];
  /** Frame rate used for frame-based formats (MicroDVD). */
  fps?: number;
  /** STYLE and REGION blocks of a WebVTT file, when it has any. */
  vtt?: VttHeader;
}

/**
 * A subtitle file that cannot be read. It is a ValidationError (so the HTTP/CLI edges map it
 * like any other bad input), with `file:line` problems and a machine-readable reason.
 */
export class SubtitleError extends ValidationError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(
    reason: string,
    message: string,
    file = '<input>',
    line = 0,
    more: { line: number; message: string }[] = [],
  ) {
    const all = [{ line, message }, ...more];
    super(
      line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`,
      all.map((p) => ({
        where: p.line > 0 ? `${file}:${p.line}` : file,
        message: p.message,
      })),
    );
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** Text without markup, for language detection and matching. */
export function plainText(cue: Cue): string {
  return cue.lines.map((l) => l.replace(/<\/?[ibu]>/g, '')).join('\n');
}

export function cloneCue(cue: Cue): Cue {
  const out: Cue = { start: cue.start, end: cue.end, lines: [...cue.lines] };
  if (cue.position) out.position = { ...cue.position };
  if (cue.vtt) out.vtt = { ...cue.vtt };
  return out;
}
