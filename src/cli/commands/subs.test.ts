import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { encodedFile, srtFile } from '../../../test/fixtures/subtitles/encoding-corpus.ts';
import { distort, makeTrack } from '../../../test/fixtures/subtitles/tracks.ts';
import { writeSrt } from '../../modules/subtitles/index.ts';
import { registerSubsCommands } from './subs.ts';

const dir = mkdtempSync(join(tmpdir(), 'kinoteka-subs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const program = new Command('kinoteka').exitOverride();
  registerSubsCommands(program);
  try {
    await program.parseAsync(['node', 'kinoteka', 'subs', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, out, err };
}

const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('kinoteka subs', () => {
  const ru = file(
    'film.ru.srt',
    iconv.encode(
      '1\n00:00:01,000 --> 00:00:02,000\nГДЕ МАМА?\n\n2\n00:00:03,000 --> 00:00:04,500\nОна ушла на вокзал.\n',
      'koi8-r',
    ),
  );

  it('detect prints format, encoding, language and cue count as JSON', async () => {
    const r = await cli('detect', ru, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      format: 'srt',
      encoding: 'koi8-r',
      language: 'ru',
      cues: 2,
      problems: [],
    });
  });

  it('convert writes UTF-8 WebVTT', async () => {
    const out = join(dir, 'film.vtt');
    const r = await cli('convert', ru, '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nГДЕ МАМА?\n\n00:00:03.000 --> 00:00:04.500\nОна ушла на вокзал.\n',
    );
  });

  it('shift accepts negative offsets, scale converts frame rates', async () => {
    const shifted = join(dir, 'shifted.srt');
    expect((await cli('shift', ru, '--by', '-0.5', '-o', shifted)).code).toBe(0);
    expect(readFileSync(shifted, 'utf8')).toContain('00:00:00,500 --> 00:00:01,500');
    const scaled = join(dir, 'scaled.srt');
    expect((await cli('scale', ru, '--from', '25', '--to', '23.976', '-o', scaled)).code).toBe(0);
    expect(readFileSync(scaled, 'utf8')).toContain('00:00:01,043 --> 00:00:02,085');
  });

  it('shift says how many cues it dropped or clamped before zero; --strict refuses', async () => {
    // Cues at 1–2 s and 3–4.5 s; 1.5 s earlier the first straddles zero, 3.5 s earlier it is
    // gone and the second straddles zero.
    const out = join(dir, 'early.srt');
    const r = await cli('shift', ru, '--by=-3.5', '-o', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('wrote');
    expect(r.err).toContain('1 pushed before zero dropped, 1 clamped to start at zero');
    expect(readFileSync(out, 'utf8')).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\nОна ушла на вокзал.\n',
    );
    const j = await cli('shift', ru, '--by=-1.5', '-o', join(dir, 'early2.srt'), '--json');
    expect(JSON.parse(j.out)).toEqual({
      output: join(dir, 'early2.srt'),
      cues: 2,
      dropped: 0,
      clamped: 1,
      written: true,
    });
    const strictOut = join(dir, 'strict.srt');
    const st = await cli('shift', ru, '--by=-3.5', '-o', strictOut, '--strict', '--json');
    expect(st.code).not.toBe(0);
    expect(st.err).toMatch(/2 cues would move before zero .*nothing written/);
    expect(JSON.parse(st.out)).toMatchObject({ dropped: 1, clamped: 1, written: false });
    expect(() => statSync(strictOut)).toThrow();
  });

  it('an encoding it cannot tell exits 3, writes nothing and suggests --encoding', async () => {
    const odd = file(
      'odd.srt',
      // Mac Roman: a code page outside the models.
      iconv.encode(
        '1\n00:00:01,000 --> 00:00:02,000\nJe vais à la gare, c’est déjà l’été.\n',
        'macintosh',
      ),
    );
    const out = join(dir, 'odd.vtt');
    const r = await cli('convert', odd, '-o', out);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/cannot tell the text encoding.*--encoding/);
    expect(() => statSync(out)).toThrow();
    expect((await cli('convert', odd, '-o', out, '--encoding', 'macintosh')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('c’est déjà l’été');
  });

  it('detects and converts the legacy encodings of issue 12 (Big5, Shift_JIS, Windows-1258, Windows-1256)', async () => {
    for (const [lang, enc] of [
      ['zh-Hant', 'big5'],
      ['ja', 'shift_jis'],
      ['vi', 'windows-1258'],
      ['ar', 'windows-1256'],
    ] as const) {
      const { bytes } = encodedFile(lang, enc, 60, 0);
      const src = file(`legacy-${enc}.srt`, bytes);
      const d = await cli('detect', src, '--json');
      expect(d.code).toBe(0);
      expect(JSON.parse(d.out)).toMatchObject({ encoding: enc });
      const out = join(dir, `legacy-${enc}.vtt`);
      expect((await cli('convert', src, '-o', out)).code).toBe(0);
      const first = srtFile(lang, 60, 0).split('\n')[2]!.normalize('NFC');
      expect(readFileSync(out, 'utf8')).toContain(first);
    }
  });

  const sdh = file(
    'sdh.srt',
    [
      '1\n00:00:01,000 --> 00:00:02,000\n[door slams]\n',
      '2\n00:00:03,000 --> 00:00:06,000\nJOHN: Where are you?\n',
      '3\n00:00:04,000 --> 00:00:08,000\n(sighs) Here.\n',
      '4\n00:00:10,000 --> 00:00:11,000\n<font color="red">Fine.</font>\n',
    ].join('\n'),
  );

  it('clean writes the repaired file, and with flags strips SDH notes and merges overlaps', async () => {
    const plain = join(dir, 'plain.srt');
    const r0 = await cli('clean', sdh, '-o', plain);
    expect(r0.code).toBe(0);
    expect(readFileSync(plain, 'utf8')).toBe(
      [
        '1\n00:00:01,000 --> 00:00:02,000\n[door slams]\n',
        '2\n00:00:03,000 --> 00:00:06,000\nJOHN: Where are you?\n',
        '3\n00:00:04,000 --> 00:00:08,000\n(sighs) Here.\n',
        '4\n00:00:10,000 --> 00:00:11,000\nFine.\n',
      ].join('\n'),
    );

    const out = join(dir, 'clean.vtt');
    const r = await cli('clean', sdh, '-o', out, '--strip-hi', '--merge-overlaps');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      'WEBVTT\n\n00:00:03.000 --> 00:00:08.000\nWhere are you?\nHere.\n\n00:00:10.000 --> 00:00:11.000\nFine.\n',
    );
    expect(r.err).toMatch(/2 cues/);
    expect(r.err).toMatch(/removed from 3 cues, 1 of them left empty/);
    expect(r.err).toMatch(/1 overlapping cues merged/);
  });

  it('cut removes or inserts a gap', async () => {
    const cues = file(
      'gap.srt',
      '1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:10,000 --> 00:00:11,000\nin the cut\n\n3\n00:00:20,000 --> 00:00:21,000\nc\n',
    );
    const removed = join(dir, 'removed.srt');
    const r = await cli('cut', cues, '--at', '5', '--remove', '10', '-o', removed);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 inside the removed part dropped/);
    expect(readFileSync(removed, 'utf8')).toBe(
      '1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:10,000 --> 00:00:11,000\nc\n',
    );
    const inserted = join(dir, 'inserted.srt');
    expect((await cli('cut', cues, '--at', '5', '--insert', '2.5', '-o', inserted)).code).toBe(0);
    expect(readFileSync(inserted, 'utf8')).toBe(
      '1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:12,500 --> 00:00:13,500\nin the cut\n\n3\n00:00:22,500 --> 00:00:23,500\nc\n',
    );
  });

  it('cut needs exactly one of --remove and --insert, and sane numbers', async () => {
    const out = join(dir, 'never.srt');
    for (const args of [
      ['--at', '5'],
      ['--at', '5', '--remove', '1', '--insert', '1'],
      ['--at', 'x', '--remove', '1'],
      ['--at', '-1', '--remove', '1'],
      ['--at', '5', '--insert', '0'],
    ]) {
      const r = await cli('cut', ru, ...args, '-o', out);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(() => statSync(out)).toThrow();
  });

  it('fails with a one-line reason and non-zero exit', async () => {
    const bad = file('bad.srt', '1\n00:00:01,000 --> 00:00:0x,000\nx\n');
    const r = await cli('convert', bad, '-o', join(dir, 'bad.vtt'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad\.srt:2/);
    expect((await cli('convert', ru, '-o', join(dir, 'x.txt'))).code).toBe(1);
  });

  it('sync to a reference writes the fixed file; an unrelated one is refused and nothing is written', async () => {
    const original = makeTrack(8, 1_200_000);
    const off = distort(
      original,
      { offsetMs: 9000, scale: 1, cuts: [], dropShare: 0, jitterMs: 50 },
      2,
    );
    const sub = file('off.srt', writeSrt(off.cues));
    const ref = file('ref.srt', writeSrt(original));
    const out = join(dir, 'synced.srt');
    const ok = await cli('sync', sub, '--ref', ref, '-o', out, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ accepted: true });
    expect(Math.abs(JSON.parse(ok.out).offsetMs + 9000)).toBeLessThan(150);
    expect(statSync(out).size).toBeGreaterThan(0);

    const unrelated = file('other.srt', writeSrt(makeTrack(77, 1_200_000)));
    const refused = join(dir, 'refused.srt');
    const no = await cli('sync', sub, '--ref', unrelated, '-o', refused);
    expect(no.code).toBe(3);
    expect(no.err).toMatch(/not confident enough.*file left unchanged/);
    expect(() => statSync(refused)).toThrow();
  });

  it('sync needs exactly one of --ref and --audio', async () => {
    const r = await cli('sync', ru, '-o', join(dir, 'x.srt'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/exactly one of --ref or --audio/);
  });
});
