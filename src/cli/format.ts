/** Plain-text tables for terminal output. */
export interface TableOptions {
  /** The widest a line may be; with `wrap`, the wrapped columns give way to fit it. */
  width?: number;
  /** Columns (by index) whose text is wrapped onto more lines when the table is too wide. */
  wrap?: number[];
}

type Cell = string | number | null | undefined;

const len = (s: string) => [...s].length;

export function table(headers: string[], rows: Cell[][], opts: TableOptions = {}): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = headers.map((h, i) => Math.max(len(h), ...cells.map((r) => len(r[i] ?? ''))));
  const wrap = (opts.wrap ?? []).filter((i) => i < widths.length);
  if (opts.width !== undefined && wrap.length > 0) {
    const gaps = 2 * (widths.length - 1);
    const fixed = widths.reduce((sum, w, i) => sum + (wrap.includes(i) ? 0 : w), 0);
    // What is left for the wrapped columns: narrow ones keep their width, the rest share out
    // what remains evenly (never narrower than 12, so a word still reads).
    let left = Math.max(12 * wrap.length, opts.width - fixed - gaps);
    const pending = [...wrap].sort((a, b) => widths[a]! - widths[b]!);
    while (pending.length) {
      const share = Math.max(12, Math.floor(left / pending.length));
      const i = pending.shift()!;
      widths[i] = Math.min(widths[i]!, share);
      left -= widths[i]!;
    }
  }
  const line = (r: string[]) =>
    r
      .map((v, i) => v + ' '.repeat(Math.max(0, widths[i]! - len(v))))
      .join('  ')
      .trimEnd();
  const lines = (r: string[]): string[] => {
    const parts = r.map((v, i) => (wrap.includes(i) ? wrapText(v, widths[i]!) : [v]));
    const height = Math.max(1, ...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, k) => line(parts.map((p) => p[k] ?? '')));
  };
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.flatMap(lines)].join(
    '\n',
  );
}

/** Breaks text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (len(w) > width) {
      if (cur) out.push(cur);
      cur = '';
      out.push([...w].slice(0, width).join(''));
      w = [...w].slice(width).join('');
    }
    if (!cur) cur = w;
    else if (len(cur) + 1 + len(w) <= width) cur += ` ${w}`;
    else {
      out.push(cur);
      cur = w;
    }
  }
  if (cur) out.push(cur);
  return out.length ? out : [''];
}

/** The terminal's width, or 80 when output is not a terminal (a pipe, a file). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `1 collection`, `2 collections`: a count with its noun (`plural` when not noun + s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** Words for the file-system errors a person meets when naming a file. */
export function fileErrorText(e: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (e.code && words[e.code]) ?? e.message;
}
