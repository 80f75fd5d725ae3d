/** Film corrections over the API: the same rules as the pages (src/modules/collections/film-drafts). */
import { z } from 'zod';
import type { DraftsService } from '../../modules/collections/index.ts';
import { filmDraftDto, presentFilmDraft } from '../../presenters/index.ts';
import { userOf } from '../auth/auth.ts';
import { parseBody } from '../validate.ts';
import type { ApiRoute } from './registry.ts';
import { one } from './schemas.ts';

const version = z.int().min(1);
const startBody = z.object({ film: z.string().min(1).max(200) }).strict();
const line = z.string().max(20_000).default('');
const saveBody = z
  .object({
    version,
    original: z.string().max(300),
    original_language: z.string().max(40),
    transliteration: z.string().max(300).default(''),
    english: z.string().max(300),
    alternatives: line.describe('One per line: title | language'),
    credits: line.describe('One per line: role | name | character'),
    offers: line.describe('One per line: kind | medium | provider | URL | region'),
    note: z.string().max(5000).default(''),
    source_url: z.string().max(2000).default(''),
    source_title: z.string().max(300).default(''),
    source_publisher: z.string().max(200).default(''),
    source_accessed_on: z.string().max(10).default(''),
  })
  .strict();
const versionBody = z.object({ version }).strict();
const sendBackBody = z.object({ version, comment: z.string().min(1).max(5000) }).strict();
const idOf = (c: { req: { param(name: string): string | undefined } }) => Number(c.req.param('id'));

export function filmDraftRoutes(drafts: DraftsService): ApiRoute[] {
  const films = () => drafts.filmDrafts;
  return [
    {
      method: 'post',
      path: '/film-drafts',
      operationId: 'startFilmDraft',
      summary: "Opens the film's draft (or returns its open one), starting from the film as it is.",
      tags: ['workspace'],
      body: startBody,
      response: one(filmDraftDto),
      status: 201,
      errors: [400, 404],
      auth: 'draft.write',
      handler: async (c) => {
        const b = await parseBody(c, startBody);
        const id = await films().start(userOf(c), b.film);
        return c.json({ data: presentFilmDraft(await films().get(userOf(c), id)) }, 201);
      },
    },
    {
      method: 'get',
      path: '/film-drafts/{id}',
      operationId: 'getFilmDraft',
      summary: 'A film draft with what it changes.',
      tags: ['workspace'],
      params: { id: 'Film draft id.' },
      response: one(filmDraftDto),
      errors: [404],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({ data: presentFilmDraft(await films().get(userOf(c), idOf(c))) }),
    },
    {
      method: 'post',
      path: '/film-drafts/{id}',
      operationId: 'saveFilmDraft',
      summary: 'Saves titles, credits, offers and the source from `version`; 409 when stale.',
      tags: ['workspace'],
      params: { id: 'Film draft id.' },
      body: saveBody,
      response: one(filmDraftDto),
      errors: [400, 404, 409],
      auth: 'draft.write',
      handler: async (c) => {
        const { version: v, ...form } = await parseBody(c, saveBody);
        return c.json({
          data: presentFilmDraft(await films().save(userOf(c), idOf(c), v, form)),
        });
      },
    },
    {
      method: 'post',
      path: '/film-drafts/{id}/submit',
      operationId: 'submitFilmDraft',
      summary: 'Submits a film draft for review (it needs a source and a change).',
      tags: ['workspace'],
      params: { id: 'Film draft id.' },
      body: versionBody,
      response: one(filmDraftDto),
      errors: [400, 404, 409],
      auth: 'review.submit',
      handler: async (c) => {
        const b = await parseBody(c, versionBody);
        return c.json({
          data: presentFilmDraft(await films().submit(userOf(c), idOf(c), b.version)),
        });
      },
    },
    {
      method: 'post',
      path: '/film-drafts/{id}/send-back',
      operationId: 'sendBackFilmDraft',
      summary: 'Returns a submitted film draft to its curator with a comment (required).',
      tags: ['workspace'],
      params: { id: 'Film draft id.' },
      body: sendBackBody,
      response: one(filmDraftDto),
      errors: [400, 404, 409],
      auth: 'review.decide',
      handler: async (c) => {
        const b = await parseBody(c, sendBackBody);
        return c.json({
          data: presentFilmDraft(await films().sendBack(userOf(c), idOf(c), b.version, b.comment)),
        });
      },
    },
    {
      method: 'post',
      path: '/film-drafts/{id}/publish',
      operationId: 'publishFilmDraft',
      summary:
        'Writes the correction into the film; 409 when the film changed since the draft began.',
      tags: ['workspace'],
      params: { id: 'Film draft id.' },
      body: versionBody,
      response: one(filmDraftDto),
      errors: [400, 404, 409],
      auth: 'collection.publish',
      handler: async (c) => {
        const b = await parseBody(c, versionBody);
        return c.json({
          data: presentFilmDraft(await films().publish(userOf(c), idOf(c), b.version)),
        });
      },
    },
  ];
}
