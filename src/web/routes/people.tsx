/** The list of people and a person's page. */
import { Hono } from 'hono';
import { urls } from '../../presenters/index.ts';
import type { PageDeps } from '../deps.ts';
import { pathParams, slugParams } from '../input.ts';
import { PeoplePage } from '../pages/Lists.tsx';
import { PersonPage } from '../pages/Person.tsx';

export function peoplePages({ catalog, render }: Pick<PageDeps, 'catalog' | 'render'>): Hono {
  const app = new Hono();

  app.get('/people', async (c) => {
    const page = await catalog.listPeople({ page: 1, perPage: 1000 });
    return c.html(
      await render(
        {
          title: 'People',
          description: 'Directors, writers and actors in the catalogue.',
          path: urls.people(),
        },
        <PeoplePage people={page.items} />,
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
