/**
 * The static export's search index in parts (src/modules/export/shards.ts) on the search
 * benchmark's generated catalogue: how many parts, their sizes and total, the bytes each
 * judged query downloads (manifest and parts), and whether the parts answer as the whole
 * index does (recall@10 on the judged queries, both ways).
 *
 *   node --max-old-space-size=12288 --import tsx bench/search/export-parts.ts --films 100000 [--queries 300] [--max-postings 1000] [--out DIR]
 *
 * With --out the parts and manifest are written there (as `kinoteka export site` writes them
 * under assets/search/), so their size on disk can be checked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { SearchIndex } from '../../src/modules/search/index.ts';
import { searchParts, type ShardManifest, writeParts } from '../../src/modules/export/shards.ts';
import { generateCatalogue, generateQueries, loadLexicon } from './generate.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const films = Number(arg('films', '20000'));
const queryCount = Number(arg('queries', '300'));
const out = arg('out', '');
const maxPostings = Number(arg('max-postings', '1000'));
const log = (s: string): void => void process.stderr.write(`${s}\n`);

log(`generating ${films} films`);
const catalogue = generateCatalogue(films, 1, loadLexicon());
const queries = generateQueries(catalogue, queryCount, 2);
const docs = catalogue.map((f) => f.doc);
let t = performance.now();
const whole = SearchIndex.build(docs);
const wholeBytes = whole.toSnapshot().byteLength;
log(`whole index built in ${((performance.now() - t) / 1000).toFixed(1)} s, ${wholeBytes} bytes`);

t = performance.now();
const parts: Uint8Array[] = [];
if (out) mkdirSync(out, { recursive: true });
const manifest: ShardManifest = await writeParts(
  whole,
  (d) => SearchIndex.build(d),
  async (name, bytes) => {
    parts.push(bytes);
    if (out) writeFileSync(join(out, name), bytes);
  },
  maxPostings,
);
const manifestBytes = Buffer.byteLength(JSON.stringify(manifest));
if (out) writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
const total = manifest.bytes.reduce((a, b) => a + b, 0);
log(`parts written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const loaded = new Map<number, SearchIndex>();
const load = async (i: number): Promise<SearchIndex> => {
  let ix = loaded.get(i);
  if (!ix) loaded.set(i, (ix = SearchIndex.fromSnapshot(parts[i] as Uint8Array).index));
  return ix;
};
const downloads: number[] = [];
let hitsWhole = 0;
let hitsParts = 0;
let sameTop = 0;
for (const q of queries) {
  const w = whole.search(q.q, { limit: 10 }).map((h) => h.slug);
  const r = await searchParts(manifest, q.q, load, 10);
  const p = r.hits.map((h) => h.hit.slug);
  downloads.push(manifestBytes + r.parts.reduce((s, i) => s + (manifest.bytes[i] as number), 0));
  if (w.some((s) => q.relevant.includes(s))) hitsWhole++;
  if (p.some((s) => q.relevant.includes(s))) hitsParts++;
  if (w[0] === p[0]) sameTop++;
}
downloads.sort((a, b) => a - b);
const kb = (n: number): string => (n / 1024).toFixed(0);
const q = (x: number): number =>
  downloads[Math.min(downloads.length - 1, Math.ceil(x * downloads.length) - 1)] as number;
const sorted = [...manifest.bytes].sort((a, b) => a - b);
process.stdout.write(
  [
    `${films.toLocaleString('en')} films, ${queries.length} judged queries; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `whole snapshot: ${kb(wholeBytes)} KB`,
    `parts: ${manifest.prefixes.length} (at most ${maxPostings} postings each), ${kb(total)} KB in all; median part ${kb(sorted[Math.floor(sorted.length / 2)] ?? 0)} KB, largest ${kb(sorted.at(-1) ?? 0)} KB; manifest ${kb(manifestBytes)} KB`,
    `downloaded by one search (manifest + parts): median ${kb(q(0.5))} KB, p95 ${kb(q(0.95))} KB, max ${kb(downloads.at(-1) ?? 0)} KB`,
    `recall@10: whole index ${(hitsWhole / queries.length).toFixed(3)}, parts ${(hitsParts / queries.length).toFixed(3)}; same first hit ${(sameTop / queries.length).toFixed(3)}`,
  ].join('\n') + '\n',
);
