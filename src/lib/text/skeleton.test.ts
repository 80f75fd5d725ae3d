import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { osaDistance } from './distance.ts';
import { fold, tokenize } from './fold.ts';
import { romanize, ROMANIZATIONS } from './romanize.ts';
import { prefixVariants, skeleton, skeletonVariants } from './skeleton.ts';

/** Do two words share a skeleton reading? (how the index decides that they meet) */
function meet(a: string, b: string): boolean {
  const kb = skeletonVariants(b);
  return skeletonVariants(a).some((k) => kb.includes(k));
}

function meetText(a: string, b: string): boolean {
  const ta = tokenize(a);
  const tb = tokenize(b);
  return ta.length === tb.length && ta.every((w, i) => meet(w, tb[i] as string));
}

describe('fold and tokenize', () => {
  it('ignores case, ё/е, Latin diacritics and punctuation', () => {
    expect(fold('ЛЕТЯТ Журавли!')).toBe('летят журавли');
    expect(fold('Запрещённые люди')).toBe('запрещенные люди');
    expect(fold('Quand passent les cigognes — Crème Brûlée')).toBe(
      'quand passent les cigognes creme brulee',
    );
    expect(fold('Dom, v kotorom ya zhivu')).toBe('dom v kotorom ya zhivu');
  });

  it("keeps soft-sign marks inside a word (Mat' is one word) and splits on hyphens", () => {
    expect(tokenize("Mat'")).toEqual(['mat']);
    expect(tokenize('Detstvo Gorʹkogo')).toEqual(['detstvo', 'gorkogo']);
    expect(tokenize('The Forty-First')).toEqual(['the', 'forty', 'first']);
  });

  it('keeps й distinct from и in the fold', () => {
    expect(fold('Чухрай')).toBe('чухрай');
  });
});

describe('skeleton: every way of writing a Russian title meets the Cyrillic', () => {
  const cranes = [
    'Летят журавли',
    'летят журавли',
    'letyat zhuravli',
    'Letjat zhuravli',
    'letiat juravli',
    'Letât žuravli',
    'Letjat žuravli',
    'Leti͡at zhuravli',
    'letyat zhurawli',
  ];
  it.each(cranes)('%s', (text) => {
    expect(meetText(text, 'Летят журавли')).toBe(true);
  });

  it.each([
    ['Восхождение', 'Voskhozhdeniye'],
    ['Восхождение', 'Voskhozhdenie'],
    ['Восхождение', 'Voshozhdenie'],
    ['Восхождение', 'Vosxozhdenie'],
    ['Восхождение', 'Vosxoždenije'],
    ['Восхождение', 'Voskhozhdenije'],
    ['Возвращение Василия', 'Vozvrashcheniye Vasiliya'],
    ['Возвращение Василия', 'Vozvrascheniye Vasilija'],
    ['Возвращение Василия', 'Vozvrashchenie Vasiliia'],
    ['Возвращение Василия', 'Vozvraŝenie Vasiliâ'],
    ['Сорок первый', 'Sorok pervyy'],
    ['Сорок первый', 'Sorok pervyj'],
    ['Сорок первый', 'Sorok pervyi'],
    ['Сорок первый', 'Sorok perviy'],
    ['Сорок первый', 'Sorok pervy'],
    ['Детство Горького', "Detstvo Gor'kogo"],
    ['Детство Горького', 'Detstvo Gorkovo'],
    ['Детство Горького', 'Detstvo Gorkogo'],
    ['Шепитько', 'Shepitko'],
    ['Шепитько', "Shepit'ko"],
    ['Чухрай', 'Chukhrai'],
    ['Чухрай', 'Chukhray'],
    ['Чухрай', 'Čuhraj'],
    ['Чухрай', 'Chuhraj'],
    ['Фёдор', 'Fyodor'],
    ['Фёдор', 'Fedor'],
    ['Фёдор', 'Fjodor'],
    ['Фёдор', 'Fëdor'],
    ['Алексей', 'Alexei'],
    ['Алексей', 'Aleksey'],
    ['Алексей', 'Aleksej'],
    ['Матерь человеческая', "Mater' chelovecheskaya"],
    ['Матерь человеческая', 'Mater chelovecheskaja'],
    ['Дом, в котором я живу', 'Dom, v kotorom ya zhivu'],
    ['Дом, в котором я живу', 'dom v kotorom ja jivu'],
    ['объект', 'ob"yekt'],
    ['объект', 'obʺekt'],
    ['Щукин', 'Shchukin'],
    ['Щукин', 'Schukin'],
    ['Щукин', 'Ŝukin'],
    ['Царь', 'Tsar'],
    ['Царь', 'Car'],
    ['Царь', 'Czar'],
    ['Хрущёв', 'Khrushchyov'],
    ['Хрущёв', 'Khrushchev'],
    ['Хрущёв', 'Hruschev'],
    ['Хрущёв', 'Xrushhyov'],
  ])('%s = %s', (cyr, lat) => {
    expect(meetText(lat, cyr)).toBe(true);
  });

  it('every supported romanization of the catalogue titles meets the original', () => {
    const titles = [
      'Мать',
      'Летят журавли',
      'Баллада о солдате',
      'Сорок первый',
      'Дом, в котором я живу',
      'Возвращение Василия Бортникова',
      'Детство Горького',
      'Восхождение',
      'Матерь человеческая',
      'Запрещённые люди',
      'Лариса Шепитько',
      'Григорий Чухрай',
      'Всеволод Пудовкин',
      'Татьяна Самойлова',
      'Изольда Извицкая',
    ];
    for (const t of titles) {
      for (const system of ROMANIZATIONS) {
        for (let seed = 0; seed < (system === 'informal' ? 8 : 1); seed++) {
          let s = seed + 1;
          const random = (): number => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
          const r = romanize(t, system, random);
          expect(meetText(r, t), `${system}: ${r} vs ${t}`).toBe(true);
        }
      }
    }
  });

  it('property: any word of open syllables meets each of its romanizations', () => {
    const consonants = [...'бвгджзклмнпрстфхцчшщ'];
    const vowels = [...'аеёиоуыэюя'];
    const syllable = fc.tuple(fc.constantFrom(...consonants), fc.constantFrom(...vowels));
    const word = fc
      .tuple(fc.array(syllable, { minLength: 1, maxLength: 4 }), fc.constantFrom('', 'й', 'ь'))
      .map(([syls, end]) => syls.map(([c, v]) => c + v).join('') + end);
    fc.assert(
      fc.property(
        word,
        fc.constantFrom(...ROMANIZATIONS),
        fc.integer({ min: 1, max: 1e6 }),
        (w, system, seed) => {
          let s = seed;
          const random = (): number => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
          return meet(romanize(w, system, random), w);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('meets a word whose every letter forks, beyond the variant cap', () => {
    expect(
      meet(
        romanize('хахахаха', 'gost-b', () => 0.5),
        'хахахаха',
      ),
    ).toBe(true);
  });

  it('keeps different words apart', () => {
    const pairs = [
      ['мать', 'мост'],
      ['журавли', 'журналы'],
      ['солдате', 'солдаты'],
      ['восхождение', 'возвращение'],
      ['mother', 'matter'],
      ['сорок', 'сырок'],
    ];
    for (const [a, b] of pairs) expect(skeleton(a as string)).not.toBe(skeleton(b as string));
  });

  it('reads x both ways, and j as й or ж', () => {
    expect(skeletonVariants('maxim')).toEqual(expect.arrayContaining([skeleton('максим')]));
    expect(skeletonVariants('xorosho')).toEqual(expect.arrayContaining([skeleton('хорошо')]));
    expect(skeletonVariants('jakov')).toEqual(expect.arrayContaining([skeleton('яков')]));
    expect(skeletonVariants('juravli')).toEqual(expect.arrayContaining([skeleton('журавли')]));
  });

  it('writes whole texts as keys', () => {
    expect(skeleton('Летят журавли')).toBe(skeleton('Letiat zhuravli'));
  });
});

describe('prefixes typed so far', () => {
  it.each([
    ['lety', 'летят'],
    ['letj', 'летят'],
    ['zh', 'журавли'],
    ['z', 'журавли'],
    ['vos', 'восхождение'],
    ['voskh', 'восхождение'],
    ['vozvrash', 'возвращение'],
    ['vozvrasch', 'возвращение'],
    ['shchu', 'щукин'],
    ['Росси', 'россия'],
    ['sh', 'шепитько'],
    ['t', 'царь'],
  ])('%s… grows into %s', (typed, word) => {
    const full = skeleton(word);
    expect(prefixVariants(typed).some((p) => full.startsWith(p))).toBe(true);
  });
});

describe('osaDistance', () => {
  it('counts substitutions, insertions, deletions and transpositions as one edit', () => {
    expect(osaDistance('juravli', 'juravlm', 2)).toBe(1);
    expect(osaDistance('juravli', 'juravl', 2)).toBe(1);
    expect(osaDistance('juravli', 'jurravli', 2)).toBe(1);
    expect(osaDistance('juravli', 'jurvali', 2)).toBe(1);
    expect(osaDistance('juravli', 'jrvlm', 2)).toBe(3);
    expect(osaDistance('abc', 'abc', 0)).toBe(0);
  });
});
