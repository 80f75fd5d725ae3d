import type { CatalogService } from '../../modules/catalog/index.ts';
import type { CollectionsService } from '../../modules/collections/index.ts';
import {
  filmDto,
  filmSummaryDto,
  personDto,
  personListItemDto,
  presentFilm,
  presentFilmSummary,
  presentPerson,
  presentPersonListItem,
} from '../../presenters/index.ts';
import { parseQuery } from '../validate.ts';
import type { ApiRoute } from './registry.ts';
import { filmsQuery, one, pageOf, peopleQuery } from './schemas.ts';

function pageMeta(p: { page: number; perPage: number; total: number }) {
  return {
    page: p.page,
    per_page: p.perPage,
    total: p.total,
    pages: Math.ceil(p.total / p.perPage),
  };
}

export function catalogRoutes(
  catalog: CatalogService,
  collections: CollectionsService,
): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/films',
      operationId: 'listFilms',
      summary: 'Films in the catalogue, filtered and paged, ordered by year.',
      tags: ['films'],
      query: filmsQuery,
      response: pageOf(filmSummaryDto),
      errors: [400],
      handler: async (c) => {
        const q = parseQuery(c, filmsQuery);
        const page = await catalog.listFilms(
          {
            decade: q.decade,
            yearFrom: q.year_from,
            yearTo: q.year_to,
            director: q.director,
            access: q.access,
          },
          { page: q.page, perPage: q.per_page },
        );
        return c.json(
          { data: page.items.map(presentFilmSummary), meta: pageMeta(page) },
          200,
          // the access filter counts library copies, which scans change: not kept by the cache
          q.access ? { 'cache-control': 'private, no-store' } : {},
        );
      },
    },
    {
      method: 'get',
      path: '/films/{slug}',
      operationId: 'getFilm',
      summary: 'One film with its titles, credits, sourced facts and English access.',
      tags: ['films'],
      params: { slug: 'Film slug: the English title in kebab case plus the year.' },
      response: one(filmDto),
      errors: [404],
      handler: async (c) => {
        const slug = c.req.param('slug') ?? '';
        const film = await catalog.getFilm(slug);
        return c.json({ data: presentFilm(film, await collections.forFilm(slug)) });
      },
    },
    {
      method: 'get',
      path: '/people',
      operationId: 'listPeople',
      summary: 'People credited in the catalogue, by name.',
      tags: ['people'],
      query: peopleQuery,
      response: pageOf(personListItemDto),
      errors: [400],
      handler: async (c) => {
        const q = parseQuery(c, peopleQuery);
        const page = await catalog.listPeople({ page: q.page, perPage: q.per_page });
        return c.json({ data: page.items.map(presentPersonListItem), meta: pageMeta(page) });
      },
    },
    {
      method: 'get',
      path: '/people/{slug}',
      operationId: 'getPerson',
      summary: 'One person with their films.',
      tags: ['people'],
      params: { slug: 'Person slug.' },
      response: one(personDto),
      errors: [404],
      handler: async (c) =>
        c.json({ data: presentPerson(await catalog.getPerson(c.req.param('slug') ?? '')) }),
    },
  ];
}
