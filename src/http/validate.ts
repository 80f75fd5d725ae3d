/** Boundary validation: query strings parsed once with zod into typed values. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../lib/errors.ts';

function validated<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  where: 'query' | 'body',
  message: string,
): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ValidationError(
      message,
      result.error.issues.map((i) => ({
        where: i.path.length ? `${where}.${i.path.join('.')}` : where,
        message: i.message,
      })),
    );
  }
  return result.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return validated(schema, c.req.query(), 'query', 'The query string is not valid.');
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
  return validated(schema, raw, 'body', 'The request body is not valid.');
}
