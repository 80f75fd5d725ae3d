/**
 * The `kinoteka` command line. Each command parses its arguments, calls one service, and
 * prints the result (a table for people, `--json` for programs). Errors become exit codes in
 * one place (errors.ts).
 *
 * Start-up is lazy: only the module of the command being run is imported (and it imports the
 * application only when its action runs). Every other command is a stub with its name and
 * summary, which is all `kinoteka --help` shows; so help, a typo and `--version` never load the
 * database, the modules or the web app.
 */
import fs from 'node:fs';
import { Command } from 'commander';
import { reportError } from './errors.ts';

type Register = (program: Command) => void;

interface CommandModule {
  /** The top-level commands the module registers, with the summary `kinoteka --help` shows. */
  commands: Record<string, string>;
  load(): Promise<Register>;
}

/** Every command module, each loaded by a literal `import()` when one of its commands runs. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    commands: {
      serve: 'Start the web site and API (migrates the database and loads content first).',
    },
    load: async () => (await import('./commands/serve.ts')).registerServeCommand,
  },
  {
    commands: { db: 'Database schema.' },
    load: async () => (await import('./commands/db.ts')).registerDbCommands,
  },
  {
    commands: { content: 'The catalogue and collections as text files.' },
    load: async () => (await import('./commands/content.ts')).registerContentCommands,
  },
  {
    commands: { films: 'The film catalogue.', collections: 'Curated collections.' },
    load: async () => (await import('./commands/catalog.ts')).registerCatalogCommands,
  },
  {
    commands: {
      search:
        'Find films by any title or person, in any script or spelling ("search reindex" rebuilds the index).',
    },
    load: async () => (await import('./commands/search.ts')).registerSearchCommands,
  },
  {
    commands: {
      import: "Import a curator's list as a draft collection, or IMDb's dataset files.",
      check: 'Check claims against the knowledge base.',
      kb: 'The knowledge base behind claim checking.',
    },
    load: async () => (await import('./commands/check.ts')).registerCheckCommands,
  },
  {
    commands: { subs: 'read, convert, retime and sync subtitle files' },
    load: async () => (await import('./commands/subs.ts')).registerSubsCommands,
  },
  {
    commands: { users: 'Accounts: curators, reviewers, admins.' },
    load: async () => (await import('./commands/users.ts')).registerUsersCommands,
  },
  {
    commands: {
      media: 'The media library: copies of films under the media roots.',
      jobs: 'Background jobs (probes, subtitle extraction).',
    },
    load: async () => (await import('./commands/media.ts')).registerMediaCommands,
  },
  {
    commands: { export: 'Write the catalogue out ("export site DIR": the site as static files).' },
    load: async () => (await import('./commands/export-site.ts')).registerExportSiteCommand,
  },
];

const VERSION = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The command named on the line (`kinoteka help films` names `films`), if any. */
function commandNamed(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program for one command line (`argv` as process.argv gives it): the named command's
 * module in full, every other command as a stub. With `all`, every module is loaded.
 */
export async function buildProgram(
  argv: readonly string[] = [],
  opts: { all?: boolean } = {},
): Promise<Command> {
  const program = new Command('kinoteka')
    .description('Kinoteka: a self-hosted cinematheque for foreign-language film.')
    .version(VERSION)
    .showHelpAfterError()
    // Commander throws instead of exiting (every command defined below inherits this), so
    // runCli maps its errors to exit codes with everyone else's.
    .exitOverride();

  const named = commandNamed(argv.slice(2));
  for (const m of COMMAND_MODULES) {
    if (opts.all || (named !== undefined && named in m.commands)) (await m.load())(program);
    else
      for (const [name, summary] of Object.entries(m.commands))
        // two modules may add subcommands to one command (export): one stub for both
        if (!program.commands.some((c) => c.name() === name))
          program.command(name).description(summary);
  }
  return program;
}

/** Runs one command line; leaves its exit code in `process.exitCode`. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (e) {
    process.exitCode = reportError(e);
  }
}
