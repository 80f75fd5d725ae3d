/**
 * Measures the skeleton over the whole Russian hunspell dictionary: for every word, does each
 * romanization meet the Cyrillic, and how many distinct words share a key (lost precision)?
 *
 *   node --import tsx bench/search/skeleton-check.ts [--examples 5]
 */
import { readFileSync } from 'node:fs';
import { romanize, ROMANIZATIONS, skeletonVariants, tokenize } from '../../src/lib/text/index.ts';
import { seeded } from './generate.ts';

const examples = Number(process.argv[process.argv.indexOf('--examples') + 1] ?? 5) || 5;
const words = readFileSync('/usr/share/hunspell/ru_RU.dic', 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => (l.split('/')[0] ?? '').toLowerCase())
  .filter((w) => /^[а-яё]+$/.test(w));
const rng = seeded(1);
const misses = new Map<string, string[]>();
for (const w of words) {
  const ref = new Set(skeletonVariants(w));
  for (const system of ROMANIZATIONS) {
    const r = romanize(w, system, rng);
    const toks = tokenize(r);
    const keys = toks.length === 1 ? skeletonVariants(toks[0] as string) : [];
    if (!keys.some((k) => ref.has(k))) {
      const list = misses.get(system) ?? [];
      list.push(`${w} → ${r} → ${keys.join('|')} (Cyrillic: ${[...ref].join('|')})`);
      misses.set(system, list);
    }
  }
}
const keys = new Set(words.map((w) => skeletonVariants(w)[0]));
console.log(`${words.length} dictionary words, ${keys.size} distinct skeletons`);
for (const system of ROMANIZATIONS) {
  const list = misses.get(system) ?? [];
  console.log(`${system.padEnd(10)} ${list.length} words do not meet their Cyrillic`);
  for (const e of list.slice(0, examples)) console.log(`  ${e}`);
}
