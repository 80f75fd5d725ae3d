import type { CollectionsService } from '../../modules/collections/index.ts';
import {
  collectionDto,
  collectionSummaryDto,
  presentCollection,
  presentCollectionSummary,
} from '../../presenters/index.ts';
import type { ApiRoute } from './registry.ts';
import { listOf, one } from './schemas.ts';

export function collectionRoutes(collections: CollectionsService): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/collections',
      operationId: 'listCollections',
      summary: 'Published collections, newest first.',
      tags: ['collections'],
      response: listOf(collectionSummaryDto),
      errors: [],
      handler: async (c) =>
        c.json({ data: (await collections.list()).map(presentCollectionSummary) }),
    },
    {
      method: 'get',
      path: '/collections/{slug}',
      operationId: 'getCollection',
      summary: 'One collection with its ordered entries, facts and corrections.',
      tags: ['collections'],
      params: { slug: 'Collection slug.' },
      response: one(collectionDto),
      errors: [404],
      handler: async (c) =>
        c.json({ data: presentCollection(await collections.get(c.req.param('slug') ?? '')) }),
    },
  ];
}
