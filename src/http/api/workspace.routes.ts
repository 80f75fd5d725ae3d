/** Workspace drafts over the API: the same rules as the pages (src/modules/collections/drafts). */
import { z } from 'zod';
import type { DraftsService } from '../../modules/collections/index.ts';
import {
  draftDto,
  draftSummaryDto,
  presentDraft,
  presentDraftSummary,
} from '../../presenters/index.ts';
import { userOf } from '../auth/auth.ts';
import { parseBody } from '../validate.ts';
import type { ApiRoute } from './registry.ts';
import { listOf, one } from './schemas.ts';

const newDraftBody = z
  .object({ title: z.string().min(1).max(200), intro: z.string().max(20_000).default('') })
  .strict();
const version = z.int().min(1);
const editBody = z
  .object({
    version,
    title: z.string().max(200).optional(),
    intro: z.string().max(20_000).optional(),
    notes: z.record(z.string().regex(/^\d+$/), z.string().max(20_000)).optional(),
    facts: z.record(z.string().regex(/^\d+$/), z.string().max(20_000)).optional(),
    add_film: z.string().optional(),
  })
  .strict();
const versionBody = z.object({ version }).strict();
const publishBody = z
  .object({ version, override_reason: z.string().max(2000).optional() })
  .strict();

const slugOf = (c: { req: { param(name: string): string | undefined } }) =>
  c.req.param('slug') ?? '';

export function workspaceRoutes(drafts: DraftsService): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/drafts',
      operationId: 'listDrafts',
      summary: "The caller's unpublished collections.",
      tags: ['workspace'],
      response: listOf(draftSummaryDto),
      errors: [],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({ data: (await drafts.workspace(userOf(c))).mine.map(presentDraftSummary) }),
    },
    {
      method: 'post',
      path: '/drafts',
      operationId: 'createDraft',
      summary: 'Creates a draft collection.',
      tags: ['workspace'],
      body: newDraftBody,
      response: one(z.object({ slug: z.string() })),
      status: 201,
      errors: [400],
      auth: 'draft.write',
      handler: async (c) => {
        const body = await parseBody(c, newDraftBody);
        return c.json({ data: { slug: await drafts.create(userOf(c), body) } }, 201);
      },
    },
    {
      method: 'get',
      path: '/drafts/{slug}',
      operationId: 'getDraft',
      summary: 'A collection in the workspace (any status), every note checked.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      response: one(draftDto),
      errors: [404],
      auth: 'draft.write',
      handler: async (c) => c.json({ data: presentDraft(await drafts.get(userOf(c), slugOf(c))) }),
    },
    {
      method: 'post',
      path: '/drafts/{slug}',
      operationId: 'saveDraft',
      summary:
        'Saves title, intro and notes (and optionally appends a film) from `version`; 409 when the draft has moved on.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: editBody,
      response: one(draftDto),
      errors: [400, 404, 409],
      auth: 'draft.write',
      handler: async (c) => {
        const b = await parseBody(c, editBody);
        const byId = (r: Record<string, string> | undefined) =>
          Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [Number(k), v]));
        const notes = byId(b.notes);
        const facts = byId(b.facts);
        const draft = await drafts.apply(
          userOf(c),
          slugOf(c),
          {
            version: b.version,
            ...(b.title !== undefined ? { title: b.title } : {}),
            ...(b.intro !== undefined ? { intro: b.intro } : {}),
            notes,
            facts,
          },
          b.add_film ? { kind: 'add', film: b.add_film } : { kind: 'save' },
        );
        return c.json({ data: presentDraft(draft) });
      },
    },
    {
      method: 'post',
      path: '/drafts/{slug}/submit',
      operationId: 'submitDraft',
      summary: 'Submits a draft for review.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: versionBody,
      response: one(draftDto),
      errors: [400, 404, 409],
      auth: 'review.submit',
      handler: async (c) => {
        const b = await parseBody(c, versionBody);
        const d = await drafts.apply(
          userOf(c),
          slugOf(c),
          { version: b.version },
          { kind: 'submit' },
        );
        return c.json({ data: presentDraft(d) });
      },
    },
    {
      method: 'post',
      path: '/drafts/{slug}/publish',
      operationId: 'publishDraft',
      summary:
        'Publishes a submitted collection; refused (409) while a claim is contradicted unless override_reason is given.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: publishBody,
      response: one(draftDto),
      errors: [400, 404, 409],
      auth: 'collection.publish',
      handler: async (c) => {
        const b = await parseBody(c, publishBody);
        const d = await drafts.publish(userOf(c), slugOf(c), b.version, b.override_reason);
        return c.json({ data: presentDraft(d) });
      },
    },
  ];
}
