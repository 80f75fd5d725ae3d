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
import { cursorPageOf, filmsQuery, one, peopleQuery } from './schemas.ts';

function pageMeta(p: { page: number; perPage: number; total: number }) {
  return {
    page: p.page,
    per_page: p.perPage,
    total: p.total,
    pages: Math.ceil(p.total / p.perPage),
  };
}

const paging = (q: { page: number; per_page: number; cursor?: string | undefined }) => ({
  page: q.page,
  perPage: q.per_page,
  ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
});

export function catalogRoutes(
  catalog: CatalogService,
  collections: CollectionsService,
): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/films',
      operationId: 'listFilms',
      summary:
        'Films in the catalogue, filtered and paged (keyset: follow `meta.next`), ordered by year then slug.',
      tags: ['films'],
      query: filmsQuery,
      response: cursorPageOf(filmSummaryDto),
      errors: [400],
      handler: async (c) => {
        const q = parseQuery(c, filmsQuery);
        const page = await catalog.listFilms(
          {
            decade: q.decade,
            yearFrom: q.year_from,
            yearTo: q.year_to,
            director: q.director,
            country: q.country,
            language: q.language,
            access: q.access,
          },
          paging(q),
        );
        return c.json(
          {
            data: page.items.map(presentFilmSummary),
            meta: pageMeta(page),
            next: page.next,
            prev: page.prev,
          },
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
      response: cursorPageOf(personListItemDto),
      errors: [400],
      handler: async (c) => {
        const q = parseQuery(c, peopleQuery);
        const page = await catalog.listPeople(paging(q));
        return c.json({
          data: page.items.map(presentPersonListItem),
          meta: pageMeta(page),
          next: page.next,
          prev: page.prev,
        });
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
