/** Serves a test application on a free localhost port for the browser tests. */
import type { AddressInfo } from 'node:net';
import type { TestApp } from './app.ts';

export async function listen(app: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const server = await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
