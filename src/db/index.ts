export { createDb, type Db, type DatabaseTarget, type DialectName } from './database.ts';
export { migrateToLatest, rollbackOne, type MigrationReport } from './migrate.ts';
export type * from './schema.ts';
export {
  type CatalogListener,
  bumpCatalogVersion,
  listenCatalogVersion,
  readCatalogVersion,
} from './version.ts';
