/**
 * The film list (filtered by decade or year range, country, language, director and English access; paged by
 * keyset cursor, `page=N` kept for old links) and a film's page.
 */
import { Hono } from 'hono';
import { ValidationError } from '../../lib/errors.ts';
import { urls } from '../../presenters/index.ts';
import { mediaUrls } from '../../presenters/media.ts';
import type { PageDeps } from '../deps.ts';
import { filmsPageQuery, pageQuery, pathParams, slugParams } from '../input.ts';
import { FilmPage } from '../pages/Film.tsx';
import { FilmsPage } from '../pages/Lists.tsx';
import { movieJsonLd } from '../seo.ts';

const FILMS_PER_PAGE = 24;
/** The filter's year fields by their URL names (the API's names). */
const YEAR_PARAMS: Record<string, string> = { yearFrom: 'year_from', yearTo: 'year_to' };

export function filmPages({
  catalog,
  collections,
  render,
  publicUrl,
  media,
}: Pick<PageDeps, 'catalog' | 'collections' | 'render' | 'publicUrl' | 'media'>): Hono {
  const app = new Hono();

  app.get('/films', async (c) => {
    const q = pageQuery(c, filmsPageQuery);
    // A range typed backwards ("2000 to 1960") is read the way round the viewer meant.
    const [yearFrom, yearTo] =
      q.year_from !== undefined && q.year_to !== undefined && q.year_from > q.year_to
        ? [q.year_to, q.year_from]
        : [q.year_from, q.year_to];
    const filter = {
      decade: q.decade,
      // A decade chosen from the menu wins over typed years (the decade is the narrower ask).
      yearFrom: q.decade === undefined ? yearFrom : undefined,
      yearTo: q.decade === undefined ? yearTo : undefined,
      country: q.country,
      language: q.language,
      director: q.director,
      access: q.access,
    };
    const list = (cursor: string | undefined) =>
      catalog.listFilms(filter, {
        page: q.page,
        perPage: FILMS_PER_PAGE,
        ...(cursor !== undefined ? { cursor } : {}),
      });
    const [page, decades, values] = await Promise.all([
      // A cursor edited by hand is forgiven like a bad page number: the first page.
      list(q.cursor).catch((e: unknown) =>
        e instanceof ValidationError ? list(undefined) : Promise.reject(e),
      ),
      catalog.decades(),
      catalog.filterValues(),
    ]);
    const pageHref = (cursor: string) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(filter)) {
        if (value !== undefined) params.set(YEAR_PARAMS[name] ?? name, String(value));
      }
      params.set('cursor', cursor);
      return `${urls.films()}?${params}`;
    };
    return c.html(
      await render(
        {
          title: 'Films',
          description: 'Every film in the Kinoteka catalogue, with its English access.',
          path: urls.films(),
        },
        <FilmsPage
          page={page}
          filter={filter}
          decades={decades}
          countries={values.countries}
          languages={values.languages}
          pageHref={pageHref}
        />,
      ),
      200,
      // The access filter counts the media library's copies, which a scan changes without
      // changing the catalogue version the page cache follows: a filtered list is not kept.
      q.access ? { 'cache-control': 'private, no-store' } : {},
    );
  });

  app.get('/films/:slug', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const [film, inCollections, playback] = await Promise.all([
      catalog.getFilm(slug),
      collections.forFilm(slug),
      media?.playback(slug).catch(() => undefined),
    ]);
    const summary = media ? await media.access(slug, film.languages) : undefined;
    const onServer = summary
      ? { summary, watch: playback ? mediaUrls.watch(slug) : null }
      : undefined;
    return c.html(
      await render(
        {
          title: `${film.englishTitle} (${film.year})`,
          description: film.synopsis.slice(0, 200),
          path: urls.film(film.slug),
          type: 'video.movie',
          image: urls.filmCover(film.slug),
          jsonLd: movieJsonLd(film, publicUrl),
        },
        <FilmPage film={film} collections={inCollections} onServer={onServer} />,
      ),
      200,
      // What the library holds changes with each scan, not with the catalogue version the page
      // cache follows: a film with a copy is not kept in it.
      summary && summary.copies > 0 ? { 'cache-control': 'private, no-store' } : {},
    );
  });

  return app;
}
