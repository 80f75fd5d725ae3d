import { describe, expect, it } from 'vitest';
import { readFfprobeJson } from './probe.repository.ts';

type FfprobeJson = Parameters<typeof readFfprobeJson>[0];

// The shape of `ffprobe -print_format json -show_format -show_streams` output, trimmed.
const SAMPLE: FfprobeJson = {
  format: { format_name: 'matroska,webm', duration: '5423.120000' },
  streams: [
    {
      index: 0,
      codec_type: 'video',
      codec_name: 'hevc',
      width: 1920,
      height: 1080,
      disposition: { default: 1 },
    },
    {
      index: 1,
      codec_type: 'audio',
      codec_name: 'ac3',
      channels: 6,
      tags: { language: 'rus' },
      disposition: { default: 1 },
    },
    {
      index: 2,
      codec_type: 'audio',
      codec_name: 'aac',
      channels: 2,
      tags: { LANGUAGE: 'eng', title: 'English voice-over' },
      disposition: { default: 0 },
    },
    {
      index: 3,
      codec_type: 'subtitle',
      codec_name: 'hdmv_pgs_subtitle',
      tags: { language: 'eng' },
      disposition: { forced: 1 },
    },
    { index: 4, codec_type: 'subtitle', codec_name: 'dvd_subtitle', tags: { language: 'rus' } },
    {
      index: 5,
      codec_type: 'subtitle',
      codec_name: 'ass',
      tags: { language: 'eng', title: 'English SDH' },
    },
    {
      index: 6,
      codec_type: 'subtitle',
      codec_name: 'subrip',
      tags: { language: 'und' },
      disposition: { hearing_impaired: 1 },
    },
    { index: 7, codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
    { index: 8, codec_type: 'attachment', codec_name: 'ttf' },
  ],
};

describe('readFfprobeJson', () => {
  const p = readFfprobeJson(SAMPLE);

  it('reads the container, video codec and duration', () => {
    expect(p).toMatchObject({ container: 'matroska,webm', videoCodec: 'hevc', durationS: 5423.12 });
  });

  it('reads audio tracks with language, title, channels and default', () => {
    const audio = p.streams.filter((s) => s.type === 'audio');
    expect(audio.map((a) => [a.index, a.language, a.title, a.channels, a.default])).toEqual([
      [1, 'ru', null, 6, true],
      [2, 'en', 'English voice-over', 2, false],
    ]);
  });

  it('tells text subtitles from image ones and reads forced and hearing-impaired', () => {
    const subs = p.streams.filter((s) => s.type === 'subtitle');
    expect(
      subs.map((s) => [s.index, s.textSubtitle, s.language, s.forced, s.hearingImpaired]),
    ).toEqual([
      [3, false, 'en', true, false],
      [4, false, 'ru', false, false],
      [5, true, 'en', false, true],
      [6, true, null, false, true],
    ]);
  });

  it('does not take cover art or attachments for video', () => {
    expect(p.streams.filter((s) => s.type === 'video').map((s) => s.index)).toEqual([0]);
    expect(readFfprobeJson({}).durationS).toBeNull();
  });
});
