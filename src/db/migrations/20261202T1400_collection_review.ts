/**
 * Collections edited in the workspace: a version number for the optimistic check (a stale save
 * is refused, never merged silently), the curator who owns a draft, and the reason a reviewer
 * gave when publishing over contradicted claims. Status gains `review` (submitted, waiting).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('collections')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('collections').addColumn('owner_id', 'integer').execute();
  await db.schema.alterTable('collections').addColumn('override_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['override_reason', 'owner_id', 'version']) {
    await db.schema.alterTable('collections').dropColumn(column).execute();
  }
}
