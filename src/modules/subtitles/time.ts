/** Timestamp reading and writing shared by the text formats. */

/**
 * Reads `h:mm:ss,fff`-style parts. The fraction is a decimal fraction of a second whatever its
 * digit count ("1,5" is 500 ms), which is how players read short fractions in messy SRT files.
 */
export function toMs(
  h: string | undefined,
  m: string,
  s: string,
  frac: string | undefined,
): number {
  const fracMs = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + fracMs;
}

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `hh:mm:ss<sep>fff`, as SRT (`,`) and WebVTT (`.`) write it. */
export function formatMs(ms: number, sep: ',' | '.'): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const hh = h < 100 ? TWO[h]! : String(h);
  return `${hh}:${TWO[m]!}:${TWO[s]!}${sep}${THREE[t % 1000]!}`;
}
