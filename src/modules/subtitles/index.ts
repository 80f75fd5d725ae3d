/**
 * Subtitles module: read every common subtitle format and encoding, write WebVTT and SRT,
 * retime, and synchronise to a reference track or to the audio with a confidence gate.
 * Pure apart from audio.repository.ts, which runs ffmpeg.
 */
export type {
  Cue,
  CuePosition,
  ParsedSubtitles,
  SubtitleFormat,
  SubtitleProblem,
  VttCueExtras,
  VttHeader,
} from './cue.ts';
export { SUBTITLE_FORMATS, SubtitleError, plainText } from './cue.ts';
export type { DecodedText, SingleByteEncoding, SubtitleEncoding } from './encoding.ts';
export {
  SINGLE_BYTE_ENCODINGS,
  decodeSubtitleBytes,
  encodeText,
  encodingExists,
  normalizeEncodingName,
} from './encoding.ts';
export type { LanguageGuess } from './language.ts';
export { detectLanguage } from './language.ts';
export type { SidecarInfo } from './sidecar.ts';
export { languageTag, parseSidecarName, sidecarName } from './sidecar.ts';
export type { ParseOptions } from './parse/index.ts';
export { detectFormat, parseSubtitles } from './parse/index.ts';
export { writeSrt, writeSubtitles, writeVtt } from './write.ts';
export {
  STANDARD_FPS,
  exactFps,
  insertGap,
  mergeOverlapping,
  removeGap,
  scaleCues,
  scaleCuesBy,
  shiftCues,
  shiftCuesReport,
  stripHearingImpaired,
} from './transform.ts';
export type { ShiftResult } from './transform.ts';
export type { LoadOptions, LoadedSubtitles } from './subtitles.ts';
export { loadSubtitles } from './subtitles.ts';
export type { AlignOptions } from './sync/align.ts';
export type { Interval } from './sync/timeline.ts';
export { align } from './sync/align.ts';
export { standardRatios } from './sync/timeline.ts';
export type { SyncOptions, SyncResult } from './sync/index.ts';
export {
  DEFAULT_MIN_CONFIDENCE,
  syncToAudio,
  syncToIntervals,
  syncToReference,
} from './sync/index.ts';
export { SpeechDetector } from './sync/vad.ts';
export type { AudioRepository } from './audio.repository.ts';
export { SAMPLE_RATE, createFfmpegAudioRepository } from './audio.repository.ts';
