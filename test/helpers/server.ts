/** Serves a test application on a free localhost port for the browser tests. */
import type { ServerHandle } from '../../src/main.ts';
import type { TestApp } from './app.ts';

export function listen(app: TestApp): Promise<ServerHandle> {
  return app.listen(0, '127.0.0.1');
}
