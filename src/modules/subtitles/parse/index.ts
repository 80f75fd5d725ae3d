/** Format sniffing and the one entry point that reads any supported format. */
import type { ParsedSubtitles, SubtitleFormat } from '../cue.ts';
import { SubtitleError } from '../cue.ts';
import { parseAss } from './ass.ts';
import { parseMicroDvd } from './microdvd.ts';
import { parseSbv, parseSubViewer } from './sbv.ts';
import { parseSrt } from './srt.ts';
import { parseVtt } from './vtt.ts';

const EXT: Record<string, SubtitleFormat> = {
  srt: 'srt',
  vtt: 'vtt',
  ass: 'ass',
  ssa: 'ssa',
  sub: 'microdvd',
  sbv: 'sbv',
};

/**
 * Decides the format from the content (files are often misnamed: `.sub` is MicroDVD or
 * SubViewer, `.srt` files saved as WebVTT); the file name only breaks ties.
 */
export function detectFormat(text: string, fileName?: string): SubtitleFormat | null {
  const head = text.slice(0, 20_000).replace(/^\uFEFF/, '');
  const firstLines = head
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 8);
  const ext = fileName ? EXT[fileName.toLowerCase().split('.').pop() ?? ''] : undefined;
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return 'vtt';
  if (
    /^\s*\[Script Info\]/im.test(head) ||
    /^\s*\[Events\]/im.test(head) ||
    /^Dialogue:\s*(?:Marked=)?\d*,/m.test(head)
  ) {
    if (/^\s*ScriptType:\s*v4\.00\s*$/im.test(head) || /^\s*\[V4 Styles\]/im.test(head))
      return 'ssa';
    return 'ass';
  }
  if (
    firstLines.length > 0 &&
    firstLines.slice(0, 3).every((l) => /^\s*\{\s*-?\d+\s*\}\s*\{\s*-?\d*\s*\}/.test(l))
  )
    return 'microdvd';
  if (/^\s*\[INFORMATION\]/im.test(head) || /^\s*\[SUBTITLE\]/im.test(head)) return 'subviewer';
  const comma = /^\s*\d{1,2}:\d{2}:\d{2}\.(\d{2,3}),\d{1,2}:\d{2}:\d{2}\.\d{2,3}\s*$/m.exec(head);
  if (comma && !head.includes('-->')) return comma[1]!.length === 2 ? 'subviewer' : 'sbv';
  if (/-->|-{1,3}\s*>/.test(head) && /\d:\d{1,2}(?::\d{1,2})?[.,]?\d*\s*-/.test(head)) {
    if (ext === 'vtt') return 'vtt';
    if (ext === 'srt') return 'srt';
    // Periods and no numbered blocks: a WebVTT file missing its header.
    const hasIndex = /^\s*\d+\s*\r?\n\s*[\d:]+[.,]\d+\s*-->/m.test(head);
    const period = /\d{2}:\d{2}\.\d{3}\s*-->/.test(head);
    return period && !hasIndex ? 'vtt' : 'srt';
  }
  return ext ?? null;
}

export interface ParseOptions {
  format?: SubtitleFormat;
  /** Frame rate for MicroDVD files without a frame-rate line. */
  fps?: number;
  /** Used in error messages (`file:line`). */
  file?: string;
}

export function parseSubtitles(text: string, opts: ParseOptions = {}): ParsedSubtitles {
  const file = opts.file ?? '<input>';
  const body = text.replace(/^\uFEFF/, '');
  const format = opts.format ?? detectFormat(body, opts.file);
  if (!format) throw new SubtitleError('unknown-format', 'not a subtitle format I can read', file);
  switch (format) {
    case 'srt': {
      const r = parseSrt(body, file);
      return { format, cues: r.cues, problems: r.log.problems };
    }
    case 'vtt': {
      const r = parseVtt(body, file);
      return {
        format,
        cues: r.cues,
        problems: r.log.problems,
        ...(r.header ? { vtt: r.header } : {}),
      };
    }
    case 'ass':
    case 'ssa': {
      const r = parseAss(body, file);
      return { format: r.ssa ? 'ssa' : 'ass', cues: r.cues, problems: r.log.problems };
    }
    case 'microdvd': {
      const r = parseMicroDvd(body, file, opts.fps);
      return { format, cues: r.cues, problems: r.log.problems, fps: r.fps };
    }
    case 'subviewer': {
      const r = parseSubViewer(body, file);
      return { format, cues: r.cues, problems: r.log.problems };
    }
    case 'sbv': {
      const r = parseSbv(body, file);
      return { format, cues: r.cues, problems: r.log.problems };
    }
  }
}
