/** Builds the whole application on a test database, with the default content loaded. */
import { loadConfig } from '../../src/config/config.ts';
import type { DialectName } from '../../src/db/index.ts';
import { type Application, createApplication } from '../../src/main.ts';
import { CONTENT_DIR, type TestDb, createTestDb } from './db.ts';

export interface TestApp extends Application {
  testDb: TestDb;
}

export async function createTestApp(
  dialect: DialectName = 'sqlite',
  opts: { load?: boolean; contentDir?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const testDb = await createTestDb(dialect);
  const config = loadConfig({
    KINOTEKA_DATABASE_URL: testDb.target.kind === 'sqlite' ? testDb.target.file : testDb.target.url,
    KINOTEKA_CONTENT_DIR: opts.contentDir ?? CONTENT_DIR,
    KINOTEKA_PUBLIC_URL: 'http://kinoteka.test',
    KINOTEKA_LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const app = await createApplication(config, { db: testDb, migrate: false, logger: () => {} });
  if (opts.load ?? true) await app.services.content.load(config.contentDir);
  return Object.assign(app, {
    testDb,
    close: async () => {
      await app.jobs.stop();
      await testDb.cleanup();
    },
  });
}
