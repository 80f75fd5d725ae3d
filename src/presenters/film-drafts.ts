/** What leaves the server about film drafts (corrections of titles, credits, English access). */
import { z } from 'zod';
import type { FilmDraft, FilmFields } from '../modules/collections/index.ts';

const fieldsDto = z.object({
  original: z.string(),
  original_language: z.string(),
  transliteration: z.string(),
  english: z.string(),
  alternatives: z.array(z.object({ text: z.string(), language: z.string() })),
  credits: z.array(
    z.object({ role: z.string(), name: z.string(), character: z.string().nullable() }),
  ),
  offers: z.array(
    z.object({
      kind: z.string(),
      medium: z.string(),
      provider: z.string(),
      url: z.string().nullable(),
      region: z.string().nullable(),
    }),
  ),
});

export const filmDraftDto = z
  .object({
    id: z.int(),
    film: z.string().describe('Film slug'),
    status: z.enum(['draft', 'review', 'published']),
    version: z.int(),
    curator: z.string(),
    base: fieldsDto.describe('The film as it was when the draft began'),
    proposal: fieldsDto.extend({
      note: z.string(),
      source: z
        .object({
          url: z.string(),
          title: z.string(),
          publisher: z.string().nullable(),
          accessed_on: z.string(),
        })
        .nullable(),
    }),
    changes: z.array(z.string()).describe('What the draft changes, by part'),
    stale: z.boolean().describe('The film changed since the draft began (publishing is refused)'),
    review_comment: z.string().nullable(),
    updated_at: z.string(),
  })
  .meta({ id: 'FilmDraft' });

const fields = (f: FilmFields) => ({
  original: f.original,
  original_language: f.originalLanguage,
  transliteration: f.transliteration,
  english: f.english,
  alternatives: f.alternatives,
  credits: f.credits,
  offers: f.offers,
});

export function presentFilmDraft(d: FilmDraft): z.infer<typeof filmDraftDto> {
  const s = d.proposal.source;
  return {
    id: d.id,
    film: d.filmSlug,
    status: d.status,
    version: d.version,
    curator: d.curator,
    base: fields(d.base),
    proposal: {
      ...fields(d.proposal),
      note: d.proposal.note,
      source: s && {
        url: s.url,
        title: s.title,
        publisher: s.publisher,
        accessed_on: s.accessedOn,
      },
    },
    changes: d.changes.map((c) => c.what),
    stale: d.stale,
    review_comment: d.reviewComment,
    updated_at: d.updatedAt,
  };
}
