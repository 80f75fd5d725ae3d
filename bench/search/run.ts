/**
 * Search benchmark: our engine side by side with MiniSearch, FlexSearch and SQLite FTS5
 * (trigram) on one synthetic catalogue and one judged query set. Ours is built once; each peer
 * is then built in turn, run against ours query by query (the starting engine alternating), and
 * dropped before the next peer is built, so that a million films need the memory of ours and
 * one peer, and drift on a shared machine falls on both engines of a phase alike.
 *
 *   node --import tsx bench/search/run.ts --films 1000000 [--queries 2000] [--seed 1]
 *        [--engines kinoteka,minisearch,flexsearch-forward,flexsearch-tolerant,fts5]
 *        [--skeleton-peers] [--slow 10] [--json bench/results/search.json]
 *
 * Prints recall@10 (share of queries with a relevant film in the top 10), MRR@10, p50/p95
 * latency, build time and retained memory for each engine, each peer's p95 against ours in
 * the same phase, our slowest queries and the load average. Memory is the growth of the JS
 * heap plus array buffers across the build (after GC), plus SQLite's pages for FTS5. The data
 * is generated in memory; nothing is written unless --json is given.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { generateCatalogue, generateQueries, loadLexicon, type JudgedQuery } from './generate.ts';
import type { SearchDocument } from '../../src/modules/search/index.ts';
import { type Engine, flexSearch, fts5Trigram, miniSearch, ours } from './peers.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Re-run with an explicit GC (for memory figures) and room for a million documents in
  // each of five engines.
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const films = Number(arg('films', '100000'));
const queryCount = Number(arg('queries', '2000'));
const seed = Number(arg('seed', '1'));
const warmup = Number(arg('warmup', '100'));
const jsonOut = arg('json', '');
const slowCount = Number(arg('slow', '10'));
const engineNames = arg(
  'engines',
  'kinoteka,minisearch,flexsearch-forward,flexsearch-tolerant,fts5',
).split(',');
if (process.argv.includes('--skeleton-peers')) {
  engineNames.push('minisearch+skeleton', 'flexsearch-forward+skeleton');
}

const factories: Record<string, () => Engine> = {
  kinoteka: ours,
  minisearch: () => miniSearch(false),
  'minisearch+skeleton': () => miniSearch(true),
  'flexsearch-forward': () => flexSearch('forward'),
  'flexsearch-tolerant': () => flexSearch('tolerant'),
  'flexsearch-forward+skeleton': () => flexSearch('forward', true),
  fts5: fts5Trigram,
};

function heapBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

const log = (s: string): void => void process.stderr.write(`${s}\n`);

log(`generating ${films} films and ${queryCount} judged queries (seed ${seed})`);
const t = performance.now();
const lexicon = loadLexicon();
// the generator's bookkeeping goes out of scope here, before any memory is measured
log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const { docs, queries } = ((): { docs: SearchDocument[]; queries: JudgedQuery[] } => {
  const catalogue = generateCatalogue(films, seed, lexicon);
  return {
    queries: generateQueries(catalogue, queryCount, seed + 1),
    docs: catalogue.map((f) => f.doc),
  };
})();
log(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

interface Result {
  name: string;
  buildMs: number;
  memoryBytes: number;
  latencies: number[];
  hits: number;
  rr: number;
  byCategory: Map<string, { n: number; hits: number }>;
}

const newResult = (name: string, buildMs = 0, memoryBytes = 0): Result => ({
  name,
  buildMs,
  memoryBytes,
  latencies: [],
  hits: 0,
  rr: 0,
  byCategory: new Map(),
});

function build(name: string): { engine: Engine; result: Result } {
  const make = factories[name];
  if (!make) throw new Error(`unknown engine ${name}; known: ${Object.keys(factories).join(', ')}`);
  const engine = make();
  const before = heapBytes();
  const t0 = performance.now();
  engine.build(docs);
  const buildMs = performance.now() - t0;
  const memoryBytes = heapBytes() - before + (engine.nativeBytes?.() ?? 0);
  log(
    `  built ${name} in ${(buildMs / 1000).toFixed(1)} s, ${(memoryBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return { engine, result: newResult(name, buildMs, memoryBytes) };
}

function measure(engine: Engine, result: Result, q: JudgedQuery): number {
  const t0 = process.hrtime.bigint();
  const found = engine.search(q.q, 10);
  const dt = Number(process.hrtime.bigint() - t0) / 1e6;
  result.latencies.push(dt);
  const rank = found.findIndex((s) => q.relevant.includes(s));
  const cat = result.byCategory.get(q.category) ?? { n: 0, hits: 0 };
  cat.n++;
  if (rank >= 0) {
    result.hits++;
    result.rr += 1 / (rank + 1);
    cat.hits++;
  }
  result.byCategory.set(q.category, cat);
  return dt;
}

// Ours is built once and kept (it is small); each peer is built in turn, run against ours
// query by query (the first engine alternating), and dropped before the next is built, so a
// million films need the memory of ours and one peer at a time, not of all of them. Each
// peer's ratio is against ours measured in the same phase, so drift on a shared machine falls
// on both alike.
const peerNames = engineNames.filter((n) => n !== 'kinoteka');
const mine = engineNames.includes('kinoteka') ? build('kinoteka') : undefined;
/** Our latency per query (ms), kept for the slowest-queries list. */
const ourTimes = new Map<string, number>();
const phases: { peer: Result; ours: Result | undefined }[] = [];
const runPhase = (peer: { engine: Engine; result: Result } | undefined): void => {
  const ours = mine ? newResult('kinoteka') : undefined;
  const pair = [
    ...(mine && ours ? [{ engine: mine.engine, result: ours }] : []),
    ...(peer ? [peer] : []),
  ];
  for (const q of queries.slice(0, warmup)) for (const { engine } of pair) engine.search(q.q, 10);
  log(`running ${queries.length} queries on ${pair.map((p) => p.result.name).join(' and ')}`);
  queries.forEach((q, i) => {
    for (let j = 0; j < pair.length; j++) {
      const { engine, result } = pair[(i + j) % pair.length] as (typeof pair)[number];
      const dt = measure(engine, result, q);
      if (result === ours) ourTimes.set(q.q, Math.max(dt, ourTimes.get(q.q) ?? 0));
    }
  });
  if (peer) phases.push({ peer: peer.result, ours });
  else if (ours) phases.push({ peer: ours, ours: undefined });
  // figures so far, in case a long run is stopped
  if (peer && ours) {
    const p95 = (r: Result) =>
      quantile(
        [...r.latencies].sort((a, b) => a - b),
        0.95,
      );
    log(
      `  ${peer.result.name}: recall@10 ${(peer.result.hits / queries.length).toFixed(3)}, ` +
        `p95 ${p95(peer.result).toFixed(3)} ms; ours ${(ours.hits / queries.length).toFixed(3)}, ` +
        `p95 ${p95(ours).toFixed(3)} ms`,
    );
  }
};
if (peerNames.length === 0) runPhase(undefined);
for (const name of peerNames) {
  const peer = build(name);
  runPhase(peer);
  peer.engine.close?.();
  heapBytes();
}

// Ours over every phase together (its recall is the same in each: the engine is deterministic).
const engines: { result: Result; oursInPhase?: Result }[] = [];
if (mine) {
  const all = newResult('kinoteka', mine.result.buildMs, mine.result.memoryBytes);
  const first = phases[0]?.ours ?? phases[0]?.peer;
  for (const ph of phases) all.latencies.push(...(ph.ours ?? ph.peer).latencies);
  if (first) {
    all.hits = first.hits;
    all.rr = first.rr;
    all.byCategory = first.byCategory;
  }
  engines.push({ result: all });
}
for (const ph of phases) if (ph.ours) engines.push({ result: ph.peer, oursInPhase: ph.ours });

const rows = engines.map(({ result: r, oursInPhase }) => {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const oursSorted = oursInPhase ? [...oursInPhase.latencies].sort((a, b) => a - b) : sorted;
  return {
    name: r.name,
    oursP95: quantile(oursSorted, 0.95),
    recall: r.hits / queries.length,
    mrr: r.rr / queries.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    buildS: r.buildMs / 1000,
    memoryMiB: r.memoryBytes / 2 ** 20,
    byCategory: Object.fromEntries(
      [...r.byCategory].map(([k, v]) => [k, { n: v.n, recall: v.hits / v.n }]),
    ),
  };
});
const ourRow = rows.find((r) => r.name === 'kinoteka');
const peers = rows.filter((r) => r.name !== 'kinoteka' && !r.name.includes('+skeleton'));
const bestPeerP95 = Math.min(...peers.map((r) => r.p95));
const bestPeerRecall = Math.max(...peers.map((r) => r.recall));

const f = (n: number, d = 2): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
const lines: string[] = [];
lines.push(
  `${films.toLocaleString('en')} films, ${queries.length} judged queries, seed ${seed}; ` +
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
lines.push('');
lines.push(
  '| engine | recall@10 | MRR@10 | p50 ms | p95 ms | p99 ms | ours p95 (same phase) | p95 vs ours | build s | memory MiB |',
);
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const ratio = ourRow ? r.p95 / r.oursP95 : NaN;
  lines.push(
    `| ${r.name} | ${f(r.recall, 3)} | ${f(r.mrr, 3)} | ${f(r.p50, 3)} | ${f(r.p95, 3)} | ` +
      `${f(r.p99, 3)} | ${f(r.oursP95, 3)} | ${r.name === 'kinoteka' ? '1' : `${f(ratio, 1)}×`} | ${f(r.buildS, 1)} | ` +
      `${f(r.memoryMiB, 0)} |`,
  );
}
lines.push('');
const cats = [...new Set(queries.map((q) => q.category))].sort();
lines.push(`| recall@10 by category | ${rows.map((r) => r.name).join(' | ')} |`);
lines.push(`| --- | ${rows.map(() => '---:').join(' | ')} |`);
for (const c of cats) {
  const n = queries.filter((q) => q.category === c).length;
  lines.push(
    `| ${c} (${n}) | ${rows.map((r) => f(r.byCategory[c]?.recall ?? NaN, 3)).join(' | ')} |`,
  );
}
if (ourRow) {
  lines.push('');
  lines.push(
    `goals: recall@10 ${f(ourRow.recall, 3)} (≥ 0.95 and ≥ best peer ${f(bestPeerRecall, 3)}: ` +
      `${ourRow.recall >= 0.95 && ourRow.recall >= bestPeerRecall ? 'met' : 'NOT met'}); ` +
      `p95 ${f(ourRow.p95, 3)} ms (≤ 10 ms and ≤ half the best peer's ${f(bestPeerP95, 3)} ms: ` +
      `${ourRow.p95 <= 10 && ourRow.p95 <= bestPeerP95 / 2 ? 'met' : 'NOT met'})`,
  );
  const slowest = [...ourTimes].sort((a, b) => b[1] - a[1]).slice(0, slowCount);
  if (slowest.length > 0) {
    lines.push('');
    lines.push(`our ${slowest.length} slowest queries (ms, the slowest of its runs):`);
    for (const [q, ms] of slowest) lines.push(`  ${f(ms, 1)}  ${JSON.stringify(q)}`);
  }
}
lines.push(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (at the end)`,
);
process.stdout.write(`${lines.join('\n')}\n`);
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify({ films, queries: queries.length, seed, rows }, null, 2));
}
