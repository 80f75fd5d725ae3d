/**
 * The server's log: pino, one JSON object a line on stderr (`{"level":30,"time":…,"msg":…}`),
 * for a log collector; or, on a terminal (or when asked), the same records as plain text
 * lines (`12:00:01.234 INFO  GET /films 200 3.1ms`), written by a small stream of ours rather
 * than pino-pretty. The CLI's own output to its user is not a log and does not go through here.
 */
import { type DestinationStream, type Logger as Pino, pino } from 'pino';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'auto' | 'json' | 'pretty';

const LABELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

/** Formats pino's JSON lines as text: time, level, message, then the other fields as k=v. */
export function prettyStream(out: { write(s: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { level, time, msg, pid: _p, hostname: _h, err, ...rest } = o;
      const t = new Date(Number(time)).toISOString().slice(11, 23);
      const fields = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      const stack =
        err && typeof err === 'object' && 'stack' in err ? `\n${String(err.stack)}` : '';
      out.write(
        `${t} ${LABELS[Number(level)] ?? level} ${String(msg ?? '')}${fields ? ` ${fields}` : ''}${stack}\n`,
      );
    },
  };
}

/**
 * A pino logger at the level given. `auto` is pretty when `stream` is a terminal, JSON
 * otherwise. `stream` defaults to stderr (stdout stays free for what commands print).
 */
export function createLogger(opts: {
  level: LogLevel;
  format: LogFormat;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}): Pino {
  const out = opts.stream ?? process.stderr;
  const pretty = opts.format === 'pretty' || (opts.format === 'auto' && !!out.isTTY);
  const dest: DestinationStream = pretty
    ? prettyStream(out)
    : { write: (s: string) => void out.write(s) };
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      serializers: { err: pino.stdSerializers.err },
    },
    dest,
  );
}
