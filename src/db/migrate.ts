/** Runs migrations forward (latest) or back one step, reporting what ran. */
import { type MigrationResult, Migrator } from 'kysely';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

function migrator(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables by schema, not by search_path.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
}

export interface MigrationReport {
  applied: string[];
  error?: string;
}

function report(results: MigrationResult[] | undefined, error: unknown): MigrationReport {
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    return { applied, error: failed ? `${failed}: ${message}` : message };
  }
  return { applied };
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const { results, error } = await migrator(db).migrateToLatest();
  const r = report(results, error);
  if (r.error) throw new Error(`migration failed: ${r.error}`);
  return r;
}

export async function rollbackOne(db: Db): Promise<MigrationReport> {
  const { results, error } = await migrator(db).migrateDown();
  const r = report(results, error);
  if (r.error) throw new Error(`rollback failed: ${r.error}`);
  return r;
}
