/**
 * Romanization of Russian in the systems viewers and catalogues actually use. Matching does not
 * need this (it goes through the skeleton); it writes transliterations for display and slugs
 * (`transliterate`, BGN/PCGN without diacritics), and lets tests and the benchmark type
 * queries the way people do.
 *
 * Tables: BGN/PCGN 1947; ISO 9:1995 (= GOST 7.79 system A); GOST 7.79-2000 system B; ALA-LC
 * (with and without tie bars and diacritics); ICAO Doc 9303 (2013, passports); and
 * "informal" spellings, drawn letter by letter from the variants people type.
 */

export const ROMANIZATIONS = [
  'bgn',
  'bgn-simple',
  'iso9',
  'gost-b',
  'lc',
  'lc-plain',
  'icao',
  'informal',
] as const;
export type Romanization = (typeof ROMANIZATIONS)[number];

type Table = Record<string, string>;

/** The letters every system below starts from (BGN/PCGN without its ё and е rules). */
export const COMMON: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '"',
  ы: 'y',
  ь: "'",
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const TABLES: Record<Exclude<Romanization, 'informal'>, Table> = {
  bgn: { ...COMMON, ё: 'ë' },
  // Ukrainian and Belarusian letters that appear in Soviet film titles and names, BGN-style.
  'bgn-simple': { ...COMMON, ё: 'yo', ъ: '', ь: '', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u' },
  iso9: {
    ...COMMON,
    ё: 'ë',
    ж: 'ž',
    й: 'j',
    х: 'h',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'ŝ',
    ъ: 'ʺ',
    ь: 'ʹ',
    э: 'è',
    ю: 'û',
    я: 'â',
  },
  'gost-b': {
    ...COMMON,
    ё: 'yo',
    й: 'j',
    х: 'x',
    ц: 'cz',
    щ: 'shh',
    ъ: '``',
    ы: 'y`',
    ь: '`',
    э: 'e`',
  },
  lc: {
    ...COMMON,
    ё: 'ë',
    й: 'ĭ',
    ц: 't͡s',
    ъ: 'ʺ',
    ь: 'ʹ',
    э: 'ė',
    ю: 'i͡u',
    я: 'i͡a',
  },
  'lc-plain': { ...COMMON, й: 'i', ю: 'iu', я: 'ia', ъ: '', ь: '' },
  icao: { ...COMMON, й: 'i', ъ: 'ie', ь: '', ю: 'iu', я: 'ia' },
};

/** Letter-by-letter choices for informal romanization (the first of each is the most common). */
const INFORMAL: Record<string, readonly string[]> = {
  е: ['e'],
  ё: ['yo', 'e', 'jo', 'io'],
  ж: ['zh', 'zh', 'j'],
  й: ['y', 'i', 'j'],
  х: ['kh', 'h', 'h', 'x'],
  ц: ['ts', 'c', 'tz'],
  ч: ['ch'],
  ш: ['sh'],
  щ: ['shch', 'sch', 'sh', 'sch'],
  ъ: ['', '', "'"],
  ы: ['y', 'i', 'y'],
  ь: ['', "'", ''],
  ю: ['yu', 'ju', 'iu'],
  я: ['ya', 'ja', 'ia'],
};

const VOWELS_RU = new Set([...'аеёиоуыэюяъь']);
const UPPER_RE = /\p{Lu}/u;

/** A source of numbers in [0, 1); pass a seeded one for reproducible informal spellings. */
export type Random = () => number;

/**
 * Romanizes Russian text. Non-Cyrillic characters pass through. BGN writes е/ё as ye/yë at
 * the start of a word and after a vowel, ъ or ь, as the standard says; `informal` draws each
 * letter's spelling from `random` (Math.random by default).
 */
export function romanize(text: string, system: Romanization, random: Random = Math.random): string {
  let out = '';
  let prev = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    let r: string | undefined;
    if (system === 'informal') {
      const choices = INFORMAL[lower];
      r = choices ? choices[Math.floor(random() * choices.length)] : COMMON[lower];
      if (lower === 'е' && (prev === '' || !/\p{L}/u.test(prev) || VOWELS_RU.has(prev))) {
        r = ['e', 'ye', 'je'][Math.floor(random() * 3)];
      }
    } else {
      r = TABLES[system][lower];
      const wordStartOrAfterVowel = prev === '' || !/\p{L}/u.test(prev) || VOWELS_RU.has(prev);
      if (
        (system === 'bgn' || system === 'bgn-simple') &&
        (lower === 'е' || lower === 'ё') &&
        wordStartOrAfterVowel
      ) {
        r = lower === 'е' ? 'ye' : system === 'bgn' ? 'yë' : 'yo';
      }
    }
    // GOST 7.79-B: ц is c before i, e, y, j and cz elsewhere
    if (system === 'gost-b' && prev === 'ц' && r !== undefined && /^[eiyj]/.test(r)) {
      out = out.replace(/([cC])z$/, '$1');
    }
    if (r === undefined) {
      out += ch;
    } else if (UPPER_RE.test(ch) && r.length > 0) {
      out += r.charAt(0).toUpperCase() + r.slice(1);
    } else {
      out += r;
    }
    prev = lower;
  }
  return out;
}

/**
 * Cyrillic to plain Latin letters the way English sources write it (BGN/PCGN without
 * diacritics: "Летят журавли" → "Letyat zhuravli", "Ёжик" → "Yozhik", "Ельцин" → "Yeltsin");
 * other characters pass through unchanged. Used for display and slugs, never for matching.
 */
export function transliterate(text: string): string {
  return romanize(text, 'bgn-simple');
}
