/**
 * Speed, side by side on the same files (run: node --import tsx bench/subtitles/speed.ts):
 *  1. SRT → WebVTT conversion: ours vs `ffmpeg -i x.srt x.vtt` vs the `subtitle` npm package,
 *     with identical cue output as the check.
 *  2. Sync of a two-hour track to a subtitle reference (goal: under a second).
 *  3. Audio sync vs ffmpeg's decode alone (goal: within 1.25×).
 * Rounds alternate between the contenders; medians are reported. Ratios matter, not absolutes.
 * Conversion is timed after three untimed rounds each (a server converts many files; the
 * JIT has warmed up by the second), and the very first, cold call is shown beside it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSync, stringifySync } from 'subtitle';
import {
  createFfmpegAudioRepository,
  parseSubtitles,
  plainText,
  syncToAudio,
  syncToReference,
  writeSrt,
  writeVtt,
} from '../../src/modules/subtitles/index.ts';
import { distort, makeTrack, DIALOGUE_EN } from '../../test/fixtures/subtitles/tracks.ts';
import { synthesizeSpeech } from '../../test/fixtures/subtitles/speech.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinoteka-subs-speed-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const rows: string[][] = [];
const row = (...cells: string[]): void => {
  rows.push(cells);
};

try {
  // 1. Conversion, on a two-hour track with two-line cues.
  const track = makeTrack(42, 7_200_000).map((c, i) => ({
    ...c,
    lines: [c.lines[0]!, DIALOGUE_EN[(i * 7) % DIALOGUE_EN.length]!],
  }));
  const srtText = writeSrt(track);
  const srtPath = join(dir, 'x.srt');
  writeFileSync(srtPath, srtText);
  const key = (vtt: string): string =>
    parseSubtitles(vtt, { format: 'vtt' })
      .cues.map((c) => `${c.start}|${c.end}|${plainText(c)}`)
      .join('\n');
  const ours: number[] = [];
  const ff: number[] = [];
  const pkg: number[] = [];
  let oursOut = '';
  let pkgOut = '';
  const coldOurs = time(() => (oursOut = writeVtt(parseSubtitles(srtText).cues)));
  const coldPkg = time(() => (pkgOut = stringifySync(parseSync(srtText), { format: 'WebVTT' })));
  for (let round = 0; round < 3; round++) {
    writeVtt(parseSubtitles(srtText).cues);
    stringifySync(parseSync(srtText), { format: 'WebVTT' });
  }
  for (let round = 0; round < 15; round++) {
    ours.push(time(() => (oursOut = writeVtt(parseSubtitles(srtText).cues))));
    ff.push(
      time(() =>
        execFileSync('ffmpeg', [
          '-nostdin',
          '-v',
          'error',
          '-y',
          '-i',
          srtPath,
          join(dir, 'ff.vtt'),
        ]),
      ),
    );
    pkg.push(time(() => (pkgOut = stringifySync(parseSync(srtText), { format: 'WebVTT' }))));
  }
  const ffOut = readFileSync(join(dir, 'ff.vtt'), 'utf8');
  const same = key(oursOut) === key(ffOut) && key(oursOut) === key(pkgOut);
  row('convert 2 h SRT→VTT (' + track.length + ' cues)', 'ours', median(ours).toFixed(1), '1.00');
  row(
    '',
    'ffmpeg -i x.srt x.vtt (incl. process start)',
    median(ff).toFixed(1),
    (median(ff) / median(ours)).toFixed(2),
  );
  row(
    '',
    'subtitle (npm) parseSync+stringifySync',
    median(pkg).toFixed(1),
    (median(pkg) / median(ours)).toFixed(2),
  );
  row('', 'identical cue output (start, end, text)', same ? 'yes' : 'NO', '');
  row(
    '  first call (cold)',
    'ours / subtitle (npm)',
    `${coldOurs.toFixed(1)} / ${coldPkg.toFixed(1)}`,
    (coldPkg / coldOurs).toFixed(2),
  );

  // 2. Two-hour track to a reference: 25→23.976 fps, offset, two cuts, 10% dropped, jitter.
  const original = makeTrack(7, 7_200_000);
  const reference = distort(
    original,
    { offsetMs: 0, scale: 1, cuts: [], dropShare: 0.1, jitterMs: 100 },
    70,
  ).cues;
  const d = distort(
    original,
    {
      offsetMs: 61_000,
      scale: 23.976 / 25,
      cuts: [
        { atMs: 2_000_000, lengthMs: -20_000 },
        { atMs: 5_000_000, lengthMs: 35_000 },
      ],
      dropShare: 0.1,
      jitterMs: 100,
    },
    71,
  );
  const syncTimes: number[] = [];
  let accepted = false;
  for (let round = 0; round < 5; round++)
    syncTimes.push(time(() => (accepted = syncToReference(d.cues, reference).accepted)));
  row(
    `sync 2 h track to reference (${d.cues.length} cues)`,
    'ours',
    median(syncTimes).toFixed(1),
    `goal < 1000 ms; accepted=${accepted}`,
  );

  // 3. Audio sync vs ffmpeg decode alone, on ~10 minutes of generated speech in AAC.
  const texts: string[] = [];
  for (let i = 0; i < 200; i++) texts.push(DIALOGUE_EN[i % DIALOGUE_EN.length]!);
  const speech = synthesizeSpeech(dir, texts, { seed: 3, noise: 0.03, pauseMs: [400, 2500] });
  const m4a = join(dir, 'speech.m4a');
  execFileSync('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-i',
    speech.audio,
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    m4a,
  ]);
  const shifted = speech.cues.map((c) => ({ ...c, start: c.start + 4000, end: c.end + 4000 }));
  const decode: number[] = [];
  const audioSync: number[] = [];
  let audioOk = false;
  const repo = createFfmpegAudioRepository();
  for (let round = 0; round < 5; round++) {
    decode.push(
      time(() => {
        const r = spawnSync(
          'ffmpeg',
          [
            '-nostdin',
            '-v',
            'error',
            '-i',
            m4a,
            '-vn',
            '-ac',
            '1',
            '-ar',
            '8000',
            '-f',
            's16le',
            'pipe:1',
          ],
          {
            maxBuffer: 1 << 30,
          },
        );
        if (r.status !== 0) throw new Error('ffmpeg failed');
      }),
    );
    const t = performance.now();
    audioOk = (await syncToAudio(shifted, m4a, { audio: repo })).accepted;
    audioSync.push(performance.now() - t);
  }
  const minutes = (speech.durationMs / 60_000).toFixed(1);
  row(
    `audio sync, ${minutes} min AAC (${speech.cues.length} cues)`,
    'ffmpeg decode alone (8 kHz mono)',
    median(decode).toFixed(1),
    '1.00',
  );
  row(
    '',
    `ours: decode + VAD + align (accepted=${audioOk})`,
    median(audioSync).toFixed(1),
    (median(audioSync) / median(decode)).toFixed(2) + ' (goal ≤ 1.25)',
  );

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length), 8));
  const head = ['task', 'contender', 'median ms', 'ratio'];
  const fmt = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(fmt(r));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
