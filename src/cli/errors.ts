/**
 * How the CLI ends: one error type for its own failures, and the one place that turns any error
 * into a message on stderr and an exit code.
 *
 * Exit codes: 0 success; 1 the command failed (an application error, a failed check, a file
 * that cannot be read); 2 the command was called wrongly (a bad option or argument, a missing
 * one, an unknown command) or the configuration is invalid or names what cannot be used (a
 * database file that cannot be opened). A port already taken is 1: the same command works
 * once the other program stops. Commands may use other codes for
 * results of their own (`subs sync` exits 3 when it is not confident).
 */
import { CommanderError } from 'commander';
import { ConfigError, StartupError } from '../config/config.ts';
import { isAppError } from '../lib/errors.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure the CLI reports itself: the message is printed as `error: <message>`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command called wrongly (exit 2), for checks commander's own parsing cannot make. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** Prints what went wrong and returns the exit code for it. */
export function reportError(
  e: unknown,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text, exit code 0).
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof ConfigError) {
    write(e.message);
    return EXIT.usage;
  }
  if (e instanceof StartupError) {
    write(`error: ${e.message}`);
    write(`hint: ${e.hint}`);
    return e.exitCode;
  }
  if (e instanceof CliError) {
    write(`error: ${e.message}`);
    return e.exitCode;
  }
  if (isAppError(e)) {
    write(`error: ${e.message}`);
    // Some errors already list their problems in the message.
    for (const p of e.problems) {
      if (!e.message.includes(`${p.where}: `)) write(`${p.where}: ${p.message}`);
    }
    return EXIT.failed;
  }
  // A bug, not a user's mistake: the stack helps whoever reports it.
  write(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return EXIT.failed;
}
