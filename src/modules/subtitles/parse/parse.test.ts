import { describe, expect, it } from 'vitest';
import { SubtitleError, detectFormat, parseSubtitles, writeSrt, writeVtt } from '../index.ts';

const srt = `1
00:00:01,000 --> 00:00:02,500
Hello there.

2
00:00:03,000 --> 00:00:04,000
<i>Italic</i> and <b>bold</b>
second line
`;

describe('SRT', () => {
  it('reads a clean file', () => {
    const r = parseSubtitles(srt);
    expect(r.format).toBe('srt');
    expect(r.cues).toEqual([
      { start: 1000, end: 2500, lines: ['Hello there.'] },
      { start: 3000, end: 4000, lines: ['<i>Italic</i> and <b>bold</b>', 'second line'] },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('repairs missing blank lines, stray numbering, periods, odd arrows and spacing, and says so', () => {
    const messy = [
      '1',
      '00:00:01.000-->00:00:02,000',
      'First',
      '2',
      '0:0:3,5  ->  00:00:04,000',
      'Second',
      '',
      '',
      '17',
      '',
      '3 00:00:05,000 --> 00:00:06,000',
      '<font color="#ff0000">Red</font> text',
      '',
      'continued after a blank line',
    ].join('\r\n');
    const r = parseSubtitles(messy, { file: 'messy.srt' });
    expect(r.cues.map((c) => [c.start, c.end, c.lines])).toEqual([
      [1000, 2000, ['First']],
      [3500, 4000, ['Second']],
      [5000, 6000, ['Red text', 'continued after a blank line']],
    ]);
    const codes = r.problems.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'missing-blank-line',
        'timestamp-separator',
        'stray-number',
        'blank-line-in-text',
        'tags-stripped',
      ]),
    );
    expect(r.problems.every((p) => p.line > 0)).toBe(true);
  });

  it('sorts unordered cues and trims small overlaps', () => {
    const r = parseSubtitles(
      '1\n00:00:05,000 --> 00:00:06,000\nB\n\n2\n00:00:01,000 --> 00:00:05,400\nA\n',
    );
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [1000, 5000],
      [5000, 6000],
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['unordered', 'overlap']));
  });

  it('reads {\\an8} as a top position and writes it back', () => {
    const r = parseSubtitles('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Top\n');
    expect(r.cues[0]!.position).toEqual({ vertical: 'top' });
    expect(writeSrt(r.cues)).toContain('{\\an8}Top');
    expect(writeVtt(r.cues)).toContain('00:00:01.000 --> 00:00:02.000 line:0');
  });

  it('skips a block with an unreadable timing line, keeps the rest and says where', () => {
    const bad = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:04,000\nbad\n';
    const r = parseSubtitles(bad, { file: 'bad.srt', format: 'srt' });
    expect(r.cues.map((c) => c.lines)).toEqual([['ok']]);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 6, code: 'bad-timing', repaired: false }),
    );
  });

  it('rejects a file with no readable cue, naming the first bad line', () => {
    let err: unknown;
    try {
      parseSubtitles('1\n00:00:0x,000 --> 00:00:04,000\nbad\n', { file: 'bad.srt' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SubtitleError);
    expect((err as SubtitleError).line).toBe(2);
    expect((err as SubtitleError).message).toMatch(/^bad\.srt:2: no readable cues/);
    expect((err as SubtitleError).problems[0]!.where).toBe('bad.srt:2');
  });

  it('skips a cue that ends before it starts, and reports it', () => {
    const r = parseSubtitles(
      '1\n00:00:05,000 --> 00:00:02,000\nx\n\n2\n00:00:06,000 --> 00:00:07,000\ny\n',
      { file: 'a.srt' },
    );
    expect(r.cues.map((c) => c.lines[0])).toEqual(['y']);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ line: 2, code: 'end-before-start', repaired: false }),
    );
  });

  it('rejects text that is not subtitles', () => {
    expect(() => parseSubtitles('just some words\nand more', { file: 'notes.txt' })).toThrow(
      SubtitleError,
    );
  });
});

describe('WebVTT', () => {
  it('reads header, ids, NOTE/STYLE blocks, settings, entities and voice tags', () => {
    const vtt = `WEBVTT - a title

STYLE
::cue { color: yellow }

NOTE this is a comment
spanning lines

intro
00:01.000 --> 00:02.000 line:0 align:left
<v Anna>Hello &amp; welcome</v>

00:00:03.000 --> 00:00:04.000
<c.yellow>Tom</c> &lt;3 <i>you</i>
`;
    const r = parseSubtitles(vtt);
    expect(r.format).toBe('vtt');
    expect(r.cues).toEqual([
      {
        start: 1000,
        end: 2000,
        lines: ['Hello & welcome'],
        position: { vertical: 'top', horizontal: 'left' },
        vtt: { id: 'intro', settings: 'line:0 align:left' },
      },
      { start: 3000, end: 4000, lines: ['Tom <3 <i>you</i>'] },
    ]);
    expect(r.vtt).toEqual({ styles: ['::cue { color: yellow }'], regions: [] });
    expect(writeVtt(r.cues, r.vtt)).toContain('STYLE\n::cue { color: yellow }\n\nintro\n');
  });

  it('skips only the block whose timing line is unreadable, and says where', () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      'one',
      '',
      '00:00:03.000 --> 00:00:07x500',
      'bad end',
      '',
      '00:00:00 --> 00:00:09.000',
      'no fraction',
      '',
      '00:0 --> 00:00:09.000',
      'short minutes',
      '',
      '00:00:08.000 --> 00:00:09.000',
      'two',
    ].join('\n');
    const r = parseSubtitles(vtt, { file: 'x.vtt' });
    expect(r.cues.map((c) => c.lines[0])).toEqual(['one', 'two']);
    expect(r.problems).toContainEqual({
      line: 6,
      code: 'bad-timing',
      message: 'cannot read timing line "00:00:03.000 --> 00:00:07x500" (block skipped)',
      repaired: false,
      count: 3,
    });
  });

  it('reads a header-only file as zero cues, and keeps a cue that ends before it starts', () => {
    expect(parseSubtitles('WEBVTT\n').cues).toEqual([]);
    expect(parseSubtitles('WEBVTT - title only\n\nNOTE nothing here\n').cues).toEqual([]);
    const r = parseSubtitles('WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n');
    expect(r.cues).toEqual([{ start: 2000, end: 1000, lines: ['backwards'] }]);
    expect(r.problems.map((p) => p.code)).toEqual(['end-before-start']);
  });

  it('keeps leading spaces, and does not take a vertical tab for white space', () => {
    const r = parseSubtitles(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n   indented\n\n\v00:00:02.000 --> 00:00:03.000\nvt\n',
    );
    expect(r.cues).toEqual([{ start: 0, end: 1000, lines: ['   indented'] }]);
  });

  it('keeps cues with the same times and text but different settings', () => {
    const r = parseSubtitles(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000 line:0\nSame\n\n00:00:00.000 --> 00:00:01.000 line:-1\nSame\n\n00:00:00.000 --> 00:00:01.000 line:-1\nSame\n',
    );
    expect(r.cues.map((c) => c.vtt?.settings)).toEqual(['line:0', 'line:-1']);
    expect(r.problems.map((p) => p.code)).toEqual(['duplicate']);
  });

  it('escapes text on output so it re-reads identically', () => {
    const cues = [{ start: 0, end: 1000, lines: ['a --> b & <c>', '<i>ok</i>'] }];
    const out = writeVtt(cues);
    expect(out).toContain('a --&gt; b &amp; &lt;c&gt;');
    expect(parseSubtitles(out).cues).toEqual(cues);
  });
});

describe('ASS/SSA', () => {
  const ass = `[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, Bold, Italic, Alignment
Style: Default,Arial,20,&H00FFFFFF,0,0,2
Style: Sign,Arial,20,&H00FFFFFF,0,1,8

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,Hello, world{\\i1}!{\\i0}\\NSecond line
Dialogue: 0,0:00:03.00,0:00:04.00,Sign,,0,0,0,,A sign
Comment: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,not shown
Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,{\\an7\\b1}Corner{\\b0}
Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100{\\p0}
`;
  it('reads events with commas in text, style italics, overrides and alignment; skips drawings', () => {
    const r = parseSubtitles(ass);
    expect(r.format).toBe('ass');
    expect(r.cues).toEqual([
      { start: 1000, end: 2500, lines: ['Hello, world<i>!</i>', 'Second line'] },
      { start: 3000, end: 4000, lines: ['<i>A sign</i>'], position: { vertical: 'top' } },
      {
        start: 5000,
        end: 6000,
        lines: ['<b>Corner</b>'],
        position: { vertical: 'top', horizontal: 'left' },
      },
    ]);
  });

  it('recognises SSA v4 and its legacy alignment', () => {
    const ssa = `[Script Info]
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, Bold, Italic, Alignment
Style: Default,Arial,20,0,0,2

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,{\\a6}Top centre
`;
    const r = parseSubtitles(ssa);
    expect(r.format).toBe('ssa');
    expect(r.cues[0]).toEqual({
      start: 1000,
      end: 2000,
      lines: ['Top centre'],
      position: { vertical: 'top' },
    });
  });
});

describe('MicroDVD', () => {
  it('honours the {1}{1}23.976 frame-rate line and styling codes', () => {
    const r = parseSubtitles(
      '{1}{1}23.976\n{24}{72}{y:i}Hello|world\n{100}{148}/Italic line|plain\n',
    );
    expect(r.format).toBe('microdvd');
    expect(r.fps).toBeCloseTo(23.976);
    expect(r.cues[0]).toEqual({ start: 1001, end: 3003, lines: ['<i>Hello</i>', 'world'] });
    expect(r.cues[1]!.lines).toEqual(['<i>Italic line</i>', 'plain']);
  });

  it('takes the frame rate from the caller when the file has none, and demands one otherwise', () => {
    const body = '{25}{50}One\n{75}{100}Two\n';
    expect(parseSubtitles(body, { fps: 25 }).cues[0]).toEqual({
      start: 1000,
      end: 2000,
      lines: ['One'],
    });
    expect(() => parseSubtitles(body, { file: 'x.sub' })).toThrow(/frame rate/);
  });
});

describe('SubViewer 2 and SBV', () => {
  it('reads SubViewer with header and [br]', () => {
    const sv = `[INFORMATION]
[TITLE]Film
[AUTHOR]
[END INFORMATION]
[SUBTITLE]
[COLF]&HFFFFFF,[STYLE]bd,[SIZE]18,[FONT]Arial
00:00:01.00,00:00:02.50
First[br]second

00:00:03.20,00:00:04.00
Third
`;
    const r = parseSubtitles(sv);
    expect(r.format).toBe('subviewer');
    expect(r.cues).toEqual([
      { start: 1000, end: 2500, lines: ['First', 'second'] },
      { start: 3200, end: 4000, lines: ['Third'] },
    ]);
  });

  it('reads YouTube SBV', () => {
    const r = parseSubtitles(
      '0:00:01.000,0:00:02.500\nHello\nthere\n\n0:00:03.000,0:00:04.000\nBye\n',
    );
    expect(r.format).toBe('sbv');
    expect(r.cues[0]).toEqual({ start: 1000, end: 2500, lines: ['Hello', 'there'] });
  });
});

describe('detectFormat', () => {
  it('goes by content before the extension', () => {
    expect(detectFormat('WEBVTT\n\n00:01.000 --> 00:02.000\nx', 'a.srt')).toBe('vtt');
    expect(detectFormat('1\n00:00:01,000 --> 00:00:02,000\nx', 'a.sub')).toBe('srt');
    expect(detectFormat('{0}{25}x\n{30}{50}y', 'a.txt')).toBe('microdvd');
    expect(detectFormat('00:01.000 --> 00:02.000\nx')).toBe('vtt');
    expect(detectFormat('hello')).toBeNull();
  });
});
