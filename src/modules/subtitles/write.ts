/** Writers: WebVTT for browsers and SRT for everything else. */
import type { Cue, VttHeader } from './cue.ts';
import { escapeVtt } from './markup.ts';
import { formatMs } from './time.ts';

/**
 * WebVTT (W3C WebVTT §4): `WEBVTT`, blank line, the STYLE and REGION blocks of a WebVTT source
 * (§3.4, §3.5), then cues. Cue text is escaped (§4.2.2) so it can never contain `-->` or stray
 * tags. A cue read from WebVTT keeps its identifier and settings as written; otherwise its
 * position goes into cue settings: `line:0` (top, snap-to-lines) or `line:50%`, and
 * `align:left|right`.
 */
export function writeVtt(cues: readonly Cue[], header?: VttHeader): string {
  const out: string[] = ['WEBVTT', ''];
  for (const s of header?.styles ?? []) out.push('STYLE', s, '');
  for (const r of header?.regions ?? []) out.push('REGION', r, '');
  for (const c of cues) {
    let settings = '';
    if (c.vtt?.settings) settings = ` ${c.vtt.settings}`;
    else {
      if (c.position?.vertical === 'top') settings += ' line:0';
      else if (c.position?.vertical === 'middle') settings += ' line:50%';
      if (c.position?.horizontal === 'left') settings += ' align:left';
      else if (c.position?.horizontal === 'right') settings += ' align:right';
    }
    // An identifier may not contain "-->" or a line break (§3.3); one that does is left out.
    if (c.vtt?.id && !c.vtt.id.includes('-->') && !/[\r\n]/.test(c.vtt.id)) out.push(c.vtt.id);
    out.push(`${formatMs(c.start, '.')} --> ${formatMs(c.end, '.')}${settings}`);
    for (const l of c.lines) out.push(escapeVtt(l));
    out.push('');
  }
  return out.join('\n');
}

/**
 * SRT, the conventional way: 1-based index, `hh:mm:ss,mmm --> hh:mm:ss,mmm`, text, blank line.
 * Position uses the `{\anN}` prefix that SRT players adopted from ASS.
 */
export function writeSrt(cues: readonly Cue[]): string {
  const out: string[] = [];
  cues.forEach((c, i) => {
    out.push(String(i + 1), `${formatMs(c.start, ',')} --> ${formatMs(c.end, ',')}`);
    const an = anTag(c);
    c.lines.forEach((l, k) => out.push(k === 0 && an ? an + l : l));
    out.push('');
  });
  return out.join('\n');
}

function anTag(c: Cue): string {
  const p = c.position;
  if (!p) return '';
  const row = p.vertical === 'top' ? 6 : p.vertical === 'middle' ? 3 : 0;
  const col = p.horizontal === 'left' ? 1 : p.horizontal === 'right' ? 3 : 2;
  const an = row + col;
  return an === 2 ? '' : `{\\an${an}}`;
}

export function writeSubtitles(
  cues: readonly Cue[],
  format: 'vtt' | 'srt',
  header?: VttHeader,
): string {
  return format === 'vtt' ? writeVtt(cues, header) : writeSrt(cues);
}
