/** Boundary validation: query strings parsed once with zod into typed values. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../lib/errors.ts';

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw = c.req.query();
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ValidationError(
      'The query string is not valid.',
      result.error.issues.map((i) => ({
        where: i.path.length ? `query.${i.path.join('.')}` : 'query',
        message: i.message,
      })),
    );
  }
  return result.data;
}

/** Parses a JSON request body with zod; a body that is not JSON is a validation error too. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ValidationError('The request body is not valid JSON.', [
      { where: 'body', message: 'expected a JSON object' },
    ]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ValidationError(
      'The request body is not valid.',
      result.error.issues.map((i) => ({
        where: i.path.length ? `body.${i.path.join('.')}` : 'body',
        message: i.message,
      })),
    );
  }
  return result.data;
}
