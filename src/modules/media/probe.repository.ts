/**
 * ffprobe and ffmpeg, the media repository's outside world: probe a file (JSON output) and
 * extract one text subtitle stream as SubRip bytes for the subtitles module to read.
 */
import { execFile } from 'node:child_process';
import {
  type ProbeResult,
  type ProbedStream,
  type StreamType,
  TEXT_SUBTITLE_CODECS,
} from './media.ts';
import { streamLanguage } from './naming.ts';

export interface ProbeRepository {
  probe(file: string): Promise<ProbeResult>;
  /** The stream (ffprobe's absolute index) as SubRip bytes. */
  extractSubtitle(file: string, streamIndex: number): Promise<Uint8Array>;
}

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  channels?: number;
  width?: number;
  height?: number;
  tags?: Record<string, string>;
  disposition?: Record<string, number>;
}

interface FfprobeOutput {
  format?: { format_name?: string; duration?: string };
  streams?: FfprobeStream[];
}

function run(cmd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'buffer', maxBuffer }, (err, stdout, stderr) => {
      if (err) {
        const why = stderr.toString('utf8').trim().split('\n').slice(-3).join(' ') || err.message;
        reject(new Error(`${cmd} failed: ${why}`));
      } else resolve(stdout);
    });
  });
}

function tag(tags: Record<string, string> | undefined, key: string): string | undefined {
  if (!tags) return undefined;
  const k = Object.keys(tags).find((t) => t.toLowerCase() === key);
  return k ? tags[k] : undefined;
}

/** Reads ffprobe's `-show_format -show_streams` JSON into the library's terms. */
export function readFfprobeJson(json: FfprobeOutput): ProbeResult {
  const streams: ProbedStream[] = (json.streams ?? []).map((s) => {
    const type: StreamType =
      s.codec_type === 'video' || s.codec_type === 'audio' || s.codec_type === 'subtitle'
        ? s.codec_type
        : 'other';
    const title = tag(s.tags, 'title') ?? null;
    const d = s.disposition ?? {};
    const codec = s.codec_name ?? 'unknown';
    return {
      index: s.index,
      type: type === 'video' && d.attached_pic ? 'other' : type,
      codec,
      language: streamLanguage(tag(s.tags, 'language')),
      title,
      channels: s.channels ?? null,
      default: d.default === 1,
      forced: d.forced === 1 || /\bforced\b/i.test(title ?? ''),
      hearingImpaired:
        d.hearing_impaired === 1 || /\b(sdh|cc|hearing impaired)\b/i.test(title ?? ''),
      textSubtitle: type === 'subtitle' && TEXT_SUBTITLE_CODECS.has(codec),
      width: s.width ?? null,
      height: s.height ?? null,
    };
  });
  const duration = Number.parseFloat(json.format?.duration ?? '');
  return {
    container: json.format?.format_name ?? 'unknown',
    durationS: Number.isFinite(duration) ? duration : null,
    videoCodec: streams.find((s) => s.type === 'video')?.codec ?? null,
    streams,
  };
}

export function createFfprobeRepository(
  bins: { ffprobe?: string; ffmpeg?: string } = {},
): ProbeRepository {
  const ffprobe = bins.ffprobe ?? 'ffprobe';
  const ffmpeg = bins.ffmpeg ?? 'ffmpeg';
  return {
    async probe(file) {
      const out = await run(ffprobe, [
        '-v',
        'error',
        '-print_format',
        'json',
        '-show_format',
        '-show_streams',
        file,
      ]);
      return readFfprobeJson(JSON.parse(out.toString('utf8')) as FfprobeOutput);
    },
    async extractSubtitle(file, streamIndex) {
      // `-f srt` re-emits any text codec (ASS, mov_text, WebVTT) as SubRip in UTF-8.
      return run(ffmpeg, [
        '-v',
        'error',
        '-nostdin',
        '-i',
        file,
        '-map',
        `0:${streamIndex}`,
        '-c:s',
        'srt',
        '-f',
        'srt',
        '-',
      ]);
    },
  };
}
