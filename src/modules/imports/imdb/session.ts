/**
 * The bulk loader's connection to the database: raw SQL with `?` placeholders, transactions,
 * and a bulk writer per table. On PostgreSQL it holds its own client (COPY … FROM STDIN through
 * pg-copy-streams, which a pooled Kysely connection cannot do); on SQLite it runs on the
 * application's Kysely connection, writing multi-row prepared INSERTs inside large transactions.
 */
import { once } from 'node:events';
import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../../../db/index.ts';

export interface BulkWriter {
  write(rows: readonly (readonly unknown[])[]): Promise<void>;
  end(): Promise<void>;
  /** Gives up a write in progress (COPY fails, so the transaction can roll back). */
  abort(): Promise<void>;
}

export interface Exec {
  query<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  bulk(table: string, columns: readonly string[]): BulkWriter;
}

export interface Session extends Exec {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(fn: (tx: Exec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the PostgreSQL client connects: the application's URL and schema. */
export interface PgTarget {
  url: string;
  schema?: string;
}

export async function openSession(db: Db, target?: PgTarget): Promise<Session> {
  if (db.dialect === 'sqlite') {
    // A bulk load writes far more pages than SQLite's default 2 MB cache holds; with a small
    // cache every index insert of a big transaction goes back to the file. Restored on close.
    const [before] = (await db.kysely.executeQuery(CompiledQuery.raw('pragma cache_size')))
      .rows as {
      cache_size: number;
    }[];
    const [temp] = (await db.kysely.executeQuery(CompiledQuery.raw('pragma temp_store'))).rows as {
      temp_store: number;
    }[];
    await db.kysely.executeQuery(CompiledQuery.raw('pragma cache_size = -262144'));
    // The apply's sorts and automatic indexes are temporary B-trees: in memory, not temp files.
    await db.kysely.executeQuery(CompiledQuery.raw('pragma temp_store = memory'));
    const session = sqliteSession(db.kysely);
    return {
      ...session,
      close: async () => {
        await db.kysely.executeQuery(
          CompiledQuery.raw(`pragma cache_size = ${Number(before?.cache_size ?? -2000)}`),
        );
        await db.kysely.executeQuery(
          CompiledQuery.raw(`pragma temp_store = ${Number(temp?.temp_store ?? 0)}`),
        );
      },
    };
  }
  if (!target) throw new Error('a PostgreSQL import needs the database URL');
  const client = new pg.Client({
    connectionString: target.url,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  await client.connect();
  return pgSession(client);
}

// --- SQLite ----------------------------------------------------------------------------------

function sqliteExec(k: Kysely<Database>): Exec {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await k.executeQuery(CompiledQuery.raw(text, [...params]))).rows as T[];
    },
    async run(text, params = []) {
      const r = await k.executeQuery(CompiledQuery.raw(text, [...params]));
      return Number(r.numAffectedRows ?? 0);
    },
    bulk(table, columns) {
      // SQLite allows 32,766 bound values a statement.
      const per = Math.max(1, Math.min(2000, Math.floor(32000 / columns.length)));
      const one = `(${columns.map(() => '?').join(',')})`;
      const head = `insert into ${table} (${columns.join(',')}) values `;
      const full = head + Array.from({ length: per }, () => one).join(',');
      return {
        async write(rows) {
          for (let i = 0; i < rows.length; i += per) {
            const slice = rows.slice(i, i + per);
            const params: unknown[] = [];
            for (const r of slice) for (const v of r) params.push(v);
            const text = slice.length === per ? full : head + slice.map(() => one).join(',');
            await k.executeQuery(CompiledQuery.raw(text, params));
          }
        },
        async end() {},
        async abort() {},
      };
    },
  };
}

function sqliteSession(k: Kysely<Database>): Session {
  return {
    dialect: 'sqlite',
    ...sqliteExec(k),
    transaction: (fn) => k.transaction().execute((trx) => fn(sqliteExec(trx))),
    close: async () => {},
  };
}

// --- PostgreSQL --------------------------------------------------------------------------------

function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  return NEEDS_ESCAPE.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

function pgExec(client: pg.Client): Exec {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await client.query(numbered(text), [...params])).rows as T[];
    },
    async run(text, params = []) {
      return (await client.query(numbered(text), [...params])).rowCount ?? 0;
    },
    bulk(table, columns) {
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`));
      let failed: Error | undefined;
      stream.on('error', (e: Error) => {
        failed ??= e;
      });
      const finished = once(stream, 'finish');
      finished.catch(() => {});
      return {
        async write(rows) {
          if (failed) throw failed;
          let chunk = '';
          for (const r of rows) {
            let line = copyValue(r[0]);
            for (let i = 1; i < r.length; i++) line += '\t' + copyValue(r[i]);
            chunk += line + '\n';
            if (chunk.length > 1 << 16) {
              if (!stream.write(chunk)) await once(stream, 'drain');
              chunk = '';
            }
          }
          if (chunk && !stream.write(chunk)) await once(stream, 'drain');
          if (failed) throw failed;
        },
        async end() {
          stream.end();
          await finished;
          if (failed) throw failed;
        },
        async abort() {
          if (stream.writableFinished || stream.destroyed) return;
          // pg-copy-streams answers a destroyed stream with CopyFail; the server then ends COPY.
          const closed = once(stream, 'close').catch(() => {});
          stream.destroy(new Error('import stopped'));
          await closed;
        },
      };
    },
  };
}

function pgSession(client: pg.Client): Session {
  const exec = pgExec(client);
  return {
    dialect: 'postgres',
    ...exec,
    async transaction(fn) {
      await client.query('begin');
      // Room for the apply's hash joins and sorts; a bulk load need not wait for each flush.
      await client.query("set local work_mem = '256MB'");
      await client.query('set local synchronous_commit = off');
      try {
        const out = await fn(exec);
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      }
    },
    close: () => client.end(),
  };
}
