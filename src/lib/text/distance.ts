/**
 * Bounded optimal-string-alignment distance (Levenshtein plus adjacent transposition, the
 * common typing slip) between a key and a stretch of a UTF-16 code array. Stops as soon as
 * every path is over `max`, so rejecting a far candidate costs a row or two, not |a|·|b|.
 */

let rowPrev2 = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/**
 * Distance between `a` (char codes in `aCodes[0..aLen)`) and `chars[bStart..bEnd)`, or
 * `max + 1` when it exceeds `max`.
 */
export function boundedOsa(
  aCodes: ArrayLike<number>,
  aLen: number,
  chars: ArrayLike<number>,
  bStart: number,
  bEnd: number,
  max: number,
): number {
  const bLen = bEnd - bStart;
  if (Math.abs(aLen - bLen) > max) return max + 1;
  if (bLen + 1 > rowCur.length) {
    const size = Math.max(bLen + 1, rowCur.length * 2);
    rowPrev2 = new Int32Array(size);
    rowPrev = new Int32Array(size);
    rowCur = new Int32Array(size);
  }
  let p2 = rowPrev2;
  let p1 = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= bLen; j++) p1[j] = j;
  for (let i = 1; i <= aLen; i++) {
    const ac = aCodes[i - 1] as number;
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= bLen; j++) {
      const bc = chars[bStart + j - 1] as number;
      const cost = ac === bc ? 0 : 1;
      let v = (p1[j - 1] as number) + cost;
      const del = (p1[j] as number) + 1;
      if (del < v) v = del;
      const ins = (cur[j - 1] as number) + 1;
      if (ins < v) v = ins;
      if (
        i > 1 &&
        j > 1 &&
        ac === chars[bStart + j - 2] &&
        aCodes[i - 2] === bc &&
        (p2[j - 2] as number) + 1 < v
      ) {
        v = (p2[j - 2] as number) + 1;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  const d = p1[bLen] as number;
  return d > max ? max + 1 : d;
}

/** Distance between two strings, capped at `max + 1`. */
export function osaDistance(a: string, b: string, max: number): number {
  const ac = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) ac[i] = a.charCodeAt(i);
  const bc = new Uint16Array(b.length);
  for (let i = 0; i < b.length; i++) bc[i] = b.charCodeAt(i);
  return boundedOsa(ac, a.length, bc, 0, b.length, max);
}

/**
 * Distance between two strings, or `max + 1` once it must exceed `max` (no bound by default):
 * the same bounded OSA distance, for callers that hold plain strings.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  return osaDistance(a, b, max);
}
