/**
 * A response cache for GET pages and API reads, keyed by path and query and invalidated
 * whenever the catalogue version changes (a content load bumps it). Responses carry a strong
 * ETag, so clients revalidate with If-None-Match and get 304 (RFC 9110 §13.1.2, §13.2.2).
 *
 * It fills inside the Hono app (`middleware`) and answers hits twice over: in the middleware
 * (so `app.request()` in tests sees the same behaviour), and in front of Hono at the Node HTTP
 * layer (`tryServe`), where a hit costs a map lookup and one socket write.
 *
 * A request that carries credentials (the session cookie or an Authorization header) is never
 * answered from the cache, nor stored: what a signed-in person sees (an admin's banner, their
 * name) is theirs, and what a reader was shown is not what they should see.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { SESSION_COOKIE } from './auth/auth.ts';

interface Entry {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface VersionSource {
  /** The current catalogue version. */
  current(): Promise<string>;
  /** The version if it is known to be fresh right now, without waiting; else undefined. */
  peek(): string | undefined;
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
    const fresh = this.peek();
    if (fresh !== undefined) return fresh;
    this.value = await this.read();
    this.readAt = this.now();
    return this.value;
  }
  peek(): string | undefined {
    return this.value !== undefined && this.now() - this.readAt <= this.ttlMs
      ? this.value
      : undefined;
  }
  invalidate(): void {
    this.value = undefined;
  }
}

/** Whether a request carries credentials: the session cookie or an Authorization header. */
export function carriesCredentials(header: (name: string) => string | undefined): boolean {
  if (header('authorization') !== undefined) return true;
  const cookie = header('cookie');
  return !!cookie && cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private version = '';

  constructor(
    private readonly versions: VersionSource,
    private readonly maxEntries = 5000,
  ) {}

  private sync(v: string): void {
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
  }

  /**
   * Hono middleware; must be the outermost, so that what it stores is the final response
   * (security headers included).
   */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      if (carriesCredentials((name) => c.req.header(name))) return next();
      this.sync(await this.versions.current());
      const url = new URL(c.req.url);
      const key = url.pathname + url.search;
      let entry = this.entries.get(key);
      if (!entry) {
        await next();
        const res = c.res;
        if (res.status !== 200 || res.headers.get('cache-control')?.includes('no-store')) return;
        const body = new Uint8Array(await res.clone().arrayBuffer());
        const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        const headers: Record<string, string> = Object.fromEntries(res.headers.entries());
        headers.etag = etag;
        headers['cache-control'] ??= 'public, max-age=0, must-revalidate';
        headers['content-length'] = String(body.byteLength);
        entry = { status: res.status, headers, body, etag };
        if (this.entries.size >= this.maxEntries) {
          this.entries.delete(this.entries.keys().next().value!);
        }
        this.entries.set(key, entry);
      }
      let response: Response;
      if (matches(c.req.header('if-none-match'), entry.etag)) {
        const { 'content-length': _, ...headers } = entry.headers;
        response = new Response(null, { status: 304, headers });
      } else {
        const body = c.req.method === 'HEAD' ? null : entry.body;
        response = new Response(body, { status: entry.status, headers: entry.headers });
      }
      // After next() the context is finalized and a returned Response would be ignored.
      if (c.finalized) c.res = response;
      else return response;
    };
  }

  /** Answers a request from the cache at the Node layer; false when it must go to the app. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (carriesCredentials((name) => headerOf(req, name))) return false;
    const v = this.versions.peek();
    if (v === undefined || v !== this.version || !req.url) return false;
    const entry = this.entries.get(req.url);
    if (!entry) return false;
    if (matches(req.headers['if-none-match'], entry.etag)) {
      const { 'content-length': _, ...headers } = entry.headers;
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(entry.status, entry.headers);
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join('; ') : v;
}
