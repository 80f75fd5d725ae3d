/** `kinoteka serve`: the composition root starts the server; this command only reports it. */
import type { Command } from 'commander';
import { configWarnings, loadConfig } from '../../config/config.ts';
import { startServer } from '../../main.ts';
import { count } from '../format.ts';
import { int } from '../options.ts';
import { databaseStartupError, portStartupError } from '../startup.ts';
import { progressBar } from '../progress.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web site and API (migrates the database and loads content first).')
    .option('-p, --port <port>', 'port to listen on (overrides KINOTEKA_PORT)', int('port'))
    .action(async (opts: { port?: number }) => {
      for (const w of configWarnings(process.env)) console.error(w);
      const config = loadConfig({
        ...process.env,
        ...(opts.port !== undefined ? { KINOTEKA_PORT: String(opts.port) } : {}),
      });
      const bar = progressBar();
      const server = await startServer(config, {
        onContentProgress: (step, done, total) => bar.update(done, total, step),
      }).catch((e: unknown) => {
        bar.done();
        throw portStartupError(config.port, config.host, databaseStartupError(config, e));
      });
      const report = server.content;
      if (report) {
        bar.done(
          `content: ${count(report.films.added + report.films.updated, 'film')} and ${count(report.collections.added + report.collections.updated, 'collection')} loaded, ${report.films.unchanged + report.collections.unchanged} unchanged`,
        );
      }
      console.error(`Kinoteka is running at ${server.url}/ (database: ${config.database.kind})`);
      if (server.setupLink) {
        console.error(
          `No admin exists yet. Create the first one (this link works once, for 24 hours):\n  ${server.setupLink}\nor run: kinoteka users add --role admin --email … --username … --password-stdin`,
        );
      }
      // Graceful: stop accepting, finish the requests in flight (KINOTEKA_SHUTDOWN_GRACE_MS at
      // most), then close the LISTEN connection and the database pool.
      const stop = (signal: string) => {
        console.error(`${signal}: stopping; finishing the requests in flight`);
        void server.close().then(
          () => {
            console.error('stopped: requests finished, database connections closed');
            process.exit(0);
          },
          (e: unknown) => {
            console.error(`stopping failed: ${(e as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
