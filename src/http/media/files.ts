/**
 * The byte route, `GET|HEAD /media/files/{id}`, answered at the Node HTTP layer before Hono
 * (like the page cache's hits): a video player asks for thousands of ranges, and each one
 * through the fetch adapter costs a Request, an AbortController and a web stream. The checks
 * are the same as the Hono route's (api/media.routes.ts), which still answers everything this
 * does not: the id pattern, the library lookup (videos and external audio only), the root check
 * and the descriptor check (library.ts), the RFC 9110 answer (range.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFile } from '../../modules/media/index.ts';
import { contentTypeOf, openLibraryFile } from './library.ts';
import { sendFile } from './range.ts';

export interface FileRouteDeps {
  file: (id: number) => Promise<MediaFile | undefined>;
  /** The configured media roots as real paths. */
  roots: () => Promise<string[]>;
}

/** The same ids as the Hono route: digits, no leading zero, at most nine; an optional query. */
const PATH = /^\/media\/files\/([1-9][0-9]{0,8})(?:\?.*)?$/;

/**
 * A player sends one range request after another for the same file: its library row is kept
 * for a second (the row says where the file is; whether it is still there, and still inside a
 * root, is checked on every request when it is opened).
 */
const ROW_TTL_MS = 1000;
const ROWS_KEPT = 1024;

export class FileRoute {
  private readonly rows = new Map<number, { at: number; file: MediaFile | undefined }>();

  constructor(private readonly deps: FileRouteDeps) {}

  private async file(id: number): Promise<MediaFile | undefined> {
    const now = Date.now();
    const hit = this.rows.get(id);
    if (hit && now - hit.at < ROW_TTL_MS) return hit.file;
    const file = await this.deps.file(id);
    if (this.rows.size >= ROWS_KEPT) this.rows.clear();
    this.rows.set(id, { at: now, file });
    return file;
  }

  /** The id a request names when it is for this route, else undefined. */
  match(req: IncomingMessage): number | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const m = PATH.exec(req.url ?? '');
    return m ? Number(m[1]) : undefined;
  }

  /**
   * Answers the request for file `id`. Resolves false, having sent nothing, when the file may
   * not be served: the application then answers (its 404 page or JSON).
   */
  async serve(id: number, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const file = await this.file(id);
    if (!file || (file.kind !== 'video' && file.kind !== 'audio')) return false;
    const opened = await openLibraryFile(file, await this.deps.roots());
    if (!opened) return false;
    const headers = {
      get(name: string): string | null {
        const v = req.headers[name];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    };
    await sendFile(res, req.method ?? 'GET', headers, {
      fd: opened.fd,
      size: opened.size,
      mtimeMs: opened.mtimeMs,
      contentType: contentTypeOf(file),
    });
    return true;
  }
}
