/**
 * The API's request shapes and response envelopes, in zod. They validate requests and generate
 * the OpenAPI document (src/http/openapi.ts). What goes inside the envelopes (films, people,
 * collections) is shaped in src/presenters/dto.ts, shared with the CLI's JSON output.
 */
import { z } from 'zod';
import { ACCESS_FILTERS } from '../../modules/catalog/index.ts';

const intParam = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const pagingQuery = z.object({
  page: intParam('page', 1, 100_000).default(1),
  per_page: intParam('per_page', 1, 100).default(20),
  cursor: z
    .string()
    .min(1, 'cursor must not be empty')
    .max(400, 'cursor is too long to be one of ours')
    .optional()
    .meta({
      description:
        'Keyset paging: the `next` or `prev` of an earlier page, as given (opaque). It wins over `page`, which stays for old links and costs more the deeper it goes.',
    }),
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
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO 3166 code, e.g. SU')
      .transform((c) => c.toUpperCase())
      .optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag, e.g. ru')
      .optional(),
    access: z.enum(ACCESS_FILTERS).optional().meta({
      description:
        'English access: an offer or a copy on this server that gives it; `on-server`: any copy in the media library; `none`: neither.',
    }),
  })
  .strict()
  .refine((q) => q.year_from === undefined || q.year_to === undefined || q.year_from <= q.year_to, {
    message: 'year_from must not be after year_to',
    path: ['year_from'],
  });

export const peopleQuery = pagingQuery.strict();

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

/** A keyset-paged list: the page, and the cursors either side of it (pass one as `cursor`). */
export const cursorPageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: pageMetaDto,
    next: z
      .string()
      .nullable()
      .meta({ description: 'Cursor of the next page (pass it as `cursor`); null on the last.' }),
    prev: z
      .string()
      .nullable()
      .meta({ description: 'Cursor of the previous page; null on the first.' }),
  });
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });
