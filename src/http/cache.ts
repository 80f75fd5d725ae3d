/**
 * A response cache for GET pages and API reads, keyed by URL and invalidated whenever the
 * catalogue version changes (a content load bumps it). Responses carry a strong ETag so
 * clients revalidate with If-None-Match and get 304 (RFC 9110 §13.1.2).
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

interface Entry {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  etag: string;
}

export interface VersionSource {
  /** The current catalogue version; cheap enough to call per request. */
  current(): Promise<string>;
}

/**
 * Reads the version at most once per `ttlMs`, so several app nodes sharing one database see a
 * change within that time; `invalidate()` makes this node see its own changes at once.
 */
export class PolledVersion implements VersionSource {
  private value: string | undefined;
  private readAt = 0;
  constructor(
    private readonly read: () => Promise<string>,
    private readonly ttlMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}
  async current(): Promise<string> {
    if (this.value === undefined || this.now() - this.readAt > this.ttlMs) {
      this.value = await this.read();
      this.readAt = this.now();
    }
    return this.value;
  }
  invalidate(): void {
    this.value = undefined;
  }
}

export function responseCache(version: VersionSource, maxEntries = 5000): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  let cachedVersion = '';
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const v = await version.current();
    if (v !== cachedVersion) {
      entries.clear();
      cachedVersion = v;
    }
    const key = c.req.url;
    let entry = entries.get(key);
    if (!entry) {
      await next();
      const res = c.res;
      if (res.status !== 200 || res.headers.get('cache-control')?.includes('no-store')) return;
      const body = await res.clone().arrayBuffer();
      const etag = `"${createHash('sha1').update(new Uint8Array(body)).digest('base64url')}"`;
      entry = { status: res.status, headers: [...res.headers.entries()], body, etag };
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
    }
    const headers = new Headers(entry.headers);
    headers.set('etag', entry.etag);
    if (!headers.has('cache-control'))
      headers.set('cache-control', 'public, max-age=0, must-revalidate');
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim() === entry.etag || t.trim() === '*')) {
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res = new Response(c.req.method === 'HEAD' ? null : entry.body, {
      status: entry.status,
      headers,
    });
  };
}
