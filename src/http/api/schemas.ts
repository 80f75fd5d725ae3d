/**
 * The API's request and response shapes, in zod. They validate requests, type the presenters,
 * and generate the OpenAPI document (src/http/openapi.ts): one definition, three uses.
 */
import { z } from 'zod';
import { ACCESS_KINDS, ACCESS_MEDIA } from '../../modules/access/index.ts';
import { CREDIT_ROLES, TITLE_KINDS } from '../../modules/catalog/index.ts';

const intParam = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const pagingQuery = z.object({
  page: intParam('page', 1, 100_000).default(1),
  per_page: intParam('per_page', 1, 100).default(20),
});

export const filmsQuery = pagingQuery
  .extend({
    decade: intParam('decade', 1880, 2100)
      .refine((d) => d % 10 === 0, 'decade must be written like 1950')
      .optional(),
    year_from: intParam('year_from', 1880, 2100).optional(),
    year_to: intParam('year_to', 1880, 2100).optional(),
    director: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'director must be a person slug')
      .optional(),
    access: z.enum([...ACCESS_KINDS, 'none']).optional(),
  })
  .strict()
  .refine((q) => q.year_from === undefined || q.year_to === undefined || q.year_from <= q.year_to, {
    message: 'year_from must not be after year_to',
    path: ['year_from'],
  });

export const peopleQuery = pagingQuery.strict();

export const sourceDto = z
  .object({
    url: z.url(),
    title: z.string(),
    publisher: z.string().nullable(),
    accessed_on: z.string(),
  })
  .meta({ id: 'Source' });

export const titleDto = z
  .object({
    kind: z.enum(TITLE_KINDS),
    text: z.string(),
    language: z.string().describe('BCP 47 language tag'),
    script: z.string().nullable().describe('ISO 15924 script code'),
    note: z.string().nullable(),
  })
  .meta({ id: 'Title' });

export const personRefDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'PersonRef' });

export const filmSummaryDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    year: z.int(),
    title: z.string().describe('English title'),
    original_title: z.string().nullable(),
    transliteration: z.string().nullable(),
    directors: z.array(personRefDto),
    runtime_minutes: z.int().nullable(),
    english_access: z.array(z.enum(ACCESS_KINDS)),
  })
  .meta({ id: 'FilmSummary' });

export const accessOfferDto = z
  .object({
    kind: z.enum(ACCESS_KINDS),
    medium: z.enum(ACCESS_MEDIA),
    provider: z.string(),
    edition: z.string().nullable(),
    region: z.string().nullable(),
    year: z.int().nullable(),
    url: z.string().nullable(),
    source: sourceDto,
    checked_on: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'AccessOffer' });

export const filmDto = filmSummaryDto
  .extend({
    titles: z.array(titleDto),
    countries: z.array(z.object({ code: z.string(), name: z.string() })),
    studio: z.object({ name: z.string(), name_original: z.string().nullable() }).nullable(),
    runtime_note: z.string().nullable(),
    silent: z.boolean(),
    languages: z.array(z.string()),
    credits: z.array(
      z.object({
        person: personRefDto,
        role: z.enum(CREDIT_ROLES),
        character: z.string().nullable(),
      }),
    ),
    synopsis: z.object({ text: z.string(), sources: z.array(sourceDto) }),
    facts: z.array(z.object({ key: z.string(), text: z.string(), sources: z.array(sourceDto) })),
    access: z.object({ offers: z.array(accessOfferDto), note: z.string().nullable() }),
    collections: z.array(
      z.object({ slug: z.string(), title: z.string(), position: z.int(), url: z.string() }),
    ),
  })
  .meta({ id: 'Film' });

export const collectionSummaryDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    curator: z.string(),
    status: z.enum(['draft', 'published']),
    published_on: z.string().nullable(),
    intro_excerpt: z.string(),
    film_count: z.int(),
  })
  .meta({ id: 'CollectionSummary' });

export const collectionDto = collectionSummaryDto
  .extend({
    intro: z.string(),
    origin: z.object({ title: z.string(), note: z.string() }).nullable(),
    entries: z.array(
      z.object({
        position: z.int(),
        film: filmSummaryDto,
        listed_as: z.string().nullable(),
        description: z.string(),
        fact: z.object({ text: z.string(), sources: z.array(sourceDto) }),
        corrections: z.array(
          z.object({
            field: z.enum(['film', 'title', 'description', 'fact']),
            listed: z.string(),
            reason: z.string(),
            sources: z.array(sourceDto),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Collection' });

export const personDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    roles: z.array(z.enum(CREDIT_ROLES)),
    films: z.array(
      z.object({
        film: filmSummaryDto,
        role: z.enum(CREDIT_ROLES),
        character: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Person' });

export const personListItemDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    roles: z.array(z.enum(CREDIT_ROLES)),
    film_count: z.int(),
  })
  .meta({ id: 'PersonListItem' });

export const pageMetaDto = z
  .object({ page: z.int(), per_page: z.int(), total: z.int(), pages: z.int() })
  .meta({ id: 'PageMeta' });

export const errorDto = z
  .object({
    error: z.object({
      code: z.enum(['not_found', 'validation_failed', 'conflict', 'forbidden', 'internal_error']),
      message: z.string(),
      problems: z.array(z.object({ where: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), meta: pageMetaDto });
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });

export type FilmSummaryDto = z.infer<typeof filmSummaryDto>;
export type FilmDto = z.infer<typeof filmDto>;
export type CollectionSummaryDto = z.infer<typeof collectionSummaryDto>;
export type CollectionDto = z.infer<typeof collectionDto>;
export type PersonDto = z.infer<typeof personDto>;
export type PersonListItemDto = z.infer<typeof personListItemDto>;
export type SourceDto = z.infer<typeof sourceDto>;
