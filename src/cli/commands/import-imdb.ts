/**
 * `kinoteka import imdb DIR`: loads IMDb's non-commercial dataset files from DIR into the
 * catalogue, with a progress bar and lines a second. Registered under `kinoteka import`.
 */
import type { Command } from 'commander';
import { withApp } from '../app.ts';
import { CliError } from '../errors.ts';
import { count, printJson } from '../format.ts';
import { progressBar } from '../progress.ts';

const MB = 1024 * 1024;

interface ImportImdbOptions {
  types: string;
  skipBad?: boolean;
  /** `--bulk` true, `--no-bulk` false, neither: undefined (chosen by the run's size). */
  bulk?: boolean;
  json?: boolean;
}

export function registerImportImdbCommand(imp: Command): void {
  imp
    .command('imdb <dir>')
    .description(
      "Load IMDb's dataset files (title.basics, title.akas, title.crew, title.principals, name.basics; .tsv.gz) into the catalogue. Re-running updates; a killed run resumes.",
    )
    .option('--types <list>', 'IMDb title types to import, comma-separated', 'movie,tvMovie,short')
    .option('--skip-bad', 'report malformed lines and leave them out instead of stopping')
    .option(
      '--bulk',
      'drop the secondary indexes (and on PostgreSQL the foreign keys) of films, titles, people and credits for the apply and rebuild them after it; the default when the catalogue holds fewer than half the rows the run adds',
    )
    .option(
      '--no-bulk',
      'apply row by row with the indexes in place (on PostgreSQL the bulk apply locks those tables against readers until it commits)',
    )
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: ImportImdbOptions) => {
      const types = opts.types
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      if (types.length === 0) throw new CliError('--types names no title type', 2);
      await withApp(async (app) => {
        const bar = progressBar();
        const report = await app.services.imdb.import(dir, {
          types,
          ...(opts.skipBad ? { skipBad: true } : {}),
          ...(opts.bulk !== undefined ? { bulk: opts.bulk } : {}),
          onProgress: (p) => {
            if (p.phase === 'apply') {
              bar.done();
              if (!opts.json) process.stderr.write('applying the staged rows to the catalogue…\n');
              return;
            }
            bar.update(
              Math.round(p.bytesRead / MB),
              Math.max(1, Math.round(p.totalBytes / MB)),
              `${p.file} MB, ${p.rowsPerSecond.toLocaleString('en')} lines/s`,
            );
          },
          onStaged: (file) => {
            bar.done();
            if (!opts.json) process.stderr.write(`staged ${file}\n`);
          },
        });
        if (opts.json) return printJson(report);
        if (report.resumed) {
          console.log(
            `resumed run ${report.run}${report.reused.length ? ` (already staged: ${report.reused.join(', ')})` : ''}`,
          );
        }
        for (const b of report.badLines.slice(0, 20))
          console.log(`skipped ${b.where}: ${b.message}`);
        if (report.badLines.length > 20)
          console.log(`… and ${report.badLines.length - 20} more malformed lines`);
        for (const l of report.films.linked)
          console.log(`linked ${l.imdbId} to ${l.slug} (by ${l.by})`);
        console.log(
          [
            `${count(report.films.added, 'film')} added, ${report.films.updated} updated`,
            `${count(report.titles, 'title')}`,
            `${count(report.people.added, 'person', 'people')} added${report.people.linked ? ` (${report.people.linked} linked to content people)` : ''}`,
            `${count(report.credits, 'credit')}`,
            `${report.skipped.noYear} without a year left out`,
          ].join(', '),
        );
        console.log(
          `${Object.values(report.lines)
            .reduce((a, b) => a + b, 0)
            .toLocaleString(
              'en',
            )} lines in ${report.seconds} s (${report.rowsPerSecond.toLocaleString('en')} lines/s)${report.bulk ? '; bulk apply: indexes rebuilt after the insert' : ''}`,
        );
      });
    });
}
