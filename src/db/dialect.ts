/** Per-dialect pieces of SQL, named, so the rest of the code stays dialect-free. */
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';
import type { DialectName } from './database.ts';

export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An auto-incrementing integer primary key: INTEGER AUTOINCREMENT vs SERIAL. */
export function idColumn(dialect: DialectName) {
  return dialect === 'postgres'
    ? { type: 'serial' as const, build: (c: ColumnDefinitionBuilder) => c.primaryKey() }
    : {
        type: 'integer' as const,
        build: (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement(),
      };
}
