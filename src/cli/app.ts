/**
 * Builds the application for one CLI command from the environment, and closes it after. The
 * composition root is imported here, when a command runs, so `kinoteka --help` never loads it.
 */
import type { Application } from '../main.ts';
import { databaseStartupError } from './startup.ts';

export async function withApp<T>(
  fn: (app: Application) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const { configWarnings, loadConfig } = await import('../config/config.ts');
  const { createApplication } = await import('../main.ts');
  for (const w of configWarnings(process.env)) process.stderr.write(`${w}\n`);
  const config = loadConfig(process.env);
  const app = await createApplication(config, { migrate: opts.migrate ?? true }).catch(
    (e: unknown) => {
      throw databaseStartupError(config, e);
    },
  );
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
