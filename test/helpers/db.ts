/**
 * Real databases for tests: a fresh SQLite file, or a fresh schema on the PostgreSQL server
 * (KINOTEKA_TEST_PG_URL, default the local `test` database). PostgreSQL tests never skip:
 * if the server cannot be reached they fail, loudly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, type DialectName, createDb, migrateToLatest } from '../../src/db/index.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];
export const PG_URL = process.env.KINOTEKA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb extends Db {
  target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
  cleanup(): Promise<void>;
}

export async function createTestDb(
  dialect: DialectName,
  opts: { migrate?: boolean } = {},
): Promise<TestDb> {
  let db: Db;
  let target: TestDb['target'];
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-test-'));
    target = { kind: 'sqlite', file: path.join(dir, 'test.db') };
    db = createDb(target);
    cleanup = async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const schema = `kt_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch (e) {
      throw new Error(
        `PostgreSQL is required for these tests and could not be reached at ${PG_URL}: ${(e as Error).message}. ` +
          'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
        { cause: e },
      );
    }
    await admin.query(`create schema ${schema}`);
    await admin.end();
    target = { kind: 'postgres', url: PG_URL, schema };
    db = createDb(target);
    cleanup = async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  if (opts.migrate ?? true) await migrateToLatest(db);
  return Object.assign(db, { target, cleanup });
}

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');
