/**
 * Text encoding detection for subtitle files.
 *
 * Order of evidence: a byte-order mark (Unicode §23.8) settles it; otherwise bytes that are
 * valid UTF-8 and contain multi-byte sequences are UTF-8 (random 8-bit text almost never is);
 * otherwise every candidate single-byte code page is decoded and the result scored with a small
 * language model: Russian letter frequencies, a case-pattern check, and Western accented-letter
 * plausibility. Only bytes >= 0x80 differ between the candidates, so only they are scored.
 *
 * Why letter frequencies rather than byte frequencies: an ALL-CAPS line in Windows-1251 uses the
 * byte range KOI8-R uses for lower case, so byte statistics flip to KOI8-R; decoded letters,
 * case-folded, keep Russian's distribution only under the right code page.
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { MULTI_BYTE_ENCODINGS, type MultiByteEncoding, cjkPlausibility } from './encoding-cjk.ts';

export type SingleByteEncoding =
  | 'windows-1251'
  | 'koi8-r'
  | 'cp866'
  | 'iso-8859-5'
  | 'maccyrillic'
  | 'ibm855'
  | 'windows-1252'
  | 'iso-8859-15'
  | 'windows-1250'
  | 'iso-8859-2'
  | 'iso-8859-7'
  | 'windows-1253'
  | 'windows-1255'
  | 'windows-1254'
  | 'windows-1257'
  | 'windows-1256'
  | 'iso-8859-6'
  | 'tis-620'
  | 'windows-874'
  | 'windows-1258';

export type SubtitleEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-32le'
  | 'utf-32be'
  | SingleByteEncoding
  | MultiByteEncoding;

/**
 * The single-byte code pages scored, each with a language model below: Cyrillic (Russian),
 * Western, Central European, Turkish, Baltic and Vietnamese Latin, Greek, Hebrew, Arabic, Thai.
 * The East Asian multi-byte ones are scored by `encoding-cjk.ts`. A file in any other code page
 * (IBM855, say) fits none of them well and comes back unsure rather than confidently wrong.
 */
export const SINGLE_BYTE_ENCODINGS: readonly SingleByteEncoding[] = [
  'windows-1251',
  'koi8-r',
  'cp866',
  'iso-8859-5',
  'maccyrillic',
  'ibm855',
  'windows-1252',
  'iso-8859-15',
  'windows-1250',
  'iso-8859-2',
  'iso-8859-7',
  'windows-1253',
  'windows-1255',
  'windows-1254',
  'windows-1257',
  'windows-1256',
  'iso-8859-6',
  'tis-620',
  'windows-874',
  'windows-1258',
];

export interface DecodedText {
  text: string;
  encoding: string;
  /** 0..1; 1 for a BOM, an override or pure ASCII. */
  confidence: number;
  bom: boolean;
  /** Runner-up candidates with their scores, best first (statistical detection only). */
  candidates?: { encoding: SingleByteEncoding | MultiByteEncoding; score: number }[];
  /**
   * True when no candidate fits its language well enough, or two fit equally: the text is the
   * best guess, and the caller should ask for `--encoding` rather than use it.
   */
  unsure?: boolean;
}

const BOMS: [number[], SubtitleEncoding][] = [
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/** Aliases people type (`--encoding cp1251`, `win1251`, `latin9`). */
export function normalizeEncodingName(name: string): string {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  const alias: Record<string, string> = {
    cp1251: 'windows-1251',
    win1251: 'windows-1251',
    'win-1251': 'windows-1251',
    cp1252: 'windows-1252',
    win1252: 'windows-1252',
    koi8r: 'koi8-r',
    ibm866: 'cp866',
    dos: 'cp866',
    'x-mac-cyrillic': 'maccyrillic',
    'mac-cyrillic': 'maccyrillic',
    latin9: 'iso-8859-15',
    cp1250: 'windows-1250',
    win1250: 'windows-1250',
    latin2: 'iso-8859-2',
    cp1253: 'windows-1253',
    greek: 'iso-8859-7',
    cp1255: 'windows-1255',
    hebrew: 'windows-1255',
    cp1254: 'windows-1254',
    turkish: 'windows-1254',
    cp1257: 'windows-1257',
    baltic: 'windows-1257',
    cp1256: 'windows-1256',
    arabic: 'windows-1256',
    cp874: 'windows-874',
    tis620: 'tis-620',
    thai: 'tis-620',
    cp1258: 'windows-1258',
    vietnamese: 'windows-1258',
    sjis: 'shift_jis',
    'shift-jis': 'shift_jis',
    'x-sjis': 'shift_jis',
    cp932: 'shift_jis',
    eucjp: 'euc-jp',
    gbk: 'gb18030',
    gb2312: 'gb18030',
    cp936: 'gb18030',
    'big-5': 'big5',
    cp950: 'big5',
    euckr: 'euc-kr',
    cp949: 'euc-kr',
    latin1: 'windows-1252',
    'iso-8859-1': 'windows-1252',
    utf8: 'utf-8',
  };
  return alias[n] ?? n;
}

export function encodingExists(name: string): boolean {
  return iconv.encodingExists(normalizeEncodingName(name));
}

/** Decodes subtitle bytes, detecting the encoding unless `encoding` is given. */
export function decodeSubtitleBytes(
  bytes: Uint8Array,
  opts: { encoding?: string } = {},
): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [sig, enc] of BOMS) {
    if (sig.every((b, i) => buf[i] === b)) {
      const text = iconv.decode(buf.subarray(sig.length), enc);
      return { text, encoding: enc, confidence: 1, bom: true };
    }
  }
  if (opts.encoding) {
    const enc = normalizeEncodingName(opts.encoding);
    if (!iconv.encodingExists(enc)) throw new RangeError(`unknown encoding "${opts.encoding}"`);
    return { text: decodeAs(buf, enc), encoding: enc, confidence: 1, bom: false };
  }
  const utf32 = sniffUtf32(buf);
  if (utf32)
    return { text: iconv.decode(buf, utf32), encoding: utf32, confidence: 0.9, bom: false };
  const utf16 = sniffUtf16(buf);
  if (utf16)
    return { text: iconv.decode(buf, utf16), encoding: utf16, confidence: 0.9, bom: false };
  let high = 0;
  for (const b of buf) if (b >= 0x80) high++;
  if (high === 0)
    return { text: buf.toString('latin1'), encoding: 'utf-8', confidence: 1, bom: false };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text, encoding: 'utf-8', confidence: 1, bom: false };
  } catch {
    // Not UTF-8: fall through to the single-byte detector.
  }
  return detectSingleByte(buf);
}

/**
 * UTF-32 without a BOM: every code point below U+10000 has two zero bytes, and text (even
 * Cyrillic or CJK) keeps its top byte zero: four-byte groups with zeros on one side only.
 */
function sniffUtf32(buf: Buffer): 'utf-32le' | 'utf-32be' | null {
  const n = Math.min(buf.length & ~3, 8000);
  if (n < 16) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 4) {
    if (buf[i + 3] === 0 && buf[i + 2] === 0 && buf[i] !== 0) le++;
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 3] !== 0) be++;
  }
  const groups = n / 4;
  if (le > groups * 0.9) return 'utf-32le';
  if (be > groups * 0.9) return 'utf-32be';
  return null;
}

/** UTF-16 without a BOM: ASCII text has a zero byte in every other position. */
function sniffUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length & ~1, 4000);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

// Russian letter frequencies (per cent, national corpus figures), for the case-folded letters.
const RU_FREQ: Record<string, number> = {
  о: 10.97,
  е: 8.45,
  а: 8.01,
  и: 7.35,
  н: 6.7,
  т: 6.26,
  с: 5.47,
  р: 4.73,
  в: 4.54,
  л: 4.4,
  к: 3.49,
  м: 3.21,
  д: 2.98,
  п: 2.81,
  у: 2.62,
  я: 2.01,
  ы: 1.9,
  ь: 1.74,
  г: 1.7,
  з: 1.65,
  б: 1.59,
  ч: 1.44,
  й: 1.21,
  х: 0.97,
  ж: 0.94,
  ш: 0.73,
  ю: 0.64,
  ц: 0.48,
  щ: 0.36,
  э: 0.32,
  ф: 0.26,
  ъ: 0.04,
  ё: 0.2,
};
// log(freq × 33): positive for common letters, strongly negative for rare ones.
const RU_LOG = new Map(Object.entries(RU_FREQ).map(([k, v]) => [k, Math.log((v / 100) * 33)]));
// Ukrainian and Belarusian letters are legitimate in Windows-1251/KOI8-U text, but rare here.
const OTHER_SLAVIC = new Set([...'іїєґў']);
const COMMON_BIGRAMS = new Set(
  'ст но то на ен ов ни ра во ко ал ро по ет го пр ре ос ли не ор ер ка ол ог ак ан ел ва ль ла од ть ом ит те де ес ат ве ин ск да ой ле ри та ны ил ем ед ам ас ки ми мо об ви ди ий ак ек ее ую ся чт вы бы мн мы вс ал ты ты ду'.split(
    ' ',
  ),
);
/**
 * The non-ASCII letters of the Latin-script languages the Latin code pages serve, with their
 * approximate share of all letters in running text (per cent). A word is scored under the
 * language that explains it best, so the letters of one word must come from one language:
 * Czech "přečtěte" read as Windows-1252 ("pøeètìte") mixes Danish ø with Italian ì and fits none.
 */
const LATIN_LANGS: Record<string, Record<string, number>> = {
  fr: {
    é: 1.9,
    è: 0.27,
    à: 0.6,
    ç: 0.3,
    ê: 0.22,
    â: 0.05,
    î: 0.05,
    ô: 0.02,
    ù: 0.2,
    û: 0.1,
    ë: 0.01,
    ï: 0.01,
    œ: 0.02,
  },
  de: { ä: 0.54, ö: 0.3, ü: 0.65, ß: 0.31 },
  es: { á: 0.5, é: 0.43, í: 0.73, ñ: 0.31, ó: 0.83, ú: 0.17, ü: 0.02 },
  it: { à: 0.6, è: 0.26, é: 0.03, ì: 0.03, ò: 0.1, ù: 0.17 },
  pt: {
    á: 0.5,
    â: 0.5,
    ã: 0.7,
    à: 0.07,
    ç: 0.5,
    é: 0.3,
    ê: 0.45,
    í: 0.13,
    ó: 0.3,
    ô: 0.6,
    õ: 0.04,
    ú: 0.2,
  },
  nordic: { å: 1.0, æ: 0.9, ø: 0.9, ä: 1.8, ö: 1.3 },
  pl: { ą: 0.99, ć: 0.4, ę: 1.11, ł: 1.82, ń: 0.2, ó: 0.85, ś: 0.66, ź: 0.06, ż: 0.83 },
  cs: {
    á: 2.2,
    č: 0.99,
    ď: 0.02,
    é: 1.3,
    ě: 1.6,
    í: 1.6,
    ň: 0.07,
    ó: 0.02,
    ř: 1.2,
    š: 0.8,
    ť: 0.04,
    ú: 0.2,
    ů: 0.6,
    ý: 1.0,
    ž: 0.9,
  },
  sk: {
    á: 2.0,
    ä: 0.1,
    č: 0.9,
    ď: 0.1,
    é: 0.8,
    í: 1.6,
    ĺ: 0.01,
    ľ: 0.3,
    ň: 0.1,
    ó: 0.2,
    ô: 0.2,
    ŕ: 0.01,
    š: 0.8,
    ť: 0.3,
    ú: 0.7,
    ý: 1.0,
    ž: 0.8,
  },
  hu: { á: 3.4, é: 4.0, í: 0.6, ó: 1.0, ö: 1.0, ő: 0.9, ú: 0.3, ü: 0.6, ű: 0.3 },
  sl: { č: 1.5, š: 1.0, ž: 0.8 },
  ro: { ă: 2.0, â: 0.6, î: 1.0, ș: 1.2, ş: 1.2, ț: 1.0, ţ: 1.0 },
  tr: { ç: 1.1, ğ: 1.1, ı: 5.1, i̇: 0.5, ö: 0.8, ş: 1.8, ü: 1.9, â: 0.05 },
  lt: { ą: 0.6, č: 0.4, ę: 0.2, ė: 1.6, į: 1.1, š: 1.3, ų: 0.5, ū: 0.6, ž: 0.8 },
  lv: { ā: 4, č: 0.4, ē: 1.7, ģ: 0.1, ī: 1.9, ķ: 0.2, ļ: 0.4, ņ: 0.3, š: 1.3, ū: 0.5, ž: 0.8 },
  et: { ä: 1.0, ö: 0.9, õ: 1.0, ü: 0.6, š: 0.01, ž: 0.01 },
  // Vietnamese, in precomposed form (Windows-1258 text is composed before it is scored).
  vi: {
    đ: 1.8,
    ư: 1.5,
    ơ: 0.8,
    ă: 0.7,
    â: 1.2,
    ê: 0.9,
    ô: 1.0,
    à: 1.2,
    á: 1.0,
    ả: 0.4,
    ã: 0.2,
    ạ: 0.6,
    ằ: 0.2,
    ắ: 0.3,
    ẳ: 0.05,
    ẵ: 0.03,
    ặ: 0.3,
    ầ: 0.5,
    ấ: 0.7,
    ẩ: 0.1,
    ẫ: 0.1,
    ậ: 0.6,
    è: 0.2,
    é: 0.2,
    ẻ: 0.05,
    ẽ: 0.1,
    ẹ: 0.1,
    ề: 0.5,
    ế: 0.8,
    ể: 0.4,
    ễ: 0.05,
    ệ: 0.7,
    ì: 0.3,
    í: 0.3,
    ỉ: 0.1,
    ĩ: 0.1,
    ị: 0.4,
    ò: 0.2,
    ó: 0.5,
    ỏ: 0.1,
    õ: 0.05,
    ọ: 0.4,
    ồ: 0.3,
    ố: 0.6,
    ổ: 0.2,
    ỗ: 0.05,
    ộ: 0.5,
    ờ: 0.5,
    ớ: 0.5,
    ở: 0.4,
    ỡ: 0.03,
    ợ: 0.4,
    ù: 0.1,
    ú: 0.2,
    ủ: 0.3,
    ũ: 0.1,
    ụ: 0.3,
    ừ: 0.3,
    ứ: 0.3,
    ử: 0.1,
    ữ: 0.3,
    ự: 0.4,
    ỳ: 0.02,
    ý: 0.2,
    ỷ: 0.02,
    ỹ: 0.02,
    ỵ: 0.02,
  },
};
const LATIN_LOG = Object.values(LATIN_LANGS).map(
  (t) => new Map(Object.entries(t).map(([k, v]) => [k, Math.log(v) + 1.5])),
);

/**
 * Letter scores from frequencies, scaled so that real text of the language averages +1 per
 * letter and letters drawn at random from its alphabet (what a wrong code page gives) average
 * 0: (ln p − U) / (R − U), with R = Σ p ln p and U the mean of ln p over the alphabet.
 */
function normalizedLog(freq: Record<string, number>): Map<string, number> {
  const total = Object.values(freq).reduce((a, b) => a + b, 0);
  const ps = Object.entries(freq).map(([k, v]) => [k, v / total] as const);
  const R = ps.reduce((a, [, p]) => a + p * Math.log(p), 0);
  const U = ps.reduce((a, [, p]) => a + Math.log(p), 0) / ps.length;
  return new Map(ps.map(([k, p]) => [k, (Math.log(p) - U) / (R - U)]));
}

// Greek letter frequencies (per cent, monotonic orthography), case-folded.
const EL_FREQ: Record<string, number> = {
  α: 10.5,
  ά: 1.6,
  ο: 8.5,
  ό: 1.5,
  ε: 7.5,
  έ: 1.3,
  ι: 7,
  ί: 1.6,
  ϊ: 0.05,
  ΐ: 0.01,
  τ: 7.8,
  σ: 4.5,
  ς: 2.5,
  ν: 6.5,
  η: 4,
  ή: 1.2,
  υ: 3.5,
  ύ: 0.8,
  ϋ: 0.01,
  ΰ: 0.01,
  ρ: 4.3,
  π: 4.1,
  κ: 4,
  μ: 3.3,
  λ: 2.7,
  ω: 1.5,
  ώ: 0.5,
  γ: 1.8,
  δ: 1.7,
  θ: 1.3,
  χ: 1.2,
  φ: 0.8,
  β: 0.7,
  ξ: 0.4,
  ζ: 0.4,
  ψ: 0.15,
};
const EL_LOG = normalizedLog(EL_FREQ);
// Hebrew letter frequencies (per cent), final forms apart.
const HE_FREQ: Record<string, number> = {
  י: 11,
  ו: 10,
  ה: 8.7,
  ל: 7,
  מ: 5.5,
  ם: 2.5,
  א: 6,
  ר: 5.5,
  ת: 5.5,
  ב: 4.7,
  ש: 4.3,
  נ: 3.5,
  ן: 1.5,
  ד: 2.7,
  כ: 2.2,
  ך: 0.6,
  ע: 3.4,
  ח: 2.3,
  ק: 1.8,
  פ: 1.5,
  ף: 0.3,
  ס: 1,
  ג: 1,
  ט: 1,
  ז: 0.8,
  צ: 0.8,
  ץ: 0.2,
};
const HE_LOG = normalizedLog(HE_FREQ);
// Arabic letter frequencies (per cent, approximate, modern standard Arabic), hamza forms apart.
const AR_FREQ: Record<string, number> = {
  ا: 11.6,
  أ: 2.0,
  إ: 0.8,
  آ: 0.1,
  ل: 10.2,
  ي: 7.2,
  م: 6.2,
  و: 5.8,
  ن: 5.8,
  ه: 3.9,
  ة: 2.9,
  ر: 4.3,
  ت: 4.1,
  ب: 3.7,
  ع: 3.0,
  ك: 2.4,
  ف: 2.6,
  د: 2.9,
  س: 2.5,
  ق: 2.2,
  ح: 2.0,
  ى: 1.6,
  ج: 1.2,
  ش: 1.1,
  ط: 0.9,
  ص: 1.0,
  خ: 0.9,
  ذ: 0.9,
  ز: 0.5,
  ث: 0.5,
  ض: 0.6,
  غ: 0.4,
  ظ: 0.2,
  ئ: 0.4,
  ء: 0.4,
  ؤ: 0.1,
};
const AR_LOG = normalizedLog(AR_FREQ);
// Thai character frequencies (per cent, approximate): consonants, vowels and tone marks.
const TH_FREQ: Record<string, number> = {
  า: 8.0,
  น: 6.5,
  ร: 5.5,
  อ: 5.0,
  ก: 4.8,
  '่': 4.5,
  เ: 4.3,
  ง: 4.0,
  ม: 3.9,
  ย: 3.3,
  'ั': 3.0,
  ว: 3.0,
  ล: 3.0,
  '้': 2.8,
  ด: 2.8,
  'ี': 2.7,
  'ิ': 2.6,
  ท: 2.6,
  ต: 2.4,
  ส: 2.3,
  ค: 2.3,
  ห: 2.0,
  ไ: 1.7,
  บ: 1.7,
  ะ: 1.5,
  แ: 1.5,
  พ: 1.5,
  ป: 1.4,
  จ: 1.4,
  'ุ': 1.3,
  ข: 1.2,
  ช: 1.0,
  '็': 0.9,
  'ื': 0.9,
  ใ: 0.9,
  ำ: 0.9,
  'ู': 0.8,
  โ: 0.7,
  ถ: 0.6,
  '์': 0.6,
  'ึ': 0.5,
  ผ: 0.4,
  ซ: 0.3,
  ฟ: 0.3,
  ศ: 0.3,
  ธ: 0.3,
  ภ: 0.3,
  ฉ: 0.3,
  ณ: 0.3,
  ษ: 0.2,
  ญ: 0.2,
  ๆ: 0.2,
  ฝ: 0.1,
  ฐ: 0.1,
  '๊': 0.1,
  ฮ: 0.05,
  ฤ: 0.05,
  ฑ: 0.05,
  '๋': 0.05,
  ฎ: 0.02,
  ฏ: 0.02,
  ฒ: 0.02,
  ฌ: 0.02,
  ฆ: 0.01,
  ฬ: 0.01,
};
const TH_LOG = normalizedLog(TH_FREQ);
const ARABIC = /[\u0600-\u06ff]/;
const COMBINING = /\p{M}/u;
const THAI = /[\u0e00-\u0e7f]/;
/** Thai vowel signs and tone marks written above or below a consonant. */
const isThaiMark = (c: number): boolean =>
  c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e);
const isThaiConsonant = (c: number): boolean => c >= 0x0e01 && c <= 0x0e2e;
/** เ แ โ ใ ไ are written before the consonant they follow in speech. */
const isThaiLeadingVowel = (c: number): boolean => c >= 0x0e40 && c <= 0x0e44;
const GREEK = /[\u0370-\u03ff]/;
const TONOS = /[άέήίόύώΐΰ]/;
const HEBREW = /[\u0590-\u05ff]/;
const PLAUSIBLE_SYMBOLS = new Set([...'«»—–…“”‘’„€№°•·♪♫\u00a0©®™§¿¡،؛؟']);

const CYR = /[\u0400-\u04ff]/;
const LATIN = /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/;
const LETTER = /\p{L}/u;

/** Scores one decoded candidate: higher is more plausible. Only non-ASCII characters count. */
export function plausibility(text: string): number {
  let score = 0;
  // Latin words' accented letters, totalled per language: a file is written in one language,
  // so the whole text is scored under the one that explains it best (Spanish "ñ ¿" read as
  // Windows-1250 gives Polish "ń ż" beside Spanish "á í", which no one language has).
  const latin = new Float64Array(LATIN_LOG.length);
  for (const line of text.split('\n')) {
    // Subtitle lines start with a capital; a lower-case Cyrillic first letter suggests the
    // capitals were lost to another code page (MacCyrillic capitals read as Windows-1251
    // punctuation, or a KOI8-R/Windows-1251 case flip).
    const first = /\p{L}/u.exec(line)?.[0];
    if (first && (CYR.test(first) || GREEK.test(first)) && first !== first.toUpperCase())
      score -= 1.5;
    // Marks belong to their word: Thai vowel signs, Hebrew points, Vietnamese tones.
    const words = line.split(/([^\p{L}\p{M}]+)/u);
    const scripts: ('c' | 'l' | null)[] = [];
    const wordList: string[] = [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (k % 2 === 1) {
        // Separator: score non-ASCII punctuation and symbols.
        for (const ch of w) {
          if (ch.charCodeAt(0) < 0x80) continue;
          if (PLAUSIBLE_SYMBOLS.has(ch)) continue;
          const code = ch.charCodeAt(0);
          score += code < 0xa0 || ch === '\ufffd' ? -8 : -4;
        }
        continue;
      }
      if (w === '') continue;
      let hasC = false;
      let hasL = false;
      for (const ch of w) {
        if (CYR.test(ch)) hasC = true;
        else if (LATIN.test(ch)) hasL = true;
      }
      wordList.push(w);
      scripts.push(hasC && !hasL ? 'c' : hasL && !hasC ? 'l' : null);
      let nonAscii = 0;
      for (const ch of w) if (ch.charCodeAt(0) >= 0x80) nonAscii++;
      if (nonAscii === 0) continue;
      if (hasC && hasL) {
        score -= 6 * nonAscii;
        continue;
      }
      if (hasC) score += scoreCyrillicWord(w);
      else if (hasL) score += scoreLatinWord(w, latin);
      else if (GREEK.test(w)) score += scoreTable(w, EL_LOG, GREEK);
      else if (HEBREW.test(w)) score += scoreTable(w, HE_LOG, HEBREW);
      else if (ARABIC.test(w)) score += scoreTable(w, AR_LOG, ARABIC);
      else if (THAI.test(w)) score += scoreThaiWord(w);
      else {
        // Letters of another script (Armenian, Arabic…): an unlikely decode.
        for (const ch of w) if (ch.charCodeAt(0) >= 0x80 && LETTER.test(ch)) score -= 3;
      }
    }
    // A one-letter Cyrillic word between Latin words is a Western accented letter misread
    // (French "à" read as Cyrillic "а").
    for (let k = 0; k < scripts.length; k++) {
      if (
        scripts[k] === 'c' &&
        wordList[k]!.length === 1 &&
        scripts[k - 1] === 'l' &&
        scripts[k + 1] === 'l'
      ) {
        score -= 4;
      }
    }
  }
  let bestLatin = 0;
  for (let k = 0; k < latin.length; k++)
    if (k === 0 || latin[k]! > bestLatin) bestLatin = latin[k]!;
  return score + bestLatin;
}

function scoreCyrillicWord(w: string): number {
  let s = 0;
  let prevLower = false;
  let prev = '';
  for (const ch of w) {
    const lower = ch.toLowerCase();
    const isLower = ch === lower && ch !== ch.toUpperCase();
    const lp = RU_LOG.get(lower);
    if (lp !== undefined) s += lp;
    else if (OTHER_SLAVIC.has(lower)) s -= 1.5;
    else s -= 5;
    // lower→UPPER inside a word: the case-flip that KOI8-R/Windows-1251 confusion produces.
    if (prevLower && !isLower) s -= 3;
    if (prev && COMMON_BIGRAMS.has(prev + lower)) s += 0.5;
    prevLower = isLower;
    prev = lower;
  }
  return s;
}

/**
 * A word of one script scored letter by letter with that language's log frequencies. A word of
 * a cased script must be lower case, capitalised or all capitals: "νΑΝΑ" is Russian KOI8-R read
 * as ISO-8859-7, and Arabic read as Greek mixes cases at random.
 */
function scoreTable(w: string, table: Map<string, number>, script: RegExp): number {
  let s = 0;
  let upper = 0;
  let lower = 0;
  let firstUpper = false;
  let n = 0;
  let marks = 0;
  for (const ch of w) {
    // Hebrew points and Arabic vowel marks on a letter of their script (one or two to a
    // letter: dagesh and a vowel, shadda and a vowel) are vocalised text, neither for nor
    // against; elsewhere they are noise.
    if ((script === HEBREW || script === ARABIC) && COMBINING.test(ch) && script.test(ch)) {
      marks++;
      if (n === 0 || marks > 2) s -= 2;
      continue;
    }
    marks = 0;
    const lc = ch.toLowerCase();
    const isUpper = ch !== lc;
    const isLower = !isUpper && ch !== ch.toUpperCase();
    if (n === 0) firstUpper = isUpper;
    if (isUpper) upper++;
    if (isLower) lower++;
    n++;
    const lp = table.get(lc);
    if (lp !== undefined) s += lp;
    else s -= script.test(ch) ? 2 : 5;
  }
  const shapeOk = upper === 0 || lower === 0 || (firstUpper && upper === 1);
  if (!shapeOk) s -= 2 * n;
  // Greek spelling accents every word of more than one syllable (the tonos); a run of long
  // lower-case words without one is Russian capitals in KOI8-R read as ISO-8859-7, whose
  // vowels happen to fall on Greek vowels.
  if (script === GREEK && upper === 0 && n >= 4 && !TONOS.test(w)) s -= 1.5 * n;
  // Final sigma ends a word and only there.
  if (script === GREEK) {
    const inner = w.slice(0, -1);
    for (const ch of inner) if (ch === 'ς') s -= 4;
  }
  return s;
}

/**
 * A run of Thai (written without spaces between words) scored letter by letter, with the
 * writing system's own order: a vowel sign or tone mark sits on a consonant, and a leading
 * vowel comes before one. Other text read as TIS-620 breaks these rules all the time.
 */
function scoreThaiWord(w: string): number {
  let s = 0;
  let prev = 0;
  for (const ch of w) {
    const c = ch.charCodeAt(0);
    const lp = TH_LOG.get(ch);
    s += lp ?? (THAI.test(ch) ? -2 : -5);
    if (isThaiMark(c) && !isThaiConsonant(prev) && !isThaiMark(prev)) s -= 3;
    if (isThaiLeadingVowel(prev) && !isThaiConsonant(c)) s -= 3;
    prev = c;
  }
  if (isThaiLeadingVowel(prev)) s -= 3;
  return s;
}

/** Adds the word's accented letters to each language's total; returns the shape penalties. */
function scoreLatinWord(w: string, totals: Float64Array): number {
  const letters = [...w].filter((ch) => ch.charCodeAt(0) >= 0x80).map((ch) => ch.toLowerCase());
  if (letters.length === 0) return 0;
  LATIN_LOG.forEach((table, k) => {
    for (const ch of letters) totals[k] = totals[k]! + (table.get(ch) ?? -6);
  });
  let s = 0;
  let run = 0;
  let len = 0;
  for (const ch of w) {
    len++;
    if (ch.charCodeAt(0) < 0x80) {
      run = 0;
      continue;
    }
    run++;
    // Three accented letters in a row are rare in any of these languages and typical of
    // Cyrillic text read as a Latin code page.
    if (run >= 3) s -= 3;
  }
  if (len >= 2 && letters.length === len) s -= 2 * len;
  return s;
}

/** Non-ASCII letters in a text: what the candidates disagree about. */
function nonAsciiLetters(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && LETTER.test(ch)) n++;
  return n;
}

// A small prior: how common each code page is for subtitle files in the wild.
const PRIOR: Record<SingleByteEncoding, number> = {
  'windows-1251': 0.6,
  'koi8-r': 0.2,
  cp866: 0,
  'iso-8859-5': -0.3,
  maccyrillic: -0.3,
  ibm855: -0.5,
  'windows-1252': 0.5,
  'iso-8859-15': 0.1,
  'windows-1250': 0.3,
  'iso-8859-2': 0,
  'iso-8859-7': 0.1,
  'windows-1253': 0,
  'windows-1255': 0.1,
  'windows-1254': -0.3,
  'windows-1257': -3,
  'windows-1256': 0,
  'iso-8859-6': -0.3,
  'tis-620': 0.1,
  'windows-874': 0,
  'windows-1258': -0.5,
};

/**
 * Per non-ASCII letter, how well the best candidate must fit its language: at FIT_LOW or
 * below it fits no better than a wrong code page does, from FIT_HIGH on it fits like real text
 * (measured by bench/subtitles/encoding.ts on our own texts).
 */
const FIT_LOW = 0;
const FIT_HIGH = 0.8;
/** Below this confidence the detection is reported as unsure. */
export const UNSURE_BELOW = 0.5;

/** Decodes with a code page; Windows-1258 writes Vietnamese tones as combining marks, composed here. */
function decodeAs(buf: Buffer, encoding: string): string {
  const text = iconv.decode(buf, encoding);
  return encoding === 'windows-1258' ? text.normalize('NFC') : text;
}

interface Candidate {
  encoding: SingleByteEncoding | MultiByteEncoding;
  text: string;
  score: number;
  /** What the fit is measured on: non-ASCII letters (single-byte) or characters (multi-byte). */
  units: number;
  prior: number;
}

/**
 * The lines that hold high bytes, up to about 8 KB: all the candidates disagree about, and
 * enough of it to decide (a film's subtitles are 50–100 KB, mostly times and ASCII).
 */
function sampleOf(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  let start = 0;
  while (start < buf.length && size < 8_000) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        parts.push(buf.subarray(start, end + 1));
        size += end + 1 - start;
        break;
      }
    }
    start = end + 1;
  }
  return Buffer.concat(parts);
}

type Encoding = SingleByteEncoding | MultiByteEncoding;

function scoreCandidate(buf: Buffer, encoding: Encoding): Candidate {
  if ((MULTI_BYTE_ENCODINGS as readonly string[]).includes(encoding)) {
    // The multi-byte code pages: characters of byte pairs, scored by encoding-cjk.ts.
    const text = iconv.decode(buf, encoding);
    const { score, chars } = cjkPlausibility(text);
    return { encoding, text, score, units: chars, prior: 0 };
  }
  const enc = encoding as SingleByteEncoding;
  const text = decodeAs(buf, enc);
  return {
    encoding,
    text,
    score: plausibility(text) + PRIOR[enc],
    units: nonAsciiLetters(text),
    prior: PRIOR[enc],
  };
}

/** Candidates this far behind the best on the first lines are not scored further. */
const PRUNE_BEHIND = 40;

function detectSingleByte(whole: Buffer): DecodedText {
  const buf = sampleOf(whole);
  let names: Encoding[] = [...SINGLE_BYTE_ENCODINGS, ...MULTI_BYTE_ENCODINGS];
  // Most candidates are hopeless after a few lines: score all on the first 1.5 KB, and only
  // those within PRUNE_BEHIND of the best on the whole sample. (A 40-point gap is twenty
  // times the margin at which the confidence saturates.)
  let pruned: Candidate[] = [];
  if (buf.length > 3000) {
    const cut = buf.indexOf(0x0a, 1500);
    const head = buf.subarray(0, cut < 0 ? buf.length : cut + 1);
    const first = names.map((e) => scoreCandidate(head, e));
    const top = Math.max(...first.map((c) => c.score));
    pruned = first.filter((c) => c.score < top - PRUNE_BEHIND).sort((a, b) => b.score - a.score);
    names = first.filter((c) => c.score >= top - PRUNE_BEHIND).map((c) => c.encoding);
  }
  const scored = names.map((e) => scoreCandidate(buf, e)).sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  // The runner-up that decodes to other text (ISO-8859-7 and Windows-1253 agree on most
  // Greek files, Windows-1250 and ISO-8859-2 on much Central European text: no contest).
  const second = scored.find((c) => c.text !== best.text) ?? { score: -Infinity };
  // Margin → confidence: equal scores are a coin toss (0.5); a margin of 6 (about two
  // well-scored letters) is already near-certain.
  const margin = best.score - second.score;
  const byMargin = 1 - 0.5 * Math.exp(-margin / 2);
  // Fit: the best candidate's score per non-ASCII letter (per character for the multi-byte
  // code pages), against what real text scores. A file in a code page outside the models has a
  // best candidate that wins by a margin yet reads as no language.
  const perLetter = (best.score - best.prior) / Math.max(1, best.units);
  const byFit = Math.max(0, Math.min(1, (perLetter - FIT_LOW) / (FIT_HIGH - FIT_LOW)));
  let confidence = Math.min(0.999, byMargin, 0.5 + 0.5 * byFit);
  // A second opinion for the multi-byte code pages, whose model here is a list of common
  // characters: jschardet's (chardet's) byte-pair distributions. Where it names another East
  // Asian code page that reads the file differently, neither is trusted.
  const peer = (MULTI_BYTE_ENCODINGS as readonly string[]).includes(best.encoding)
    ? peerMultiByte(buf)
    : null;
  if (peer && iconv.decode(buf, peer) !== best.text) confidence = Math.min(confidence, 0.4);
  const rounded = Math.round(confidence * 1000) / 1000;
  return {
    text: buf.length === whole.length ? best.text : decodeAs(whole, best.encoding),
    encoding: best.encoding,
    confidence: rounded,
    bom: false,
    ...(rounded < UNSURE_BELOW || perLetter <= FIT_LOW ? { unsure: true } : {}),
    // Pruned candidates last, with their score on the first lines.
    candidates: [...scored, ...pruned].map(({ encoding, score }) => ({
      encoding,
      score: Math.round(score * 10) / 10,
    })),
  };
}

/** jschardet's names for the East Asian code pages, as iconv-lite knows them. */
const PEER_NAMES: Record<string, MultiByteEncoding> = {
  SHIFT_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  GB2312: 'gb18030',
  Big5: 'big5',
  'EUC-KR': 'euc-kr',
};

/** jschardet's verdict among the East Asian code pages, when it is confident of one. */
function peerMultiByte(buf: Buffer): MultiByteEncoding | null {
  const r = jschardet.detect(buf, { detectEncodings: Object.keys(PEER_NAMES) });
  if (!r.encoding || r.confidence < UNSURE_BELOW) return null;
  return PEER_NAMES[r.encoding] ?? null;
}

/** Windows-1258 marks: grave, acute, tilde, hook above, dot below. */
const VI_TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/**
 * Vietnamese as Windows-1258 writes it: a letter the code page has whole (ê, ơ, á) stays
 * whole; any other toned letter is its base letter (with circumflex, breve or horn) followed by
 * the combining tone mark, the form Windows itself converts to.
 */
export function toWindows1258Form(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (
      ch.charCodeAt(0) < 0x80 ||
      iconv.decode(iconv.encode(ch, 'windows-1258'), 'windows-1258') === ch
    ) {
      out += ch;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tone = parts.filter((p) => VI_TONES.has(p));
    const base = parts
      .filter((p) => !VI_TONES.has(p))
      .join('')
      .normalize('NFC');
    out += base + tone.join('');
  }
  return out;
}

export function encodeText(text: string, encoding: string): Buffer {
  const enc = normalizeEncodingName(encoding);
  return iconv.encode(enc === 'windows-1258' ? toWindows1258Form(text) : text, enc);
}
