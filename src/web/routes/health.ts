/**
 * `/healthz` (the process answers) and `/readyz` (the database answers, and what the content
 * load left: `ok`, or `degraded` with the broken files while the old content is served). Both
 * are JSON, never cached. A degraded catalogue still answers 200: it serves pages, and a load
 * balancer should keep sending readers to it; the `status` says what an operator must fix.
 */
import { Hono } from 'hono';
import type { WebDeps } from '../deps.ts';

const noStore = { 'cache-control': 'no-store' };

export function healthRoutes({ content }: Pick<WebDeps, 'content'>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, noStore));
  app.get('/readyz', async (c) => {
    try {
      // A read of the catalogue version is a round trip to the database.
      await content?.version();
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable', problems: [] }, 503, noStore);
    }
    const s = content?.status();
    const stale = s?.state === 'stale';
    return c.json(
      {
        status: stale ? 'degraded' : 'ok',
        database: 'ok',
        content: {
          state: s?.state ?? 'not-loaded',
          ...(s?.dir ? { dir: s.dir } : {}),
          ...(s?.at ? { checked_at: s.at } : {}),
        },
        problems: (s?.problems ?? []).map((p) => ({ where: p.where, message: p.message })),
      },
      200,
      noStore,
    );
  });
  return app;
}
