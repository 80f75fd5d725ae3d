import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  editDistance,
  normalize,
  parseOrdinal,
  sameName,
  skeleton,
  stripArticle,
  transliterate,
} from './index.ts';

describe('normalize and transliterate', () => {
  it('folds case, punctuation, diacritics and apostrophes', () => {
    expect(normalize('The Cranes Are Flying!')).toBe('the cranes are flying');
    expect(normalize("Palme d'Or")).toBe('palme dor');
    expect(normalize('Zoltán Fábri')).toBe('zoltan fabri');
    expect(normalize("Mat'")).toBe('mat');
  });

  it('transliterates Cyrillic the way English sources do', () => {
    expect(transliterate('Летят журавли')).toBe('Letyat zhuravli');
    expect(normalize('Детство Горького')).toBe('detstvo gorkogo');
    expect(normalize('Щорс')).toBe('shchors');
  });

  it('strips a leading article only', () => {
    expect(stripArticle('the mother')).toBe('mother');
    expect(stripArticle('mother')).toBe('mother');
    expect(stripArticle('the')).toBe('the');
  });
});

describe('skeleton', () => {
  it('collapses common transliteration variants', () => {
    const same = (a: string, b: string) => expect(skeleton(a)).toBe(skeleton(b));
    same('Vasili', 'Vasiliy');
    same('Vasilij', 'Vasily');
    same('Yezhov', 'Ezhov');
    same('Tatyana', 'Tatiana');
    same('Aleksey', 'Alexei');
    same('Grigori Chukhrai', 'Grigory Chukhray');
    same('Mark Donskoy', 'Mark Donskoi');
    same('Летят журавли', 'Letyat zhuravli');
  });
});

describe('sameName', () => {
  it('matches spellings of one person', () => {
    expect(sameName('Mark Donskoy', 'Mark Donskoi')).toBe(true);
    expect(sameName('Pudovkin', 'Vsevolod Pudovkin')).toBe(true);
    expect(sameName('V. Pudovkin', 'Vsevolod Pudovkin')).toBe(true);
    expect(sameName('Kalatozov, Mikhail', 'Mikhail Kalatozov')).toBe(true);
    expect(sameName('Михаил Калатозов', 'Mikhail Kalatozov')).toBe(true);
  });

  it('keeps different people apart', () => {
    expect(sameName('Nikolai Batalov', 'Aleksey Batalov')).toBe(false);
    expect(sameName('Mark Donskoy', 'Lev Kulidzhanov')).toBe(false);
    expect(sameName('Gleb Panfilov', 'Vsevolod Pudovkin')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts edits, including a transposition as one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flyng', 'flying')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('is a metric-like function and honours its bound', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
      }),
    );
  });
});

describe('parseOrdinal', () => {
  it('reads numbers written several ways', () => {
    expect(parseOrdinal('10th')).toBe(10);
    expect(parseOrdinal('1')).toBe(1);
    expect(parseOrdinal('third')).toBe(3);
    expect(parseOrdinal('II')).toBe(2);
    expect(parseOrdinal('many')).toBeUndefined();
  });
});
