/** `kinoteka search "<query>"` and `kinoteka search reindex`. */
import type { Command } from 'commander';
import { presentSearchResult } from '../../presenters/index.ts';
import { withApp } from '../app.ts';
import { printJson, table } from '../format.ts';
import { int } from '../options.ts';
import { progressBar } from '../progress.ts';

export function registerSearchCommands(program: Command): void {
  const search = program
    .command('search')
    .description(
      'Find films by any title or person, in any script or spelling ("search reindex" rebuilds the index).',
    )
    .argument('[query...]', 'what to look for, e.g. "letyat zhuravli"')
    .option('--limit <n>', 'how many results', int('limit'), 10)
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: { limit: number; json?: boolean }) => {
      const query = words.join(' ').trim();
      if (!query) {
        search.help({ error: true });
      }
      await withApp(async (app) => {
        const results = await app.services.search.search(query, { limit: opts.limit });
        if (opts.json) return printJson({ query, data: results.map(presentSearchResult) });
        if (results.length === 0) {
          console.log(`nothing found for "${query}"`);
          process.exitCode = 1;
          return;
        }
        console.log(
          table(
            ['score', 'year', 'slug', 'title', 'original', 'matched'],
            results.map((r) => [
              r.score.toFixed(2),
              r.film.year,
              r.film.slug,
              r.film.englishTitle,
              r.film.originalTitle?.text,
              r.matchedPerson ?? r.matchedTitle,
            ]),
          ),
        );
      });
    });
  search
    .command('reindex')
    .description('Rebuild the search index from the database, with a progress bar.')
    .action(async () => {
      await withApp(async (app) => {
        const bar = progressBar();
        const started = process.hrtime.bigint();
        const { films } = await app.services.search.rebuild((done, total) =>
          bar.update(done, total ?? done, 'indexing'),
        );
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        bar.done(`indexed ${films} films in ${ms.toFixed(0)} ms`);
      });
    });
}
