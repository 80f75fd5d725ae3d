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
 * One line of a batch, read in place: the fields are offsets into the decoded text, and a
 * field becomes a string only when the mapping asks for it (most columns are never read).
 * A batch hands out one `TsvRow`, moved from line to line: keep strings, not the row.
 */
export class TsvRow {
  text = '';
  /** For each line, the start of each field and then the end of the line plus one. */
  starts: Int32Array = new Int32Array(0);
  base = 0;
  constructor(readonly fields: number) {}

  private start(k: number): number {
    return this.starts[this.base + k]!;
  }
  private end(k: number): number {
    return this.starts[this.base + k + 1]! - 1;
  }
  /** Field `k` as written (`\N` included). */
  raw(k: number): string {
    return this.text.slice(this.start(k), this.end(k));
  }
  isNull(k: number): boolean {
    const s = this.start(k);
    return (
      this.end(k) - s === 2 && this.text.charCodeAt(s) === 92 && this.text.charCodeAt(s + 1) === 78
    );
  }
  /** Field `k`, or null for `\N`. */
  get(k: number): string | null {
    return this.isNull(k) ? null : this.raw(k);
  }
  /** Whether field `k` is exactly `value`. */
  is(k: number, value: string): boolean {
    const s = this.start(k);
    return this.end(k) - s === value.length && this.text.startsWith(value, s);
  }
  /**
   * An IMDb id (`tt0017128`, `nm0700214`: the prefix and 7 to 9 digits) in field `k`, or in
   * the part of it from `from` to `to` (a comma-separated list): its number, or -1.
   */
  id(k: number, prefix: 'tt' | 'nm', from = this.start(k), to = this.end(k)): number {
    const t = this.text;
    const len = to - from;
    if (len < 9 || len > 11) return -1;
    if (
      t.charCodeAt(from) !== prefix.charCodeAt(0) ||
      t.charCodeAt(from + 1) !== prefix.charCodeAt(1)
    )
      return -1;
    let n = 0;
    for (let i = from + 2; i < to; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      n = n * 10 + c;
    }
    return n;
  }
  /** Field `k` as a number of 1 to 9 digits; null for `\N`; NaN for anything else. */
  int(k: number): number | null {
    if (this.isNull(k)) return null;
    const t = this.text;
    const s = this.start(k);
    const e = this.end(k);
    if (e - s < 1 || e - s > 9) return Number.NaN;
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return Number.NaN;
      n = n * 10 + c;
    }
    return n;
  }
  /** The offsets of field `k` in `text`. */
  span(k: number): [number, number] {
    return [this.start(k), this.end(k)];
  }
}

/** The lines of a batch: `row(i)` points the shared row at line `i`. */
export interface TsvBatch {
  size: number;
  /** The line number (in the file, from 1) of each line. */
  lines: Int32Array;
  row(i: number): TsvRow;
}

/**
 * Calls `onBatch` with batches of lines (header excluded), and awaits it before reading on (so
 * a slow database applies back-pressure). Throws `ImdbFormatError` when the header is not
 * `header`, or when a line has another number of fields and `onBadLine` is not given (with
 * it, the line is reported there and skipped). A batch is the whole lines of one decoded
 * chunk of the file.
 */
export async function readTsv(
  file: string,
  header: readonly string[],
  onBatch: (batch: TsvBatch) => Promise<void> | void,
  opts: {
    onProgress?: (p: TsvProgress) => void;
    onBadLine?: (e: ImdbFormatError) => void;
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
  const nf = header.length;
  const stride = nf + 1;
  const row = new TsvRow(nf);
  let capacity = 4096;
  let starts = new Int32Array(capacity * stride);
  let lineNos = new Int32Array(capacity);
  let rest = '';
  let lineNo = 0;
  let headerSeen = false;

  const checkHeader = (line: string) => {
    const got = line.replace(/^\uFEFF/, '').split('\t');
    if (got.join('\t') !== header.join('\t')) {
      throw new ImdbFormatError(
        name,
        lineNo,
        `the header is not IMDb's (${header.join(', ')}); found: ${got.slice(0, 12).join(', ')}`,
      );
    }
  };

  /**
   * Splits the lines of `text` up to the line break at `limit` (or, for the file's last line,
   * which has none, up to `limit` = the text's length) into the batch; returns its size.
   */
  const split = (text: string, limit: number): number => {
    let count = 0;
    let pos = 0;
    while (pos <= limit) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0 || nl > limit) nl = limit;
      lineNo++;
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      if (!headerSeen) {
        headerSeen = true;
        checkHeader(text.slice(pos, end));
      } else if (end > pos) {
        if (count === capacity) {
          capacity *= 2;
          const s2 = new Int32Array(capacity * stride);
          s2.set(starts);
          starts = s2;
          const l2 = new Int32Array(capacity);
          l2.set(lineNos);
          lineNos = l2;
        }
        const base = count * stride;
        starts[base] = pos;
        let k = 1;
        let at = pos;
        for (;;) {
          const tab = text.indexOf('\t', at);
          if (tab < 0 || tab >= end) break;
          if (k < nf) starts[base + k] = tab + 1;
          k++;
          at = tab + 1;
        }
        if (k !== nf) {
          const e = new ImdbFormatError(
            name,
            lineNo,
            `expected ${nf} tab-separated fields (${header.join(', ')}), found ${k}`,
          );
          if (!opts.onBadLine) throw e;
          opts.onBadLine(e);
        } else {
          starts[base + nf] = end + 1;
          lineNos[count] = lineNo;
          count++;
        }
      }
      pos = nl + 1;
    }
    return count;
  };

  const emit = async (text: string, count: number) => {
    if (count === 0) return;
    row.text = text;
    row.starts = starts;
    await onBatch({
      size: count,
      lines: lineNos,
      row: (i) => {
        row.base = i * stride;
        return row;
      },
    });
    opts.onProgress?.({ file: name, bytesRead, totalBytes: size, lines: lineNo });
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const last = text.lastIndexOf('\n');
      if (last < 0) {
        rest = text;
        continue;
      }
      await emit(text, split(text, last));
      rest = text.slice(last + 1);
    }
    rest += decoder.end();
    if (rest !== '') await emit(rest, split(rest, rest.length));
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
