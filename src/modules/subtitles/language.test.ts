import { describe, expect, it } from 'vitest';
import { detectLanguage, languageTag, parseSidecarName, sidecarName } from './index.ts';

describe('detectLanguage', () => {
  it('labels Russian, English and others', () => {
    expect(
      detectLanguage('Где мама? Она ушла на вокзал, и я не знаю, когда она вернётся.').language,
    ).toBe('ru');
    expect(
      detectLanguage('Where is mother? She went to the station and I do not know when.').language,
    ).toBe('en');
    expect(
      detectLanguage('Je ne sais pas où elle est, mais elle est partie avec les enfants.').language,
    ).toBe('fr');
    expect(
      detectLanguage('Я не знаю, де вона. Вона пішла і ще не повернулася, і це її вибір.').language,
    ).toBe('uk');
    expect(detectLanguage('東京の空は青い').language).toBe('und');
    expect(detectLanguage('♪ ♪').language).toBe('und');
  });

  it('works on ALL-CAPS text', () => {
    expect(detectLanguage('ГДЕ ТЫ БЫЛ? Я ЖДАЛА ТЕБЯ ВСЮ НОЧЬ, И НИКТО НЕ ПРИШЁЛ.').language).toBe(
      'ru',
    );
  });
});

describe('sidecar names', () => {
  it('parses Jellyfin/Plex style names', () => {
    expect(parseSidecarName('The Cranes Are Flying (1957).en.srt')).toEqual({
      base: 'The Cranes Are Flying (1957)',
      language: 'en',
      forced: false,
      sdh: false,
      default: false,
      extension: 'srt',
    });
    expect(parseSidecarName('/media/Film (1957).en.forced.srt')).toMatchObject({
      language: 'en',
      forced: true,
    });
    expect(parseSidecarName('Film (1957).en.sdh.srt')).toMatchObject({ language: 'en', sdh: true });
    expect(parseSidecarName('Film (1957).eng.hi.srt')).toMatchObject({ language: 'en', sdh: true });
    expect(parseSidecarName('Film (1957).ru.srt')).toMatchObject({
      language: 'ru',
      base: 'Film (1957)',
    });
    expect(parseSidecarName('Film (1957).rus.default.vtt')).toMatchObject({
      language: 'ru',
      default: true,
      extension: 'vtt',
    });
    expect(parseSidecarName('Film (1957).pt-br.srt')).toMatchObject({ language: 'pt-BR' });
    expect(parseSidecarName('Film (1957).English.cc.srt')).toMatchObject({
      language: 'en',
      sdh: true,
    });
    expect(parseSidecarName('movie.srt')).toMatchObject({ base: 'movie' });
    expect(parseSidecarName('movie.srt').language).toBeUndefined();
    expect(parseSidecarName('Mr. Smith Goes.srt')).toMatchObject({ base: 'Mr. Smith Goes' });
  });

  it('produces them', () => {
    expect(sidecarName('Film (1957).mkv', { language: 'eng' })).toBe('Film (1957).en.srt');
    expect(sidecarName('Film (1957).mkv', { language: 'en', forced: true, extension: 'vtt' })).toBe(
      'Film (1957).en.forced.vtt',
    );
    expect(sidecarName('Film (1957)', { language: 'ru', sdh: true })).toBe(
      'Film (1957).ru.sdh.srt',
    );
    const round = parseSidecarName(
      sidecarName('Film (1957).mkv', { language: 'en', default: true, forced: true, sdh: true }),
    );
    expect(round).toMatchObject({
      base: 'Film (1957)',
      language: 'en',
      default: true,
      forced: true,
      sdh: true,
    });
  });

  it('maps ISO 639-2 codes to BCP 47', () => {
    expect(languageTag('ger')).toBe('de');
    expect(languageTag('zh-hans')).toBe('zh-Hans');
    expect(languageTag('xx')).toBeNull();
  });
});
