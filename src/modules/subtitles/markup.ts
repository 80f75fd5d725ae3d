/**
 * Inline markup normalisation. Every reader turns its own styling into the shared subset
 * `<i>`, `<b>`, `<u>` (see cue.ts) and drops the rest (fonts, colours, karaoke), reporting that
 * it did.
 */
import type { CuePosition } from './cue.ts';

export interface MarkupResult {
  text: string;
  /** Tags that were removed (font, colour, voice, unknown), for the repair report. */
  stripped: number;
  position?: CuePosition;
}

const KEPT = /^<\/?[ibu]>$/;

/**
 * ASS `\an` numpad alignment (ASS spec, "Style Lines"): 1-3 bottom, 4-6 middle, 7-9 top;
 * column = left/center/right.
 */
export function positionFromAn(an: number): CuePosition | undefined {
  if (!(an >= 1 && an <= 9) || an === 2) return undefined;
  const vertical = an >= 7 ? 'top' : an >= 4 ? 'middle' : 'bottom';
  const col = (an - 1) % 3;
  const horizontal = col === 0 ? 'left' : col === 2 ? 'right' : 'center';
  const pos: CuePosition = {};
  if (vertical !== 'bottom') pos.vertical = vertical;
  if (horizontal !== 'center') pos.horizontal = horizontal;
  return pos;
}

/** SSA v4 legacy `\a` values: 1-3 bottom, 5-7 top, 9-11 middle. */
export function positionFromLegacyA(a: number): CuePosition | undefined {
  const col = a & 3;
  const row = a & 12;
  if (col === 0) return undefined;
  const an = col + (row === 4 ? 6 : row === 8 ? 3 : 0);
  return positionFromAn(an);
}

export function anFromPosition(pos: CuePosition | undefined): number {
  if (!pos) return 2;
  const row = pos.vertical === 'top' ? 6 : pos.vertical === 'middle' ? 3 : 0;
  const col = pos.horizontal === 'left' ? 1 : pos.horizontal === 'right' ? 3 : 2;
  return row + col;
}

/**
 * Handles the HTML-ish tags found in SRT (and also ASS-style `{\i1}` and `{\an8}` blocks that
 * many SRT files carry, since VSFilter-era players honour them).
 */
export function normalizeHtmlish(raw: string): MarkupResult {
  if (raw.indexOf('<') < 0 && raw.indexOf('{') < 0) return { text: raw, stripped: 0 };
  let stripped = 0;
  let position: CuePosition | undefined;
  let text = raw.replace(/\{\\([^}]*)\}/g, (_m, body: string) => {
    let out = '';
    for (const tag of body.split('\\')) {
      const t = tag.trim();
      const an = /^an(\d)$/.exec(t);
      if (an) {
        position = positionFromAn(Number(an[1]));
        continue;
      }
      const a = /^a(\d{1,2})$/.exec(t);
      if (a) {
        position = positionFromLegacyA(Number(a[1]));
        continue;
      }
      const style = /^([ibu])([01])$/.exec(t);
      if (style) {
        out += style[2] === '1' ? `<${style[1]}>` : `</${style[1]}>`;
        continue;
      }
      if (t) stripped++;
    }
    return out;
  });
  text = text.replace(/<\s*(\/?)\s*([a-zA-Z][\w.-]*)[^>]*>/g, (m, close: string, name: string) => {
    const n = name.toLowerCase();
    if (n === 'i' || n === 'b' || n === 'u') return `<${close}${n}>`;
    if (n === 'em') return `<${close}i>`;
    if (n === 'strong') return `<${close}b>`;
    void m;
    stripped++;
    return '';
  });
  const res: MarkupResult = { text, stripped };
  if (position) res.position = position;
  return res;
}

/** WebVTT character references (W3C WebVTT §6.4 tokenizer) that real files use. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * WebVTT cue text: keeps `<i>`, `<b>`, `<u>`; drops classes, voice and language spans, ruby
 * and inline timestamps (§4.2.2), then decodes character references.
 */
export function normalizeVtt(raw: string): MarkupResult {
  let stripped = 0;
  const text = raw.replace(
    /<(\/?)([a-z0-9:.]+)(?:\.[^\s>]*)?(?:\s[^>]*)?>/gi,
    (_m, close: string, name: string) => {
      const n = name.split('.')[0]!.toLowerCase();
      if (n === 'i' || n === 'b' || n === 'u') return `<${close}${n}>`;
      stripped++;
      return '';
    },
  );
  return { text: decodeEntities(text), stripped };
}

/** Escapes text for WebVTT output while keeping the allowed tags (§4.2.2: `&`, `<`, `>`). */
export function escapeVtt(line: string): string {
  if (!/[&<>]/.test(line)) return line;
  return line
    .split(/(<\/?[ibu]>)/)
    .map((part) =>
      KEPT.test(part)
        ? part
        : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('');
}

/**
 * Tidies one cue's lines: trims, drops empty lines, and removes tag pairs that enclose
 * nothing, so that `<i></i>` left over from stripped styling does not reach the output.
 */
export function tidyLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    // Without tags this is all a trim does (the common case, so it skips the expressions).
    if (l.indexOf('<') < 0) {
      const t = l.trim();
      if (t !== '') out.push(t);
      continue;
    }
    let t = l.replace(/[ \t\u00a0]+$/g, '').replace(/^[ \t]+/, '');
    let prev = '';
    while (prev !== t) {
      prev = t;
      t = t.replace(/<([ibu])>(\s*)<\/\1>/g, '$2');
    }
    t = t.trim();
    if (t.replace(/<\/?[ibu]>/g, '').trim() !== '') out.push(t);
  }
  return out;
}
