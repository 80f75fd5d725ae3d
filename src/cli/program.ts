/**
 * The `kinoteka` command line. Each command parses its arguments, calls one service, and
 * prints the result (a table for people, `--json` for programs). Errors become exit codes in
 * one place (errors.ts).
 */
import { Command } from 'commander';
import { APP_VERSION } from '../main.ts';
import { registerCatalogCommands } from './commands/catalog.ts';
import { registerCheckCommands } from './commands/check.ts';
import { registerContentCommands } from './commands/content.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerSearchCommands } from './commands/search.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSubsCommands } from './commands/subs.ts';
import { reportError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('kinoteka')
    .description('Kinoteka: a self-hosted cinematheque for foreign-language film.')
    .version(APP_VERSION)
    .showHelpAfterError()
    // Commander throws instead of exiting (every command defined below inherits this), so
    // runCli maps its errors to exit codes with everyone else's.
    .exitOverride();

  registerServeCommand(program);
  registerDbCommands(program);
  registerContentCommands(program);
  registerCatalogCommands(program);
  registerSearchCommands(program);
  registerCheckCommands(program);
  registerSubsCommands(program);
  return program;
}

/** Runs one command line; leaves its exit code in `process.exitCode`. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    process.exitCode = reportError(e);
  }
}
