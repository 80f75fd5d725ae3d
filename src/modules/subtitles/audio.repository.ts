/**
 * ffmpeg adapter: decodes a media file's audio to mono 8 kHz s16 PCM on a pipe and feeds it to
 * the speech detector as it arrives, so the samples are never held: the detector keeps a few
 * numbers per 20 ms frame (about 7 MB per hour of audio). This is the module's only contact
 * with the outside world; tests and services can pass another implementation of
 * `AudioRepository`.
 */
import { spawn } from 'node:child_process';
import type { Interval } from './sync/timeline.ts';
import { SpeechDetector } from './sync/vad.ts';
import { SubtitleError } from './cue.ts';

export interface AudioRepository {
  /** Speech intervals (ms) in the media's first (or given) audio stream. */
  detectSpeech(
    mediaPath: string,
    opts?: { onProgress?: (seconds: number) => void; stream?: number },
  ): Promise<Interval[]>;
}

export const SAMPLE_RATE = 8000;

export function createFfmpegAudioRepository(ffmpegPath = 'ffmpeg'): AudioRepository {
  return {
    detectSpeech(mediaPath, opts = {}) {
      return new Promise((resolve, reject) => {
        const args = [
          '-nostdin',
          '-v',
          'error',
          '-i',
          mediaPath,
          '-map',
          `0:a:${opts.stream ?? 0}`,
          '-vn',
          '-ac',
          '1',
          '-ar',
          String(SAMPLE_RATE),
          '-f',
          's16le',
          '-acodec',
          'pcm_s16le',
          'pipe:1',
        ];
        const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const vad = new SpeechDetector({ sampleRate: SAMPLE_RATE });
        let err = '';
        let lastReport = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          vad.pushBytes(chunk);
          if (opts.onProgress && vad.seconds - lastReport >= 30) {
            lastReport = vad.seconds;
            opts.onProgress(vad.seconds);
          }
        });
        child.stderr.on('data', (d: Buffer) => {
          if (err.length < 4000) err += d.toString();
        });
        child.on('error', (e) =>
          reject(new SubtitleError('ffmpeg-missing', `cannot run ffmpeg: ${e.message}`, mediaPath)),
        );
        child.on('close', (code) => {
          if (code !== 0) {
            const reason = err.trim().split('\n').pop() ?? `exit code ${code}`;
            reject(
              new SubtitleError(
                'audio-decode',
                `ffmpeg could not decode the audio: ${reason}`,
                mediaPath,
              ),
            );
            return;
          }
          opts.onProgress?.(vad.seconds);
          resolve(vad.finish());
        });
      });
    },
  };
}
