/**
 * Restart time: serving search from a saved snapshot against building the index, at a million
 * films by default; and what keeps the server answering: a build in a worker thread (the main
 * thread's longest stall while it runs) and incremental updates (add and remove without a
 * rebuild), against a full rebuild.
 *
 *   node --import tsx bench/search/snapshot.ts [--films 1000000] [--seed 1] [--queries 500]
 *        [--updates 1000] [--file /tmp/kinoteka-bench.snapshot] [--no-worker]
 *
 * Prints each step's time and the ratios. The snapshot is written to --file (removed after).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateCatalogue, generateQueries, loadLexicon } from './generate.ts';
import { buildInWorker, SearchIndex } from '../../src/modules/search/index.ts';

// A restart, as it happens: a fresh process reads the file and answers a first query.
if (process.argv.includes('--load')) {
  const path = process.argv[process.argv.indexOf('--load') + 1] as string;
  let t0 = performance.now();
  const raw = readFileSync(path);
  const readMs = performance.now() - t0;
  t0 = performance.now();
  const { index } = SearchIndex.fromSnapshot(raw);
  const decodeMs = performance.now() - t0;
  t0 = performance.now();
  index.search(process.argv[process.argv.indexOf('--load') + 2] ?? 'мать', { limit: 10 });
  const firstQueryMs = performance.now() - t0;
  console.log(JSON.stringify({ readMs, decodeMs, firstQueryMs, size: index.size }));
  process.exit(0);
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const films = Number(arg('films', '1000000'));
const seed = Number(arg('seed', '1'));
const queryCount = Number(arg('queries', '500'));
const updates = Number(arg('updates', '1000'));
const file = arg('file', join(tmpdir(), `kinoteka-bench-${process.pid}.snapshot`));
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

log(`generating ${films} films (seed ${seed})`);
const catalogue = generateCatalogue(films, seed, loadLexicon());
const queries = generateQueries(catalogue, queryCount, seed + 1).map((q) => q.q);
const docs = catalogue.map((f) => f.doc);

let t = performance.now();
const built = SearchIndex.build(docs);
const buildMs = performance.now() - t;
log(`  build on this thread: ${secs(buildMs)}`);

t = performance.now();
const bytes = built.toSnapshot({ catalogueVersion: 'bench' });
const encodeMs = performance.now() - t;
t = performance.now();
writeFileSync(file, bytes);
const writeMs = performance.now() - t;
const size = statSync(file).size;

// a restart: a fresh process reads the file and serves (this one holds the catalogue)
const child = spawnSync(
  process.execPath,
  [...process.execArgv, process.argv[1] as string, '--load', file, queries[0] ?? 'мать'],
  { encoding: 'utf8' },
);
if (child.status !== 0) throw new Error(`restart process failed: ${child.stderr}`);
const { readMs, decodeMs, firstQueryMs } = JSON.parse(child.stdout) as Record<string, number>;
const restartMs = readMs! + decodeMs! + firstQueryMs!;
// and here, for the comparisons below
const { index: loaded } = SearchIndex.fromSnapshot(readFileSync(file));
rmSync(file, { force: true });

// the loaded index answers as the built one
let same = 0;
for (const q of queries)
  if (
    JSON.stringify(loaded.search(q, { limit: 10 })) ===
    JSON.stringify(built.search(q, { limit: 10 }))
  )
    same++;

// a build in the worker: how long the main thread stalls meanwhile
const withWorker = !process.argv.includes('--no-worker');
const delay = monitorEventLoopDelay({ resolution: 10 });
let workerMs = NaN;
let sameWorker = NaN;
if (withWorker) {
  delay.enable();
  t = performance.now();
  const workerBytes = await buildInWorker(docs, { catalogueVersion: 'bench' });
  workerMs = performance.now() - t;
  delay.disable();
  const fromWorker = SearchIndex.fromSnapshot(workerBytes).index;
  sameWorker = 0;
  for (const q of queries)
    if (
      JSON.stringify(fromWorker.search(q, { limit: 10 })) ===
      JSON.stringify(built.search(q, { limit: 10 }))
    )
      sameWorker++;
}
const stallMs = withWorker ? delay.max / 1e6 : NaN;

// incremental: change `updates` films (a new title word each), remove as many, add as many
t = performance.now();
for (let i = 0; i < updates; i++) {
  const d = docs[(i * 7919) % docs.length]!;
  loaded.add({ ...d, titles: [...d.titles, { text: `Обновлено ${i}`, kind: 'alternative' }] });
}
for (let i = 0; i < updates; i++) loaded.remove(docs[(i * 104729 + 13) % docs.length]!.slug);
for (let i = 0; i < updates; i++) loaded.add({ ...docs[i]!, slug: `bench-new-${i}`, year: 2030 });
const incrementalMs = performance.now() - t;
const incrementalOps = updates * 3;

console.log(
  `\nSnapshot and updates, ${films} films (${cpus()[0]?.model ?? '?'}, Node ${process.version})`,
);
console.log('');
console.log('| step                                   |       time |');
console.log('| -------------------------------------- | ---------: |');
console.log(`| full build (this thread)               | ${secs(buildMs).padStart(10)} |`);
console.log(`| snapshot encode                        | ${secs(encodeMs).padStart(10)} |`);
console.log(
  `| snapshot write (${(size / 2 ** 20).toFixed(0)} MiB)               | ${secs(writeMs).padStart(10)} |`,
);
console.log(`| restart (new process): read file       | ${secs(readMs!).padStart(10)} |`);
console.log(`| restart (new process): decode          | ${secs(decodeMs!).padStart(10)} |`);
console.log(`| restart (new process): first query     | ${secs(firstQueryMs!).padStart(10)} |`);
console.log(`| build in a worker thread               | ${secs(workerMs).padStart(10)} |`);
console.log(
  `| main thread's longest stall meanwhile  | ${`${stallMs.toFixed(0)} ms`.padStart(10)} |`,
);
console.log(
  `| ${incrementalOps} incremental changes            | ${secs(incrementalMs).padStart(10)} |`,
);
console.log('');
console.log(
  `restart from the snapshot: ${secs(restartMs)} vs ${secs(buildMs)} to build: ${(buildMs / restartMs).toFixed(1)}× faster`,
);
console.log(`snapshot answers as the built index: ${same}/${queries.length} queries identical`);
console.log(`worker-built index answers alike: ${sameWorker}/${queries.length} queries identical`);
console.log(
  `incremental: ${((incrementalMs / incrementalOps) * 1000).toFixed(0)} µs per change; ${incrementalOps} changes in ${secs(incrementalMs)} vs a rebuild's ${secs(buildMs)} (${(buildMs / incrementalMs).toFixed(0)}×)`,
);
