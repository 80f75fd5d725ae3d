/** Workspace drafts over the API: the same rules as the pages (src/modules/collections/drafts). */
import { z } from 'zod';
import type { DraftsService } from '../../modules/collections/index.ts';
import {
  comparisonDto,
  draftDto,
  draftSummaryDto,
  historyDto,
  presentComparison,
  presentDraft,
  presentDraftSummary,
  presentHistory,
  presentReview,
  presentRevision,
  reviewDto,
  revisionDto,
} from '../../presenters/index.ts';
import { userOf } from '../auth/auth.ts';
import { parseBody, parseQuery } from '../validate.ts';
import { filmDraftRoutes } from './film-drafts.routes.ts';
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
  .object({
    version,
    override_reason: z.string().max(2000).optional(),
    corrections: z
      .record(z.string().max(300), z.string().max(2000))
      .optional()
      .describe(
        'For a working copy: the reason for each published statement it changes, keyed as in GET /drafts/{slug}/review',
      ),
  })
  .strict();
const restoreBody = z.object({ version, revision: z.int().min(1) }).strict();
const sendBackBody = z.object({ version, comment: z.string().min(1).max(5000) }).strict();
const emptyBody = z.object({}).strict();
const compareQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
const revisionNumber = (c: { req: { param(name: string): string | undefined } }) =>
  Number(c.req.param('id'));

const slugOf = (c: { req: { param(name: string): string | undefined } }) =>
  c.req.param('slug') ?? '';

export function workspaceRoutes(drafts: DraftsService): ApiRoute[] {
  return [
    ...filmDraftRoutes(drafts),
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
        const d = await drafts.publish(
          userOf(c),
          slugOf(c),
          b.version,
          b.override_reason,
          b.corrections ?? {},
        );
        return c.json({ data: presentDraft(d) });
      },
    },
    {
      method: 'post',
      path: '/drafts/{slug}/send-back',
      operationId: 'sendBackDraft',
      summary:
        'Returns a submitted draft to its curator with a comment (required) the curator sees.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: sendBackBody,
      response: one(draftDto),
      errors: [400, 404, 409],
      auth: 'review.decide',
      handler: async (c) => {
        const b = await parseBody(c, sendBackBody);
        await drafts.sendBack(userOf(c), slugOf(c), b.version, b.comment);
        return c.json({ data: presentDraft(await drafts.get(userOf(c), slugOf(c))) });
      },
    },
    {
      method: 'get',
      path: '/drafts/{slug}/review',
      operationId: 'reviewDraft',
      summary:
        'The draft against what readers see now (a diff), and the published statements it changes or withdraws.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      response: one(reviewDto),
      errors: [400, 404],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({ data: presentReview(await drafts.history.review(userOf(c), slugOf(c))) }),
    },
    {
      method: 'get',
      path: '/drafts/{slug}/revisions',
      operationId: 'listRevisions',
      summary: "The collection's revisions, newest first: who, when, what.",
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      response: one(historyDto),
      errors: [404],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({ data: presentHistory(await drafts.history.history(userOf(c), slugOf(c))) }),
    },
    {
      method: 'get',
      path: '/drafts/{slug}/revisions/{id}',
      operationId: 'getRevision',
      summary: 'One revision with the collection as it was then.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.', id: 'Revision number.' },
      response: one(revisionDto),
      errors: [404],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({
          data: presentRevision(
            await drafts.history.revision(userOf(c), slugOf(c), revisionNumber(c)),
          ),
        }),
    },
    {
      method: 'get',
      path: '/drafts/{slug}/diff',
      operationId: 'diffRevisions',
      summary:
        'What changed between two revisions: entries added, removed and moved; title, intro, notes and facts word by word; sources.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      query: compareQuery,
      response: one(comparisonDto),
      errors: [400, 404],
      auth: 'draft.write',
      handler: async (c) => {
        const q = parseQuery(c, compareQuery);
        return c.json({
          data: presentComparison(await drafts.history.compare(userOf(c), slugOf(c), q.from, q.to)),
        });
      },
    },
    {
      method: 'post',
      path: '/drafts/{slug}/restore',
      operationId: 'restoreRevision',
      summary:
        'Writes an old revision back as a new revision of the draft (a published collection gets a working copy); history is never rewritten.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: restoreBody,
      response: one(draftDto),
      errors: [400, 404, 409],
      auth: 'draft.write',
      handler: async (c) => {
        const b = await parseBody(c, restoreBody);
        const into = await drafts.history.restore(userOf(c), slugOf(c), b.revision, b.version);
        return c.json({ data: presentDraft(await drafts.get(userOf(c), into)) });
      },
    },
    {
      method: 'post',
      path: '/drafts/{slug}/reopen',
      operationId: 'reopenCollection',
      summary:
        'Opens (or returns) the working copy of a published collection; readers see the published text until it is published.',
      tags: ['workspace'],
      params: { slug: 'Collection slug.' },
      body: emptyBody,
      response: one(draftDto),
      errors: [404, 409],
      auth: 'draft.write',
      handler: async (c) => {
        await parseBody(c, emptyBody);
        const copy = await drafts.history.reopen(userOf(c), slugOf(c));
        return c.json({ data: presentDraft(await drafts.get(userOf(c), copy)) });
      },
    },
  ];
}
