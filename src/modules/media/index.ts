/**
 * Media module: the library of copies the operator holds under the media roots (naming rules,
 * scanning, matching to catalogue films, ffprobe, WebVTT tracks) and the access summary.
 */
export * from './media.ts';
export * from './naming.ts';
export {
  MediaRepository,
  type CoverPick,
  type FileWrite,
  type StoredStat,
} from './media.repository.ts';
export {
  FilmMatcher,
  MediaService,
  type MatchCandidate,
  type MediaJob,
  type MediaServiceDeps,
  type RefusedPath,
  type ScanProgress,
  type ScanReport,
  type UnmatchedVideo,
} from './media.service.ts';
export {
  createFfprobeRepository,
  readFfprobeJson,
  type ProbeRepository,
} from './probe.repository.ts';
export { writeDemoLibrary, type DemoLibrary } from './demo.ts';
export {
  COVER_FORMATS,
  COVER_WIDTHS,
  type CoverFormat,
  type CoverSource,
  chooseFrame,
  lumaOf,
} from './artwork.ts';
