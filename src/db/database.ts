/**
 * The Kysely factory: one typed query builder over SQLite (better-sqlite3, WAL) or PostgreSQL
 * (pg pool). Dialect differences live in named functions in dialect.ts, not in callers.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  /** `poolSize`: connections this node opens at most (default 10; see docs/operating.md). */
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** The PostgreSQL schema the connection works in, when not the default. */
  readonly schema?: string;
  destroy(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) and NUMERIC as strings by default; our counts fit in a
// double, so parse them as numbers like SQLite does.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function createDb(target: DatabaseTarget): Db {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    // WAL lets readers (page requests) proceed while a content load writes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { kysely, dialect: 'sqlite', destroy: () => kysely.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${quoteIdent(target.schema)}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    ...(target.schema ? { schema: target.schema } : {}),
    destroy: () => kysely.destroy(),
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe schema name: ${name}`);
  return name;
}
