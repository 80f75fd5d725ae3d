import { describe, expect, it } from 'vitest';
import { audioRole, summarizeAccess } from './media.ts';
import { extractTags, parseMediaName, streamLanguage } from './naming.ts';

describe('parseMediaName', () => {
  it('reads a Jellyfin/Plex video name', () => {
    const p = parseMediaName('Mother (1926).mkv');
    expect(p).toMatchObject({ kind: 'video', title: 'Mother', year: 1926, extension: 'mkv' });
  });

  it('reads tags and removes them from the title', () => {
    const p = parseMediaName(
      'The Cranes Are Flying (1957) {kinoteka-the-cranes-are-flying-1957} [imdbid-tt0050634].mp4',
    );
    expect(p.title).toBe('The Cranes Are Flying');
    expect(p.year).toBe(1957);
    expect(p.tags).toEqual({ kinoteka: 'the-cranes-are-flying-1957', imdb: 'tt0050634' });
    expect(extractTags('X {imdb-tt0017166} {tmdb-12345}').tags).toEqual({
      imdb: 'tt0017166',
      tmdb: '12345',
    });
    expect(extractTags('X {edition-Director Cut}').rest.trim()).toBe('X');
  });

  it('reads titles in Cyrillic and the scene style', () => {
    expect(parseMediaName('Летят журавли (1957).mkv')).toMatchObject({
      title: 'Летят журавли',
      year: 1957,
    });
    expect(parseMediaName('Letyat.Zhuravli.1957.1080p.BluRay.mkv')).toMatchObject({
      title: 'Letyat Zhuravli',
      year: 1957,
    });
    expect(parseMediaName('1900 (1976).mkv')).toMatchObject({ title: '1900', year: 1976 });
    expect(parseMediaName('Untitled.mkv')).toMatchObject({ title: 'Untitled', year: null });
  });

  it('reads sidecar subtitles with language and flags', () => {
    expect(parseMediaName('Mother (1926).en.srt')).toMatchObject({
      kind: 'subtitle',
      base: 'Mother (1926)',
      language: 'en',
      forced: false,
      sdh: false,
      year: 1926,
    });
    expect(parseMediaName('Mother (1926).en.forced.srt')).toMatchObject({
      language: 'en',
      forced: true,
    });
    for (const flag of ['sdh', 'cc', 'hi'])
      expect(parseMediaName(`Mother (1926).en.${flag}.srt`)).toMatchObject({
        language: 'en',
        sdh: true,
        forced: false,
      });
    expect(parseMediaName('Mother (1926).ru.srt')).toMatchObject({ language: 'ru' });
    expect(parseMediaName('Mother (1926).rus.srt')).toMatchObject({ language: 'ru' });
    expect(parseMediaName('Mother (1926).ger.srt')).toMatchObject({ language: 'de' });
    expect(parseMediaName('Mother (1926).srt')).toMatchObject({
      kind: 'subtitle',
      language: null,
      base: 'Mother (1926)',
    });
  });

  it('reads external audio', () => {
    expect(parseMediaName('Mother (1926).en.mka')).toMatchObject({
      kind: 'audio',
      base: 'Mother (1926)',
      language: 'en',
    });
  });

  it('recognises artwork and ignores other files', () => {
    expect(parseMediaName('poster.jpg')).toMatchObject({ kind: 'artwork', artwork: 'poster' });
    expect(parseMediaName('folder.jpg')).toMatchObject({ kind: 'artwork', artwork: 'poster' });
    expect(parseMediaName('backdrop.jpg')).toMatchObject({ kind: 'artwork', artwork: 'backdrop' });
    expect(parseMediaName('Mother (1926)-poster.png')).toMatchObject({
      kind: 'artwork',
      artwork: 'poster',
      base: 'Mother (1926)',
    });
    expect(parseMediaName('notes.txt').kind).toBe('other');
    expect(parseMediaName('holiday.jpg').kind).toBe('other');
  });

  it('reads stream language tags per ISO 639-2', () => {
    expect(streamLanguage('rus')).toBe('ru');
    expect(streamLanguage('eng')).toBe('en');
    expect(streamLanguage('und')).toBeNull();
    expect(streamLanguage(undefined)).toBeNull();
  });
});

describe('audio roles and the access summary', () => {
  it('takes the role from the title first, then the original languages', () => {
    expect(audioRole('en', 'English dub', ['ru'])).toBe('dub');
    expect(audioRole('en', 'English voice-over', ['ru'])).toBe('voice-over');
    expect(audioRole('ru', null, ['ru'])).toBe('original');
    expect(audioRole('en', null, ['ru'])).toBe('dub');
    expect(audioRole(null, null, ['ru'])).toBe('unknown');
  });

  it('summarises what the copies offer, English first', () => {
    const s = summarizeAccess(
      'mother-1926',
      [
        {
          audio: [
            { language: 'ru', title: null },
            { language: 'en', title: 'English dub' },
          ],
          subtitles: [
            { language: 'ru', forced: false, sdh: false },
            { language: 'en', forced: false, sdh: false },
            { language: 'en', forced: true, sdh: false },
          ],
        },
      ],
      ['ru'],
    );
    expect(s.text).toBe(
      'English subtitles, English forced subtitles, Russian subtitles, English dub, Russian original',
    );
    expect(summarizeAccess('x', [], ['ru']).text).toBeNull();
  });
});
