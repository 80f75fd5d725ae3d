/**
 * Bulk import benchmark: our `import imdb` (staging, indexes, links, titles, credits) against
 * the databases' own bulk loaders reading the same generated files into plain tables:
 * `sqlite3 .import` and `psql \copy`, each fed by `gzip -dc` so all sides decompress.
 *
 *   node --import tsx bench/imports/imdb.ts [--titles 100000] [--only sqlite|postgres]
 *     [--keep-files DIR]
 *
 * `--titles` sets the size: about 10 lines a title over the five files, so 1,000,000 titles
 * make the 10-million-line set. The ratio printed is the loader's time over ours (1.0 = as fast
 * as the raw loader; the goal is at least 0.5).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../src/db/index.ts';
import { IMDB_FILES, ImdbImporter } from '../../src/modules/imports/index.ts';
import { generateImdb } from '../../test/fixtures/imdb/generate.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const titles = Number(opt('titles', '100000'));
const only = opt('only', '');
const PG_URL = process.env.KINOTEKA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const keep = opt('keep-files', '');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-bench-imdb-'));
// --keep-files DIR: the generated files stay in DIR and a later run with the same --titles
// reuses them (generating the 10-million-line set takes minutes).
const data = keep ? path.resolve(keep) : path.join(work, 'data');
const stamp = path.join(data, 'generated.json');
let t = Date.now();
let gen: Awaited<ReturnType<typeof generateImdb>>;
const kept = keep && fs.existsSync(stamp) ? JSON.parse(fs.readFileSync(stamp, 'utf8')) : null;
if (kept && kept.titles === titles) {
  gen = kept;
} else {
  gen = await generateImdb(data, { titles });
  if (keep) fs.writeFileSync(stamp, JSON.stringify(gen));
}
console.log(
  `${kept && kept.titles === titles ? 'reused' : 'generated'} ${gen.totalLines.toLocaleString('en')} lines (${titles.toLocaleString('en')} titles) in ${((Date.now() - t) / 1000).toFixed(1)} s: ` +
    Object.entries(gen.lines)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', '),
);

const PLAIN: Record<string, string> = {
  basics:
    'tconst text, title_type text, primary_title text, original_title text, is_adult text, start_year text, end_year text, runtime text, genres text',
  akas: 'title_id text, ordering text, title text, region text, language text, types text, attributes text, is_original text',
  crew: 'tconst text, directors text, writers text',
  principals: 'tconst text, ordering text, nconst text, category text, job text, characters text',
  names: 'nconst text, name text, birth text, death text, professions text, known_for text',
};
const files = Object.entries(IMDB_FILES).map(([key, f]) => ({
  key,
  file: path.join(data, f.file),
}));

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function cpuSeconds(since: NodeJS.CpuUsage): string {
  const d = process.cpuUsage(since);
  return ((d.user + d.system) / 1e6).toFixed(1);
}

const rows: { db: string; ours: number; raw: number }[] = [];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (only !== 'postgres') {
  console.log(`sqlite: load average ${load()} at the start`);
  // sqlite3: plain tables, ascii mode with tab/newline separators (no quote handling, as IMDb).
  const rawDb = path.join(work, 'raw.db');
  const script = [
    ...Object.entries(PLAIN).map(([k, cols]) => `create table ${k} (${cols});`),
    '.mode ascii',
    '.separator "\\t" "\\n"',
    ...files.map((f) => `.import --skip 1 '|gzip -dc ${f.file}' ${f.key}`),
  ].join('\n');
  // bash's `time` reports the CPU of sqlite3 and of the gzip it runs: comparable with ours
  // (zlib and SQLite both run inside our process) even on a busy machine.
  let rawCpu = '';
  const raw = seconds(() => {
    fs.writeFileSync(path.join(work, 'raw.sql'), script);
    rawCpu = execFileSync(
      'bash',
      [
        '-c',
        'TIMEFORMAT=%U+%S; { time sqlite3 "$1" < "$2" > /dev/null; } 2>&1',
        'raw',
        rawDb,
        path.join(work, 'raw.sql'),
      ],
      { encoding: 'utf8' },
    ).trim();
  });
  const rawCpuSeconds = rawCpu.split('+').reduce((a, b) => a + Number(b), 0);
  const count = execFileSync('sqlite3', [rawDb, 'select count(*) from basics'], {
    encoding: 'utf8',
  }).trim();
  if (Number(count) !== gen.lines.basics)
    throw new Error(`sqlite3 .import read ${count} basics rows`);

  const db = createDb({ kind: 'sqlite', file: path.join(work, 'ours.db') });
  await migrateToLatest(db);
  t = Date.now();
  const cpu = process.cpuUsage();
  const report = await new ImdbImporter(db).import(data);
  const ours = (Date.now() - t) / 1000;
  const oursCpu = Number(cpuSeconds(cpu));
  console.log(
    `sqlite phases (s): ${JSON.stringify(report.timings)}, our process CPU ${cpuSeconds(cpu)} s`,
  );
  await db.destroy();
  console.log(
    `sqlite: ours ${ours.toFixed(1)} s (${report.films.added.toLocaleString('en')} films, ${report.titles.toLocaleString('en')} titles, ${report.credits.toLocaleString('en')} credits), sqlite3 .import ${raw.toFixed(1)} s`,
  );
  console.log(
    `sqlite CPU seconds: ours ${oursCpu.toFixed(1)}, sqlite3 + gzip ${rawCpuSeconds.toFixed(1)} (ratio ${(rawCpuSeconds / oursCpu).toFixed(2)})`,
  );
  rows.push({ db: 'SQLite', ours, raw });
}

if (only !== 'sqlite') {
  console.log(`postgres: load average ${load()} at the start`);
  const schema = `bench_imdb_${process.pid}`;
  const rawSchema = `bench_raw_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}; create schema ${rawSchema}`);
  for (const [k, cols] of Object.entries(PLAIN))
    await admin.query(`create table ${rawSchema}.${k} (${cols})`);
  try {
    const raw = seconds(() => {
      for (const f of files) {
        execFileSync(
          'bash',
          [
            '-c',
            `gzip -dc "$1" | tail -n +2 | psql "$2" -q -c "\\copy ${rawSchema}.${f.key} from pstdin"`,
            'copy',
            f.file,
            PG_URL,
          ],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        );
      }
    });
    const db = createDb({ kind: 'postgres', url: PG_URL, schema });
    await migrateToLatest(db);
    t = Date.now();
    const cpu = process.cpuUsage();
    const report = await new ImdbImporter(db, { url: PG_URL, schema }).import(data);
    const ours = (Date.now() - t) / 1000;
    console.log(
      `postgres phases (s): ${JSON.stringify(report.timings)}, our process CPU ${cpuSeconds(cpu)} s`,
    );
    await db.destroy();
    console.log(
      `postgres: ours ${ours.toFixed(1)} s (${report.films.added.toLocaleString('en')} films, ${report.titles.toLocaleString('en')} titles, ${report.credits.toLocaleString('en')} credits), psql \\copy ${raw.toFixed(1)} s`,
    );
    rows.push({ db: 'PostgreSQL', ours, raw });
  } finally {
    await admin.query(`drop schema ${schema} cascade; drop schema ${rawSchema} cascade`);
    await admin.end();
  }
}

console.log(
  `\n${gen.totalLines.toLocaleString('en')} lines, ${os.cpus().length} CPUs, load average ${load()} at the end`,
);
console.log('database    ours (s)  raw loader (s)  lines/s ours   ratio raw/ours (goal ≥ 0.5)');
for (const r of rows) {
  console.log(
    `${r.db.padEnd(11)} ${r.ours.toFixed(1).padStart(8)}  ${r.raw.toFixed(1).padStart(14)}  ${Math.round(
      gen.totalLines / r.ours,
    )
      .toLocaleString('en')
      .padStart(12)}   ${(r.raw / r.ours).toFixed(2)}`,
  );
}
fs.rmSync(work, { recursive: true, force: true });
