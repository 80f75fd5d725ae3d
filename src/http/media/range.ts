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
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

export interface ServedFile {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  contentType: string;
  cacheControl?: string;
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

function httpDate(ms: number): string {
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

function streamOf(handle: FileHandle, start: number, end: number): Readable {
  return handle.createReadStream({ start, end, autoClose: false });
}

/** Reads parts one after another from one descriptor, then closes it. */
function toWeb(chunks: (Buffer | { start: number; end: number })[], handle: FileHandle) {
  const gen = async function* () {
    try {
      for (const c of chunks) {
        if (Buffer.isBuffer(c)) yield c;
        else for await (const b of streamOf(handle, c.start, c.end)) yield b as Buffer;
      }
    } finally {
      await handle.close();
    }
  };
  return Readable.toWeb(Readable.from(gen())) as ReadableStream<Uint8Array>;
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
  const etag = fileEtag(file.size, file.mtimeMs);
  const lastModified = httpDate(file.mtimeMs);
  const base: Record<string, string> = {
    'accept-ranges': 'bytes',
    etag,
    'last-modified': lastModified,
    'content-type': file.contentType,
    'cache-control': file.cacheControl ?? 'private, max-age=0, must-revalidate',
  };
  const done = async (res: Response) => {
    await file.handle.close();
    return res;
  };

  // §13.2.2: If-None-Match first; If-Modified-Since only without it.
  const inm = headers.get('if-none-match') ?? undefined;
  const ims = headers.get('if-modified-since');
  if (inm !== undefined) {
    if (etagMatches(inm, etag, true))
      return done(new Response(null, { status: 304, headers: base }));
  } else if (ims) {
    const since = Date.parse(ims);
    if (!Number.isNaN(since) && Math.trunc(file.mtimeMs / 1000) * 1000 <= since)
      return done(new Response(null, { status: 304, headers: base }));
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
    if (head || file.size === 0) return done(new Response(null, { status: 200, headers: h }));
    return new Response(toWeb([{ start: 0, end: file.size - 1 }], file.handle), {
      status: 200,
      headers: h,
    });
  }
  if (ranges.length === 0) {
    return done(
      new Response(null, {
        status: 416,
        headers: { ...base, 'content-range': `bytes */${file.size}` },
      }),
    );
  }
  if (ranges.length === 1) {
    const r = ranges[0]!;
    const h = {
      ...base,
      'content-range': `bytes ${r.start}-${r.end}/${file.size}`,
      'content-length': String(r.end - r.start + 1),
    };
    if (head) return done(new Response(null, { status: 206, headers: h }));
    return new Response(toWeb([r], file.handle), { status: 206, headers: h });
  }
  // §14.6 multipart/byteranges
  const boundary = `kinoteka-${randomBytes(12).toString('hex')}`;
  const chunks: (Buffer | ByteRange)[] = [];
  let length = 0;
  for (const r of ranges) {
    const partHead = Buffer.from(
      `\r\n--${boundary}\r\ncontent-type: ${file.contentType}\r\ncontent-range: bytes ${r.start}-${r.end}/${file.size}\r\n\r\n`,
    );
    chunks.push(partHead, r);
    length += partHead.length + (r.end - r.start + 1);
  }
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  chunks.push(tail);
  length += tail.length;
  const h = {
    ...base,
    'content-type': `multipart/byteranges; boundary=${boundary}`,
    'content-length': String(length),
  };
  if (head) return done(new Response(null, { status: 206, headers: h }));
  return new Response(toWeb(chunks, file.handle), { status: 206, headers: h });
}
