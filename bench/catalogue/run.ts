/**
 * The catalogue at a million films: the film list (each filter), the people list and their
 * pages, answered by the whole application (Hono app with its response cache, services,
 * repositories) on SQLite and on PostgreSQL, against the same lists paged by OFFSET (what
 * keyset paging replaced) at the same depths. Prints p50/p95 per filter and the ratio.
 *
 *   node --import tsx bench/catalogue/run.ts [--films 1000000] [--db sqlite,postgres]
 *        [--pages 60] [--pg-url postgres://postgres@127.0.0.1:5432/test] [--keep]
 *
 * The catalogue comes from bench/catalogue/generate.ts, loaded by each database's bulk path
 * (better-sqlite3 prepared inserts in one transaction; COPY on PostgreSQL). With --keep the
 * SQLite file (in the system temp folder) and the PostgreSQL schema are kept and reused.
 *
 * Every request has its own URL (a different cursor), so the response cache never answers it:
 * what is timed is the query, the rendering and the JSON. The first request of each filter
 * also counts its films (the count is then kept until the catalogue version moves); it is
 * shown apart as "first".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.ts';
import { createDb, migrateToLatest } from '../../src/db/index.ts';
import { createApplication } from '../../src/main.ts';
import { loadPostgres, loadSqlite, peopleCount } from './generate.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const FILMS = Number(opt('films', '1000000'));
const DBS = opt('db', 'sqlite,postgres').split(',');
const PAGES = Number(opt('pages', '60'));
const PG_URL = opt('pg-url', 'postgres://postgres@127.0.0.1:5432/test');
const KEEP = args.includes('--keep');

const FILTERS: [string, string][] = [
  ['all films', ''],
  ['decade', 'decade=1950'],
  ['year range', 'year_from=1925&year_to=1962'],
  ['country (30%)', 'country=SU'],
  ['country (rare, 0.05%)', 'country=IS'],
  ['director', 'director=director-77'],
  ['language (3%)', 'language=ka'],
  ['language (rare)', 'language=is'],
  ['English access kind', 'access=subtitles'],
  ['no English access', 'access=none'],
];

const ms = (t: bigint) => Number(t) / 1e6;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

async function prepare(
  kind: string,
): Promise<{ db: ReturnType<typeof createDb>; done: () => Promise<void> }> {
  const t0 = process.hrtime.bigint();
  if (kind === 'sqlite') {
    const file = path.join(os.tmpdir(), `kinoteka-bench-catalogue-${FILMS}.db`);
    const fresh = !(KEEP && fs.existsSync(file));
    if (fresh) {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      const db = createDb({ kind: 'sqlite', file });
      await migrateToLatest(db);
      await db.destroy();
      loadSqlite(file, FILMS, (n) => {
        if (n % 100000 === 0) process.stderr.write(`\r  sqlite: ${n} films`);
      });
      process.stderr.write(
        `\n  sqlite: loaded in ${f1(ms(process.hrtime.bigint() - t0) / 1000)} s\n`,
      );
    }
    const db = createDb({ kind: 'sqlite', file });
    return {
      db,
      done: async () => {
        await db.destroy();
        if (!KEEP)
          for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const schema = `bench_catalogue_${FILMS}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const exists =
    (await admin.query('select 1 from pg_namespace where nspname = $1', [schema])).rowCount === 1;
  const fresh = !(KEEP && exists);
  if (fresh) {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
  }
  await admin.end();
  const db = createDb({ kind: 'postgres', url: PG_URL, schema });
  if (fresh) {
    await migrateToLatest(db);
    await loadPostgres(PG_URL, schema, FILMS, (t) => process.stderr.write(`  postgres: ${t}\n`));
    process.stderr.write(
      `  postgres: loaded in ${f1(ms(process.hrtime.bigint() - t0) / 1000)} s\n`,
    );
  }
  return {
    db,
    done: async () => {
      await db.destroy();
      if (!KEEP) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      }
    },
  };
}

interface Row {
  db: string;
  what: string;
  first: number;
  p50: number;
  p95: number;
  offsetP95: number;
}

async function bench(kind: string): Promise<Row[]> {
  const { db, done } = await prepare(kind);
  const config = loadConfig({
    KINOTEKA_DATABASE_URL: kind === 'sqlite' ? ':memory:' : PG_URL,
    KINOTEKA_LOG_LEVEL: 'error',
    KINOTEKA_LOAD_CONTENT_ON_START: 'false',
  });
  const app = await createApplication(config, { db, migrate: false });
  const http = app.http();
  const get = async (url: string) => {
    const t = process.hrtime.bigint();
    const res = await http.request(url);
    const body = await res.text();
    const took = ms(process.hrtime.bigint() - t);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
    return { took, body };
  };
  const rows: Row[] = [];
  // Warm the JIT and the pools (not timed).
  for (let i = 0; i < 30; i++) {
    await get(`/api/v1/films?per_page=24&page=${i + 1}`);
    await get(`/films?page=${i + 1}`);
  }
  // Follow `next` from the first page, then jump: cursors at random depths (years), forwards.
  const run = async (what: string, base: string, page: boolean, filter: string) => {
    const sep = filter ? `${filter}&` : '';
    const first = await get(`${base}?${filter}`);
    const times: number[] = [];
    let body = first.body;
    const nextOf = (b: string) =>
      page
        ? /href="[^"]*[?&]cursor=([^"&]+)"[^>]*rel="next"/.exec(b)?.[1]
        : ((JSON.parse(b) as { next: string | null }).next ?? undefined);
    for (let i = 0; i < PAGES / 2; i++) {
      const next = nextOf(body);
      if (!next) break;
      const r = await get(`${base}?${sep}cursor=${next}`);
      times.push(r.took);
      body = r.body;
    }
    for (let i = 0; i < PAGES / 2; i++) {
      const year = 1900 + ((i * 37) % 125);
      const key = base.includes('people')
        ? ['a', `Director ${String((i * 7919) % peopleCount(FILMS)).padStart(7, '0')}`, 'd']
        : ['a', year, `film-${i}`];
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      times.push((await get(`${base}?${sep}cursor=${cursor}`)).took);
    }
    // OFFSET paging at comparable depths (a random page of the first 40,000 rows).
    const offsets: number[] = [];
    for (let i = 0; i < Math.min(20, PAGES); i++) {
      const n = 1 + ((i * 7919) % 1666);
      offsets.push((await get(`${base}?${sep}page=${n}`)).took);
    }
    rows.push({
      db: kind,
      what,
      first: first.took,
      p50: pct(times, 50),
      p95: pct(times, 95),
      offsetP95: pct(offsets, 95),
    });
    process.stderr.write(`  ${kind} ${what}: p95 ${f1(pct(times, 95))} ms\n`);
  };
  for (const [name, q] of FILTERS) {
    await run(`API ${name}`, '/api/v1/films', false, `per_page=24${q ? `&${q}` : ''}`);
    await run(`page ${name}`, '/films', true, q);
  }
  await run('API people', '/api/v1/people', false, 'per_page=50');
  await run('page people', '/people', true, '');
  const person = async (what: string, url: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < PAGES; i++) {
      times.push((await get(url(1 + ((i * 104729) % peopleCount(FILMS))))).took);
    }
    rows.push({
      db: kind,
      what,
      first: NaN,
      p50: pct(times, 50),
      p95: pct(times, 95),
      offsetP95: NaN,
    });
  };
  await person('API person', (i) => `/api/v1/people/director-${i}`);
  await person('page person', (i) => `/people/director-${i}`);
  await app.close();
  await done();
  return rows;
}

const all: Row[] = [];
for (const kind of DBS) all.push(...(await bench(kind)));
console.log(
  `\n${FILMS.toLocaleString('en')} films, ${PAGES} requests per row (Node ${process.version})\n`,
);
console.log('| db | request | first ms | p50 ms | p95 ms | OFFSET p95 ms | OFFSET / keyset |');
console.log('| -- | ------- | -------: | -----: | -----: | ------------: | --------------: |');
for (const r of all) {
  console.log(
    `| ${r.db} | ${r.what} | ${f1(r.first)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.offsetP95)} | ${Number.isFinite(r.offsetP95) ? (r.offsetP95 / r.p95).toFixed(1) : '—'} |`,
  );
}
