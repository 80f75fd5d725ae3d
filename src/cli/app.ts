/** Builds the application for one CLI command from the environment, and closes it after. */
import { loadConfig } from '../config/config.ts';
import { type Application, createApplication } from '../main.ts';

export async function withApp<T>(
  fn: (app: Application) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env);
  const app = await createApplication(config, { migrate: opts.migrate ?? true });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
