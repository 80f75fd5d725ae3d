/** The list of people and a person's page. */
import { Hono } from 'hono';
import { ValidationError } from '../../lib/errors.ts';
import { urls } from '../../presenters/index.ts';
import type { PageDeps } from '../deps.ts';
import { pageQuery, pathParams, peoplePageQuery, slugParams } from '../input.ts';
import { PeoplePage } from '../pages/Lists.tsx';
import { PersonPage } from '../pages/Person.tsx';

const PEOPLE_PER_PAGE = 200;

export function peoplePages({ catalog, render }: Pick<PageDeps, 'catalog' | 'render'>): Hono {
  const app = new Hono();

  app.get('/people', async (c) => {
    const { cursor } = pageQuery(c, peoplePageQuery);
    const list = (at: string | undefined) =>
      catalog.listPeople({ perPage: PEOPLE_PER_PAGE, ...(at !== undefined ? { cursor: at } : {}) });
    // A cursor edited by hand is forgiven: the first page.
    const page = await list(cursor).catch((e: unknown) =>
      e instanceof ValidationError ? list(undefined) : Promise.reject(e),
    );
    return c.html(
      await render(
        {
          title: 'People',
          description: 'Directors, writers and actors in the catalogue.',
          path: urls.people(),
        },
        <PeoplePage
          page={page}
          pageHref={(at) => `${urls.people()}?${new URLSearchParams({ cursor: at })}`}
        />,
      ),
    );
  });

  app.get('/people/:slug', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const person = await catalog.getPerson(slug);
    return c.html(
      await render(
        {
          title: person.name,
          description: `${person.name}${person.nameOriginal ? ` (${person.nameOriginal})` : ''}: films in the Kinoteka catalogue.`,
          path: urls.person(person.slug),
          type: 'profile',
        },
        <PersonPage person={person} />,
      ),
    );
  });

  return app;
}
