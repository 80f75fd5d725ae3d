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

export type SingleByteEncoding =
  | 'windows-1251'
  | 'koi8-r'
  | 'cp866'
  | 'iso-8859-5'
  | 'maccyrillic'
  | 'windows-1252'
  | 'iso-8859-15';

export type SubtitleEncoding =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | SingleByteEncoding;

export const SINGLE_BYTE_ENCODINGS: readonly SingleByteEncoding[] = [
  'windows-1251',
  'koi8-r',
  'cp866',
  'iso-8859-5',
  'maccyrillic',
  'windows-1252',
  'iso-8859-15',
];

export interface DecodedText {
  text: string;
  encoding: string;
  /** 0..1; 1 for a BOM, an override or pure ASCII. */
  confidence: number;
  bom: boolean;
  /** Runner-up candidates with their scores, best first (statistical detection only). */
  candidates?: { encoding: SingleByteEncoding; score: number }[];
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
    return { text: iconv.decode(buf, enc), encoding: enc, confidence: 1, bom: false };
  }
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
// Accented letters of the Western European languages, and how plausible each is.
const WESTERN_COMMON = new Set([...'éèàçüöäñßêáíóúâôîûùïëãõåøæœÉÈÀÇÜÖÄÑÊÁÍÓÚÂÔÎÛÙÏËÃÕÅØÆŒšžŠŽ']);
const PLAUSIBLE_SYMBOLS = new Set([...'«»—–…“”‘’„€№°•·♪♫\u00a0©®™§']);

const CYR = /[\u0400-\u04ff]/;
const LATIN = /[A-Za-z\u00c0-\u024f]/;
const LETTER = /\p{L}/u;

/** Scores one decoded candidate: higher is more plausible. Only non-ASCII characters count. */
export function plausibility(text: string): number {
  let score = 0;
  for (const line of text.split('\n')) {
    // Subtitle lines start with a capital; a lower-case Cyrillic first letter suggests the
    // capitals were lost to another code page (MacCyrillic capitals read as Windows-1251
    // punctuation, or a KOI8-R/Windows-1251 case flip).
    const first = /\p{L}/u.exec(line)?.[0];
    if (first && CYR.test(first) && first !== first.toUpperCase()) score -= 1.5;
    const words = line.split(/([^\p{L}]+)/u);
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
      else if (hasL) score += scoreLatinWord(w);
      else {
        // Letters of another script (Greek, Armenian…): an unlikely decode.
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
  return score;
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

function scoreLatinWord(w: string): number {
  let s = 0;
  let run = 0;
  let accented = 0;
  let len = 0;
  for (const ch of w) {
    len++;
    if (ch.charCodeAt(0) < 0x80) {
      run = 0;
      continue;
    }
    accented++;
    run++;
    s += WESTERN_COMMON.has(ch) ? 1 : -3;
    // Two accented letters in a row are rare in Western languages and typical of Cyrillic text
    // read as Windows-1252.
    if (run >= 2) s -= 3;
  }
  if (len >= 2 && accented === len) s -= 2 * len;
  return s;
}

// A small prior: how common each code page is for subtitle files in the wild.
const PRIOR: Record<SingleByteEncoding, number> = {
  'windows-1251': 0.6,
  'koi8-r': 0.2,
  cp866: 0,
  'iso-8859-5': -0.3,
  maccyrillic: -0.3,
  'windows-1252': 0.5,
  'iso-8859-15': 0.1,
};

function detectSingleByte(buf: Buffer): DecodedText {
  const scored = SINGLE_BYTE_ENCODINGS.map((encoding) => {
    const text = iconv.decode(buf, encoding);
    return { encoding, text, score: plausibility(text) + PRIOR[encoding] };
  }).sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  const second = scored[1]!;
  // Margin → confidence: equal scores are a coin toss (0.5); a margin of 6 (about two
  // well-scored letters) is already near-certain.
  const margin = best.score - second.score;
  const confidence = Math.min(0.999, 1 - 0.5 * Math.exp(-margin / 2));
  return {
    text: best.text,
    encoding: best.encoding,
    confidence: Math.round(confidence * 1000) / 1000,
    bom: false,
    candidates: scored.map(({ encoding, score }) => ({
      encoding,
      score: Math.round(score * 10) / 10,
    })),
  };
}

export function encodeText(text: string, encoding: string): Buffer {
  return iconv.encode(text, normalizeEncodingName(encoding));
}
