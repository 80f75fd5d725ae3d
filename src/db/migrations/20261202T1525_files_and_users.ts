/**
 * The file round trip and disabled accounts. `collections.loaded_version` is the version the
 * last content load wrote: a hand-written file is applied only while the collection is still
 * at that version (otherwise the browser edited it since, and the load reports a conflict).
 * Collections already loaded from files start at their current version. `users.disabled_at`
 * marks an account an admin disabled: it cannot sign in, and its sessions and tokens stop
 * working.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('collections').addColumn('loaded_version', 'integer').execute();
  await sql`update collections set loaded_version = version where origin = 'content'`.execute(db);
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.alterTable('collections').dropColumn('loaded_version').execute();
}
