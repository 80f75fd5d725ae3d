/**
 * The HTTP application: the JSON API under /api/v1, the OpenAPI document, and the web site,
 * with one error mapping for both (JSON for the API, an HTML page for the site).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { errorBody } from './errors.ts';
import { type ApiRoute, mount } from './api/registry.ts';
import { buildOpenApi } from './openapi.ts';
import type { ResponseCache } from './cache.ts';

export interface HttpDeps {
  routes: readonly ApiRoute[];
  web: Hono;
  renderError: (status: number, message: string) => Promise<string>;
  cache: ResponseCache;
  /** Resolves the session or API token of each request and checks CSRF (src/http/auth). */
  auth?: MiddlewareHandler;
  /**
   * /media: file bytes, HLS and WebVTT (api/media.routes.ts). Mounted before the response
   * cache, which would hold a whole film in memory; it sets its own headers.
   */
  media?: Hono;
  publicUrl: string;
  appVersion: string;
  log: (level: 'error' | 'info', message: string, detail?: unknown) => void;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  const isApi = (path: string) => path.startsWith('/api/');

  if (deps.media) app.route('/', deps.media);
  app.use('*', deps.cache.middleware());
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'strict-origin-when-cross-origin');
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      // Everything the site needs is served from here: no external script, font or image.
      c.header(
        'content-security-policy',
        // media-src blob: is what hls.js plays through (a MediaSource object URL).
        "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
    }
  });

  if (deps.auth) app.use('*', deps.auth);

  const api = new Hono();
  mount(api, deps.routes);
  app.route('/api/v1', api);
  const openapi = buildOpenApi(deps.routes, {
    version: deps.appVersion,
    serverUrl: deps.publicUrl,
  });
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.route('/', deps.web);

  app.notFound(async (c) => {
    const message = `Nothing lives at ${c.req.path}.`;
    if (isApi(c.req.path)) {
      return c.json({ error: { code: 'not_found', message } }, 404);
    }
    return c.html(await deps.renderError(404, message), 404);
  });

  app.onError(async (err, c) => {
    const { status, body, headers } = errorBody(err);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    if (status === 500) deps.log('error', `${c.req.method} ${c.req.path} failed`, err);
    if (isApi(c.req.path)) return c.json(body, status);
    return c.html(await deps.renderError(status, body.error.message), status);
  });
  return app;
}
