/**
 * The byte route, `GET|HEAD /media/files/{id}`, answered at the Node HTTP layer before Hono
 * (like the page cache's hits): a video player asks for thousands of ranges, and each one
 * through the fetch adapter costs a Request, an AbortController and a web stream. The checks
 * are the same as the Hono route's (api/media.routes.ts), which still answers everything this
 * does not: the id pattern, the library lookup (videos and external audio only), the root check
 * and the descriptor check (library.ts), the RFC 9110 answer (range.ts).
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaFile } from '../../modules/media/index.ts';
import { checkedPathSync, contentTypeOf, openLibraryFile } from './library.ts';
import { fileEtag, httpDate, sendFile } from './range.ts';

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

/**
 * Open descriptors kept across requests (a player's ranges of one file reuse one descriptor
 * instead of a realpath, an open, an fstat, a /proc/self/fd check and a close each). An entry
 * belongs to one library row (id, root, path, size, modification time): a row that changed
 * opens the file again. The root and descriptor checks are those of `openLibraryFile`, made at
 * open and again at most once per FD_CHECK_MS (the path's real path inside a root and naming
 * the same device and inode as the descriptor; else the entry is dropped and the file opened
 * again, or refused). Within that second a request may read the inode that was checked, even
 * if the name was swapped since; never another file. Least recently used entries are closed
 * once FDS_KEPT are open, a descriptor still being read only when its last reader is done.
 */
const FD_CHECK_MS = 1000;
const FDS_KEPT = 64;

interface OpenEntry {
  fd: number;
  root: string;
  path: string;
  rowSize: number;
  rowMtimeMs: number;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  /** The validators and type, made once per entry (again when the size or time moves). */
  etag: string;
  lastModified: string;
  contentType: string;
  checkedAt: number;
  readers: number;
  dropped: boolean;
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}

/** The roots' real paths are taken from `deps.roots()` at most once per ROOTS_TTL_MS. */
const ROOTS_TTL_MS = 1000;

export class FileRoute {
  private readonly rows = new Map<number, { at: number; file: MediaFile | undefined }>();
  private roots: { at: number; real: string[] } | undefined;
  /** By library id, least recently used first (a Map keeps insertion order). */
  private readonly open = new Map<number, OpenEntry>();

  constructor(private readonly deps: FileRouteDeps) {}

  private async loadRow(id: number, now: number): Promise<MediaFile | undefined> {
    const file = await this.deps.file(id);
    if (this.rows.size >= ROWS_KEPT) this.rows.clear();
    this.rows.set(id, { at: now, file });
    return file;
  }

  private async loadRoots(now: number): Promise<string[]> {
    const real = await this.deps.roots();
    this.roots = { at: now, real };
    return real;
  }

  private drop(id: number, e: OpenEntry): void {
    if (this.open.get(id) === e) this.open.delete(id);
    e.dropped = true;
    if (e.readers === 0) closeQuietly(e.fd);
  }

  private done(e: OpenEntry): void {
    e.readers--;
    if (e.dropped && e.readers === 0) closeQuietly(e.fd);
  }

  /** Closes every kept descriptor (the server is stopping). */
  closeAll(): void {
    for (const [id, e] of [...this.open]) this.drop(id, e);
  }

  /**
   * The kept descriptor for `file` when it may be used as it is (same row, root configured,
   * checked within FD_CHECK_MS), moved to the most recently used end; else undefined.
   */
  private keptFresh(file: MediaFile, roots: readonly string[], now: number): OpenEntry | undefined {
    const kept = this.open.get(file.id);
    if (
      !kept ||
      now - kept.checkedAt >= FD_CHECK_MS ||
      kept.root !== file.root ||
      kept.path !== file.path ||
      kept.rowSize !== file.size ||
      kept.rowMtimeMs !== file.mtimeMs ||
      !roots.includes(file.root)
    )
      return undefined;
    this.open.delete(file.id);
    this.open.set(file.id, kept);
    return kept;
  }

  /** A checked descriptor for `file`, kept open for the next requests; undefined: refused. */
  private async descriptor(
    file: MediaFile,
    roots: readonly string[],
    now: number,
  ): Promise<OpenEntry | undefined> {
    const kept = this.open.get(file.id);
    if (kept) {
      const same =
        kept.root === file.root &&
        kept.path === file.path &&
        kept.rowSize === file.size &&
        kept.rowMtimeMs === file.mtimeMs &&
        roots.includes(file.root);
      let fresh = same && now - kept.checkedAt < FD_CHECK_MS;
      if (same && !fresh) {
        // once a second: the name still inside a root, still naming the descriptor's file
        const real = checkedPathSync(file, roots);
        try {
          const named = real ? fs.statSync(real) : undefined;
          const st = fs.fstatSync(kept.fd);
          if (named && named.ino === kept.ino && named.dev === kept.dev) {
            if (st.size !== kept.size || st.mtimeMs !== kept.mtimeMs) {
              kept.size = st.size;
              kept.mtimeMs = st.mtimeMs;
              kept.etag = fileEtag(st.size, st.mtimeMs);
              kept.lastModified = httpDate(st.mtimeMs);
            }
            kept.checkedAt = now;
            fresh = true;
          }
        } catch {
          /* gone: opened again below */
        }
      }
      if (fresh) {
        this.open.delete(file.id); // to the most recently used end
        this.open.set(file.id, kept);
        return kept;
      }
      this.drop(file.id, kept);
    }
    const opened = await openLibraryFile(file, roots);
    if (!opened) return undefined;
    const st = fs.fstatSync(opened.fd);
    const e: OpenEntry = {
      fd: opened.fd,
      root: file.root,
      path: file.path,
      rowSize: file.size,
      rowMtimeMs: file.mtimeMs,
      size: opened.size,
      mtimeMs: opened.mtimeMs,
      ino: st.ino,
      dev: st.dev,
      etag: fileEtag(opened.size, opened.mtimeMs),
      lastModified: httpDate(opened.mtimeMs),
      contentType: contentTypeOf(file),
      checkedAt: now,
      readers: 0,
      dropped: false,
    };
    const raced = this.open.get(file.id);
    if (raced) this.drop(file.id, raced);
    this.open.set(file.id, e);
    while (this.open.size > FDS_KEPT) {
      const [oldId, old] = this.open.entries().next().value as [number, OpenEntry];
      this.drop(oldId, old);
    }
    return e;
  }

  /** The id a request names when it is for this route, else undefined. */
  match(req: IncomingMessage): number | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const m = PATH.exec(req.url ?? '');
    return m ? Number(m[1]) : undefined;
  }

  /**
   * Answers the request for file `id`. Resolves false, having sent nothing, when the file may
   * not be served: the application then answers (its 404 page or JSON). Resolves true once the
   * answer is under way (its body is written by `sendFile`, which never rejects). A player's
   * next range of a file just served (its row, the roots and its descriptor all kept) waits
   * for nothing before the read.
   */
  async serve(id: number, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const now = Date.now();
    const row = this.rows.get(id);
    const file = row && now - row.at < ROW_TTL_MS ? row.file : await this.loadRow(id, now);
    if (!file || (file.kind !== 'video' && file.kind !== 'audio')) return false;
    const roots =
      this.roots && now - this.roots.at < ROOTS_TTL_MS
        ? this.roots.real
        : await this.loadRoots(now);
    const opened = this.keptFresh(file, roots, now) ?? (await this.descriptor(file, roots, now));
    if (!opened) return false;
    opened.readers++;
    void sendFile(res, req.method ?? 'GET', new NodeHeaders(req), {
      fd: opened.fd,
      size: opened.size,
      mtimeMs: opened.mtimeMs,
      contentType: opened.contentType,
      etag: opened.etag,
      lastModified: opened.lastModified,
      release: () => this.done(opened),
    });
    return true;
  }
}

/** A request's headers as `sendFile` reads them (lower-case names, repeated ones joined). */
class NodeHeaders {
  constructor(private readonly req: IncomingMessage) {}
  get(name: string): string | null {
    const v = this.req.headers[name];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
}
