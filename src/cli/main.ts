/**
 * The `kinoteka` command line. Each command parses its arguments, calls one service, and
 * prints the result (a table for people, `--json` for programs).
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config/config.ts';
import { migrateToLatest, rollbackOne } from '../db/index.ts';
import { presentCollection, presentFilmSummary } from '../http/presenters.ts';
import { isAppError } from '../lib/errors.ts';
import { APP_VERSION, createApplication } from '../main.ts';
import { ACCESS_KINDS } from '../modules/access/index.ts';
import { withApp } from './app.ts';
import { registerCheckCommands } from './commands/check.ts';
import { registerSearchCommands } from './commands/search.ts';
import { registerSubsCommands } from './commands/subs.ts';
import { printJson, table } from './format.ts';
import { progressBar } from './progress.ts';

function int(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return n;
  };
}

export function buildProgram(): Command {
  const program = new Command('kinoteka')
    .description('Kinoteka: a self-hosted cinematheque for foreign-language film.')
    .version(APP_VERSION)
    .showHelpAfterError();

  program
    .command('serve')
    .description('Start the web site and API (migrates the database and loads content first).')
    .option('-p, --port <port>', 'port to listen on (overrides KINOTEKA_PORT)', int('port'))
    .action(async (opts: { port?: number }) => {
      const env = {
        ...process.env,
        ...(opts.port !== undefined ? { KINOTEKA_PORT: String(opts.port) } : {}),
      };
      const config = loadConfig(env);
      const app = await createApplication(config);
      if (config.loadContentOnStart) {
        const bar = progressBar();
        const report = await app.services.content.load(config.contentDir, (step, done, total) =>
          bar.update(done, total, step),
        );
        bar.done(
          `content: ${report.films.added + report.films.updated} films and ${report.collections.added + report.collections.updated} collections loaded, ${report.films.unchanged + report.collections.unchanged} unchanged`,
        );
      }
      const server = await app.listen(config.port, config.host);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      console.error(
        `Kinoteka is running at http://localhost:${port}/ (database: ${config.database.kind})`,
      );
      const stop = () => {
        server.close(() => void app.close().then(() => process.exit(0)));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const db = program.command('db').description('Database schema.');
  db.command('migrate')
    .description('Apply every pending migration.')
    .action(() =>
      withApp(
        async (app) => {
          const r = await migrateToLatest(app.db);
          console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'already up to date');
        },
        { migrate: false },
      ),
    );
  db.command('rollback')
    .description('Undo the most recent migration.')
    .action(() =>
      withApp(
        async (app) => {
          const r = await rollbackOne(app.db);
          console.log(
            r.applied.length ? `rolled back: ${r.applied.join(', ')}` : 'nothing to roll back',
          );
        },
        { migrate: false },
      ),
    );

  const content = program
    .command('content')
    .description('The catalogue and collections as text files.');
  content
    .command('check')
    .description('Validate the content files; prints file:line: message for each problem.')
    .option('-d, --dir <dir>', 'content folder (overrides KINOTEKA_CONTENT_DIR)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { dir?: string; json?: boolean }) => {
      await withApp(
        async (app) => {
          const dir = opts.dir ?? app.config.contentDir;
          const r = await app.services.content.check(dir);
          if (opts.json) printJson(r);
          else {
            for (const p of r.problems) console.log(`${p.where}: ${p.message}`);
            console.log(
              r.problems.length
                ? `${r.problems.length} problem(s) in ${dir}`
                : `ok: ${r.films} films and ${r.collections} collections in ${dir}`,
            );
          }
          if (r.problems.length) process.exitCode = 1;
        },
        { migrate: false },
      );
    });
  content
    .command('load')
    .description('Load the content files into the database (all or nothing; idempotent).')
    .option('-d, --dir <dir>', 'content folder (overrides KINOTEKA_CONTENT_DIR)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { dir?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const bar = progressBar();
        const report = await app.services.content.load(
          opts.dir ?? app.config.contentDir,
          (step, done, total) => bar.update(done, total, step),
        );
        bar.done();
        if (opts.json) return printJson(report);
        console.log(
          table(
            ['', 'added', 'updated', 'unchanged', 'removed'],
            (['films', 'collections', 'people', 'sources'] as const).map((k) => [
              k,
              report[k].added,
              report[k].updated,
              report[k].unchanged,
              report[k].removed,
            ]),
          ),
        );
        console.log(report.changed ? 'content loaded' : 'nothing changed');
      });
    });

  const films = program.command('films').description('The film catalogue.');
  films
    .command('list')
    .description('List films, ordered by year.')
    .option('--decade <year>', 'e.g. 1950', int('decade'))
    .option('--from <year>', 'earliest year', int('from'))
    .option('--to <year>', 'latest year', int('to'))
    .option('--director <slug>', 'director slug, e.g. mark-donskoy')
    .option('--access <kind>', `English access: ${[...ACCESS_KINDS, 'none'].join(', ')}`)
    .option('--page <n>', 'page number', int('page'), 1)
    .option('--per-page <n>', 'films per page', int('per-page'), 50)
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        decade?: number;
        from?: number;
        to?: number;
        director?: string;
        access?: string;
        page: number;
        perPage: number;
        json?: boolean;
      }) => {
        if (opts.access && ![...ACCESS_KINDS, 'none'].includes(opts.access)) {
          throw new InvalidArgumentError(
            `--access must be one of ${[...ACCESS_KINDS, 'none'].join(', ')}`,
          );
        }
        await withApp(async (app) => {
          const page = await app.services.catalog.listFilms(
            {
              decade: opts.decade,
              yearFrom: opts.from,
              yearTo: opts.to,
              director: opts.director,
              access: opts.access as (typeof ACCESS_KINDS)[number] | 'none' | undefined,
            },
            { page: opts.page, perPage: opts.perPage },
          );
          if (opts.json) {
            return printJson({ data: page.items.map(presentFilmSummary), total: page.total });
          }
          console.log(
            table(
              ['year', 'slug', 'title', 'original', 'director', 'English access'],
              page.items.map((f) => [
                f.year,
                f.slug,
                f.englishTitle,
                f.originalTitle?.text,
                f.directors.map((d) => d.name).join(', '),
                f.accessKinds.join(', ') || 'none known',
              ]),
            ),
          );
          console.log(`${page.items.length} of ${page.total} films`);
        });
      },
    );

  const collections = program.command('collections').description('Curated collections.');
  collections
    .command('list')
    .description('List collections.')
    .option('--drafts', 'include drafts')
    .option('--json', 'print JSON')
    .action(async (opts: { drafts?: boolean; json?: boolean }) => {
      await withApp(async (app) => {
        const list = await app.services.collections.list({ includeDrafts: opts.drafts ?? false });
        if (opts.json) return printJson(list);
        console.log(
          table(
            ['slug', 'title', 'status', 'films'],
            list.map((c) => [c.slug, c.title, c.status, c.filmCount]),
          ),
        );
      });
    });
  collections
    .command('show <slug>')
    .description('Show a collection with its entries and corrections.')
    .option('--json', 'print JSON')
    .action(async (slug: string, opts: { json?: boolean }) => {
      await withApp(async (app) => {
        const c = await app.services.collections.get(slug, { includeDrafts: true });
        if (opts.json) return printJson(presentCollection(c));
        console.log(`${c.title}${c.subtitle ? `: ${c.subtitle}` : ''}\n`);
        console.log(
          table(
            ['#', 'film', 'year', 'original', 'director', 'English access', 'corrections'],
            c.entries.map((e) => [
              e.position,
              e.film.englishTitle,
              e.film.year,
              e.film.originalTitle?.text,
              e.film.directors.map((d) => d.name).join(', '),
              e.film.accessKinds.join(', ') || 'none known',
              e.corrections.length || '',
            ]),
          ),
        );
      });
    });

  registerSearchCommands(program);
  registerCheckCommands(program);
  registerSubsCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 2;
    } else if (isAppError(e)) {
      console.error(`error: ${e.message}`);
      // Some errors already list their problems in the message.
      for (const p of e.problems) {
        if (!e.message.includes(`${p.where}: `)) console.error(`${p.where}: ${p.message}`);
      }
      process.exitCode = 1;
    } else if (e instanceof InvalidArgumentError) {
      console.error(`error: ${e.message}`);
      process.exitCode = 2;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  }
}
