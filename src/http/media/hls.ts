/**
 * HLS for library videos, RFC 8216: what is remuxed and what is transcoded, the segment plan,
 * and the playlists. Pure functions; the segments themselves are made by `segments.ts`.
 *
 * - One video rendition (the first video stream) and one audio rendition per audio track
 *   (§4.3.4.1 `EXT-X-MEDIA TYPE=AUDIO`), so switching to the English dub fetches other audio
 *   segments and never restarts the video's segments.
 * - WebVTT subtitle renditions (`TYPE=SUBTITLES`, `FORCED=YES` where flagged; §4.3.4.1 requires
 *   AUTOSELECT=YES with FORCED=YES).
 * - Segments are fMP4 (§3.3, `EXT-X-MAP` init section). Browser-ready codecs are copied
 *   (`-c copy`); the video is cut only at its keyframes, so the plan follows the keyframes.
 *   Anything else is transcoded (H.264 / AAC), cut every TARGET_S seconds.
 */
import type { MediaFile, MediaStream } from '../../modules/media/index.ts';

export const TARGET_S = 6;

/** Video codecs Chromium, Firefox and Safari decode from fMP4 segments. */
const COPY_VIDEO = new Set(['h264', 'vp9', 'av1']);
/** Audio codecs copied into fMP4; others (AC-3, DTS, FLAC, Vorbis, MP3, Opus) become AAC. */
const COPY_AUDIO = new Set(['aac']);
/** Direct play: the file itself in a <video> element. */
const DIRECT_VIDEO = new Set(['h264', 'vp9', 'av1', 'vp8']);
const DIRECT_AUDIO = new Set(['aac', 'opus', 'mp3', 'vorbis']);

export function copiesVideo(codec: string): boolean {
  return COPY_VIDEO.has(codec);
}
export function copiesAudio(codec: string): boolean {
  return COPY_AUDIO.has(codec);
}

/**
 * A file plays directly when the browser can read the container and codecs and there is at
 * most one audio track: Chromium cannot switch a file's audio tracks (HTMLMediaElement
 * `audioTracks` is behind a flag), so a second track or an external audio file means HLS.
 */
export function playsDirectly(
  file: Pick<MediaFile, 'path' | 'container'>,
  streams: readonly Pick<MediaStream, 'type' | 'codec'>[],
  externalAudio: number,
): boolean {
  const ext = file.path.toLowerCase().split('.').pop() ?? '';
  const container = file.container ?? '';
  const mp4 = ['mp4', 'm4v'].includes(ext) && container.includes('mp4');
  const webm = ext === 'webm' && container.includes('webm');
  if (!mp4 && !webm) return false;
  const video = streams.filter((s) => s.type === 'video');
  const audio = streams.filter((s) => s.type === 'audio');
  return (
    video.length === 1 &&
    DIRECT_VIDEO.has(video[0]!.codec) &&
    audio.length <= 1 &&
    externalAudio === 0 &&
    audio.every((a) => DIRECT_AUDIO.has(a.codec))
  );
}

/** Segment i spans [starts[i], starts[i+1]) of the source timeline; the last ends at `end`. */
export interface SegmentPlan {
  starts: number[];
  end: number;
  /** Whether the video is copied (cut at keyframes) or transcoded (cut every TARGET_S). */
  copy: boolean;
}

/** Cuts at the first keyframe at least TARGET_S after the previous cut (what ffmpeg's hls muxer does). */
export function planFromKeyframes(keyframes: readonly number[], end: number): SegmentPlan {
  const kf = [...keyframes].filter((t) => Number.isFinite(t) && t < end).sort((a, b) => a - b);
  const starts: number[] = [];
  for (const t of kf) {
    if (starts.length === 0 || t - starts[starts.length - 1]! >= TARGET_S) starts.push(t);
  }
  if (starts.length === 0) starts.push(0);
  return { starts, end, copy: true };
}

export function fixedPlan(durationS: number): SegmentPlan {
  const starts: number[] = [];
  for (let t = 0; t < durationS || starts.length === 0; t += TARGET_S) starts.push(t);
  return { starts, end: durationS, copy: false };
}

/** [start, end) of segment n in the source timeline. */
export function segmentSpan(plan: SegmentPlan, n: number): { start: number; end: number } {
  return { start: plan.starts[n]!, end: plan.starts[n + 1] ?? plan.end };
}

/** Segment lengths as a player sees them: the first one starts at 0. */
export function segmentDurations(plan: SegmentPlan): number[] {
  return plan.starts.map((s, i) => (plan.starts[i + 1] ?? plan.end) - (i === 0 ? 0 : s));
}

function quoted(s: string): string {
  // RFC 8216 §4.2: quoted-string may not contain CR, LF or '"'.
  return `"${s.replace(/["\r\n]/g, "'")}"`;
}

export function mediaPlaylist(
  plan: SegmentPlan,
  init: string,
  segment: (n: number) => string,
): string {
  const durations = segmentDurations(plan);
  const target = Math.max(1, Math.ceil(Math.max(...durations) - 1e-6));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI=${quoted(init)}`,
  ];
  durations.forEach((d, n) => lines.push(`#EXTINF:${d.toFixed(3)},`, segment(n)));
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** A WebVTT rendition is one segment: the whole track (§3.5). */
export function subtitlePlaylist(durationS: number, vtt: string): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(durationS))}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXTINF:${durationS.toFixed(3)},`,
    vtt,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

export interface AudioRendition {
  name: string;
  language: string | null;
  default: boolean;
  channels: number | null;
  uri: string;
}

export interface SubtitleRendition {
  name: string;
  language: string | null;
  forced: boolean;
  default: boolean;
  uri: string;
}

export interface MasterInput {
  bandwidth: number;
  codecs: string | null;
  width: number | null;
  height: number | null;
  video: string;
  audio: readonly AudioRendition[];
  subtitles: readonly SubtitleRendition[];
}

/** Names in a group must differ (§4.3.4.1.1); a repeat gets " (2)". */
function unique(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

export function masterPlaylist(m: MasterInput): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  const audioNames = unique(m.audio.map((a) => a.name));
  const hasDefault = m.audio.some((a) => a.default);
  m.audio.forEach((a, i) => {
    const attrs = [
      'TYPE=AUDIO',
      'GROUP-ID="audio"',
      ...(a.language ? [`LANGUAGE=${quoted(a.language)}`] : []),
      `NAME=${quoted(audioNames[i]!)}`,
      `DEFAULT=${a.default || (!hasDefault && i === 0) ? 'YES' : 'NO'}`,
      'AUTOSELECT=YES',
      ...(a.channels ? [`CHANNELS="${a.channels}"`] : []),
      `URI=${quoted(a.uri)}`,
    ];
    lines.push(`#EXT-X-MEDIA:${attrs.join(',')}`);
  });
  const subNames = unique(m.subtitles.map((s) => s.name));
  m.subtitles.forEach((s, i) => {
    const attrs = [
      'TYPE=SUBTITLES',
      'GROUP-ID="subs"',
      ...(s.language ? [`LANGUAGE=${quoted(s.language)}`] : []),
      `NAME=${quoted(subNames[i]!)}`,
      `DEFAULT=${s.default ? 'YES' : 'NO'}`,
      'AUTOSELECT=YES',
      `FORCED=${s.forced ? 'YES' : 'NO'}`,
      `URI=${quoted(s.uri)}`,
    ];
    lines.push(`#EXT-X-MEDIA:${attrs.join(',')}`);
  });
  const inf = [
    `BANDWIDTH=${Math.max(1, Math.round(m.bandwidth))}`,
    ...(m.codecs ? [`CODECS=${quoted(m.codecs)}`] : []),
    ...(m.width && m.height ? [`RESOLUTION=${m.width}x${m.height}`] : []),
    ...(m.audio.length ? ['AUDIO="audio"'] : []),
    ...(m.subtitles.length ? ['SUBTITLES="subs"'] : []),
  ];
  lines.push(`#EXT-X-STREAM-INF:${inf.join(',')}`, m.video, '');
  return lines.join('\n');
}

/** The top-level boxes of an MP4 byte string. */
export function mp4Boxes(b: Uint8Array): { type: string; start: number; end: number }[] {
  const out: { type: string; start: number; end: number }[] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let off = 0;
  while (off + 8 <= b.length) {
    let size = view.getUint32(off);
    const type = String.fromCharCode(b[off + 4]!, b[off + 5]!, b[off + 6]!, b[off + 7]!);
    if (size === 1) size = Number(view.getBigUint64(off + 8));
    else if (size === 0) size = b.length - off;
    if (size < 8 || off + size > b.length) break;
    out.push({ type, start: off, end: off + size });
    off += size;
  }
  return out;
}

/**
 * Splits what ffmpeg wrote for one segment (`ftyp moov (moof mdat)+ mfra`) into the init
 * section (`ftyp moov`) and the media segment (`moof mdat` pairs; §3.3 forbids a moov there).
 */
export function splitFragmented(b: Uint8Array): { init: Uint8Array; media: Uint8Array } {
  const boxes = mp4Boxes(b);
  const init = boxes.filter((x) => x.type === 'ftyp' || x.type === 'moov');
  const media = boxes.filter((x) => x.type === 'moof' || x.type === 'mdat');
  const cat = (xs: typeof boxes) => Buffer.concat(xs.map((x) => b.subarray(x.start, x.end)));
  return { init: cat(init), media: cat(media) };
}

/** RFC 6381 codec string of an H.264 init section (`avc1.PPCCLL` from its avcC box), else null. */
export function codecOfInit(init: Uint8Array): string | null {
  const buf = Buffer.from(init.buffer, init.byteOffset, init.byteLength);
  const avcc = buf.indexOf('avcC');
  if (avcc >= 0 && avcc + 8 <= buf.length) {
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    return `avc1.${hex(buf[avcc + 5]!)}${hex(buf[avcc + 6]!)}${hex(buf[avcc + 7]!)}`;
  }
  if (buf.indexOf('vpcC') >= 0) return 'vp09.00.10.08';
  if (buf.indexOf('av1C') >= 0) return 'av01.0.04M.08';
  if (buf.indexOf('mp4a') >= 0) return 'mp4a.40.2';
  return null;
}
