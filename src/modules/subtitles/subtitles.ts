/** Reading a subtitle file end to end: bytes → text (encoding) → cues (format) → language. */
import type { ParsedSubtitles } from './cue.ts';
import { SubtitleError, plainText } from './cue.ts';
import type { SubtitleFormat } from './cue.ts';
import { decodeSubtitleBytes } from './encoding.ts';
import { detectLanguage } from './language.ts';
import type { LanguageGuess } from './language.ts';
import { parseSubtitles } from './parse/index.ts';

export interface LoadedSubtitles extends ParsedSubtitles {
  encoding: string;
  encodingConfidence: number;
  language: LanguageGuess;
}

export interface LoadOptions {
  /** File name, for format hints and `file:line` errors. */
  file?: string;
  /** Encoding override (anything iconv-lite knows, e.g. `cp1251`). */
  encoding?: string;
  /** Frame rate for MicroDVD files without a frame-rate line. */
  fps?: number;
  format?: SubtitleFormat;
}

export function loadSubtitles(bytes: Uint8Array, opts: LoadOptions = {}): LoadedSubtitles {
  const decoded = decodeSubtitleBytes(bytes, opts.encoding ? { encoding: opts.encoding } : {});
  if (decoded.unsure) {
    // Better no file than mojibake: the caller names the encoding.
    const guesses = (decoded.candidates ?? [])
      .slice(0, 3)
      .map((c) => c.encoding)
      .join(', ');
    throw new SubtitleError(
      'encoding-unsure',
      `cannot tell the text encoding (best guesses: ${guesses}); give it with --encoding, e.g. --encoding ${decoded.encoding}`,
      opts.file ?? '<input>',
    );
  }
  const parsed = parseSubtitles(decoded.text, {
    ...(opts.file ? { file: opts.file } : {}),
    ...(opts.fps ? { fps: opts.fps } : {}),
    ...(opts.format ? { format: opts.format } : {}),
  });
  const sample = parsed.cues
    .slice(0, 400)
    .map((c) => plainText(c))
    .join('\n');
  return {
    ...parsed,
    encoding: decoded.encoding,
    encodingConfidence: decoded.confidence,
    language: detectLanguage(sample),
  };
}
