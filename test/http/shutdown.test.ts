/**
 * Graceful shutdown of a real `kinoteka serve` on PostgreSQL: a request held in flight (its
 * query waits on a lock the test holds), then SIGTERM. The node stops accepting connections at
 * once, still answers the request in flight once the lock goes, and exits 0 after closing its
 * pool and its LISTEN connection (none of its connections is left on the server).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, PG_URL, type TestDb, createTestDb } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');

describe('SIGTERM with a request in flight', () => {
  let db: TestDb;
  let schema: string;
  beforeAll(async () => {
    db = await createTestDb('postgres');
    schema = db.target.kind === 'postgres' ? db.target.schema : '';
  }, 30_000);
  afterAll(() => db?.cleanup());

  it('finishes the request, refuses new ones, closes its connections, exits 0', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        KINOTEKA_DATABASE_URL: PG_URL,
        KINOTEKA_DATABASE_SCHEMA: schema,
        KINOTEKA_CONTENT_DIR: CONTENT_DIR,
        KINOTEKA_HOST: '127.0.0.1',
        KINOTEKA_PORT: '0',
        KINOTEKA_LOG_FORMAT: 'json',
        KINOTEKA_SHUTDOWN_GRACE_MS: '30000',
        // Names this node's connections on the server, to count them.
        PGAPPNAME: `kinoteka-shutdown-${schema}`,
      },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', () => {
        const m = /running at (http:\/\/\S+?)\/? /.exec(err);
        if (m && /listening \(LISTEN\/NOTIFY\)/.test(err)) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`serve exited:\n${err}`)));
    });

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const connections = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            'select count(*) as n from pg_stat_activity where application_name = $1',
            [`kinoteka-shutdown-${schema}`],
          )
        ).rows[0]!.n,
      );
    try {
      expect(await connections()).toBeGreaterThanOrEqual(2); // the pool and the listener
      // Hold the films: the next film request waits on the lock, in flight.
      await admin.query('begin');
      await admin.query(`lock table ${schema}.films in access exclusive mode`);
      const slow = fetch(`${url}/api/v1/films/mother-1926`);
      const inFlight = fetch(`${url}/films/the-ascent-1977`);
      await new Promise((r) => setTimeout(r, 500));

      child.kill('SIGTERM');
      // New connections are refused while the two requests are still waiting.
      let refused = false;
      for (let i = 0; i < 40 && !refused; i++) {
        await new Promise((r) => setTimeout(r, 50));
        refused = await fetch(`${url}/healthz`).then(
          () => false,
          () => true,
        );
      }
      expect(refused).toBe(true);
      expect(child.exitCode).toBeNull();

      await admin.query('rollback');
      const [a, b] = await Promise.all([slow, inFlight]);
      expect(a.status).toBe(200);
      expect(((await a.json()) as { data: { slug: string } }).data.slug).toBe('mother-1926');
      expect(b.status).toBe(200);
      expect(await b.text()).toContain('The Ascent');

      expect(await exited).toBe(0);
      expect(err).toMatch(/SIGTERM: stopping/);
      expect(err).toMatch(/stopped: requests finished, database connections closed/);
      expect(await connections()).toBe(0);
    } finally {
      await admin.query('rollback').catch(() => {});
      await admin.end();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
