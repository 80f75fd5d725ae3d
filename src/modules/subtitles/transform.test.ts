import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from './index.ts';
import {
  insertGap,
  mergeOverlapping,
  parseSubtitles,
  removeGap,
  scaleCues,
  shiftCues,
  shiftCuesReport,
  stripHearingImpaired,
  writeSrt,
  writeVtt,
} from './index.ts';

const cue = (start: number, end: number, ...lines: string[]): Cue => ({ start, end, lines });

describe('transforms', () => {
  it('shifts, dropping cues pushed entirely before zero', () => {
    const cues = [cue(1000, 2000, 'a'), cue(5000, 6000, 'b')];
    expect(shiftCues(cues, 2500)).toEqual([cue(3500, 4500, 'a'), cue(7500, 8500, 'b')]);
    expect(shiftCues(cues, -3000)).toEqual([cue(2000, 3000, 'b')]);
    expect(shiftCuesReport(cues, -5500)).toEqual({
      cues: [cue(0, 500, 'b')],
      dropped: 1,
      clamped: 1,
    });
    expect(cues[0]!.start).toBe(1000);
  });

  it('scales between frame rates (PAL speed-up 25 → 23.976)', () => {
    const out = scaleCues([cue(96_000, 100_000, 'x')], 25, 23.976);
    expect(out[0]!.start).toBe(Math.round((96_000 * 25 * 1001) / 24000));
    // Any pair of standard rates: there and back is the identity (to rounding).
    for (const [a, b] of [
      [23.976, 24],
      [24, 25],
      [25, 29.97],
      [29.97, 23.976],
    ] as const) {
      const back = scaleCues(scaleCues([cue(3_600_000, 3_601_000, 'x')], a, b), b, a);
      expect(Math.abs(back[0]!.start - 3_600_000)).toBeLessThanOrEqual(1);
    }
  });

  it('removes and inserts gaps', () => {
    const cues = [cue(1000, 2000, 'a'), cue(10_000, 11_000, 'cut'), cue(20_000, 21_000, 'c')];
    expect(removeGap(cues, 5000, 10_000)).toEqual([cue(1000, 2000, 'a'), cue(10_000, 11_000, 'c')]);
    expect(insertGap(cues, 5000, 3000)).toEqual([
      cue(1000, 2000, 'a'),
      cue(13_000, 14_000, 'cut'),
      cue(23_000, 24_000, 'c'),
    ]);
  });

  it('strips hearing-impaired annotations', () => {
    const cues = [
      cue(0, 1000, '[door slams]'),
      cue(1000, 2000, 'JOHN: Where are you?', '- (sighs) Here.'),
      cue(2000, 3000, '♪ ♪'),
      cue(3000, 4000, '<i>(laughing)</i> Fine.'),
    ];
    expect(stripHearingImpaired(cues)).toEqual([
      cue(1000, 2000, 'Where are you?', '- Here.'),
      cue(3000, 4000, 'Fine.'),
    ]);
  });

  it('merges overlapping cues', () => {
    expect(
      mergeOverlapping([cue(0, 2000, 'a'), cue(1500, 3000, 'b'), cue(4000, 5000, 'c')]),
    ).toEqual([cue(0, 3000, 'a', 'b'), cue(4000, 5000, 'c')]);
  });
});

// Text that every format can carry: no blank lines, no leading/trailing space, no `-->`.
const word = fc
  .stringMatching(
    /^[A-Za-zА-Яа-яЁё0-9,.!?'"](?:[A-Za-zА-Яа-яЁё0-9,.!?'" ]{0,12}[A-Za-zА-Яа-я.!?])?$/,
  )
  .filter((s) => !/^\d+$/.test(s));
const line = fc
  .tuple(word, fc.constantFrom('', 'i', 'b'))
  .map(([w, tag]) => (tag ? `<${tag}>${w}</${tag}>` : w));
const track = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 100_000 }),
      len: fc.integer({ min: 1, max: 20_000 }),
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
      top: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((items) => {
    let t = 0;
    return items.map((it) => {
      const start = t + it.gap;
      t = start + it.len;
      const c: Cue = { start, end: t, lines: it.lines };
      if (it.top) c.position = { vertical: 'top' };
      return c;
    });
  });

describe('properties', () => {
  it('SRT: parse(write(cues)) = cues', () => {
    fc.assert(
      fc.property(track, (cues) => {
        expect(parseSubtitles(writeSrt(cues)).cues).toEqual(cues);
      }),
      { numRuns: 150 },
    );
  });

  it('WebVTT: parse(write(cues)) = cues, and writing again gives the same file', () => {
    fc.assert(
      fc.property(track, (cues) => {
        const out = writeVtt(cues);
        const back = parseSubtitles(out).cues;
        // The reader adds what WebVTT carries beyond the shared model (the settings as written).
        expect(back.map(({ vtt: _vtt, ...c }) => c)).toEqual(cues);
        expect(writeVtt(back)).toBe(out);
      }),
      { numRuns: 150 },
    );
  });

  it('shift by d then by -d is the identity for cues that stay after zero', () => {
    fc.assert(
      fc.property(track, fc.integer({ min: 0, max: 500_000 }), (cues, d) => {
        expect(shiftCues(shiftCues(cues, d), -d)).toEqual(cues);
      }),
    );
  });

  it('scaling keeps order and durations proportional', () => {
    fc.assert(
      fc.property(
        track,
        fc.constantFrom(23.976, 24, 25, 29.97),
        fc.constantFrom(23.976, 24, 25, 29.97),
        (cues, a, b) => {
          const out = scaleCues(cues, a, b);
          for (let i = 1; i < out.length; i++)
            expect(out[i]!.start).toBeGreaterThanOrEqual(out[i - 1]!.start);
          out.forEach((c, i) =>
            expect(c.end).toBeGreaterThanOrEqual(c.start + (cues[i]!.end > cues[i]!.start ? 0 : 0)),
          );
        },
      ),
    );
  });

  it('insertGap then removeGap at the same place is the identity', () => {
    fc.assert(
      fc.property(
        track,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (cues, at, len) => {
          const spanning = cues.some((c) => c.start < at && c.end > at);
          fc.pre(!spanning);
          expect(removeGap(insertGap(cues, at, len), at, len)).toEqual(cues);
        },
      ),
    );
  });

  it('mergeOverlapping leaves no overlaps and loses no time', () => {
    fc.assert(
      fc.property(track, fc.integer({ min: 0, max: 5000 }), (cues, stretch) => {
        const overlapped = cues.map((c) => ({ ...c, end: c.end + stretch }));
        const merged = mergeOverlapping(overlapped);
        for (let i = 1; i < merged.length; i++)
          expect(merged[i]!.start).toBeGreaterThanOrEqual(merged[i - 1]!.end);
        expect(merged[0]!.start).toBe(overlapped[0]!.start);
      }),
    );
  });
});
