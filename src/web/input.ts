/**
 * What a page accepts from the URL, validated once with zod (DESIGN rule 3). Pages are
 * forgiving where a person typed or edited the URL: a bad filter value falls back to "any",
 * a bad page number to the first page. A path that cannot name anything is a 404.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { ACCESS_FILTERS } from '../modules/catalog/index.ts';

/** An empty form field (`?decade=`) means the filter is not set. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

/** Slugs are lower-case ASCII words joined by hyphens (see lib/text's slug). */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const slugParams = z.object({ slug });

/** The longest query a search runs (the API refuses longer ones; the page cuts them). */
export const SEARCH_QUERY_MAX = 200;

export const searchPageQuery = z.object({
  q: z
    .string()
    .trim()
    .transform((q) => q.slice(0, SEARCH_QUERY_MAX))
    .catch(''),
});

/** The people list: a keyset cursor (a bad one falls back to the first page). */
export const peoplePageQuery = z.object({
  cursor: z.preprocess(unsetIfEmpty, z.string().max(400).optional()).catch(undefined),
});

/** A year typed in a filter form: outside the catalogue's years it means "not set". */
const yearField = z
  .preprocess(unsetIfEmpty, z.coerce.number().int().min(1880).max(2100).optional())
  .catch(undefined);

export const filmsPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  year_from: yearField,
  year_to: yearField,
  decade: z
    .preprocess(
      unsetIfEmpty,
      z.coerce
        .number()
        .int()
        .min(1880)
        .max(2100)
        .refine((d) => d % 10 === 0)
        .optional(),
    )
    .catch(undefined),
  access: z.preprocess(unsetIfEmpty, z.enum(ACCESS_FILTERS).optional()).catch(undefined),
  country: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[A-Za-z]{2}$/)
        .transform((c) => c.toUpperCase())
        .optional(),
    )
    .catch(undefined),
  language: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
        .optional(),
    )
    .catch(undefined),
  director: z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
    )
    .catch(undefined),
  cursor: z.preprocess(unsetIfEmpty, z.string().max(400).optional()).catch(undefined),
});

/** The query string of a page; the schemas above never fail, they fall back. */
export function pageQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return schema.parse(c.req.query());
}

/** The path parameters of a page; parameters that cannot name anything are a 404. */
export function pathParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.param());
  if (!result.success) throw new NotFoundError(`Nothing lives at ${c.req.path}.`);
  return result.data;
}
