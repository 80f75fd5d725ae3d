/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(message?: string): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let last = '';
  return {
    update(done, total, label = '') {
      if (!tty) return;
      const width = 28;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const line = `${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      if (line !== last) stream.write(`\r${line}`);
      last = line;
    },
    done(message) {
      if (tty && last) stream.write(`\r${' '.repeat(last.length)}\r`);
      if (message) stream.write(`${message}\n`);
      last = '';
    },
  };
}
