export { createDb, type Db, type DatabaseTarget, type DialectName } from './database.ts';
export { migrateToLatest, rollbackOne, type MigrationReport } from './migrate.ts';
export type * from './schema.ts';
export { bumpCatalogVersion, readCatalogVersion } from './version.ts';
