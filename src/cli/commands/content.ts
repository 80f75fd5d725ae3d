/** `kinoteka content check|load`: the content files, validated and loaded all or nothing. */
import type { Command } from 'commander';
import { withApp } from '../app.ts';
import { count, printJson, table } from '../format.ts';
import { progressBar } from '../progress.ts';

export function registerContentCommands(program: Command): void {
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
                ? `${count(r.problems.length, 'problem')} in ${dir}`
                : `ok: ${count(r.films, 'film')} and ${count(r.collections, 'collection')} in ${dir}`,
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
}
