/** Media library types and the pure rules over them (audio roles, the access summary). */
import type { MediaKind, MediaTags } from './naming.ts';

export type StreamType = 'video' | 'audio' | 'subtitle' | 'other';
export type AudioRole = 'original' | 'dub' | 'voice-over' | 'commentary' | 'unknown';
export type MatchMethod = 'tag' | 'title' | 'manual';
export type ProbeState = 'pending' | 'done' | 'failed' | 'none';

/** One file under a media root, as the library keeps it. */
export interface MediaFile {
  id: number;
  root: string;
  /** Path relative to the root, `/`-separated. Never sent to viewers: URLs name ids. */
  path: string;
  kind: MediaKind;
  size: number;
  mtimeMs: number;
  /** The video a sidecar (subtitle, audio, artwork) belongs to. */
  videoId: number | null;
  title: string | null;
  year: number | null;
  tags: MediaTags;
  language: string | null;
  forced: boolean;
  sdh: boolean;
  filmSlug: string | null;
  matchMethod: MatchMethod | null;
  probeState: ProbeState;
  probeError: string | null;
  container: string | null;
  videoCodec: string | null;
  durationS: number | null;
}

export interface ProbedStream {
  /** ffprobe's absolute stream index (`-map 0:<index>`). */
  index: number;
  type: StreamType;
  codec: string;
  language: string | null;
  title: string | null;
  channels: number | null;
  default: boolean;
  forced: boolean;
  hearingImpaired: boolean;
  /** Subtitle streams: text (SubRip, ASS, WebVTT, mov_text) or image (PGS, VobSub, DVB). */
  textSubtitle: boolean;
  width: number | null;
  height: number | null;
}

export interface ProbeResult {
  /** ffprobe's format name (`matroska,webm`, `mov,mp4,m4a,3gp,3g2,mj2`). */
  container: string;
  durationS: number | null;
  videoCodec: string | null;
  streams: ProbedStream[];
}

export interface MediaStream extends ProbedStream {
  fileId: number;
}

/** A WebVTT track the library made from a text subtitle stream or a sidecar file. */
export interface SubtitleTrack {
  id: number;
  videoId: number;
  /** `stream` (embedded, `streamIndex` set) or `sidecar` (`sourceFileId` set). */
  source: 'stream' | 'sidecar';
  streamIndex: number | null;
  sourceFileId: number | null;
  language: string | null;
  forced: boolean;
  sdh: boolean;
  encoding: string | null;
  cues: number;
}

/** Text subtitle codecs ffmpeg can turn into SubRip; everything else is a bitmap. */
export const TEXT_SUBTITLE_CODECS = new Set([
  'subrip',
  'srt',
  'ass',
  'ssa',
  'webvtt',
  'mov_text',
  'text',
  'microdvd',
  'subviewer',
  'jacosub',
  'sami',
  'realtext',
  'mpl2',
]);

/**
 * What an audio track is, from its title first (operators write "English dub", "voice-over",
 * "закадровый перевод") and then from the film's original languages.
 */
export function audioRole(
  language: string | null,
  title: string | null,
  originalLanguages: readonly string[],
): AudioRole {
  const t = (title ?? '').toLowerCase();
  if (/commentary|комментари/.test(t)) return 'commentary';
  if (/voice[\s-]?over|\bvo\b|закадр|одноголос|многоголос/.test(t)) return 'voice-over';
  if (/\bdub|dubbed|дубл/.test(t)) return 'dub';
  if (/original|оригинал/.test(t)) return 'original';
  if (!language) return 'unknown';
  if (originalLanguages.includes(language)) return 'original';
  return 'dub';
}

export function languageName(tag: string | null): string {
  if (!tag) return 'Unknown language';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export interface AccessItem {
  kind: 'subtitles' | 'audio';
  language: string | null;
  /** Audio: its role; subtitles: `forced`, `sdh` or `full`. */
  role: AudioRole | 'forced' | 'sdh' | 'full';
  label: string;
}

export interface MediaAccessSummary {
  filmSlug: string;
  copies: number;
  items: AccessItem[];
  /** "English subtitles, English dub, Russian original", or null with no copy. */
  text: string | null;
}

const ROLE_WORD: Record<AudioRole, string> = {
  original: 'original',
  dub: 'dub',
  'voice-over': 'voice-over',
  commentary: 'commentary',
  unknown: 'audio',
};

/**
 * The summary a film page shows for the copies the server holds: subtitles (English first,
 * full before SDH before forced), then audio (English first, then the originals), each once.
 */
export function summarizeAccess(
  filmSlug: string,
  copies: readonly {
    audio: readonly { language: string | null; title: string | null }[];
    subtitles: readonly { language: string | null; forced: boolean; sdh: boolean }[];
  }[],
  originalLanguages: readonly string[],
): MediaAccessSummary {
  const items: AccessItem[] = [];
  const seen = new Set<string>();
  const push = (item: AccessItem) => {
    const key = `${item.kind}:${item.language}:${item.role}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push(item);
  };
  const english = (l: string | null) => (l === 'en' || l?.startsWith('en-') ? 0 : 1);
  const subs = copies.flatMap((c) => c.subtitles);
  const subRole = (s: { forced: boolean; sdh: boolean }): 'forced' | 'sdh' | 'full' =>
    s.forced ? 'forced' : s.sdh ? 'sdh' : 'full';
  const subOrder = { full: 0, sdh: 1, forced: 2 } as const;
  subs
    .map((s) => ({ ...s, role: subRole(s) }))
    .sort(
      (a, b) =>
        english(a.language) - english(b.language) ||
        (a.language ?? '~').localeCompare(b.language ?? '~') ||
        subOrder[a.role] - subOrder[b.role],
    )
    .forEach((s) => {
      const name = languageName(s.language);
      const label =
        s.role === 'full'
          ? `${name} subtitles`
          : s.role === 'sdh'
            ? `${name} subtitles for the deaf and hard of hearing`
            : `${name} forced subtitles`;
      push({ kind: 'subtitles', language: s.language, role: s.role, label });
    });
  const audio = copies
    .flatMap((c) => c.audio)
    .map((a) => ({ ...a, role: audioRole(a.language, a.title, originalLanguages) }))
    .filter((a) => a.role !== 'commentary');
  audio
    .sort(
      (a, b) =>
        english(a.language) - english(b.language) ||
        (a.language ?? '~').localeCompare(b.language ?? '~'),
    )
    .forEach((a) =>
      push({
        kind: 'audio',
        language: a.language,
        role: a.role,
        label: `${languageName(a.language)} ${ROLE_WORD[a.role]}`,
      }),
    );
  return {
    filmSlug,
    copies: copies.length,
    items,
    text: copies.length === 0 ? null : items.map((i) => i.label).join(', ') || 'a copy',
  };
}

/** What a copy on this server offers an English viewer, in the catalogue's access words. */
export type SelfHostedKind = 'subtitles' | 'dub' | 'voice-over';

/**
 * The access kinds a film's English tracks give: an English subtitle track (full or SDH; a
 * forced track only translates signs, so it does not count) for `subtitles`; an English audio track for `dub` or `voice-over` by its role (its title, then
 * the film's original languages), so an English original or a commentary counts for neither.
 */
export function selfHostedKinds(
  tracks: readonly { kind: 'audio' | 'subtitle'; title: string | null; forced?: boolean }[],
  originalLanguages: readonly string[],
): SelfHostedKind[] {
  const kinds = new Set<SelfHostedKind>();
  for (const t of tracks) {
    if (t.kind === 'subtitle') {
      if (!t.forced) kinds.add('subtitles');
    } else {
      const role = audioRole('en', t.title, originalLanguages);
      if (role === 'dub' || role === 'voice-over') kinds.add(role);
    }
  }
  const order: SelfHostedKind[] = ['subtitles', 'dub', 'voice-over'];
  return order.filter((k) => kinds.has(k));
}
