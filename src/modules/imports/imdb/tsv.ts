/**
 * Reads an IMDb dataset file as published: gzip, UTF-8, one record per line, fields split by a
 * tab, `\N` for null, a header row naming the columns. IMDb writes no quoting and no escapes
 * (a `"` is a literal character), so a line is split on tabs and nothing else.
 *
 * The file is streamed: lines come out in batches as the gzip stream yields them, so memory
 * does not grow with the file. A line with the wrong number of fields, or a bad value reported
 * by the caller, becomes an `ImdbFormatError` naming the file and line.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { ValidationError } from '../../../lib/errors.ts';

export class ImdbFormatError extends ValidationError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`, [{ where: `${file}:${line}`, message: detail }]);
    this.name = 'ImdbFormatError';
  }
}

export interface TsvProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  lines: number;
}

/** A null field (`\N`) as null, anything else as written. */
export function field(value: string | undefined): string | null {
  return value === undefined || value === '\\N' ? null : value;
}

/**
 * Calls `onBatch` with arrays of split lines (header excluded), each paired with its line
 * number, and awaits it before reading on (so a slow database applies back-pressure).
 * Throws `ImdbFormatError` when the header is not `header`, or when a line has another number
 * of fields and `onBadLine` is not given (with it, the line is reported there and skipped).
 */
export async function readTsv(
  file: string,
  header: readonly string[],
  onBatch: (rows: string[][], firstLine: number, lines: Int32Array) => Promise<void> | void,
  opts: {
    onProgress?: (p: TsvProgress) => void;
    onBadLine?: (e: ImdbFormatError) => void;
    batchSize?: number;
  } = {},
): Promise<{ lines: number }> {
  const name = path.basename(file);
  const { size } = await stat(file);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  raw.on('error', (e) => input.destroy(e));
  const decoder = new StringDecoder('utf8');
  const batchSize = opts.batchSize ?? 20000;
  let rest = '';
  let lineNo = 0;
  let headerSeen = false;
  let batch: string[][] = [];
  let batchLines = new Int32Array(batchSize);

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    const lines = batchLines.subarray(0, rows.length);
    batch = [];
    batchLines = new Int32Array(batchSize);
    await onBatch(rows, lines[0] ?? 0, lines);
    opts.onProgress?.({ file: name, bytesRead, totalBytes: size, lines: lineNo });
  };

  /** Takes one line; true when the batch is full. */
  const take = (line: string): boolean => {
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!headerSeen) {
      headerSeen = true;
      const got = line.replace(/^\uFEFF/, '').split('\t');
      if (got.join('\t') !== header.join('\t')) {
        throw new ImdbFormatError(
          name,
          lineNo,
          `the header is not IMDb's (${header.join(', ')}); found: ${got.slice(0, 12).join(', ')}`,
        );
      }
      return false;
    }
    if (line === '') return false;
    const parts = line.split('\t');
    if (parts.length !== header.length) {
      const e = new ImdbFormatError(
        name,
        lineNo,
        `expected ${header.length} tab-separated fields (${header.join(', ')}), found ${parts.length}`,
      );
      if (!opts.onBadLine) throw e;
      opts.onBadLine(e);
      return false;
    }
    batchLines[batch.length] = lineNo;
    batch.push(parts);
    return batch.length >= batchSize;
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        if (take(text.slice(start, nl))) await flush();
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest !== '') take(rest);
    await flush();
  } catch (e) {
    if (e instanceof ImdbFormatError) throw e;
    throw new ImdbFormatError(
      name,
      lineNo + 1,
      `cannot read the file (${(e as Error).message}); is it a complete gzip file?`,
    );
  } finally {
    raw.destroy();
  }
  if (!headerSeen) throw new ImdbFormatError(name, 1, 'the file is empty (no header row)');
  opts.onProgress?.({ file: name, bytesRead: size, totalBytes: size, lines: lineNo });
  return { lines: lineNo };
}
