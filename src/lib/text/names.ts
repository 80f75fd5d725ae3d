/** Comparing people's names written in different scripts and transliterations. */
import { editDistance } from './distance.ts';
import { skeleton } from './skeleton.ts';

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
