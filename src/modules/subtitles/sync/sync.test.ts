import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  distort,
  makeTrack,
  rng,
  within,
  DIALOGUE_EN,
} from '../../../../test/fixtures/subtitles/tracks.ts';
import type { SpeechTrack } from '../../../../test/fixtures/subtitles/speech.ts';
import { synthesizeSpeech } from '../../../../test/fixtures/subtitles/speech.ts';
import type { Interval } from '../index.ts';
import {
  createFfmpegAudioRepository,
  syncToAudio,
  syncToIntervals,
  syncToReference,
} from '../index.ts';

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

  it('moves the few cues after a cut near the end, which the split penalty alone would not pay for', () => {
    const d = distort(
      original,
      {
        offsetMs: -21_000,
        scale: 1,
        cuts: [{ atMs: Math.round(0.96 * (HOUR / 2)), lengthMs: 45_000 }],
        dropShare: 0.1,
        jitterMs: 100,
      },
      5,
    );
    const r = syncToReference(d.cues, reference);
    expect(r.accepted).toBe(true);
    expect(r.segments.length).toBeGreaterThanOrEqual(2);
    // Without the block check the last 4% of the lines stayed 45 s late.
    expect(within(r.cues, d.truth, 400)).toBeGreaterThan(0.99);
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

/**
 * The shape of the accuracy bench's one confidently wrong audio sync: four minutes of speech
 * under noise and music, a 29.97 → 23.976 fps change, and a cut near the end that left a
 * fifth of the lines 22 s out while the file was accepted. Every sync here must be right or
 * refused, never wrong.
 */
describe('sync to audio under noise and music', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinoteka-subs-music-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const audio = createFfmpegAudioRepository();
  const tracks: Record<string, { track: SpeechTrack; speech: Interval[] }> = {};

  beforeAll(async () => {
    const r = rng(131);
    const texts: string[] = [];
    for (let k = 0; k < 60; k++) texts.push(DIALOGUE_EN[Math.floor(r() * DIALOGUE_EN.length)]!);
    const startMs = 30_000 + Math.floor(r() * 60_000);
    const common = { seed: 131, startMs, pauseMs: [500, 4000] as [number, number], noise: 0.04 };
    for (const [name, extra] of [
      ['music', { music: 0.06 }],
      ['band', { band: 0.3 }],
    ] as const) {
      const sub = mkdtempSync(join(dir, `${name}-`));
      const track = synthesizeSpeech(sub, texts, { ...common, ...extra });
      tracks[name] = { track, speech: await audio.detectSpeech(track.audio) };
    }
  }, 120_000);

  const cases = (durationMs: number) => [
    [{ atMs: 227_520, lengthMs: -22_399 }],
    [{ atMs: Math.round(durationMs * 0.85), lengthMs: 30_000 }],
    [{ atMs: Math.round(durationMs * 0.15), lengthMs: -25_000 }],
  ];

  for (const name of ['music', 'band']) {
    it(`is right or refused, never confidently wrong (speech + noise + ${name})`, () => {
      const { track, speech } = tracks[name]!;
      let accepted = 0;
      for (const cuts of cases(track.durationMs)) {
        const d = distort(
          track.cues,
          { offsetMs: 18_672, scale: 0.8, cuts, dropShare: 0.1, jitterMs: 100 },
          918,
        );
        const r = syncToIntervals(d.cues, speech);
        if (!r.accepted) continue;
        accepted++;
        expect(within(r.cues, d.truth, 800)).toBeGreaterThanOrEqual(0.9);
      }
      expect(accepted).toBeGreaterThanOrEqual(2);
    });
  }

  it('does not take a band (plucked melody, drums) under noise for speech', () => {
    const { track, speech } = tracks['band']!;
    const inCue = (t: number): boolean =>
      track.cues.some((c) => t >= c.start - 100 && t < c.end + 100);
    let detected = 0;
    let right = 0;
    for (const s of speech) {
      for (let t = s.start; t < s.end; t += 20) {
        detected++;
        if (inCue(t)) right++;
      }
    }
    const spoken = track.cues.reduce((n, c) => n + (c.end - c.start), 0) / 20;
    expect(right / detected).toBeGreaterThan(0.85);
    expect(right / spoken).toBeGreaterThan(0.8);
  });
});
