import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  distort,
  makeTrack,
  within,
  DIALOGUE_EN,
} from '../../../../test/fixtures/subtitles/tracks.ts';
import { synthesizeSpeech } from '../../../../test/fixtures/subtitles/speech.ts';
import { createFfmpegAudioRepository, syncToAudio, syncToReference } from '../index.ts';

const HOUR = 3_600_000;

describe('sync to a reference track', () => {
  const original = makeTrack(3, HOUR / 2);
  const reference = distort(
    original,
    { offsetMs: 0, scale: 1, cuts: [], dropShare: 0.1, jitterMs: 100 },
    11,
  ).cues;

  it('recovers a plain offset', () => {
    const d = distort(
      original,
      { offsetMs: 73_250, scale: 1, cuts: [], dropShare: 0.1, jitterMs: 100 },
      1,
    );
    const r = syncToReference(d.cues, reference);
    expect(r.accepted).toBe(true);
    expect(Math.abs(r.offsetMs + 73_250)).toBeLessThan(150);
    expect(within(r.cues, d.truth, 400)).toBeGreaterThan(0.95);
  });

  it('recovers a frame-rate change (25 → 23.976) with an offset', () => {
    const scale = 23.976 / 25;
    const d = distort(
      original,
      { offsetMs: -41_000, scale, cuts: [], dropShare: 0.1, jitterMs: 100 },
      2,
    );
    const r = syncToReference(d.cues, reference);
    expect(r.accepted).toBe(true);
    // The file runs at 23.976/25 of the true speed: retiming it "from 25 to 23.976 fps" fixes it.
    expect(r.fps).toEqual({ from: 25, to: 23.976 });
    expect(within(r.cues, d.truth, 400)).toBeGreaterThan(0.95);
  });

  it('splits at cuts (a removed scene and a longer intro)', () => {
    const d = distort(
      original,
      {
        offsetMs: 12_000,
        scale: 1,
        cuts: [
          { atMs: 600_000, lengthMs: -30_000 },
          { atMs: 1_200_000, lengthMs: 45_000 },
        ],
        dropShare: 0.1,
        jitterMs: 100,
      },
      3,
    );
    const r = syncToReference(d.cues, reference);
    expect(r.accepted).toBe(true);
    expect(r.segments.length).toBeGreaterThanOrEqual(3);
    expect(within(r.cues, d.truth, 400)).toBeGreaterThan(0.95);
  });

  it('refuses an unrelated reference and leaves the cues untouched', () => {
    const d = distort(
      original,
      { offsetMs: 5000, scale: 1, cuts: [], dropShare: 0.1, jitterMs: 100 },
      4,
    );
    const unrelated = makeTrack(999, HOUR / 2);
    const r = syncToReference(d.cues, unrelated);
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/not confident enough.*left unchanged/);
    expect(r.cues).toEqual(d.cues);
  });

  it('refuses when there is too little to go on', () => {
    const few = original.slice(0, 2);
    const r = syncToReference(few, reference.slice(5, 7));
    expect(r.accepted).toBe(false);
  });
});

describe('sync to audio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinoteka-subs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('aligns cues to generated speech (espeak-ng + ffmpeg)', async () => {
    const texts = DIALOGUE_EN.filter((t) => t.length <= 30).slice(0, 8);
    const track = synthesizeSpeech(dir, texts, { seed: 5, noise: 0.02, pauseMs: [400, 1200] });
    expect(track.durationMs).toBeLessThan(20_000);
    const shifted = track.cues.map((c) => ({ ...c, start: c.start + 2300, end: c.end + 2300 }));
    const r = await syncToAudio(shifted, track.audio, { audio: createFfmpegAudioRepository() });
    expect(r.speech.length).toBeGreaterThan(3);
    expect(r.accepted).toBe(true);
    expect(
      within(
        r.cues,
        track.cues.map((c) => c.start),
        500,
      ),
    ).toBeGreaterThanOrEqual(0.85);
  }, 30_000);

  it('reports a decode failure as a SubtitleError', async () => {
    await expect(
      syncToAudio(
        DIALOGUE_EN.map((t, i) => ({ start: i * 1000, end: i * 1000 + 500, lines: [t] })),
        join(dir, 'missing.wav'),
        {
          audio: createFfmpegAudioRepository(),
        },
      ),
    ).rejects.toThrow(/ffmpeg could not decode/);
  });
});
