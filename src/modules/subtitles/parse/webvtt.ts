/**
 * The WebVTT file parsing algorithm, step by step as W3C "WebVTT: The Web Video Text Tracks
 * Format" (Candidate Recommendation, §6.1 "WebVTT file parsing" and the algorithms it calls)
 * writes it; step numbers in the comments are the spec's. The result is what a browser exposes
 * (TextTrackCue, VTTRegion, the style sheets' text), plus where each block started and what was
 * skipped, so the reader in vtt.ts can report file:line problems. Nothing here throws for a bad
 * block: the spec skips it and goes on, and so do we.
 *
 * One deliberate difference, and only when asked for (`lenientSignature`): a file without the
 * `WEBVTT` signature is read as if it had one (a browser fires an error instead), because
 * files saved as .vtt without their header are common; the caller notes it.
 */

/** A WebVTT region (§6.1 "WebVTT region", with the VTTRegion defaults). */
export interface VttRegion {
  id: string;
  /** Percentage of the viewport width. */
  width: number;
  lines: number;
  regionAnchorX: number;
  regionAnchorY: number;
  viewportAnchorX: number;
  viewportAnchorY: number;
  scroll: '' | 'up';
  /** The region block's settings text as written. */
  source: string;
}

/** A WebVTT cue with the attributes of VTTCue (§6.1 "WebVTT cue" and the VTTCue defaults). */
export interface VttCue {
  id: string;
  /** Seconds. */
  startTime: number;
  endTime: number;
  vertical: '' | 'rl' | 'lr';
  snapToLines: boolean;
  line: number | 'auto';
  lineAlign: 'start' | 'center' | 'end';
  position: number | 'auto';
  positionAlign: 'line-left' | 'center' | 'line-right' | 'auto';
  size: number;
  align: 'start' | 'center' | 'end' | 'left' | 'right';
  region: VttRegion | null;
  /** The cue text, unparsed (cue text parsing is §6.4, done by the caller). */
  text: string;
  /** The cue settings as written after the end time, whitespace-separated tokens kept. */
  settings: string;
  /** 1-based line of the timing line in the input. */
  line1: number;
}

export interface VttSkipped {
  line: number;
  reason: 'bad-timing' | 'stray-block';
  text: string;
}

export interface VttFile {
  /** False when the signature is missing or wrong (the spec's "abort, failure"). */
  ok: boolean;
  /** True when `lenientSignature` read a file without a valid signature. */
  signatureMissing: boolean;
  cues: VttCue[];
  regions: VttRegion[];
  /** Text of each STYLE block, in order. */
  styles: string[];
  /** Blocks that were not cues, regions or styles (a bad timing line, stray text). */
  skipped: VttSkipped[];
}

const LF = '\n';

/** ASCII whitespace (Infra): TAB, LF, FF, CR, SPACE. Not VT, not NBSP. */
function isWs(c: string | undefined): boolean {
  return c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** "Split a string on ASCII whitespace" (Infra): TAB, LF, FF, CR and SPACE only. */
function splitOnSpaces(s: string): string[] {
  return s.split(/[\t\n\f\r ]+/).filter((t) => t !== '');
}

/** A cursor over the input ("position" in the spec). */
class Input {
  pos = 0;
  constructor(readonly s: string) {}
  get past(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string | undefined {
    return this.s[this.pos];
  }
  /** "Collect a sequence of code points" that satisfy `test`. */
  collect(test: (c: string) => boolean): string {
    const from = this.pos;
    while (this.pos < this.s.length && test(this.s[this.pos]!)) this.pos++;
    return this.s.slice(from, this.pos);
  }
  skipWs(): void {
    this.collect(isWs);
  }
  /** Collects the code points up to the next LF (or the end): one line. */
  untilLf(): string {
    const from = this.pos;
    const lf = this.s.indexOf(LF, from);
    this.pos = lf < 0 ? this.s.length : lf;
    return this.s.slice(from, this.pos);
  }
}

/**
 * §6.1 "Collect a WebVTT timestamp". Returns seconds, or null on failure. Strict as the spec
 * is: minutes and seconds exactly two digits (hours any number), fraction exactly three.
 */
function collectTimestamp(inp: Input): number | null {
  // 2. Let most significant units be minutes.
  let hoursUnits = false;
  // 3-4. Fail past the end or unless an ASCII digit.
  if (inp.past || !isDigit(inp.peek())) return null;
  // 5. Collect digits; value1.
  const s1 = inp.collect(isDigit);
  let v1 = Number(s1);
  // 6. Not exactly two characters, or greater than 59: the units are hours.
  if (s1.length !== 2 || v1 > 59) hoursUnits = true;
  // 7. Fail unless ":".
  if (inp.peek() !== ':') return null;
  inp.pos++;
  // 8. Collect digits, exactly two; value2.
  const s2 = inp.collect(isDigit);
  if (s2.length !== 2) return null;
  let v2 = Number(s2);
  let v3: number;
  // 9. Hours, or another ":" follows: a third component.
  if (hoursUnits || inp.peek() === ':') {
    if (inp.peek() !== ':') return null;
    inp.pos++;
    const s3 = inp.collect(isDigit);
    if (s3.length !== 2) return null;
    v3 = Number(s3);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  // 10. Fail unless ".".
  if (inp.peek() !== '.') return null;
  inp.pos++;
  // 11. Collect digits, exactly three; value4.
  const s4 = inp.collect(isDigit);
  if (s4.length !== 3) return null;
  const v4 = Number(s4);
  // 12. Fail if value2 or value3 is greater than 59.
  if (v2 > 59 || v3 > 59) return null;
  // 13. The result in seconds. (Integer milliseconds first, so 0.999 is exactly 0.999.)
  return (v1 * 3_600_000 + v2 * 60_000 + v3 * 1000 + v4) / 1000;
}

/**
 * A whole string as one WebVTT timestamp (the cue text parser's timestamp tags, §6.4): seconds,
 * or null when collecting fails or characters are left after it.
 */
export function parseVttTimestamp(s: string): number | null {
  const inp = new Input(s);
  const t = collectTimestamp(inp);
  return t !== null && inp.past ? t : null;
}

/**
 * "Parse a percentage string" (§6.1): ASCII digits, optionally "." and digits, then "%"; the
 * number must lie in 0..100.
 */
function parsePercentage(s: string): number | null {
  if (!/^\d+(?:\.\d+)?%$/.test(s)) return null;
  const n = Number(s.slice(0, -1));
  if (n < 0 || n > 100) return null;
  return n + 0;
}

function newCue(id: string, line1: number): VttCue {
  // Cue creation (§6.1 "collect a WebVTT block" step 11.4.1.3): the defaults of a new cue.
  return {
    id,
    startTime: 0,
    endTime: 0,
    vertical: '',
    snapToLines: true,
    line: 'auto',
    lineAlign: 'start',
    position: 'auto',
    positionAlign: 'auto',
    size: 100,
    align: 'center',
    region: null,
    text: '',
    settings: '',
    line1,
  };
}

/** §6.1 "Collect WebVTT cue timings and settings". False on failure (the block is skipped). */
function collectTimingsAndSettings(line: string, cue: VttCue, regions: VttRegion[]): boolean {
  const inp = new Input(line);
  // 2. Skip whitespace.
  inp.skipWs();
  // 3. Collect a WebVTT timestamp: the start time.
  const start = collectTimestamp(inp);
  if (start === null) return false;
  // 4. Skip whitespace. 5-7. "-", "-", ">".
  inp.skipWs();
  for (const want of '-->') {
    if (inp.peek() !== want) return false;
    inp.pos++;
  }
  // 8. Skip whitespace. 9. The end time.
  inp.skipWs();
  const end = collectTimestamp(inp);
  if (end === null) return false;
  cue.startTime = start;
  cue.endTime = end;
  // 10-11. The remainder holds the cue settings.
  const remainder = line.slice(inp.pos);
  cue.settings = splitOnSpaces(remainder).join(' ');
  parseCueSettings(remainder, cue, regions);
  return true;
}

/** §6.1 "Parse the WebVTT cue settings". Unknown or invalid settings are ignored one by one. */
function parseCueSettings(input: string, cue: VttCue, regions: VttRegion[]): void {
  // 1. Split on spaces. 2. For each token:
  for (const setting of splitOnSpaces(input)) {
    // 2.1. No ":", or ":" first or last: next setting.
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) continue;
    // 2.2. name and value.
    const name = setting.slice(0, colon);
    const value = setting.slice(colon + 1);
    switch (name) {
      case 'region': {
        // The last region in the list with that identifier, or null.
        let found: VttRegion | null = null;
        for (let i = regions.length - 1; i >= 0; i--) {
          if (regions[i]!.id === value) {
            found = regions[i]!;
            break;
          }
        }
        cue.region = found;
        break;
      }
      case 'vertical':
        if (value === 'rl') cue.vertical = 'rl';
        else if (value === 'lr') cue.vertical = 'lr';
        // There are no vertical regions.
        if (cue.vertical !== '') cue.region = null;
        break;
      case 'line': {
        // 1. linepos and linealign around the first ",".
        const comma = value.indexOf(',');
        const linepos = comma >= 0 ? value.slice(0, comma) : value;
        const linealign = comma >= 0 ? value.slice(comma + 1) : null;
        // 2. At least one digit.
        if (!/\d/.test(linepos)) break;
        let number: number;
        if (linepos.endsWith('%')) {
          // 3. A percentage.
          const p = parsePercentage(linepos);
          if (p === null) break;
          number = p;
        } else {
          // 4. Only "-", digits and "."; "-" only first; one "." at most, between digits.
          if (!/^[-0-9.]+$/.test(linepos)) break;
          if (linepos.indexOf('-', 1) >= 0) break;
          const dots = linepos.split('.').length - 1;
          if (dots > 1) break;
          if (dots === 1) {
            const d = linepos.indexOf('.');
            if (!isDigit(linepos[d - 1]) || !isDigit(linepos[d + 1])) break;
          }
          // Interpret as a (potentially signed) real number; -0 is 0.
          number = Number(linepos) + 0;
        }
        // 5-6. Snap-to-lines unless a percentage; the line.
        cue.snapToLines = !linepos.endsWith('%');
        cue.line = number;
        // 7-10. The line alignment; anything else ends this setting (line is already set).
        if (linealign === 'start') cue.lineAlign = 'start';
        else if (linealign === 'center') cue.lineAlign = 'center';
        else if (linealign === 'end') cue.lineAlign = 'end';
        else if (linealign !== null) break;
        // 11. A cue with a line is not in a region.
        cue.region = null;
        break;
      }
      case 'position': {
        // 1. colpos and colalign around the first ",".
        const comma = value.indexOf(',');
        const colpos = comma >= 0 ? value.slice(0, comma) : value;
        const colalign = comma >= 0 ? value.slice(comma + 1) : null;
        // 2-3. A percentage; the position.
        const p = parsePercentage(colpos);
        if (p === null) break;
        cue.position = p;
        // 4-7. The position alignment.
        if (colalign === 'line-left') cue.positionAlign = 'line-left';
        else if (colalign === 'center') cue.positionAlign = 'center';
        else if (colalign === 'line-right') cue.positionAlign = 'line-right';
        break;
      }
      case 'size': {
        const p = parsePercentage(value);
        if (p === null) break;
        cue.size = p;
        // A cue narrower than the viewport is not in a region.
        if (p !== 100) cue.region = null;
        break;
      }
      case 'align':
        if (
          value === 'start' ||
          value === 'center' ||
          value === 'end' ||
          value === 'left' ||
          value === 'right'
        )
          cue.align = value;
        break;
    }
  }
}

/** §6.1 "Collect WebVTT region settings" into a new region with the defaults. */
function collectRegionSettings(input: string): VttRegion {
  const region: VttRegion = {
    id: '',
    width: 100,
    lines: 3,
    regionAnchorX: 0,
    regionAnchorY: 100,
    viewportAnchorX: 0,
    viewportAnchorY: 100,
    scroll: '',
    source: input,
  };
  const anchor = (value: string): [number, number] | null => {
    const comma = value.indexOf(',');
    if (comma < 0) return null;
    const x = parsePercentage(value.slice(0, comma));
    const y = parsePercentage(value.slice(comma + 1));
    return x === null || y === null ? null : [x, y];
  };
  for (const setting of splitOnSpaces(input)) {
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) continue;
    const name = setting.slice(0, colon);
    const value = setting.slice(colon + 1);
    switch (name) {
      case 'id':
        region.id = value;
        break;
      case 'width': {
        const p = parsePercentage(value);
        if (p !== null) region.width = p;
        break;
      }
      case 'lines':
        // Only ASCII digits; interpreted as an integer.
        if (/^\d+$/.test(value)) region.lines = Number(value);
        break;
      case 'regionanchor': {
        const a = anchor(value);
        if (a) [region.regionAnchorX, region.regionAnchorY] = a;
        break;
      }
      case 'viewportanchor': {
        const a = anchor(value);
        if (a) [region.viewportAnchorX, region.viewportAnchorY] = a;
        break;
      }
      case 'scroll':
        if (value === 'up') region.scroll = 'up';
        break;
    }
  }
  return region;
}

/** "STYLE" or "REGION" followed by nothing but ASCII whitespace. */
function isHeaderWord(buffer: string, word: string): boolean {
  if (!buffer.startsWith(word)) return false;
  for (let i = word.length; i < buffer.length; i++) if (!isWs(buffer[i])) return false;
  return true;
}

type Block =
  | { kind: 'cue'; cue: VttCue }
  | { kind: 'style'; text: string }
  | { kind: 'region'; region: VttRegion }
  | null;

class Parser {
  readonly inp: Input;
  seenCue = false;
  readonly regions: VttRegion[] = [];
  readonly skipped: VttSkipped[] = [];
  /** Offsets of each LF, to turn a position into a line number. */
  private readonly lfs: number[] = [];

  constructor(text: string) {
    this.inp = new Input(text);
    for (let i = text.indexOf(LF); i >= 0; i = text.indexOf(LF, i + 1)) this.lfs.push(i);
  }

  lineAt(pos: number): number {
    let lo = 0;
    let hi = this.lfs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lfs[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /** §6.1 "Collect a WebVTT block". */
  collectBlock(inHeader: boolean): Block {
    const inp = this.inp;
    const blockLine = this.lineAt(inp.pos);
    // 2-10. line count, previous position, line, buffer, seen EOF, seen arrow, cue,
    // stylesheet, region.
    let lineCount = 0;
    let previous = inp.pos;
    let buffer = '';
    let seenEof = false;
    let seenArrow = false;
    let cue: VttCue | null = null;
    let stylesheet = false;
    let region = false;
    let badTiming: string | null = null;
    let badLine = 0;
    // 11. Loop.
    for (;;) {
      // 11.1-11.3. Collect a line; count it; step over its LF or note the end of the file.
      const lineStart = inp.pos;
      const line = inp.untilLf();
      lineCount++;
      if (inp.past) seenEof = true;
      else inp.pos++;
      if (line.includes('-->')) {
        // 11.4. A line with an arrow: the timing line when it is the first line, or the
        // second after an identifier, outside the header.
        if (!inHeader && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
          seenArrow = true;
          previous = inp.pos;
          // Cue creation: the identifier is the buffer.
          cue = newCue(buffer, this.lineAt(lineStart));
          if (!collectTimingsAndSettings(line, cue, this.regions)) {
            cue = null;
            badTiming = line;
            badLine = this.lineAt(lineStart);
          } else {
            buffer = '';
            this.seenCue = true;
          }
        } else {
          // 11.4.2. Otherwise the arrow starts the next block: go back to the line's start.
          inp.pos = previous;
          break;
        }
      } else if (line === '') {
        // 11.5. An empty line ends the block.
        break;
      } else {
        // 11.6. Any other line.
        if (!inHeader && lineCount === 2) {
          // 11.6.1. Before the first cue, "STYLE" or "REGION" alone on the first line makes
          // the block a style sheet or a region.
          if (!this.seenCue && isHeaderWord(buffer, 'STYLE')) {
            stylesheet = true;
            buffer = '';
          } else if (!this.seenCue && isHeaderWord(buffer, 'REGION')) {
            region = true;
            buffer = '';
          }
        }
        // 11.6.2-11.6.4. Append the line to the buffer.
        if (buffer !== '') buffer += LF;
        buffer += line;
        previous = inp.pos;
      }
      // 11.7. End of file ends the block.
      if (seenEof) break;
    }
    // 12. A cue gets the buffer as its text.
    if (cue) {
      cue.text = buffer;
      return { kind: 'cue', cue };
    }
    // 13. A style sheet gets the buffer as its CSS text.
    if (stylesheet) return { kind: 'style', text: buffer };
    // 14. A region gets its settings from the buffer.
    if (region) return { kind: 'region', region: collectRegionSettings(buffer) };
    // 15. Nothing: note what was skipped, so the reader can report it.
    if (badTiming !== null) {
      this.skipped.push({ line: badLine, reason: 'bad-timing', text: badTiming });
    } else if (!inHeader && buffer !== '' && !/^NOTE(?:[ \t\n]|$)/.test(buffer)) {
      this.skipped.push({ line: blockLine, reason: 'stray-block', text: buffer.split(LF)[0]! });
    }
    return null;
  }
}

export interface WebVttOptions {
  /** Read a file without the `WEBVTT` signature as if it had one (see the file comment). */
  lenientSignature?: boolean;
}

/** §6.1 "WebVTT parser algorithm". */
export function parseWebVtt(text: string, opts: WebVttOptions = {}): VttFile {
  // 1. The input after decoding (a leading BOM is part of the UTF-8 decode and dropped), with
  // NULL replaced by U+FFFD, CRLF by LF and any other CR by LF.
  const input = text
    .replace(/^\uFEFF/, '')
    .replace(/\0/g, '\uFFFD')
    .replace(/\r\n?/g, LF);
  const result: VttFile = {
    ok: true,
    signatureMissing: false,
    cues: [],
    regions: [],
    styles: [],
    skipped: [],
  };
  // 7-9. The signature: "WEBVTT" alone, or followed by a space, a tab or a line break.
  const signed = input.startsWith('WEBVTT') && (input.length === 6 || /^[ \t\n]$/.test(input[6]!));
  if (!signed && !opts.lenientSignature) return { ...result, ok: false };
  const p = new Parser(signed ? input : `WEBVTT\n\n${input}`);
  result.signatureMissing = !signed;
  const inp = p.inp;
  const offset = signed ? 0 : 2; // line numbers in the caller's text
  // 10. Collect the rest of the signature line.
  inp.untilLf();
  // 11-13. End of file after it: done (zero cues is a valid file).
  if (!inp.past) {
    // 12. Step over the LF.
    inp.pos++;
    // 14-15. Header: a block of text (in header) unless an empty line follows the signature.
    if (!inp.past) {
      if (inp.peek() !== LF) p.collectBlock(true);
      else inp.pos++;
      // 16. Collect LFs.
      inp.collect((c) => c === LF);
      // 18. Block loop.
      while (!inp.past) {
        const block = p.collectBlock(false);
        if (block?.kind === 'cue') result.cues.push(block.cue);
        else if (block?.kind === 'style') result.styles.push(block.text);
        else if (block?.kind === 'region') {
          // A later region with the same identifier replaces the earlier one.
          const i = p.regions.findIndex((r) => r.id === block.region.id);
          if (i >= 0 && block.region.id !== '') p.regions.splice(i, 1);
          p.regions.push(block.region);
        }
        inp.collect((c) => c === LF);
      }
    }
  }
  // 19. End.
  result.regions = p.regions;
  result.skipped = p.skipped.map((s) => ({ ...s, line: s.line - offset }));
  if (offset) for (const c of result.cues) c.line1 -= offset;
  return result;
}
