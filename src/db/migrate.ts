/** Runs migrations forward (latest) or back one step, reporting what ran. */
import { type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
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

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const { results, error } = await migrator(db).migrateToLatest();
  const r = report(results, error);
  if (r.error) throw new Error(`migration failed: ${r.error}`);
  return r;
}

export async function rollbackOne(db: Kysely<Database>): Promise<MigrationReport> {
  const { results, error } = await migrator(db).migrateDown();
  const r = report(results, error);
  if (r.error) throw new Error(`rollback failed: ${r.error}`);
  return r;
}
