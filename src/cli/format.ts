/** Plain-text tables for terminal output. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (r: string[]) =>
    r
      .map((v, i) => v + ' '.repeat(Math.max(0, widths[i]! - [...v].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
