import { z } from 'zod';
import type { SearchService } from '../../modules/search/index.ts';
import { presentSearchResult, searchHitDto } from '../../presenters/index.ts';
import { parseQuery } from '../validate.ts';
import type { ApiRoute } from './registry.ts';
import { listOf } from './schemas.ts';

export const searchQuery = z.strictObject({
  q: z.string().max(200, 'q is too long (200 characters at most)').default(''),
  limit: z.coerce.number().int().min(1).max(50, 'limit must be at most 50').default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});

export function searchRoutes(search: SearchService): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/search',
      operationId: 'search',
      summary:
        'Find films by any title or person, in any script or romanization, tolerating typos; best first.',
      tags: ['search'],
      query: searchQuery,
      response: listOf(searchHitDto),
      errors: [400],
      handler: async (c) => {
        const q = parseQuery(c, searchQuery);
        const results = await search.search(q.q, { limit: q.limit, offset: q.offset });
        return c.json({ data: results.map(presentSearchResult) });
      },
    },
  ];
}
