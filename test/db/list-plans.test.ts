/**
 * Every catalogue list query is answered from an index, on both databases: the test records the
 * SQL the repository really sends (each filter, both plans, first page and keyset pages either
 * way, the counts, the people list) and asks the database for its plan. SQLite: EXPLAIN QUERY
 * PLAN must show no `SCAN <table>` without an index and, for the ordered walk, no temporary
 * B-tree for the ORDER BY. PostgreSQL: with sequential scans (and, for the walk, sorts) priced
 * out, EXPLAIN must show no Seq Scan (and no Sort) — a plan can only avoid them if an index
 * exists. Dropping one index makes the check fail, which the last case proves.
 */
import { CompiledQuery, type Kysely, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import {
  CatalogRepository,
  type FilmFilter,
  type ListKey,
} from '../../src/modules/catalog/index.ts';
import { loadKysely } from '../../bench/catalogue/generate.ts';
import { DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

const FILTERS: [name: string, filter: FilmFilter][] = [
  ['all films', {}],
  ['decade', { decade: 1950 }],
  ['year range', { yearFrom: 1925, yearTo: 1962 }],
  ['country', { country: 'SU' }],
  ['director', { director: 'director-3' }],
  ['language', { language: 'ka' }],
  ['English access kind', { access: 'subtitles' }],
  ['no English access', { access: 'none' }],
  ['decade and country', { decade: 1960, country: 'FR' }],
];

/** Records every query the repository sends, compiled as the database receives it. */
class Recorder implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    this.nodes.push(node);
    return node;
  }
  async transformResult<R>({ result }: { result: R }): Promise<R> {
    return result;
  }
}

async function plansOf(
  db: TestDb,
  run: (repo: CatalogRepository) => Promise<unknown>,
): Promise<{ sql: string; plan: string[] }[]> {
  const recorder = new Recorder();
  const kysely = db.kysely.withPlugin(recorder);
  await run(new CatalogRepository(kysely));
  const compiled = recorder.nodes.map((n) =>
    db.kysely.getExecutor().compileQuery(n, { queryId: 'plan' } as never),
  );
  return db.kysely.connection().execute(async (conn: Kysely<Database>) => {
    const out: { sql: string; plan: string[] }[] = [];
    if (db.dialect === 'postgres') {
      await sql`set enable_seqscan = off`.execute(conn);
      await sql`set enable_sort = off`.execute(conn);
    }
    for (const q of compiled) {
      const prefix = db.dialect === 'postgres' ? 'explain ' : 'explain query plan ';
      const r = await conn.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(prefix + q.sql, [...q.parameters]),
      );
      const plan = r.rows.map((row) =>
        String(db.dialect === 'postgres' ? row['QUERY PLAN'] : row.detail),
      );
      out.push({ sql: q.sql, plan });
    }
    if (db.dialect === 'postgres') {
      await sql`reset enable_seqscan`.execute(conn);
      await sql`reset enable_sort`.execute(conn);
    }
    return out;
  });
}

/** The indexes an ordered walk may read from one end (it stops after a page of rows). */
const WALK_INDEXES = /films_year_slug_idx|people_name_slug_idx/;

/**
 * What is wrong with the plans, as readable lines (none: every table is reached through an
 * index condition, or walked in list order). `sorted`: a sort of the rows is allowed (the pick
 * plan sorts the few matching films); never allowed for the ordered walk of films or people.
 */
function problems(
  dialect: string,
  plans: { sql: string; plan: string[] }[],
  opts: { sorted: boolean },
): string[] {
  const bad: string[] = [];
  for (const { sql: text, plan } of plans) {
    const lists = /^select .* from "(films|people)"/.test(text);
    const report = (line: string) => bad.push(`${line.trim()}  ←  ${text}`);
    plan.forEach((line, i) => {
      if (dialect === 'sqlite') {
        const scan = /^SCAN (\w+)(.*)$/.exec(line.trim());
        // `page`: the page's own rows, cut by the LIMIT of the subquery that found them (the
        // titles, directors and access kinds are read for those rows only).
        if (scan && scan[1] !== 'page' && !WALK_INDEXES.test(scan[2] ?? '')) report(line);
        if (!opts.sorted && lists && /USE TEMP B-TREE FOR ORDER BY/.test(line)) report(line);
        // A Bloom filter (or an automatic index) is built from every matching row first: the
        // walk must probe per film instead.
        if (!opts.sorted && /BLOOM FILTER|AUTOMATIC/.test(line)) report(line);
        return;
      }
      if (/Seq Scan/.test(line)) report(line);
      if (!opts.sorted && lists && /\bSort\b/.test(line)) report(line);
      // An index scan with no Index Cond reads the whole index: a scan by another name.
      if (/Index (Only )?Scan/.test(line) && !WALK_INDEXES.test(line)) {
        const depth = line.search(/\S/);
        const detail = [];
        for (let k = i + 1; k < plan.length && !/->/.test(plan[k]!); k++) {
          if (plan[k]!.search(/\S/) <= depth) break;
          detail.push(plan[k]!);
        }
        if (!detail.some((d) => /Index Cond/.test(d))) report(line);
      }
    });
  }
  return bad;
}

const after = (year: number, slug: string): ListKey<number> => ({ a: year, b: slug, dir: 'after' });
const before = (year: number, slug: string): ListKey<number> => ({
  a: year,
  b: slug,
  dir: 'before',
});

describe.each(DIALECTS)('catalogue list plans on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await loadKysely(db.kysely, 400);
    if (dialect === 'sqlite') await sql`analyze`.execute(db.kysely);
  }, 60_000);
  afterAll(() => db?.cleanup());

  it.each(FILTERS)('%s: the ordered walk uses the (year, slug) index and no sort', async (_, f) => {
    const plans = await plansOf(db, async (repo) => {
      await repo.listFilms(f, { limit: 24, plan: 'walk' });
      await repo.listFilms(f, { limit: 24, plan: 'walk', key: after(1950, 'film-9-1950') });
      await repo.listFilms(f, { limit: 24, plan: 'walk', key: before(1950, 'film-9-1950') });
    });
    expect(plans.length).toBeGreaterThanOrEqual(3);
    expect(problems(dialect, plans, { sorted: false })).toEqual([]);
  });

  it.each(
    FILTERS.filter(
      ([, f]) => f.director || f.country || f.language || (f.access !== 'none' && f.access),
    ),
  )('%s: the pick plan takes the ids from the filter’s index, and the count too', async (_, f) => {
    const plans = await plansOf(db, async (repo) => {
      await repo.listFilms(f, { limit: 24, plan: 'pick' });
      await repo.listFilms(f, { limit: 24, plan: 'pick', key: after(1950, 'film-9-1950') });
      await repo.countFilms(f);
    });
    expect(problems(dialect, plans, { sorted: true })).toEqual([]);
  });

  it('the people list walks (name, slug) by keyset', async () => {
    const plans = await plansOf(db, async (repo) => {
      await repo.listPeople({ limit: 50 });
      await repo.listPeople({
        limit: 50,
        key: { a: 'Director 0000007', b: 'director-7', dir: 'after' },
      });
      await repo.listPeople({
        limit: 50,
        key: { a: 'Director 0000007', b: 'director-7', dir: 'before' },
      });
    });
    expect(problems(dialect, plans, { sorted: false })).toEqual([]);
  });

  it('fails when an index is missing: without (year, slug) the list sorts the whole table', async () => {
    await sql`drop index films_year_slug_idx`.execute(db.kysely);
    try {
      const plans = await plansOf(db, (repo) => repo.listFilms({ decade: 1950 }, { limit: 24 }));
      expect(problems(dialect, plans, { sorted: false })).not.toEqual([]);
    } finally {
      await sql`create index films_year_slug_idx on films (year, slug)`.execute(db.kysely);
    }
  });
});
