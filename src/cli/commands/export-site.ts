/**
 * `kinoteka export site DIR`: the public site as static files (docs/export.md). Another
 * module may own `export` too (collections in other formats); each adds its subcommands to
 * the one `export` command, whichever registers first.
 */
import type { Command } from 'commander';
import { withApp } from '../app.ts';
import { progressBar } from '../progress.ts';

export function exportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program
      .command('export')
      .description('Write the catalogue out ("export site DIR": the site as static files).')
  );
}

export function registerExportSiteCommand(program: Command): void {
  exportCommand(program)
    .command('site')
    .description(
      'Write every public page, its assets, sitemap, feeds and a search index as static files (links work from any static host; KINOTEKA_PUBLIC_URL sets the absolute URLs).',
    )
    .argument('<dir>', 'the folder to write (emptied first)')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { bundleSearchClient, exportSite } = await import('../../modules/export/index.ts');
      await withApp(async (app) => {
        const http = app.http();
        const bar = progressBar();
        const started = process.hrtime.bigint();
        const report = await exportSite({
          fetch: async (p) => http.request(p),
          dir,
          publicUrl: app.config.publicUrl,
          searchSnapshot: () => app.services.search.snapshot(),
          searchScript: bundleSearchClient,
          onProgress: (done, total) => bar.update(done, total, 'exporting'),
        });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        bar.done();
        if (opts.json) {
          console.log(JSON.stringify({ dir, ms: Math.round(ms), ...report }, null, 2));
          return;
        }
        console.log(
          `exported ${report.pages} pages (${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB; search index ${(report.indexBytes / 1e3).toFixed(0)} kB) to ${dir} in ${(ms / 1000).toFixed(1)} s`,
        );
        if (report.dropped.length)
          console.log(`links to server-only pages left without href: ${report.dropped.join(', ')}`);
      });
    });
}
