/**
 * Media URLs and the playback descriptor the player page and `GET /api/v1/films/{slug}/playback`
 * send: how to play a film's copy (the file directly, or HLS), its audio tracks by their
 * titles and its subtitle tracks as WebVTT. URLs name library ids, never paths.
 */
import { z } from 'zod';
import {
  type AudioRole,
  type MediaFile,
  type MediaStream,
  type SubtitleTrack,
  audioRole,
  languageName,
} from '../modules/media/index.ts';

export const mediaUrls = {
  watch: (slug: string) => `/films/${slug}/watch`,
  file: (fileId: number) => `/media/files/${fileId}`,
  master: (videoId: number) => `/media/videos/${videoId}/hls/master.m3u8`,
  videoPlaylist: (videoId: number) => `/media/videos/${videoId}/hls/video.m3u8`,
  videoInit: (videoId: number) => `/media/videos/${videoId}/hls/video/init.mp4`,
  videoSegment: (videoId: number, n: number) => `/media/videos/${videoId}/hls/video/${n}.m4s`,
  audioPlaylist: (videoId: number, fileId: number, index: number) =>
    `/media/videos/${videoId}/hls/audio/${fileId}/${index}.m3u8`,
  audioInit: (videoId: number, fileId: number, index: number) =>
    `/media/videos/${videoId}/hls/audio/${fileId}/${index}/init.mp4`,
  audioSegment: (videoId: number, fileId: number, index: number, n: number) =>
    `/media/videos/${videoId}/hls/audio/${fileId}/${index}/${n}.m4s`,
  subtitlePlaylist: (videoId: number, trackId: number) =>
    `/media/videos/${videoId}/hls/subtitles/${trackId}.m3u8`,
  vtt: (trackId: number) => `/media/subtitles/${trackId}.vtt`,
  hlsScript: () => '/assets/hls.min.js',
  playerScript: () => '/assets/player.js',
} as const;

export const audioTrackDto = z.object({
  id: z
    .string()
    .describe(
      '`<fileId>-<streamIndex>`: the file (the video or an external audio file) and its stream',
    ),
  label: z.string(),
  language: z.string().nullable(),
  role: z.enum(['original', 'dub', 'voice-over', 'commentary', 'unknown']),
  default: z.boolean(),
  channels: z.number().nullable(),
  /** Direct play only: the external audio file's URL is not used (HLS carries every track). */
});

export const subtitleTrackDto = z.object({
  id: z.number(),
  label: z.string(),
  language: z.string().nullable(),
  forced: z.boolean(),
  sdh: z.boolean(),
  url: z.string(),
});

export const playbackDto = z.object({
  film: z.object({ slug: z.string(), title: z.string(), year: z.number(), url: z.string() }),
  video_id: z.number(),
  mode: z.enum(['direct', 'hls']),
  src: z.string(),
  duration_s: z.number().nullable(),
  audio: z.array(audioTrackDto),
  subtitles: z.array(subtitleTrackDto),
});

export type PlaybackDto = z.infer<typeof playbackDto>;

export interface PlaybackInput {
  film: {
    slug: string;
    englishTitle: string;
    year: number;
    languages: readonly string[];
    url: string;
  };
  video: MediaFile;
  streams: readonly MediaStream[];
  subtitles: readonly SubtitleTrack[];
  /** External audio files beside the video, with their probed streams. */
  externalAudio: readonly { file: MediaFile; streams: readonly MediaStream[] }[];
  direct: boolean;
}

const ROLE_LABEL: Record<AudioRole, string> = {
  original: 'original',
  dub: 'dub',
  'voice-over': 'voice-over',
  commentary: 'commentary',
  unknown: 'audio',
};

const english = (l: string | null) => (l === 'en' || l?.startsWith('en-') ? 0 : 1);

export function subtitleLabel(t: {
  language: string | null;
  forced: boolean;
  sdh: boolean;
}): string {
  const name = languageName(t.language);
  return t.forced ? `${name} (forced)` : t.sdh ? `${name} SDH` : name;
}

export function presentPlayback(p: PlaybackInput): PlaybackDto {
  const audioStreams = [
    ...p.streams.filter((s) => s.type === 'audio').map((s) => ({ s, title: s.title })),
    ...p.externalAudio.flatMap((x) =>
      x.streams
        .filter((s) => s.type === 'audio')
        .map((s) => ({ s: { ...s, language: s.language ?? x.file.language }, title: s.title })),
    ),
  ];
  const anyDefault = audioStreams.some((a) => a.s.default && a.s.fileId === p.video.id);
  const audio = audioStreams.map(({ s, title }, i) => {
    const role = audioRole(s.language, title, p.film.languages);
    return {
      id: `${s.fileId}-${s.index}`,
      label: title?.trim() || `${languageName(s.language)} ${ROLE_LABEL[role]}`,
      language: s.language,
      role,
      default: anyDefault ? s.default && s.fileId === p.video.id : i === 0,
      channels: s.channels,
    };
  });
  // English first, then by language; full before SDH before forced (the order of the menu).
  const rank = (t: SubtitleTrack) => (t.forced ? 2 : t.sdh ? 1 : 0);
  const subtitles = [...p.subtitles]
    .sort(
      (a, b) =>
        english(a.language) - english(b.language) ||
        (a.language ?? '~').localeCompare(b.language ?? '~') ||
        rank(a) - rank(b) ||
        a.id - b.id,
    )
    .map((t) => ({
      id: t.id,
      label: subtitleLabel(t),
      language: t.language,
      forced: t.forced,
      sdh: t.sdh,
      url: mediaUrls.vtt(t.id),
    }));
  return {
    film: { slug: p.film.slug, title: p.film.englishTitle, year: p.film.year, url: p.film.url },
    video_id: p.video.id,
    mode: p.direct ? 'direct' : 'hls',
    src: p.direct ? mediaUrls.file(p.video.id) : mediaUrls.master(p.video.id),
    duration_s: p.video.durationS,
    audio,
    subtitles,
  };
}

/** What `findPlayback` needs from the media and catalogue services. */
export interface PlaybackSources {
  media: {
    listFiles(filter: { kind?: 'video'; filmSlug?: string }): Promise<MediaFile[]>;
    fileDetail(fileId: number): Promise<
      | {
          file: MediaFile;
          streams: MediaStream[];
          subtitles: SubtitleTrack[];
          sidecars: MediaFile[];
        }
      | undefined
    >;
  };
  film(slug: string): Promise<PlaybackInput['film']>;
  /** Whether the browser can play the file itself (see http/media/hls.ts `playsDirectly`). */
  direct(video: MediaFile, streams: readonly MediaStream[], externalAudio: number): boolean;
}

/**
 * The playback descriptor of a film's copy (the first probed video matched to the film), or
 * undefined when the library holds none that can be played yet.
 */
export async function findPlayback(
  src: PlaybackSources,
  slug: string,
): Promise<PlaybackDto | undefined> {
  const videos = (await src.media.listFiles({ kind: 'video', filmSlug: slug })).filter(
    (v) => v.probeState === 'done',
  );
  const video = videos[0];
  if (!video) return undefined;
  const detail = await src.media.fileDetail(video.id);
  if (!detail) return undefined;
  const externalAudio = [];
  for (const f of detail.sidecars.filter((s) => s.kind === 'audio' && s.probeState === 'done')) {
    const d = await src.media.fileDetail(f.id);
    if (d) externalAudio.push({ file: d.file, streams: d.streams });
  }
  return presentPlayback({
    film: await src.film(slug),
    video: detail.file,
    streams: detail.streams,
    subtitles: detail.subtitles,
    externalAudio,
    direct: src.direct(detail.file, detail.streams, externalAudio.length),
  });
}
