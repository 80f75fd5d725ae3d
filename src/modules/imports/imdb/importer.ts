/**
 * `kinoteka import imdb DIR`: the IMDb datasets into the catalogue, in two steps.
 *
 * 1. Staging. Each file is streamed (gzip → lines → fields), checked line by line, filtered to
 *    what we keep (the configured title types; akas, crew and cast of those titles; the names
 *    of the people they credit) and bulk-written into its staging table: COPY on PostgreSQL,
 *    multi-row prepared INSERTs on SQLite. One file is one transaction, together with the run's
 *    note that the file is staged, so a run killed mid-file loses only that file's staging.
 * 2. Apply. One transaction of set-based statements moves the staged rows into films, titles,
 *    people and credits (the IMDb id is unique, so an id never becomes two films), links IMDb
 *    titles to content-managed films instead of duplicating them, marks the run done, empties
 *    the staging tables and moves the catalogue version. A run killed here leaves the catalogue
 *    as it was; the next run finds its staged files and applies them.
 *
 * A malformed line stops the run before anything reaches the catalogue (the file's staging is
 * rolled back, the run is marked failed) unless `skipBad` is set: then it is reported and left
 * out. Memory stays flat: lines are read in batches, and the sets of kept ids are bitmaps.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../../lib/errors.ts';
import { sameName } from '../../../lib/text/index.ts';
import type { Db } from '../../../db/index.ts';
import {
  DEFAULT_TYPES,
  IdSet,
  IMDB_FILES,
  type ImdbFileKey,
  mapAka,
  mapBasics,
  mapCrew,
  mapName,
  mapPrincipal,
  STAGE_ORDER,
  type StageCredit,
} from './imdb.ts';
import { type Exec, openSession, type PgTarget, type Session } from './session.ts';
import { ImdbFormatError, readTsv, type TsvProgress } from './tsv.ts';

export interface ImdbImportOptions {
  /** Title types to import (IMDb's titleType): movie, tvMovie, short by default. */
  types?: readonly string[];
  /** Report malformed lines and leave them out, instead of stopping the import. */
  skipBad?: boolean;
  onProgress?: (p: ImdbProgress) => void;
  /** Called after each file is staged (tests use it to stop a run at a known point). */
  onStaged?: (file: string) => void;
  /**
   * The bulk apply: the secondary indexes of films, titles, people and credits (and, on
   * PostgreSQL, the foreign keys of titles and credits) are dropped for the apply and built
   * again after it, in its transaction. `undefined` (the default) chooses it when the catalogue
   * holds fewer titles and credits than the run adds (a first import of a big data set).
   * On PostgreSQL it locks those tables against readers too until the apply commits.
   */
  bulk?: boolean;
}

export interface ImdbProgress {
  phase: 'stage' | 'apply';
  file: string;
  /** Compressed bytes read of this file, and its size. */
  bytesRead: number;
  totalBytes: number;
  lines: number;
  /** Lines a second over the whole run so far. */
  rowsPerSecond: number;
}

export interface ImdbImportReport {
  run: number;
  resumed: boolean;
  /** Files staged by an earlier, interrupted run and not read again. */
  reused: string[];
  lines: Record<string, number>;
  staged: Record<string, number>;
  films: { added: number; updated: number; linked: { slug: string; imdbId: string; by: string }[] };
  titles: number;
  people: { added: number; linked: number };
  credits: number;
  skipped: { noYear: number; badLines: number };
  badLines: { where: string; message: string }[];
  seconds: number;
  rowsPerSecond: number;
  /** Wall-clock seconds of each staged file and of the apply. */
  timings: Record<string, number>;
  /** Whether the apply dropped and rebuilt the indexes (see `ImdbImportOptions.bulk`). */
  bulk: boolean;
}

/** The tables the apply writes, whose secondary indexes the bulk apply rebuilds. */
const TARGETS = ['films', 'titles', 'people', 'credits'];
/** The tables whose foreign keys the bulk apply re-checks in one pass (PostgreSQL). */
const FK_TARGETS = ['titles', 'credits'];
/**
 * The triggers that fill film_languages from films.languages, per row. Imported films have no
 * languages (''), so for them the trigger writes nothing: the bulk apply leaves it out.
 */
const LANGUAGE_TRIGGERS = { sqlite: 'films_languages_ai', postgres: 'films_languages_sync' };
/** Staged rows are written in runs of this many (a few multi-row statements, or COPY chunks). */
const WRITE_ROWS = 16_000;
/** Below this many rows added, dropping and rebuilding indexes is not worth it. */
const BULK_MIN_ROWS = 50_000;

const STAGE_TABLE: Record<ImdbFileKey, string> = {
  basics: 'imdb_stage_titles',
  akas: 'imdb_stage_akas',
  crew: 'imdb_stage_credits',
  principals: 'imdb_stage_credits',
  names: 'imdb_stage_names',
};
const COLUMNS: Record<string, readonly string[]> = {
  imdb_stage_titles: [
    'tconst',
    'slug',
    'title_type',
    'primary_title',
    'original_title',
    'year',
    'runtime',
  ],
  imdb_stage_akas: ['tconst', 'ordering', 'title', 'region', 'language', 'types', 'is_original'],
  imdb_stage_credits: ['tconst', 'nconst', 'role', 'position', 'character'],
  imdb_stage_names: ['nconst', 'slug', 'name'],
};
const ALL_STAGING = [
  'imdb_stage_titles',
  'imdb_stage_akas',
  'imdb_stage_credits',
  'imdb_stage_names',
];

/**
 * Empties staging tables in the caller's transaction. PostgreSQL truncates (a DELETE would mark
 * every one of millions of rows); SQLite's DELETE without WHERE drops the pages just as fast.
 */
async function emptyStaging(
  tx: Exec,
  dialect: 'sqlite' | 'postgres',
  tables: readonly string[],
): Promise<void> {
  if (dialect === 'postgres') await tx.run(`truncate ${tables.join(', ')}`);
  else for (const t of tables) await tx.run(`delete from ${t}`);
}

interface RunRow {
  id: number;
  fingerprint: string;
  state: string;
  staged: string;
  stats: string;
}

export class ImdbImporter {
  constructor(
    private readonly db: Db,
    private readonly pg?: PgTarget,
  ) {}

  async import(dir: string, opts: ImdbImportOptions = {}): Promise<ImdbImportReport> {
    const types = [...(opts.types ?? DEFAULT_TYPES)];
    const files = await this.checkFiles(dir);
    const fingerprint = JSON.stringify({ types, skipBad: !!opts.skipBad, files });
    const session = await openSession(this.db, this.pg);
    try {
      return await this.run(session, dir, fingerprint, new Set(types), opts);
    } finally {
      await session.close();
    }
  }

  private async checkFiles(dir: string): Promise<{ name: string; size: number; mtime: number }[]> {
    const out = [];
    const missing: { where: string; message: string }[] = [];
    for (const key of STAGE_ORDER) {
      const name = IMDB_FILES[key].file;
      try {
        const s = await stat(path.join(dir, name));
        out.push({ name, size: s.size, mtime: Math.round(s.mtimeMs) });
      } catch {
        missing.push({ where: path.join(dir, name), message: 'not found' });
      }
    }
    if (missing.length) {
      throw new ValidationError(
        `${dir} lacks ${missing.length === 1 ? 'an IMDb dataset file' : 'IMDb dataset files'}: ${missing.map((m) => path.basename(m.where)).join(', ')}`,
        missing,
      );
    }
    return out;
  }

  private async run(
    s: Session,
    dir: string,
    fingerprint: string,
    types: ReadonlySet<string>,
    opts: ImdbImportOptions,
  ): Promise<ImdbImportReport> {
    const started = Date.now();
    const now = () => new Date().toISOString();
    const report: ImdbImportReport = {
      run: 0,
      resumed: false,
      reused: [],
      lines: {},
      staged: {},
      films: { added: 0, updated: 0, linked: [] },
      titles: 0,
      people: { added: 0, linked: 0 },
      credits: 0,
      skipped: { noYear: 0, badLines: 0 },
      badLines: [],
      seconds: 0,
      rowsPerSecond: 0,
      timings: {},
      bulk: false,
    };

    // An unfinished run over the same files resumes; any other unfinished run is abandoned.
    const open = await s.query<RunRow>(
      "select id, fingerprint, state, staged, stats from import_runs where source = 'imdb' and state = 'running' order by id desc",
    );
    let run = open.find((r) => r.fingerprint === fingerprint);
    let staged: string[] = [];
    if (run) {
      staged = run.staged ? run.staged.split(',') : [];
      const prior = JSON.parse(run.stats) as Partial<ImdbImportReport>;
      Object.assign(report.staged, prior.staged ?? {});
      Object.assign(report.lines, prior.lines ?? {});
      if (prior.skipped) report.skipped = prior.skipped;
      // An unlogged table is emptied by a server crash: trust staged files only if their rows are there.
      if (!(await this.stagingIntact(s, staged, report.staged))) staged = [];
      report.resumed = true;
      report.reused = [...staged];
    }
    await s.transaction(async (tx) => {
      for (const r of open) {
        if (r.id !== run?.id) {
          await tx.run(
            "update import_runs set state = 'failed', error = ?, updated_at = ? where id = ?",
            ['abandoned: another import started over different files', now(), r.id],
          );
        }
      }
      if (!run) {
        await tx.run(
          "insert into import_runs (source, fingerprint, state, staged, stats, started_at, updated_at) values ('imdb', ?, 'running', '', '{}', ?, ?)",
          [fingerprint, now(), now()],
        );
        const [row] = await tx.query<RunRow>(
          "select id, fingerprint, state, staged, stats from import_runs where source = 'imdb' and state = 'running' order by id desc limit 1",
        );
        run = row;
      }
      if (staged.length === 0) await emptyStaging(tx, s.dialect, ALL_STAGING);
    });
    if (!run) throw new Error('the import run could not be recorded');
    const runId = run.id;
    report.run = runId;

    const titles = new IdSet();
    const people = new IdSet();
    if (staged.includes('basics')) await this.reloadIds(s, titles, people, staged);

    let linesSoFar = Object.values(report.lines).reduce((a, b) => a + b, 0);
    for (const key of STAGE_ORDER) {
      if (staged.includes(key)) continue;
      const { file, header } = IMDB_FILES[key];
      const table = STAGE_TABLE[key];
      const fileStart = Date.now();
      let count = 0;
      let fileLines = 0;
      const bad: ImdbFormatError[] = [];
      const onBad = (e: ImdbFormatError) => {
        if (!opts.skipBad) throw e;
        bad.push(e);
      };
      try {
        await s.transaction(async (tx) => {
          if (key === 'crew') await tx.run("delete from imdb_stage_credits where role <> 'cast'");
          else if (key === 'principals')
            await tx.run("delete from imdb_stage_credits where role = 'cast'");
          else await emptyStaging(tx, s.dialect, [table]);
          const writer = tx.bulk(table, COLUMNS[table]!);
          let noYear = 0;
          // Rows are written in runs of WRITE_ROWS, whatever the size of the decoded chunks.
          let out: unknown[][] = [];
          const flush = async () => {
            if (out.length === 0) return;
            const rows = out;
            out = [];
            count += rows.length;
            await writer.write(rows);
          };
          let result: { lines: number };
          try {
            result = await readTsv(
              path.join(dir, file),
              header,
              async (batch) => {
                for (let i = 0; i < batch.size; i++) {
                  const row = batch.row(i);
                  const line = batch.lines[i]!;
                  try {
                    if (key === 'basics') {
                      const m = mapBasics(row, file, line, types);
                      if (m === 'no-year') noYear++;
                      else if (m !== 'skip') {
                        titles.add(m.id);
                        out.push(m.row);
                      }
                    } else if (key === 'akas') {
                      const m = mapAka(row, file, line, titles);
                      if (m) out.push(m);
                    } else if (key === 'crew') {
                      const before = out.length;
                      try {
                        mapCrew(row, file, line, titles, people, out as StageCredit[]);
                      } catch (e) {
                        out.length = before; // a bad line adds none of its credits
                        throw e;
                      }
                    } else if (key === 'principals') {
                      const m = mapPrincipal(row, file, line, titles, people);
                      if (m) out.push(m);
                    } else {
                      const m = mapName(row, file, line, people);
                      if (m) out.push(m);
                    }
                  } catch (e) {
                    if (e instanceof ImdbFormatError) onBad(e);
                    else throw e;
                  }
                }
                if (out.length >= WRITE_ROWS) await flush();
              },
              {
                onBadLine: onBad,
                onProgress: (p: TsvProgress) => {
                  fileLines = p.lines;
                  const secs = Math.max(0.001, (Date.now() - started) / 1000);
                  opts.onProgress?.({
                    phase: 'stage',
                    ...p,
                    rowsPerSecond: Math.round((linesSoFar + p.lines) / secs),
                  });
                },
              },
            );
            await flush();
          } catch (e) {
            await writer.abort();
            throw e;
          }
          await writer.end();
          fileLines = result.lines;
          report.lines[key] = result.lines;
          report.staged[key] = count;
          if (key === 'basics') report.skipped.noYear = noYear;
          report.skipped.badLines += bad.length;
          staged.push(key);
          report.timings[key] = (Date.now() - fileStart) / 1000;
          await tx.run(
            'update import_runs set staged = ?, stats = ?, updated_at = ? where id = ?',
            [staged.join(','), JSON.stringify(report), now(), runId],
          );
        });
      } catch (e) {
        await s
          .run("update import_runs set state = 'failed', error = ?, updated_at = ? where id = ?", [
            (e as Error).message,
            now(),
            runId,
          ])
          .catch(() => {});
        throw e;
      }
      for (const b of bad)
        report.badLines.push({ where: `${b.file}:${b.line}`, message: b.detail });
      linesSoFar += fileLines;
      opts.onStaged?.(file);
    }

    opts.onProgress?.({
      phase: 'apply',
      file: '',
      bytesRead: 0,
      totalBytes: 0,
      lines: linesSoFar,
      rowsPerSecond: 0,
    });
    const applyStart = Date.now();
    await s.transaction(async (tx) => {
      // Fresh staging tables have no statistics; without them PostgreSQL plans nested loops.
      if (s.dialect === 'postgres') for (const t of ALL_STAGING) await tx.run(`analyze ${t}`);
      await this.apply(tx, s.dialect, report, now(), opts.bulk);
      report.timings.apply = (Date.now() - applyStart) / 1000;
      report.seconds = Math.round((Date.now() - started) / 100) / 10;
      report.rowsPerSecond = Math.round(linesSoFar / Math.max(0.001, report.seconds));
      await tx.run(
        "update import_runs set state = 'done', stats = ?, updated_at = ?, finished_at = ? where id = ?",
        [JSON.stringify(report), now(), now(), runId],
      );
      await emptyStaging(tx, s.dialect, ALL_STAGING);
      const stamp = `imdb-${runId}-${now()}`;
      await tx.run(
        "insert into meta (key, value) values ('catalog_version', ?) on conflict (key) do update set value = excluded.value",
        [stamp],
      );
      if (s.dialect === 'postgres') {
        // As bumpCatalogVersion (src/db/version.ts) does: the other nodes hear of it on commit.
        await tx.query("select pg_notify('kinoteka_catalog:' || current_schema(), ?)", [stamp]);
      }
    });
    return report;
  }

  private async stagingIntact(
    s: Session,
    staged: readonly string[],
    counts: Record<string, number>,
  ): Promise<boolean> {
    const want: Record<string, number> = {};
    for (const key of staged) {
      const t = STAGE_TABLE[key as ImdbFileKey];
      want[t] = (want[t] ?? 0) + (counts[key] ?? 0);
    }
    for (const [t, n] of Object.entries(want)) {
      const [row] = await s.query<{ n: number }>(`select count(*) as n from ${t}`);
      if (Number(row?.n) !== n) return false;
    }
    return true;
  }

  /** Rebuilds the kept-id bitmaps of a resumed run from its staged rows, in pages. */
  private async reloadIds(
    s: Session,
    titles: IdSet,
    people: IdSet,
    staged: readonly string[],
  ): Promise<void> {
    const page = async (table: string, column: string, into: IdSet) => {
      let after = '';
      for (;;) {
        const rows = await s.query<{ id: string }>(
          `select distinct ${column} as id from ${table} where ${column} > ? order by ${column} limit 50000`,
          [after],
        );
        for (const r of rows) into.add(Number(r.id.slice(2)));
        if (rows.length < 50000) return;
        after = rows[rows.length - 1]!.id;
      }
    };
    await page('imdb_stage_titles', 'tconst', titles);
    if (staged.includes('crew') || staged.includes('principals'))
      await page('imdb_stage_credits', 'nconst', people);
  }

  /** The staged rows into the catalogue: one transaction of set-based statements. */
  private async apply(
    tx: Exec,
    dialect: 'sqlite' | 'postgres',
    report: ImdbImportReport,
    now: string,
    bulk: boolean | undefined,
  ): Promise<void> {
    let mark = Date.now();
    const step = (name: string) => {
      const t = Date.now();
      report.timings[`apply.${name}`] = (t - mark) / 1000;
      mark = t;
    };
    report.films.linked = await this.linkContentFilms(tx);
    report.people.linked = await this.linkContentPeople(tx);
    step('link');
    report.bulk = bulk ?? (await this.bulkPays(tx, report));
    const rebuild = report.bulk ? await this.dropForBulk(tx, dialect) : [];
    step('drop');

    report.films.updated = await tx.run(
      `update films set year = s.year, runtime_minutes = s.runtime, updated_at = ?
       from imdb_stage_titles s
       where films.imdb_id = s.tconst and films.origin = 'imdb'
         and (films.year <> s.year or films.runtime_minutes is distinct from s.runtime)`,
      [now],
    );
    report.films.added = await tx.run(
      `insert into films (slug, year, runtime_minutes, silent, languages, synopsis, origin, updated_at, imdb_id)
       select s.slug, s.year, s.runtime, 0, '', '', 'imdb', ?, s.tconst
       from imdb_stage_titles s
       where not exists (select 1 from films f where f.imdb_id = s.tconst)`,
      [now],
    );
    // Fresh rows have no statistics yet; the joins of the titles and credits need them.
    if (dialect === 'postgres' && report.films.added > 1000) await tx.run('analyze films');
    step('films');

    const imported = `select f.id from films f join imdb_stage_titles s on s.tconst = f.imdb_id where f.origin = 'imdb'`;
    await tx.run(`delete from titles where film_id in (${imported})`);
    let titles = await tx.run(
      `insert into titles (film_id, kind, text, language, script, note, position, region)
       select f.id, 'english', s.primary_title, 'und', null, 'IMDb primary title', 0, null
       from imdb_stage_titles s join films f on f.imdb_id = s.tconst and f.origin = 'imdb'`,
    );
    titles += await tx.run(
      `insert into titles (film_id, kind, text, language, script, note, position, region)
       select f.id, 'original', s.original_title, 'und', null, 'IMDb original title', 1, null
       from imdb_stage_titles s join films f on f.imdb_id = s.tconst and f.origin = 'imdb'
       where s.original_title <> s.primary_title`,
    );
    titles += await tx.run(
      `insert into titles (film_id, kind, text, language, script, note, position, region)
       select f.id, 'alternative', a.title, coalesce(a.language, 'und'), null,
              'IMDb aka' || coalesce(' (' || a.types || ')', ''),
              1 + row_number() over (partition by a.tconst order by a.ordering), a.region
       from (select tconst, ordering, title, region, language, types,
                    row_number() over (partition by tconst, title order by ordering) as dup
             from imdb_stage_akas) a
       join imdb_stage_titles s on s.tconst = a.tconst
       join films f on f.imdb_id = a.tconst and f.origin = 'imdb'
       where a.dup = 1 and a.title <> s.primary_title and a.title <> s.original_title`,
    );
    report.titles = titles;
    step('titles');

    // People: imported ones take IMDb's current name; content people keep theirs.
    await tx.run(
      `update people set name = n.name
       from imdb_stage_names n
       where people.imdb_id = n.nconst and people.slug = n.slug and people.name <> n.name`,
    );
    report.people.added = await tx.run(
      `insert into people (slug, name, name_original, imdb_id)
       select n.slug, n.name, null, n.nconst from imdb_stage_names n
       where not exists (select 1 from people p where p.imdb_id = n.nconst)`,
    );

    if (dialect === 'postgres' && report.people.added > 1000) await tx.run('analyze people');
    step('people');
    await tx.run(`delete from credits where film_id in (${imported})`);
    report.credits = await tx.run(
      `insert into credits (film_id, person_id, role, character, position)
       select f.id, p.id, c.role, c.character, c.position
       from imdb_stage_credits c
       join films f on f.imdb_id = c.tconst and f.origin = 'imdb'
       join people p on p.imdb_id = c.nconst`,
    );
    step('credits');
    for (const statement of rebuild) await tx.run(statement);
    step('rebuild');
  }

  /** The bulk apply pays when the run adds more than twice the rows the tables it writes hold. */
  private async bulkPays(tx: Exec, report: ImdbImportReport): Promise<boolean> {
    const st = report.staged;
    const adding = (st.basics ?? 0) * 2 + (st.akas ?? 0) + (st.crew ?? 0) + (st.principals ?? 0);
    if (adding < BULK_MIN_ROWS) return false;
    // Counted up to what the run adds: a big catalogue is not scanned to the end.
    const [row] = await tx.query<{ n: number }>(
      `select (select count(*) from (select 1 from titles limit ?) t)
            + (select count(*) from (select 1 from credits limit ?) c) as n`,
      [adding, adding],
    );
    return Number(row?.n ?? 0) * 2 < adding;
  }

  /**
   * Drops the secondary (non-unique) indexes of the tables the apply writes and, on
   * PostgreSQL, the foreign keys of titles and credits; returns the statements that make them
   * again (indexes built from the sorted rows, each key checked in one pass instead of a
   * lookup a row). The unique indexes stay: the apply relies on them.
   */
  private async dropForBulk(tx: Exec, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
    const rebuild: string[] = [];
    const marks = TARGETS.map(() => '?').join(',');
    if (dialect === 'sqlite') {
      const indexes = await tx.query<{ name: string; sql: string }>(
        `select name, sql from sqlite_master
         where type = 'index' and tbl_name in (${marks}) and sql is not null
           and upper(sql) not like 'CREATE UNIQUE%'`,
        TARGETS,
      );
      for (const i of indexes) {
        await tx.run(`drop index "${i.name}"`);
        rebuild.push(i.sql);
      }
      const [trigger] = await tx.query<{ sql: string }>(
        "select sql from sqlite_master where type = 'trigger' and tbl_name = 'films' and name = ?",
        [LANGUAGE_TRIGGERS.sqlite],
      );
      if (trigger) {
        await tx.run(`drop trigger "${LANGUAGE_TRIGGERS.sqlite}"`);
        rebuild.push(trigger.sql);
      }
      return rebuild;
    }
    await tx.run("set local maintenance_work_mem = '512MB'");
    // The tables are all but empty and every join below is over whole tables: hash joins (the
    // akas' window filter is estimated at a few rows and would get a nested loop otherwise).
    await tx.run('set local enable_nestloop = off');
    const fks = await tx.query<{ tbl: string; name: string; def: string }>(
      `select c.relname as tbl, k.conname as name, pg_get_constraintdef(k.oid) as def
       from pg_constraint k join pg_class c on c.oid = k.conrelid
       where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace
         and c.relname in (${FK_TARGETS.map(() => '?').join(',')})`,
      FK_TARGETS,
    );
    const indexes = await tx.query<{ name: string; def: string }>(
      `select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ci on ci.oid = i.indexrelid
       where c.relnamespace = current_schema()::regnamespace and c.relname in (${marks})
         and not i.indisunique and not i.indisprimary
         and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      TARGETS,
    );
    for (const k of fks) {
      await tx.run(`alter table "${k.tbl}" drop constraint "${k.name}"`);
    }
    for (const i of indexes) {
      await tx.run(`drop index "${i.name}"`);
      rebuild.push(i.def);
    }
    const [trigger] = await tx.query<{ n: number }>(
      `select count(*) as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where c.relname = 'films' and c.relnamespace = current_schema()::regnamespace and t.tgname = ?`,
      [LANGUAGE_TRIGGERS.postgres],
    );
    if (Number(trigger?.n)) {
      await tx.run(`alter table films disable trigger "${LANGUAGE_TRIGGERS.postgres}"`);
      rebuild.push(`alter table films enable trigger "${LANGUAGE_TRIGGERS.postgres}"`);
    }
    // NOT VALID, then VALIDATE: the check of the existing rows is one anti-join, not a lookup a row.
    for (const k of fks) {
      rebuild.push(`alter table "${k.tbl}" add constraint "${k.name}" ${k.def} not valid`);
      rebuild.push(`alter table "${k.tbl}" validate constraint "${k.name}"`);
    }
    return rebuild;
  }

  /**
   * Content-managed films are never duplicated: a staged IMDb title becomes the content film's
   * IMDb id when the film's own sources cite that IMDb page, or else when exactly one staged
   * title has one of its titles, its year (±1) and one of its directors. An IMDb film imported
   * earlier under that id is merged into the content film (collection entries follow it).
   */
  private async linkContentFilms(
    tx: Exec,
  ): Promise<{ slug: string; imdbId: string; by: string }[]> {
    const content = await tx.query<{
      id: number;
      slug: string;
      year: number;
      imdb_id: string | null;
    }>("select id, slug, year, imdb_id from films where origin = 'content'");
    if (content.length === 0) return [];
    const cited = await tx.query<{ film_id: number; url: string }>(
      `select fs.film_id, s.url from film_synopsis_sources fs join sources s on s.id = fs.source_id where s.url like '%imdb.com/title/tt%'
       union select f.film_id, s.url from facts f join fact_sources x on x.fact_id = f.id join sources s on s.id = x.source_id where s.url like '%imdb.com/title/tt%'
       union select a.film_id, s.url from access_offers a join sources s on s.id = a.source_id where s.url like '%imdb.com/title/tt%'`,
    );
    // The knowledge files' statements cite sources too (subject: the film's slug).
    const kb = await tx.query<{ subject: string | null; doc: string }>(
      "select subject, doc from kb_records where layer = 'content' and kind = 'statement' and doc like '%imdb.com/title/tt%'",
    );
    const idsByFilm = new Map<number, Set<string>>();
    const note = (filmId: number, url: string) => {
      for (const m of url.matchAll(/imdb\.com\/title\/(tt\d{7,9})/g)) {
        const set = idsByFilm.get(filmId) ?? new Set<string>();
        set.add(m[1]!);
        idsByFilm.set(filmId, set);
      }
    };
    for (const c of cited) note(c.film_id, c.url);
    const bySlug = new Map(content.map((f) => [f.slug, f]));
    for (const k of kb) {
      const film = k.subject ? bySlug.get(k.subject) : undefined;
      if (film) note(film.id, k.doc);
    }

    const linked: { slug: string; imdbId: string; by: string }[] = [];
    for (const film of content) {
      let imdbId: string | undefined;
      let by = '';
      const ids = [...(idsByFilm.get(film.id) ?? [])];
      for (const id of ids) {
        const [hit] = await tx.query<{ tconst: string }>(
          'select tconst from imdb_stage_titles where tconst = ?',
          [id],
        );
        if (hit) {
          imdbId = hit.tconst;
          by = 'cited IMDb page';
          break;
        }
      }
      if (!imdbId) {
        imdbId = await this.matchByTitle(tx, film);
        by = 'title, year and director';
      }
      if (!imdbId || imdbId === film.imdb_id) continue;
      if (film.imdb_id) continue; // linked before to another id: a curator's decision, kept
      const [holder] = await tx.query<{ id: number; origin: string }>(
        'select id, origin from films where imdb_id = ?',
        [imdbId],
      );
      if (holder && holder.origin !== 'imdb') continue;
      if (holder) {
        await tx.run('update collection_entries set film_id = ? where film_id = ?', [
          film.id,
          holder.id,
        ]);
        await tx.run('delete from films where id = ?', [holder.id]);
      }
      await tx.run('update films set imdb_id = ? where id = ?', [imdbId, film.id]);
      linked.push({ slug: film.slug, imdbId, by });
    }
    return linked;
  }

  private async matchByTitle(
    tx: Exec,
    film: { id: number; year: number },
  ): Promise<string | undefined> {
    const titles = await tx.query<{ text: string }>('select text from titles where film_id = ?', [
      film.id,
    ]);
    const directors = (
      await tx.query<{ name: string }>(
        "select p.name from credits c join people p on p.id = c.person_id where c.film_id = ? and c.role = 'director'",
        [film.id],
      )
    ).map((d) => d.name);
    const texts = [...new Set(titles.map((t) => t.text.toLowerCase()))];
    if (texts.length === 0) return undefined;
    const marks = texts.map(() => '?').join(',');
    const candidates = await tx.query<{ tconst: string }>(
      `select tconst from imdb_stage_titles
       where year between ? and ? and (lower(primary_title) in (${marks}) or lower(original_title) in (${marks}))`,
      [film.year - 1, film.year + 1, ...texts, ...texts],
    );
    const matching: string[] = [];
    for (const c of candidates) {
      const names = await tx.query<{ name: string }>(
        `select n.name from imdb_stage_credits c join imdb_stage_names n on n.nconst = c.nconst
         where c.tconst = ? and c.role = 'director'`,
        [c.tconst],
      );
      if (directors.length === 0 || names.some((n) => directors.some((d) => sameName(d, n.name))))
        matching.push(c.tconst);
    }
    return matching.length === 1 ? matching[0] : undefined;
  }

  /**
   * A content person credited on a linked content film, whom IMDb credits on that title in the
   * same role under the same name, takes the IMDb person id; the person's other IMDb films then
   * credit the same page instead of a second one.
   */
  private async linkContentPeople(tx: Exec): Promise<number> {
    const rows = await tx.query<{
      person_id: number;
      nconst: string;
      name: string;
      imdb_name: string;
    }>(
      `select distinct p.id as person_id, c.nconst, p.name, n.name as imdb_name
       from films f
       join credits k on k.film_id = f.id
       join people p on p.id = k.person_id
       join imdb_stage_credits c on c.tconst = f.imdb_id and c.role = k.role
       join imdb_stage_names n on n.nconst = c.nconst
       where f.origin = 'content' and p.imdb_id is null`,
    );
    let linked = 0;
    const taken = new Set<string>();
    for (const r of rows) {
      if (taken.has(r.nconst) || !sameName(r.name, r.imdb_name)) continue;
      const [holder] = await tx.query<{ id: number }>('select id from people where imdb_id = ?', [
        r.nconst,
      ]);
      if (holder) {
        // imported before as a person of its own: its credits move to the content person
        await tx.run('update credits set person_id = ? where person_id = ?', [
          r.person_id,
          holder.id,
        ]);
        await tx.run('delete from people where id = ?', [holder.id]);
      }
      const changed = await tx.run(
        'update people set imdb_id = ? where id = ? and imdb_id is null',
        [r.nconst, r.person_id],
      );
      if (changed) {
        taken.add(r.nconst);
        linked++;
      }
    }
    return linked;
  }
}
