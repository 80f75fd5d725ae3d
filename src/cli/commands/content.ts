/**
 * `kinoteka content check|load|export`: the content files, validated and loaded all or nothing,
 * and collections written back to them (or to Letterboxd CSV).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
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
                : `ok: ${count(r.films, 'film')}, ${count(r.collections, 'collection')} and ${count(r.people, 'person file', 'person files')} in ${dir}`,
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
  content
    .command('export [slugs...]')
    .description(
      'Write collections to <dir>/collections/<slug>.yaml (default: every collection made in the workspace or imported), or one as Letterboxd CSV.',
    )
    .option('-d, --dir <dir>', 'content folder (overrides KINOTEKA_CONTENT_DIR)')
    .option('--letterboxd', 'write Letterboxd CSV (Position,Name,Year,Description) instead')
    .option('--minimal', 'with --letterboxd: only Title,Year')
    .option('-o, --out <file>', 'with --letterboxd: the file to write (default: standard output)')
    .action(
      async (
        slugs: string[],
        opts: { dir?: string; letterboxd?: boolean; minimal?: boolean; out?: string },
      ) => {
        await withApp(async (app) => {
          const files = app.services.collectionFiles;
          if (opts.letterboxd) {
            if (slugs.length !== 1)
              throw new CliError('--letterboxd exports one collection: name its slug', 2);
            const csv = await files.letterboxdCsv(slugs[0]!, { minimal: !!opts.minimal });
            if (opts.out) {
              await fs.writeFile(opts.out, csv);
              console.error(`wrote ${opts.out}`);
            } else process.stdout.write(csv);
            return;
          }
          const dir = opts.dir ?? app.config.contentDir;
          const chosen = slugs.length ? slugs : await files.workspaceSlugs();
          await fs.mkdir(path.join(dir, 'collections'), { recursive: true });
          for (const slug of chosen) {
            const { file, text } = await files.contentYaml(slug);
            await fs.writeFile(path.join(dir, file), text);
            console.log(`wrote ${path.join(dir, file)}`);
          }
          if (chosen.length === 0)
            console.log('no collection made in the workspace or imported to export');
        });
      },
    );
}
