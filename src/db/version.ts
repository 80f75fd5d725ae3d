/**
 * The catalogue version: one row in `meta` that every write to curated data moves, so caches
 * (responses, the search index, the knowledge base) on every app node know to refresh.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function bumpCatalogVersion(db: Kysely<Database>, stamp: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: 'catalog_version', value: stamp })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: stamp }))
    .execute();
}

export async function readCatalogVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'catalog_version')
    .executeTakeFirst();
  return row?.value ?? 'empty';
}
