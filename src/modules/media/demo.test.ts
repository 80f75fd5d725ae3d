import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSubtitles } from '../subtitles/index.ts';
import { writeDemoLibrary } from './demo.ts';
import { parseMediaName } from './naming.ts';
import { createFfprobeRepository } from './probe.repository.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-demo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeDemoLibrary', () => {
  it('writes a labelled library with two spoken audio tracks, subtitles and sidecars', async () => {
    const lib = await writeDemoLibrary(dir, { seconds: 3 });
    const rel = lib.files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
    expect(rel).toEqual([
      'DEMO-MEDIA.txt',
      'Mother (1926)/Mother (1926).en.forced.srt',
      'Mother (1926)/Mother (1926).mkv',
      'Mother (1926)/Mother (1926).ru.srt',
      'Mother (1926)/poster.jpg',
      'The Cranes Are Flying (1957)/The Cranes Are Flying (1957).en.srt',
      'The Cranes Are Flying (1957)/The Cranes Are Flying (1957).mp4',
    ]);
    expect(fs.readFileSync(path.join(dir, 'DEMO-MEDIA.txt'), 'utf8')).toMatch(/demo media/i);
    expect(parseMediaName('Mother (1926).mkv')).toMatchObject({ title: 'Mother', year: 1926 });

    const probe = createFfprobeRepository();
    const mkv = await probe.probe(path.join(dir, 'Mother (1926)', 'Mother (1926).mkv'));
    expect(mkv.streams.map((s) => [s.type, s.language])).toEqual([
      ['video', null],
      ['audio', 'ru'],
      ['audio', 'en'],
      ['subtitle', 'en'],
    ]);
    const mp4 = await probe.probe(
      path.join(dir, 'The Cranes Are Flying (1957)', 'The Cranes Are Flying (1957).mp4'),
    );
    expect(mp4.container).toContain('mp4');
    expect(mp4.streams.map((s) => s.codec)).toEqual(['h264', 'aac']);

    const ru = loadSubtitles(
      fs.readFileSync(path.join(dir, 'Mother (1926)', 'Mother (1926).ru.srt')),
    );
    expect(ru.encoding).toMatch(/1251/);
    expect(ru.cues[0]?.lines.join(' ')).toContain('демонстрационная');
  });
});
