/**
 * Serving a file's bytes with HTTP range requests, RFC 9110:
 * - §14.1.2 `Range: bytes=a-b, c-, -n`; §14.2 a syntactically invalid Range (or another unit)
 *   is ignored and the whole file is sent (200);
 * - §15.3.7 one satisfiable range → 206 with Content-Range; several → 206
 *   multipart/byteranges (§14.6), at most MAX_RANGES parts, overlapping ranges coalesced
 *   (§14.2 allows it; it stops "many small overlapping ranges" amplification);
 * - §15.5.17 none satisfiable → 416 with `Content-Range: bytes *\/size`;
 * - §13.1.5 If-Range: the range is honoured only when the validator still matches (a strong
 *   ETag compared strongly, or a date equal to Last-Modified); otherwise the whole file;
 * - §13.1.2 / §13.1.3 If-None-Match / If-Modified-Since → 304;
 * - HEAD sends the same headers and no body.
 *
 * The caller hands over an opened descriptor (`ServedFile`): this module never resolves a path.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export interface ServedFile {
  /**
   * A read-only descriptor, closed by the function it is handed to, unless `release` is given:
   * then the descriptor is the caller's (kept open for other requests) and `release` is called
   * instead once the answer no longer reads from it.
   */
  fd: number;
  release?: () => void;
  size: number;
  mtimeMs: number;
  contentType: string;
  cacheControl?: string;
  /**
   * `fileEtag(size, mtimeMs)` and the Last-Modified date, when the caller keeps them with the
   * descriptor (files.ts): then they are not made again for every range request.
   */
  etag?: string;
  lastModified?: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export const MAX_RANGES = 16;

/** Strong validator from size and modification time (the file is not hashed: it may be 50 GiB). */
export function fileEtag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.trunc(mtimeMs).toString(16)}"`;
}

/**
 * Parses a Range header against a representation of `size` bytes. Returns undefined when the
 * header is to be ignored (absent, another unit, bad syntax, too many parts), `[]` when no part
 * is satisfiable, otherwise the satisfiable ranges sorted and coalesced.
 */
export function parseRange(header: string | undefined, size: number): ByteRange[] | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return undefined;
  const parts = m[1]!.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > MAX_RANGES) return undefined;
  const ranges: ByteRange[] = [];
  for (const part of parts) {
    if (part === '') continue; // RFC 9110 §5.6.1: empty list elements are allowed
    const r = /^(\d*)\s*-\s*(\d*)$/.exec(part);
    if (!r) return undefined;
    const [, a, b] = r;
    if (a === '' && b === '') return undefined;
    if (a === '') {
      // suffix range: the last n bytes
      const n = Number(b);
      if (n === 0 || size === 0) continue;
      ranges.push({ start: Math.max(0, size - n), end: size - 1 });
      continue;
    }
    const start = Number(a);
    const end = b === '' ? size - 1 : Number(b);
    if (b !== '' && end < start) return undefined; // invalid, not unsatisfiable (§14.1.1)
    if (start >= size) continue;
    ranges.push({ start, end: Math.min(end, size - 1) });
  }
  ranges.sort((x, y) => x.start - y.start);
  const merged: ByteRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export function httpDate(ms: number): string {
  return new Date(Math.trunc(ms / 1000) * 1000).toUTCString();
}

function etagMatches(list: string | undefined, etag: string, weak: boolean): boolean {
  if (!list) return false;
  return list.split(',').some((t) => {
    const v = t.trim();
    if (v === '*') return true;
    if (weak) return v.replace(/^W\//, '') === etag;
    return v === etag; // strong comparison: a weak tag never matches
  });
}

function streamOf(fd: number, start: number, end: number): Readable {
  return fs.createReadStream('', { fd, start, end, autoClose: false });
}

function closeFd(fd: number): Promise<void> {
  // close(2) of a regular file returns at once: no trip through the thread pool
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
  return Promise.resolve();
}

/**
 * Read buffers of READ_CHUNK bytes, reused: a buffer goes back once the socket has taken it
 * (the write's callback), so a busy server does not allocate, and collect, a buffer per range.
 */
const pool: ArrayBuffer[] = [];
const POOL_MAX = 64;
function takeBuffer(length: number): Buffer {
  const ab = pool.pop() ?? new ArrayBuffer(READ_CHUNK);
  return Buffer.from(ab, 0, length);
}
function giveBack(buf: Buffer): void {
  const ab = buf.buffer;
  if (ab instanceof ArrayBuffer && ab.byteLength === READ_CHUNK && pool.length < POOL_MAX)
    pool.push(ab);
}

function readAt(fd: number, length: number, position: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const buf = takeBuffer(length);
    fs.read(fd, buf, 0, length, position, (e, n) => {
      if (e) reject(e);
      else if (n === 0) reject(new Error('the file shrank while it was being sent'));
      else resolve(n === length ? buf : buf.subarray(0, n));
    });
  });
}

/** Reads parts one after another from one descriptor, then closes it. */
function toWeb(chunks: (Buffer | { start: number; end: number })[], fd: number) {
  const gen = async function* () {
    try {
      for (const c of chunks) {
        if (Buffer.isBuffer(c)) yield c;
        else for await (const b of streamOf(fd, c.start, c.end)) yield b as Buffer;
      }
    } finally {
      await closeFd(fd);
    }
  };
  return Readable.toWeb(Readable.from(gen())) as ReadableStream<Uint8Array>;
}

/** What to answer: status, headers, and the body's parts (undefined: no body). */
export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  parts?: (Buffer | ByteRange)[];
}

/** What the answer reads of the request's headers (a WHATWG Headers object will do). */
export interface RequestHeaders {
  get(name: string): string | null | undefined;
}

/** Decides the answer for a GET or HEAD of `file` given the request headers (no I/O). */
export function answerFor(method: string, headers: RequestHeaders, file: ServedFile): FileAnswer {
  const etag = file.etag ?? fileEtag(file.size, file.mtimeMs);
  const lastModified = file.lastModified ?? httpDate(file.mtimeMs);
  const base: Record<string, string> = {
    'accept-ranges': 'bytes',
    etag,
    'last-modified': lastModified,
    'content-type': file.contentType,
    'cache-control': file.cacheControl ?? 'private, max-age=0, must-revalidate',
  };

  // §13.2.2: If-None-Match first; If-Modified-Since only without it.
  const inm = headers.get('if-none-match') ?? undefined;
  const ims = headers.get('if-modified-since');
  if (inm !== undefined) {
    if (etagMatches(inm, etag, true)) return { status: 304, headers: base };
  } else if (ims) {
    const since = Date.parse(ims);
    if (!Number.isNaN(since) && Math.trunc(file.mtimeMs / 1000) * 1000 <= since)
      return { status: 304, headers: base };
  }

  let ranges = parseRange(headers.get('range') ?? undefined, file.size);
  const ifRange = headers.get('if-range');
  if (ranges && ifRange) {
    const v = ifRange.trim();
    const fresh =
      v.startsWith('"') || v.startsWith('W/')
        ? etagMatches(v, etag, false)
        : Date.parse(v) === Date.parse(lastModified);
    if (!fresh) ranges = undefined;
  }
  const head = method === 'HEAD';

  if (ranges === undefined) {
    const h = { ...base, 'content-length': String(file.size) };
    if (head || file.size === 0) return { status: 200, headers: h };
    return { status: 200, headers: h, parts: [{ start: 0, end: file.size - 1 }] };
  }
  if (ranges.length === 0)
    return { status: 416, headers: { ...base, 'content-range': `bytes */${file.size}` } };
  if (ranges.length === 1) {
    const r = ranges[0]!;
    const h = {
      ...base,
      'content-range': `bytes ${r.start}-${r.end}/${file.size}`,
      'content-length': String(r.end - r.start + 1),
    };
    return head ? { status: 206, headers: h } : { status: 206, headers: h, parts: [r] };
  }
  // §14.6 multipart/byteranges
  const boundary = `kinoteka-${randomBytes(12).toString('hex')}`;
  const parts: (Buffer | ByteRange)[] = [];
  let length = 0;
  for (const r of ranges) {
    const partHead = Buffer.from(
      `\r\n--${boundary}\r\ncontent-type: ${file.contentType}\r\ncontent-range: bytes ${r.start}-${r.end}/${file.size}\r\n\r\n`,
    );
    parts.push(partHead, r);
    length += partHead.length + (r.end - r.start + 1);
  }
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  parts.push(tail);
  length += tail.length;
  const h = {
    ...base,
    'content-type': `multipart/byteranges; boundary=${boundary}`,
    'content-length': String(length),
  };
  return head ? { status: 206, headers: h } : { status: 206, headers: h, parts };
}

/**
 * The response for a GET or HEAD of `file`, given the request headers. Takes ownership of the
 * descriptor: it is closed when the body has been sent (or at once when there is no body).
 */
export async function serveFile(
  method: string,
  headers: Headers,
  file: ServedFile,
): Promise<Response> {
  const a = answerFor(method, headers, file);
  if (!a.parts) {
    await closeFd(file.fd);
    return new Response(null, { status: a.status, headers: a.headers });
  }
  return new Response(toWeb(a.parts, file.fd), { status: a.status, headers: a.headers });
}

/**
 * Reads of 1 MiB: with the stream's default 64 KiB, a 1 GiB file is 16,384 reads and socket
 * writes; at 1 MiB, 1,024 (see bench/media/range.ts).
 */
const READ_CHUNK = 1 << 20;

/** Resolves when the socket takes more, or when the client has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * The same answer written straight to Node's response: the file read in 1 MiB chunks and
 * written to the socket, with no WHATWG stream (each chunk of which costs promises and a copy
 * through the fetch adapter) and no Node stream (a FileHandle read stream costs an abort
 * signal per request, and each FileHandle call a promise) in between. Takes ownership of the descriptor. Resolves when
 * the body is sent or the client went away.
 */
export async function sendFile(
  res: ServerResponse,
  method: string,
  headers: RequestHeaders,
  file: ServedFile,
): Promise<void> {
  const a = answerFor(method, headers, file);
  let pending: Promise<Buffer> | undefined;
  try {
    res.writeHead(a.status, a.headers);
    if (!a.parts) {
      res.end();
      return;
    }
    const only = a.parts.length === 1 ? a.parts[0]! : undefined;
    if (only && !Buffer.isBuffer(only) && only.end - only.start < READ_CHUNK) {
      // One read, then the headers and the bytes in one socket write (`end` with the body).
      pending = readAt(file.fd, only.end - only.start + 1, only.start);
      const buf = await pending;
      pending = undefined;
      if (res.destroyed) return;
      if (buf.length !== only.end - only.start + 1)
        throw new Error('the file shrank while it was being sent');
      res.end(buf, () => giveBack(buf));
      return;
    }
    for (const p of a.parts) {
      if (Buffer.isBuffer(p)) {
        if (!res.write(p)) await drained(res);
        continue;
      }
      // No stream in between: one read per MiB, the next read started while the socket takes
      // the last chunk, and the socket's back-pressure respected.
      const read = (pos: number) => readAt(file.fd, Math.min(READ_CHUNK, p.end - pos + 1), pos);
      pending = read(p.start);
      for (let pos = p.start; pos <= p.end;) {
        const buf: Buffer = await pending!;
        pos += buf.length;
        pending = pos <= p.end ? read(pos) : undefined;
        if (res.destroyed) return;
        if (!res.write(buf, () => giveBack(buf))) await drained(res);
      }
    }
    res.end();
  } catch {
    // the client closed the connection mid-body: nothing more to send
    res.destroy();
  } finally {
    await pending?.catch(() => undefined);
    if (file.release) file.release();
    else await closeFd(file.fd);
  }
}
