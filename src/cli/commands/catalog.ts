/** `kinoteka films list`, `kinoteka collections list|show`: reading the catalogue. */
import { type Command, Option } from 'commander';
import { ACCESS_FILTERS, type AccessFilter } from '../../modules/catalog/index.ts';
import { presentCollection, presentFilmSummary } from '../../presenters/index.ts';
import { withApp } from '../app.ts';
import { printJson, table } from '../format.ts';
import { decade, int } from '../options.ts';

export function registerCatalogCommands(program: Command): void {
  const films = program.command('films').description('The film catalogue.');
  films
    .command('list')
    .description('List films, ordered by year.')
    .option('--decade <year>', 'e.g. 1950', decade)
    .option('--from <year>', 'earliest year', int('from'))
    .option('--to <year>', 'latest year', int('to'))
    .option('--director <slug>', 'director slug, e.g. mark-donskoy')
    .option('--country <code>', 'ISO 3166 country code, e.g. SU')
    .option('--language <tag>', 'language tag, e.g. ru')
    .addOption(
      new Option('--access <kind>', 'English access (offers or a copy on this server)').choices(
        ACCESS_FILTERS,
      ),
    )
    .option('--page <n>', 'page number', int('page'), 1)
    .option('--per-page <n>', 'films per page', int('per-page'), 50)
    .option('--cursor <cursor>', 'the page a previous run named (its "next:" line)')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        decade?: number;
        from?: number;
        to?: number;
        director?: string;
        country?: string;
        language?: string;
        access?: AccessFilter;
        page: number;
        perPage: number;
        cursor?: string;
        json?: boolean;
      }) => {
        await withApp(async (app) => {
          const page = await app.services.catalog.listFilms(
            {
              decade: opts.decade,
              yearFrom: opts.from,
              yearTo: opts.to,
              director: opts.director,
              country: opts.country?.toUpperCase(),
              language: opts.language,
              access: opts.access,
            },
            {
              page: opts.page,
              perPage: opts.perPage,
              ...(opts.cursor !== undefined ? { cursor: opts.cursor } : {}),
            },
          );
          if (opts.json) {
            return printJson({
              data: page.items.map(presentFilmSummary),
              total: page.total,
              next: page.next,
            });
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
          if (page.next) {
            // The cursor names a place in this list: the next command repeats its filters.
            const same = [
              opts.decade !== undefined ? `--decade ${opts.decade}` : '',
              opts.from !== undefined ? `--from ${opts.from}` : '',
              opts.to !== undefined ? `--to ${opts.to}` : '',
              opts.director ? `--director ${opts.director}` : '',
              opts.country ? `--country ${opts.country.toUpperCase()}` : '',
              opts.language ? `--language ${opts.language}` : '',
              opts.access ? `--access ${opts.access}` : '',
              opts.perPage !== 50 ? `--per-page ${opts.perPage}` : '',
            ].filter(Boolean);
            console.log(
              `next: kinoteka films list ${[...same, `--cursor ${page.next}`].join(' ')}`,
            );
          }
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
}
