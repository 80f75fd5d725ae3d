/**
 * Text folding for matching names and titles written in different scripts, transliterations and
 * spellings ("Летят журавли" / "Letyat zhuravli", "Grigori Chukhrai" / "Grigory Chukhray").
 * Domain-free and dependency-free on purpose: it belongs in src/lib once the lead moves it there.
 */

// Russian, Ukrainian and Belarusian letters to Latin, close to BGN/PCGN; folding below smooths
// over the differences between that and the other common systems (ISO 9, LoC, French, German).
// prettier-ignore
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

/** Transliterates Cyrillic letters to Latin; other characters pass through unchanged. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin === undefined) out += ch;
    else out += ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}

/** Lower case, no diacritics, no punctuation, single spaces; Cyrillic is transliterated. */
export function normalize(text: string): string {
  return (
    transliterate(text.normalize('NFKC'))
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/ł/g, 'l')
      .replace(/&/g, ' and ')
      // Apostrophes and soft/hard signs join their word: "Gor'kogo" = "Gorkogo", "Mat'" = "Mat".
      .replace(/['’‘ʹʼ`´]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

// prettier-ignore
const ARTICLES = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'il', 'lo', 'el', 'los', 'las',
  'un', 'une', 'ein', 'eine',
]);

/** `normalize` without a leading article ("The Mother" → "mother", "L'Avventura" → "avventura"). */
export function stripArticle(normalized: string): string {
  const space = normalized.indexOf(' ');
  if (space < 0) return normalized;
  const first = normalized.slice(0, space);
  return ARTICLES.has(first) ? normalized.slice(space + 1) : normalized;
}

/**
 * A spelling skeleton: collapses the usual transliteration variants of the same Russian word so
 * that they compare equal (Vasili/Vasiliy/Vasilij, Yezhov/Ezhov, Tatyana/Tatiana, Aleksey/Alexei).
 */
export function skeleton(text: string): string {
  return normalize(text)
    .split(' ')
    .map((word) =>
      word
        .replace(/x/g, 'ks')
        .replace(/w/g, 'v')
        .replace(/ph/g, 'f')
        .replace(/ck/g, 'k')
        .replace(/dzh/g, 'j')
        .replace(/kh/g, 'h')
        .replace(/tz/g, 'ts')
        .replace(/ou/g, 'u')
        .replace(/(?:iy|ij|yj|yy|ii)$/, 'i')
        .replace(/^ye/, 'e')
        .replace(/([aeiouy])ye/g, '$1e')
        .replace(/yo/g, 'e')
        .replace(/y/g, 'i')
        .replace(/(.)\1+/g, '$1'),
    )
    .join(' ');
}

/**
 * Optimal-string-alignment edit distance (Levenshtein plus adjacent transposition). Stops early
 * and returns `max + 1` once the distance must exceed `max`, so callers can bound the work.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      }
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return Math.min(prev[b.length] ?? 0, max + 1);
}

/** How many edits a spelling variant of a word this long may plausibly need. */
export function spellingTolerance(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  if (length < 16) return 2;
  return 3;
}

/** The words of a person's name as skeletons, with the surname last. */
function nameParts(name: string): string[] {
  // "Kalatozov, Mikhail" → "Mikhail Kalatozov".
  const comma = name.indexOf(',');
  const ordered = comma > 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  return skeleton(ordered.replace(/\([^)]*\)/g, ' '))
    .split(' ')
    .filter((w) => w.length > 0);
}

/**
 * Whether two written names can be the same person: the surnames agree up to a small spelling
 * difference, and given names, where both are written out, agree too (an initial matches any
 * name that starts with it). "Nikolai Batalov" and "Aleksey Batalov" are different people.
 */
export function sameName(a: string, b: string): boolean {
  const pa = nameParts(a);
  const pb = nameParts(b);
  const sa = pa.at(-1);
  const sb = pb.at(-1);
  if (sa === undefined || sb === undefined) return false;
  if (editDistance(sa, sb, 2) > spellingTolerance(Math.min(sa.length, sb.length))) return false;
  const ga = pa.slice(0, -1);
  const gb = pb.slice(0, -1);
  if (ga.length === 0 || gb.length === 0) return true;
  const fa = ga[0] ?? '';
  const fb = gb[0] ?? '';
  if (fa.length === 1 || fb.length === 1) return fa.charAt(0) === fb.charAt(0);
  return editDistance(fa, fb, 2) <= spellingTolerance(Math.min(fa.length, fb.length));
}

/** The surname skeleton of a name, for indexing. */
export function surnameKey(name: string): string {
  return nameParts(name).at(-1) ?? '';
}

/** A stable slug: lower-case ASCII words joined by hyphens. */
export function slugify(text: string): string {
  return normalize(text).replace(/ /g, '-');
}

/** "1" → "1st", "22" → "22nd", "13" → "13th". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

// prettier-ignore
const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, i: 1, ii: 2, iii: 3, iv: 4, v: 5,
};

/** Reads "10th", "10", "tenth", "II" as a number; undefined when it is none of those. */
export function parseOrdinal(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,4})(?:st|nd|rd|th|\.)?$/.exec(t);
  if (m?.[1] !== undefined) return Number(m[1]);
  return ORDINAL_WORDS[t];
}

/** Joins names for a sentence: "A", "A and B", "A, B and C". */
export function joinWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}
