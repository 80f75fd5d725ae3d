/**
 * `kinoteka import imdb` killed with SIGKILL mid-run, as a real process on SQLite and
 * PostgreSQL: the catalogue is untouched and consistent, and the next run resumes from the
 * files already staged and ends with the same catalogue as an uninterrupted run.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImdb } from '../fixtures/imdb/generate.ts';
import { CONTENT_DIR, DIALECTS, createTestDb, type TestDb } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let data: string;

beforeAll(async () => {
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-imdb-kill-'));
  await generateImdb(data, { titles: 20_000 });
}, 120_000);
afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

function envFor(db: TestDb): Record<string, string> {
  const url =
    db.target.kind === 'sqlite'
      ? db.target.file
      : `${db.target.url}?options=${encodeURIComponent(`-c search_path=${db.target.schema}`)}`;
  return {
    ...(process.env as Record<string, string>),
    KINOTEKA_DATABASE_URL: url,
    KINOTEKA_CONTENT_DIR: CONTENT_DIR,
  };
}

async function counts(db: TestDb) {
  const k = db.kysely;
  const n = async (t: 'films' | 'titles' | 'people' | 'credits') =>
    Number(
      (
        await k
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    films: await n('films'),
    titles: await n('titles'),
    people: await n('people'),
    credits: await n('credits'),
  };
}

describe.each(DIALECTS)('import imdb killed mid-run on %s', (dialect) => {
  let db: TestDb;
  let clean: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    clean = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.cleanup();
    await clean?.cleanup();
  });

  it('leaves the catalogue as it was, then resumes to the same result as a clean run', async () => {
    const child = spawn(process.execPath, [BIN, 'import', 'imdb', data], { env: envFor(db) });
    let err = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        // Two files staged, the third one being read: kill it there.
        if (err.includes('staged title.akas.tsv.gz')) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'));
    });
    expect(killed, err).toBe(true);

    const run = await db.kysely.selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
    expect(run.state).toBe('running');
    expect(run.staged.split(',').slice(0, 2)).toEqual(['basics', 'akas']);
    expect(await counts(db)).toEqual({ films: 0, titles: 0, people: 0, credits: 0 });

    const again = spawnSync(process.execPath, [BIN, 'import', 'imdb', data], {
      env: envFor(db),
      encoding: 'utf8',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^resumed run 1 \(already staged: basics, akas/m);

    const fresh = spawnSync(process.execPath, [BIN, 'import', 'imdb', data], {
      env: envFor(clean),
      encoding: 'utf8',
    });
    expect(fresh.status, fresh.stderr).toBe(0);
    const resumed = await counts(db);
    expect(resumed.films).toBeGreaterThan(10_000);
    expect(resumed).toEqual(await counts(clean));
    const ids = await db.kysely
      .selectFrom('films')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('imdb_id').distinct().as('d'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(ids.d)).toBe(Number(ids.n));
    const staging = await db.kysely
      .selectFrom('imdb_stage_titles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(staging.n)).toBe(0);
  }, 180_000);
});
