/**
 * Advanced SubStation Alpha (.ass, "v4.00+") and SubStation Alpha (.ssa, "v4.00"). Events are
 * read using the section's own `Format:` line (the spec lets files reorder columns); the Text
 * column is last and may contain commas. Override blocks `{\...}` become the shared markup:
 * `\i`, `\b`, `\u` toggles, `\an` (numpad) and SSA's legacy `\a` alignment; `\N` is a hard
 * line break, `\n` a soft one (a space unless wrap style 2), `\h` a hard space. Drawings
 * (`\p1`) are not text and are dropped.
 */
import type { Cue, CuePosition } from '../cue.ts';
import { positionFromAn, positionFromLegacyA, tidyLines } from '../markup.ts';
import { finishCues, withPosition } from './blocks.ts';
import { ProblemLog } from './problems.ts';

interface Style {
  italic: boolean;
  bold: boolean;
  underline: boolean;
  position: CuePosition | undefined;
}

// A leading minus is a negative time (repaired, and reported, in finishCues).
const TIME = /^\s*(-?)(\d+):(\d{1,2}):(\d{1,2})[.:](\d{1,3})\s*$/;

function assTime(s: string): number | null {
  const m = TIME.exec(s);
  if (!m) return null;
  const frac = m[5]!;
  const ms =
    ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000 +
    Math.round(Number(`0.${frac}`) * 1000);
  return m[1] ? -ms : ms;
}

const flag = (v: string | undefined): boolean =>
  v !== undefined && v.trim() !== '0' && v.trim() !== '';

export function parseAss(
  text: string,
  file = '<input>',
): { cues: Cue[]; log: ProblemLog; ssa: boolean } {
  const log = new ProblemLog(file);
  const lines = text.split(/\r\n|\r|\n/);
  let section = '';
  let ssa = false;
  let styleFormat: string[] = [];
  let eventFormat: string[] = [];
  const styles = new Map<string, Style>();
  const raw: { cue: Cue; line: number }[] = [];

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1]!.toLowerCase();
      if (section === 'v4 styles') ssa = true;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (section === 'script info') {
      if (key === 'scripttype' && /v4\.00$/i.test(value)) ssa = true;
    } else if (section.endsWith('styles')) {
      if (key === 'format') styleFormat = value.split(',').map((s) => s.trim().toLowerCase());
      else if (key === 'style') {
        const f = value.split(',');
        const get = (name: string): string | undefined => {
          const idx = styleFormat.indexOf(name);
          return idx >= 0 ? f[idx] : undefined;
        };
        const align = Number(get('alignment') ?? 2);
        styles.set((get('name') ?? '').trim(), {
          italic: flag(get('italic')),
          bold: flag(get('bold')),
          underline: flag(get('underline')),
          position: ssa ? positionFromLegacyA(align) : positionFromAn(align),
        });
      }
    } else if (section === 'events') {
      if (key === 'format') {
        eventFormat = value.split(',').map((s) => s.trim().toLowerCase());
        continue;
      }
      if (key !== 'dialogue') continue;
      if (eventFormat.length === 0) {
        // The v4.00+ default column order, for files that omit the Format line.
        eventFormat = [
          'layer',
          'start',
          'end',
          'style',
          'name',
          'marginl',
          'marginr',
          'marginv',
          'effect',
          'text',
        ];
        log.note(lineNo, 'missing-format', 'Events Format line missing; default columns assumed');
      }
      const parts: string[] = [];
      let rest = value;
      for (let c = 0; c < eventFormat.length - 1; c++) {
        const k = rest.indexOf(',');
        if (k < 0) break;
        parts.push(rest.slice(0, k));
        rest = rest.slice(k + 1);
      }
      parts.push(rest);
      if (parts.length < eventFormat.length) {
        // An empty or cut-off Dialogue line is skipped; the other events stand.
        log.note(lineNo, 'bad-event', 'Dialogue line with too few fields skipped', false);
        continue;
      }
      const get = (name: string): string => parts[eventFormat.indexOf(name)] ?? '';
      const start = assTime(get('start'));
      const end = assTime(get('end'));
      if (start === null || end === null) {
        log.note(
          lineNo,
          'bad-timing',
          `cannot read Dialogue times "${get('start')}", "${get('end')}" (event skipped)`,
          false,
        );
        continue;
      }
      const style = styles.get(get('style').trim().replace(/^\*/, '')) ?? styles.get('Default');
      const t = convertText(get('text'), style, log, lineNo);
      if (t === null) continue;
      raw.push({ cue: withPosition({ start, end, lines: t.lines }, t.position), line: lineNo });
    }
  }
  if (raw.length === 0 && eventFormat.length === 0) log.fail(0, 'no-events', 'no [Events] section');
  // Simultaneous events (signs plus dialogue) are normal in ASS, so overlaps are kept.
  const cues = finishCues(raw, log, { trimOverlapMs: 0 });
  return { cues, log, ssa };
}

function convertText(
  text: string,
  style: Style | undefined,
  log: ProblemLog,
  lineNo: number,
): { lines: string[]; position: CuePosition | undefined } | null {
  const state = { i: false, b: false, u: false };
  let out = '';
  let position = style?.position;
  let drawing = false;
  const set = (tag: 'i' | 'b' | 'u', on: boolean): void => {
    if (state[tag] === on) return;
    state[tag] = on;
    out += on ? `<${tag}>` : `</${tag}>`;
  };
  const reset = (): void => {
    set('i', style?.italic ?? false);
    set('b', style?.bold ?? false);
    set('u', style?.underline ?? false);
  };
  reset();
  const re = /\{([^}]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const plain = (s: string): void => {
    if (drawing) return;
    out += s.replace(/\\N/g, '\n').replace(/\\n/g, ' ').replace(/\\h/g, '\u00a0');
  };
  while ((m = re.exec(text))) {
    plain(text.slice(last, m.index));
    last = re.lastIndex;
    for (const tag of m[1]!.split('\\').slice(1)) {
      let t: RegExpExecArray | null;
      if ((t = /^([ibu])(\d*)$/.exec(tag))) {
        const v = t[2] === '' ? 0 : Number(t[2]);
        set(t[1] as 'i' | 'b' | 'u', v !== 0);
      } else if ((t = /^an(\d)$/.exec(tag))) position = positionFromAn(Number(t[1]));
      else if ((t = /^a(\d{1,2})$/.exec(tag))) position = positionFromLegacyA(Number(t[1]));
      else if ((t = /^p(\d+)$/.exec(tag))) drawing = Number(t[1]) > 0;
      else if (/^r/.test(tag)) reset();
    }
  }
  plain(text.slice(last));
  if (state.u) out += '</u>';
  if (state.b) out += '</b>';
  if (state.i) out += '</i>';
  const lines = tidyLines(out.split('\n'));
  if (lines.length === 0) {
    log.note(lineNo, 'drawing-or-empty', 'event without text (drawing or empty) skipped');
    return null;
  }
  return { lines, position };
}
