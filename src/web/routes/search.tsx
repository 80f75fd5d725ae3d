/** The search results page (the form in every page's header submits here). */
import { Hono } from 'hono';
import { urls } from '../../presenters/index.ts';
import type { PageDeps } from '../deps.ts';
import { pageQuery, searchPageQuery } from '../input.ts';
import { SearchPage } from '../pages/Search.tsx';

const RESULTS = 30;

export function searchPages({ search, render }: Pick<PageDeps, 'search' | 'render'>): Hono {
  const app = new Hono();

  app.get('/search', async (c) => {
    const { q } = pageQuery(c, searchPageQuery);
    const results = q ? await search.search(q, { limit: RESULTS }) : [];
    return c.html(
      await render(
        {
          title: q ? `Search: ${q}` : 'Search',
          description: 'Find a film by any of its titles or people, in any script or spelling.',
          path: urls.search(),
          noindex: true,
        },
        <SearchPage query={q} results={results} />,
        q,
      ),
    );
  });

  return app;
}
