/** English ordinals and lists, for the sentences claims and verdicts are written in. */

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
