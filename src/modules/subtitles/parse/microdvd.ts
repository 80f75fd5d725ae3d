/**
 * MicroDVD (.sub): `{startFrame}{endFrame}text`, `|` between lines. Times are frames, so a frame
 * rate is needed: a first cue `{1}{1}23.976` (or `{0}{0}…`) declares it and wins; otherwise the
 * caller's (the user's or the video's) rate is used. Control codes: `{y:i}`/`{y:b}`/`{y:u}`
 * style one line, `{Y:…}` all lines; colour/font/size codes are dropped. A leading `/` marks an
 * italic line (a widespread convention from MPL2 and Polish releases).
 */
import type { Cue } from '../cue.ts';
import { tidyLines } from '../markup.ts';
import { finishCues } from './blocks.ts';
import { ProblemLog } from './problems.ts';

// Spaces inside and between the braces (`{ 1 } { 1 }`) are common; a minus is a negative frame.
const LINE = /^\{\s*(-?\d+)\s*\}\s*\{\s*(-?\d*)\s*\}(.*)$/;

export function parseMicroDvd(
  text: string,
  file = '<input>',
  fps?: number,
): { cues: Cue[]; log: ProblemLog; fps: number } {
  const log = new ProblemLog(file);
  const lines = text.split(/\r\n|\r|\n/);
  let rate: number | undefined;
  const entries: { start: number; end: number; text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) {
      log.note(i + 1, 'bad-line', `not a MicroDVD line: "${line.slice(0, 60)}" (skipped)`, false);
      continue;
    }
    const start = Number(m[1]);
    const body = m[3]!.trim();
    if (
      entries.length === 0 &&
      rate === undefined &&
      (start === 0 || start === 1) &&
      /^\d+(?:[.,]\d+)?$/.test(body)
    ) {
      rate = Number(body.replace(',', '.'));
      if (fps !== undefined && Math.abs(fps - rate) > 0.001) {
        log.note(
          i + 1,
          'fps-override-ignored',
          `file declares ${rate} fps; given ${fps} fps ignored`,
          false,
        );
      }
      continue;
    }
    const end = m[2] === '' ? NaN : Number(m[2]);
    if (Number.isNaN(end)) {
      log.note(i + 1, 'missing-end', 'missing end frame; cue ends when the next one starts');
    }
    entries.push({ start, end, text: body, line: i + 1 });
  }
  log.throwIfErrors();
  const given = rate ?? fps;
  const r: number =
    given !== undefined && given > 0
      ? given
      : log.fail(
          0,
          'fps-required',
          'MicroDVD file has no frame-rate line; give the frame rate (--fps)',
        );
  const toMs = (f: number): number => Math.round((f * 1000) / r);
  const raw = entries.map((e, idx) => {
    let end = e.end;
    if (Number.isNaN(end)) end = entries[idx + 1]?.start ?? e.start + Math.round(r * 3);
    return { cue: { start: toMs(e.start), end: toMs(end), lines: convert(e.text) }, line: e.line };
  });
  return { cues: finishCues(raw, log), log, fps: r };
}

function convert(body: string): string[] {
  const global = { i: false, b: false, u: false };
  let text = body.replace(/\{Y:([^}]*)\}/g, (_m, v: string) => {
    for (const c of v.split(',')) if (c === 'i' || c === 'b' || c === 'u') global[c] = true;
    return '';
  });
  text = text.replace(/\{[CcFfSsPH]:[^}]*\}/g, '');
  return tidyLines(
    text.split('|').map((raw) => {
      let line = raw;
      const local = { ...global };
      line = line.replace(/\{y:([^}]*)\}/g, (_m, v: string) => {
        for (const c of v.split(',')) if (c === 'i' || c === 'b' || c === 'u') local[c] = true;
        return '';
      });
      if (line.startsWith('/')) {
        local.i = true;
        line = line.slice(1);
      }
      line = line.trim();
      if (local.u) line = `<u>${line}</u>`;
      if (local.b) line = `<b>${line}</b>`;
      if (local.i) line = `<i>${line}</i>`;
      return line;
    }),
  );
}
