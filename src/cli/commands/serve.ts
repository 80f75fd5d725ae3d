/** `kinoteka serve`: the composition root starts the server; this command only reports it. */
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { startServer } from '../../main.ts';
import { int } from '../options.ts';
import { progressBar } from '../progress.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web site and API (migrates the database and loads content first).')
    .option('-p, --port <port>', 'port to listen on (overrides KINOTEKA_PORT)', int('port'))
    .action(async (opts: { port?: number }) => {
      const config = loadConfig({
        ...process.env,
        ...(opts.port !== undefined ? { KINOTEKA_PORT: String(opts.port) } : {}),
      });
      const bar = progressBar();
      const server = await startServer(config, {
        onContentProgress: (step, done, total) => bar.update(done, total, step),
      });
      const report = server.content;
      if (report) {
        bar.done(
          `content: ${report.films.added + report.films.updated} films and ${report.collections.added + report.collections.updated} collections loaded, ${report.films.unchanged + report.collections.unchanged} unchanged`,
        );
      }
      console.error(`Kinoteka is running at ${server.url}/ (database: ${config.database.kind})`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
