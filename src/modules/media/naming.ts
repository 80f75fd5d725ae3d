/**
 * File names as Jellyfin and Plex users already write them:
 *   `Title (Year)/Title (Year) {kinoteka-slug} [imdbid-tt0017166].mkv`   a video
 *   `Title (Year).en.srt`, `.en.forced.srt`, `.en.sdh.srt` (`.cc`, `.hi`)  sidecar subtitles
 *   `Title (Year).en.mka`                                                  external audio
 *   `poster.jpg`, `folder.jpg`, `backdrop.jpg`, `Title (Year)-poster.jpg`  artwork
 * Languages come back as BCP 47 (RFC 5646: the shortest ISO 639 code, so `eng` → `en`) through
 * the subtitles module's reader, which accepts ISO 639-1, ISO 639-2/B and /T and English names.
 */
import { languageTag, parseSidecarName } from '../subtitles/index.ts';

export type MediaKind = 'video' | 'subtitle' | 'audio' | 'artwork' | 'other';

export interface MediaTags {
  kinoteka?: string;
  imdb?: string;
  tmdb?: string;
}

export interface ParsedName {
  kind: MediaKind;
  /** The name the sidecar belongs to (`Title (Year)`), or the video's own base name. */
  base: string;
  title: string | null;
  year: number | null;
  tags: MediaTags;
  language: string | null;
  forced: boolean;
  sdh: boolean;
  default: boolean;
  artwork: 'poster' | 'backdrop' | null;
  extension: string;
}

export const VIDEO_EXTENSIONS = new Set([
  'mkv',
  'mp4',
  'm4v',
  'webm',
  'mov',
  'avi',
  'ts',
  'm2ts',
  'mpg',
  'mpeg',
  'ogv',
  'wmv',
]);
export const SUBTITLE_EXTENSIONS = new Set(['srt', 'vtt', 'ass', 'ssa', 'sub', 'sbv', 'smi']);
export const AUDIO_EXTENSIONS = new Set([
  'mka',
  'm4a',
  'aac',
  'ac3',
  'eac3',
  'dts',
  'flac',
  'opus',
  'ogg',
  'mp3',
]);
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'webp']);
const POSTER = new Set(['poster', 'folder', 'cover', 'default', 'movie']);
const BACKDROP = new Set(['backdrop', 'fanart', 'background', 'art']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Reads `{kinoteka-x}`, `[imdbid-tt…]`, `{imdb-tt…}`, `{tmdb-…}`, `[tmdbid-…]` and removes them. */
export function extractTags(text: string): { rest: string; tags: MediaTags } {
  const tags: MediaTags = {};
  const rest = text.replace(
    /[[{]\s*([a-z]+)[-=]([^\]}]+?)\s*[\]}]/gi,
    (whole, key: string, value: string) => {
      const k = key.toLowerCase();
      if (k === 'kinoteka') tags.kinoteka = value.toLowerCase();
      else if ((k === 'imdb' || k === 'imdbid') && /^tt\d+$/i.test(value))
        tags.imdb = value.toLowerCase();
      else if ((k === 'tmdb' || k === 'tmdbid') && /^\d+$/.test(value)) tags.tmdb = value;
      else if (k === 'edition') return ' ';
      else return whole;
      return ' ';
    },
  );
  return { rest, tags };
}

/** `Title (Year)` (also `Title.Year.1080p`, the scene style) → title and year. */
export function parseTitleYear(text: string): {
  title: string | null;
  year: number | null;
  tags: MediaTags;
} {
  const { rest, tags } = extractTags(text);
  const clean = rest.replace(/\s+/g, ' ').trim();
  // The last "(YYYY)" wins: "1900 (1976)" is the film 1900 of 1976.
  const paren = /^(.*)\((\d{4})\)/.exec(clean);
  if (paren && paren[1]!.trim()) {
    return { title: paren[1]!.replace(/[\s\-–.]+$/, '').trim(), year: Number(paren[2]), tags };
  }
  const scene = /^(.+?)[. _](19\d{2}|20\d{2})(?:[. _]|$)/.exec(clean);
  if (scene) return { title: scene[1]!.replace(/[._]/g, ' ').trim(), year: Number(scene[2]), tags };
  const title = clean.replace(/\s+-\s+(?:part|pt|cd|disc)\s*\d+$/i, '').trim();
  return { title: title || null, year: null, tags };
}

/** Classifies one file name (no directories) and reads what its name says. */
export function parseMediaName(fileName: string): ParsedName {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const extension = extensionOf(name);
  const stem = extension ? name.slice(0, -(extension.length + 1)) : name;
  const empty: ParsedName = {
    kind: 'other',
    base: stem,
    title: null,
    year: null,
    tags: {},
    language: null,
    forced: false,
    sdh: false,
    default: false,
    artwork: null,
    extension,
  };
  if (VIDEO_EXTENSIONS.has(extension)) {
    return { ...empty, kind: 'video', ...parseTitleYear(stem) };
  }
  if (SUBTITLE_EXTENSIONS.has(extension) || AUDIO_EXTENSIONS.has(extension)) {
    // The subtitles module reads `base.lang.flags`; it needs no extension it does not know.
    const s = parseSidecarName(stem);
    return {
      ...empty,
      kind: SUBTITLE_EXTENSIONS.has(extension) ? 'subtitle' : 'audio',
      ...parseTitleYear(s.base),
      base: s.base,
      language: s.language ?? null,
      forced: s.forced,
      sdh: s.sdh,
      default: s.default,
    };
  }
  if (IMAGE_EXTENSIONS.has(extension)) {
    const lower = stem.toLowerCase();
    const dash = /^(.*)-([a-z]+)$/.exec(lower);
    const word = dash ? dash[2]! : lower;
    const artwork = POSTER.has(word) ? 'poster' : BACKDROP.has(word) ? 'backdrop' : null;
    if (!artwork) return empty;
    return { ...empty, kind: 'artwork', artwork, base: dash ? stem.slice(0, dash[1]!.length) : '' };
  }
  return empty;
}

/** The language of an ffprobe tag (`rus`, `eng`, `en-US`), or null for `und` and unknowns. */
export function streamLanguage(tag: string | undefined | null): string | null {
  if (!tag || /^(und|unk|mis|mul|zxx)$/i.test(tag)) return null;
  return languageTag(tag);
}
