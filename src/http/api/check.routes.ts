import type { CollectionsService } from '../../modules/collections/index.ts';
import type { KnowledgeService } from '../../modules/facts/index.ts';
import type { ImportsService } from '../../modules/imports/index.ts';
import {
  checkedTextDto,
  collectionCheckDto,
  importResultDto,
  presentCheckedText,
  presentCollectionCheck,
  presentImport,
} from '../../presenters/index.ts';
import { can } from '../../modules/accounts/index.ts';
import { authOf } from '../auth/auth.ts';
import { parseBody } from '../validate.ts';
import { checkClaimBody, importBody } from './check.schemas.ts';
import type { ApiRoute } from './registry.ts';
import { one } from './schemas.ts';

export function checkRoutes(
  knowledge: KnowledgeService,
  collections: CollectionsService,
  imports: ImportsService,
): ApiRoute[] {
  return [
    {
      method: 'post',
      path: '/claims/check',
      operationId: 'checkClaim',
      summary: 'Judge every claim in a text about one film against the knowledge base.',
      tags: ['fact checking'],
      body: checkClaimBody,
      response: one(checkedTextDto),
      errors: [400, 404],
      handler: async (c) => {
        const body = await parseBody(c, checkClaimBody);
        return c.json({ data: presentCheckedText(await knowledge.check(body.text, body.film)) });
      },
    },
    {
      method: 'get',
      path: '/collections/{slug}/fact-check',
      operationId: 'factCheckCollection',
      summary:
        "Every claim in a collection's descriptions and facts, with verdicts and evidence (drafts only for curators).",
      tags: ['fact checking', 'collections'],
      params: { slug: 'Collection slug (drafts included).' },
      response: one(collectionCheckDto),
      errors: [404],
      handler: async (c) =>
        c.json({
          data: presentCollectionCheck(
            await collections.factCheck(c.req.param('slug') ?? '', {
              includeDrafts: can(authOf(c).user, 'draft.write'),
            }),
          ),
        }),
    },
    {
      method: 'post',
      path: '/imports',
      operationId: 'importList',
      summary:
        "Import a curator's list (plain text or Markdown) as a draft collection, resolving each entry to a catalogue film.",
      tags: ['imports'],
      body: importBody,
      response: one(importResultDto),
      status: 201,
      errors: [400],
      auth: 'draft.write',
      handler: async (c) => {
        const body = await parseBody(c, importBody);
        const result = await imports.importList(body.text, body.filename, {
          ...(body.title ? { title: body.title } : {}),
        });
        return c.json({ data: presentImport(result) }, 201);
      },
    },
  ];
}
