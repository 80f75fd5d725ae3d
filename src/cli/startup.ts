/**
 * Start-up failures a new operator meets (a database path that cannot be opened, a port that is
 * taken), turned into one line that names the setting and a hint; see docs/troubleshooting.md.
 * Errors of any other kind are returned as they are.
 */
import { type Config, StartupError } from '../config/config.ts';

/**
 * The database named by the configuration cannot be opened or written: one line that names it,
 * and what to change. Anything else (a bug in a migration) is passed on as it is.
 */
export function databaseStartupError(config: Config, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException & { code?: string };
  const message = err instanceof Error ? err.message : String(e);
  const reason =
    !err?.code || message.startsWith(String(err.code)) ? message : `${err.code}: ${message}`;
  if (config.database.kind === 'sqlite') {
    const file = config.database.file;
    const fsCodes = ['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOENT', 'EISDIR', 'ENOSPC'];
    // A file-system error counts only when it is about the database's own path (mkdir of its
    // folder), not, say, a missing content folder during the start-up load.
    const aboutFile =
      typeof err?.path === 'string' && (file === err.path || file.startsWith(`${err.path}/`));
    if (
      String(err?.code).startsWith('SQLITE_') ||
      (fsCodes.includes(String(err?.code)) && aboutFile)
    ) {
      return new StartupError(
        `cannot open the SQLite database ${file} (${reason})`,
        'set KINOTEKA_DATABASE_URL to a file path in a folder you can write to, e.g. KINOTEKA_DATABASE_URL=./data/kinoteka.db',
      );
    }
    return e;
  }
  const netCodes = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'];
  // 28P01/28000: authentication; 3D000: no such database (PostgreSQL error codes, appendix A).
  if (
    netCodes.includes(String(err?.code)) ||
    ['28P01', '28000', '3D000'].includes(String(err?.code))
  ) {
    const url = new URL(config.database.url);
    if (url.password) url.password = '***';
    return new StartupError(
      `cannot connect to PostgreSQL at ${url.toString()} (${reason})`,
      'check that the server runs and that KINOTEKA_DATABASE_URL names its host, port, user and database',
    );
  }
  return e;
}

export function portStartupError(port: number, host: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return e;
  const next = port === 0 ? 8081 : Math.min(65535, port + 1);
  return code === 'EADDRINUSE'
    ? new StartupError(
        `port ${port} on ${host} is already in use (another Kinoteka, or another program, listens there)`,
        `pick another port: kinoteka serve --port ${next}, or set KINOTEKA_PORT=${next}`,
        1,
      )
    : new StartupError(
        `not allowed to listen on port ${port} on ${host} (${code})`,
        `ports below 1024 need privileges; use kinoteka serve --port 8080 or set KINOTEKA_PORT=8080`,
      );
}
