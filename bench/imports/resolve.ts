/**
 * List resolution at scale: the search benchmark's generated catalogue (bench/search/generate.ts)
 * plus the three Mothers and a few hundred namesakes (Mother, The Mother, Mothers, Мать, My
 * Mother in every decade), indexed by our search engine; then each entry of a list is resolved
 * as ImportsService does it: the index's title candidates and its 20 best hits, scored by the
 * resolver's rules (src/modules/imports/resolve.ts). Nothing scans the catalogue.
 *
 *   node --max-old-space-size=12288 --import tsx bench/imports/resolve.ts --films 1000000 [--rounds 20]
 *
 * Prints ms per entry (median and p95 over the rounds) and, for comparison, the old way: every
 * film given to the resolver (a full scan), timed on one round only at this size.
 */
import { cpus, loadavg } from 'node:os';
import { parseList } from '../../src/modules/imports/list-parse.ts';
import { type CatalogueFilm, resolveEntries } from '../../src/modules/imports/resolve.ts';
import { type SearchDocument, SearchIndex } from '../../src/modules/search/index.ts';
import { generateCatalogue, loadLexicon, seeded } from '../search/generate.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const films = Number(arg('films', '100000'));
const rounds = Number(arg('rounds', '20'));
const scan = !process.argv.includes('--no-scan');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const LIST = `
1. Mother (1926) — Pudovkin's silent film of the 1905 revolution.
2. Мать (1926)
3. The Mother (1975)
4. Mat' (1990)
5. Mother
6. The Cranes Are Flyng (1957)
7. Letyat zhuravli (1957)
8. Ballad of a Soldier (1960)
9. The House Where I Live (1957)
10. Voskhozhdenie (1976)
`;

const CONTENT: SearchDocument[] = [
  ['mother-1926', 1926, 'Vsevolod Pudovkin'],
  ['mother-1955', 1955, 'Mark Donskoy'],
  ['mother-1990', 1990, 'Gleb Panfilov'],
].map(([slug, year, director]) => ({
  slug: slug as string,
  year: year as number,
  titles: [
    { text: 'Mother', kind: 'english' },
    { text: 'Мать', kind: 'original' },
    { text: "Mat'", kind: 'transliteration' },
  ],
  people: [director as string],
}));
CONTENT.push(
  {
    slug: 'the-cranes-are-flying-1957',
    year: 1957,
    titles: [
      { text: 'The Cranes Are Flying', kind: 'english' },
      { text: 'Летят журавли', kind: 'original' },
      { text: 'Letyat zhuravli', kind: 'transliteration' },
    ],
    people: ['Mikhail Kalatozov'],
  },
  {
    slug: 'ballad-of-a-soldier-1959',
    year: 1959,
    titles: [
      { text: 'Ballad of a Soldier', kind: 'english' },
      { text: 'Баллада о солдате', kind: 'original' },
    ],
    people: ['Grigori Chukhrai'],
  },
  {
    slug: 'the-ascent-1977',
    year: 1977,
    titles: [
      { text: 'The Ascent', kind: 'english' },
      { text: 'Восхождение', kind: 'original' },
      { text: 'Voskhozhdenie', kind: 'transliteration' },
    ],
    people: ['Larisa Shepitko'],
  },
);

log(`generating ${films.toLocaleString('en')} films`);
const rng = seeded(1926);
const namesakes: SearchDocument[] = [];
const forms = ['Mother', 'The Mother', 'Mothers', 'Мать', 'My Mother'];
for (let i = 0; i < Math.max(50, Math.floor(films / 2500)); i++) {
  const year = 1920 + Math.floor(rng() * 105);
  namesakes.push({
    slug: `mother-namesake-${i}-${year}`,
    year,
    titles: [{ text: forms[i % forms.length] as string, kind: 'original' }],
    people: [],
  });
}
const docs = [
  ...generateCatalogue(films, 1, loadLexicon()).map((f) => f.doc),
  ...namesakes,
  ...CONTENT,
];
log(`building the index of ${docs.length.toLocaleString('en')} films`);
let t = performance.now();
const index = SearchIndex.build(docs);
log(`  built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const toFilm = (d: SearchDocument): CatalogueFilm => ({
  slug: d.slug,
  year: d.year ?? 0,
  titles: d.titles,
  directors: d.people,
});
const fromIndex = (title: string): CatalogueFilm[] => {
  const slugs = new Set(index.titleCandidates(title));
  for (const h of index.search(title, { limit: 20 })) slugs.add(h.slug);
  return [...slugs].sort().flatMap((s) => {
    const d = index.document(s);
    return d ? [toFilm(d)] : [];
  });
};

const entries = parseList(LIST, 'bench.md').entries;
const perEntry: number[] = [];
let last = resolveEntries(entries, fromIndex);
for (let r = 0; r < rounds; r++) {
  t = performance.now();
  last = resolveEntries(entries, fromIndex);
  perEntry.push((performance.now() - t) / entries.length);
}
perEntry.sort((a, b) => a - b);
const q = (p: number): number =>
  perEntry[Math.min(perEntry.length - 1, Math.ceil(p * perEntry.length) - 1)] as number;
const worst = entries.map((e) => {
  t = performance.now();
  resolveEntries([e], fromIndex);
  return { heading: e.heading, ms: performance.now() - t, films: fromIndex(e.title).length };
});

let scanMs = NaN;
let same = '';
if (scan) {
  const all = docs.map(toFilm);
  t = performance.now();
  const whole = resolveEntries(entries, all);
  scanMs = (performance.now() - t) / entries.length;
  const differ = whole.filter((w, i) => {
    const n = last[i]!;
    return (
      w.status !== n.status ||
      (w.status === 'resolved' && n.status === 'resolved' && w.slug !== n.slug)
    );
  });
  same = differ.length === 0 ? 'same outcome for every entry' : `${differ.length} entries differ`;
}

const mother = last[0]!;
const lines = [
  `${docs.length.toLocaleString('en')} films, ${entries.length} entries, ${rounds} rounds; node ${process.version}, ${cpus().length} cores; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  '',
  '| entry | films scored | ms |',
  '| --- | ---: | ---: |',
  ...worst.map((w) => `| ${w.heading} | ${w.films} | ${w.ms.toFixed(2)} |`),
  '',
  `index resolution: ${q(0.5).toFixed(2)} ms per entry (median of rounds), ${q(0.95).toFixed(2)} ms (p95)`,
  scan ? `full scan (the old way, one round): ${scanMs.toFixed(0)} ms per entry; ${same}` : '',
  `"Mother (1926)": ${mother.status}${mother.status === 'resolved' ? ` ${mother.slug}` : ''}, candidates ${mother.candidates.map((c) => c.slug).join(', ')}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
