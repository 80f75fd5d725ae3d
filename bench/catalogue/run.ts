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
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
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
/** Only the rows whose name contains one of these (comma-separated), e.g. `--only decade,person`. */
const ONLY = opt('only', '').split(',').filter(Boolean);
const wanted = (what: string) => !ONLY.length || ONLY.some((o) => what.includes(o));
/** The application's connections, so their server processes' CPU can be read from /proc. */
const APP_NAME = 'kinoteka-bench-catalogue';

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
    if (!fresh) await migrateToLatest(db);
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
  const appUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${APP_NAME}`;
  const db = createDb({ kind: 'postgres', url: appUrl, schema });
  // A kept schema gets the migrations added since it was made (list indexes, say).
  await migrateToLatest(db);
  if (fresh) {
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
  /** This process's CPU per request (user + system; on SQLite the queries run in it). */
  cpuP50: number;
  cpuP95: number;
  /** PostgreSQL's server processes' CPU per request (mean; /proc ticks are 10 ms each). */
  serverCpu: number;
  /** Garbage collection per request (mean) and statements sent per request (mean). */
  gc: number;
  queries: number;
  offsetP95: number;
}

/**
 * Counts the statements the application runs: one result each (a query builder's subqueries
 * pass through transformQuery too, so that would count them again).
 */
class Counter implements KyselyPlugin {
  n = 0;
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    return node;
  }
  async transformResult<R>({ result }: { result: R }): Promise<R> {
    this.n++;
    return result;
  }
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

const TICK_MS = 1000 / 100; // USER_HZ, 100 on Linux
/** CPU (ms) used so far by the server processes of the application's PostgreSQL connections. */
async function serverCpu(admin: pg.Client | undefined): Promise<number> {
  if (!admin) return 0;
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [APP_NAME],
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      // not on this machine, or gone
    }
  }
  return ticks * TICK_MS;
}

async function bench(kind: string): Promise<Row[]> {
  const { db: raw, done } = await prepare(kind);
  const counter = new Counter();
  const db = { ...raw, kysely: raw.kysely.withPlugin(counter), destroy: () => raw.destroy() };
  const config = loadConfig({
    KINOTEKA_DATABASE_URL: kind === 'sqlite' ? ':memory:' : PG_URL,
    KINOTEKA_LOG_LEVEL: 'error',
    KINOTEKA_LOAD_CONTENT_ON_START: 'false',
  });
  const app = await createApplication(config, { db, migrate: false });
  const http = app.http();
  let admin: pg.Client | undefined;
  if (kind === 'postgres') {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  }
  const get = async (url: string) => {
    const q0 = counter.n;
    const c0 = process.cpuUsage();
    const t = process.hrtime.bigint();
    const res = await http.request(url);
    const body = await res.text();
    const took = ms(process.hrtime.bigint() - t);
    const c = process.cpuUsage(c0);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
    return {
      took,
      cpu: (c.user + c.system) / 1000,
      queries: counter.n - q0,
      body,
    };
  };
  type Got = Awaited<ReturnType<typeof get>>;
  const rows: Row[] = [];
  const record = async (
    what: string,
    timed: () => Promise<Got[]>,
    first = NaN,
    offsetP95 = NaN,
  ) => {
    const s0 = await serverCpu(admin);
    const gc0 = gcMs;
    const got = await timed();
    // GC entries are delivered after the pause, not inside the request: counted per row.
    await new Promise((r) => setTimeout(r, 10));
    const gc = (gcMs - gc0) / got.length;
    const server = (await serverCpu(admin)) - s0;
    const times = got.map((g) => g.took);
    const cpu = got.map((g) => g.cpu);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rows.push({
      db: kind,
      what,
      first,
      p50: pct(times, 50),
      p95: pct(times, 95),
      cpuP50: pct(cpu, 50),
      cpuP95: pct(cpu, 95),
      serverCpu: admin ? server / got.length : NaN,
      gc,
      queries: mean(got.map((g) => g.queries)),
      offsetP95,
    });
    process.stderr.write(
      `  ${kind} ${what}: p50 ${f1(pct(times, 50))} p95 ${f1(pct(times, 95))} ms, cpu p50 ${f1(pct(cpu, 50))} ms, ${f1(mean(got.map((g) => g.queries)))} queries\n`,
    );
  };
  // Warm the JIT and the pools (not timed).
  for (let i = 0; i < 30; i++) {
    await get(`/api/v1/films?per_page=24&page=${i + 1}`);
    await get(`/films?page=${i + 1}`);
  }
  // Follow `next` from the first page, then jump: cursors at random depths (years), forwards.
  const run = async (what: string, base: string, page: boolean, filter: string) => {
    if (!wanted(what)) return;
    const sep = filter ? `${filter}&` : '';
    const first = await get(`${base}?${filter}`);
    const nextOf = (b: string) =>
      page
        ? /href="[^"]*[?&]cursor=([^"&]+)"[^>]*rel="next"/.exec(b)?.[1]
        : ((JSON.parse(b) as { next: string | null }).next ?? undefined);
    // OFFSET paging at comparable depths (a random page of the first 40,000 rows).
    const offsets: number[] = [];
    for (let i = 0; i < Math.min(20, PAGES); i++) {
      const n = 1 + ((i * 7919) % 1666);
      offsets.push((await get(`${base}?${sep}page=${n}`)).took);
    }
    await record(
      what,
      async () => {
        const got: Got[] = [];
        let body = first.body;
        for (let i = 0; i < PAGES / 2; i++) {
          const next = nextOf(body);
          if (!next) break;
          const r = await get(`${base}?${sep}cursor=${next}`);
          got.push(r);
          body = r.body;
        }
        for (let i = 0; i < PAGES / 2; i++) {
          const year = 1900 + ((i * 37) % 125);
          const key = base.includes('people')
            ? ['a', `Director ${String((i * 7919) % peopleCount(FILMS)).padStart(7, '0')}`, 'd']
            : ['a', year, `film-${i}`];
          const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
          got.push(await get(`${base}?${sep}cursor=${cursor}`));
        }
        return got;
      },
      first.took,
      pct(offsets, 95),
    );
  };
  for (const [name, q] of FILTERS) {
    await run(`API ${name}`, '/api/v1/films', false, `per_page=24${q ? `&${q}` : ''}`);
    await run(`page ${name}`, '/films', true, q);
  }
  await run('API people', '/api/v1/people', false, 'per_page=50');
  await run('page people', '/people', true, '');
  const person = async (what: string, url: (i: number) => string) => {
    if (!wanted(what)) return;
    await record(what, async () => {
      const got: Got[] = [];
      for (let i = 0; i < PAGES; i++) {
        got.push(await get(url(1 + ((i * 104729) % peopleCount(FILMS)))));
      }
      return got;
    });
  };
  await person('API person', (i) => `/api/v1/people/director-${i}`);
  await person('page person', (i) => `/people/director-${i}`);
  await admin?.end();
  await app.close();
  await done();
  return rows;
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const started = new Date().toISOString();
const loadAtStart = load();
const all: Row[] = [];
for (const kind of DBS) all.push(...(await bench(kind)));
console.log(
  `\n${FILMS.toLocaleString('en')} films, ${PAGES} requests per row, one client (Node ${process.version}, ${os.cpus().length} CPUs)`,
);
console.log(
  `${started} load average ${loadAtStart} (1, 5, 15 min) → ${new Date().toISOString()} load average ${load()}\n`,
);
console.log(
  '| db | request | first ms | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | PG server CPU ms | GC ms | queries | OFFSET p95 ms | OFFSET / keyset |',
);
console.log(
  '| -- | ------- | -------: | -----: | -----: | ---------: | ---------: | ---------------: | ----: | ------: | ------------: | --------------: |',
);
for (const r of all) {
  console.log(
    `| ${r.db} | ${r.what} | ${f1(r.first)} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.cpuP50)} | ${f1(r.cpuP95)} | ${f1(r.serverCpu)} | ${f1(r.gc)} | ${f1(r.queries)} | ${f1(r.offsetP95)} | ${Number.isFinite(r.offsetP95) ? (r.offsetP95 / r.p95).toFixed(1) : '—'} |`,
  );
}
