/**
 * Each API route is declared once with its zod schemas; the same declaration mounts the Hono
 * handler and feeds the OpenAPI document, so the two cannot drift apart.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors.ts';
import { type Action, can } from '../../modules/accounts/index.ts';
import { authOf } from '../auth/auth.ts';

export interface ApiRoute {
  method: 'get' | 'post';
  /** OpenAPI-style path under /api/v1, e.g. `/films/{slug}`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  query?: z.ZodType;
  params?: Record<string, string>;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status; 200 unless said. */
  status?: 200 | 201;
  errors: number[];
  /**
   * The action the caller must be allowed (src/modules/accounts/accounts.ts); absent for public
   * reads. Checked before the handler runs (401 for nobody, 403 for too small a role) and
   * declared in the OpenAPI document as the route's security.
   */
  auth?: Action;
  handler: (c: Context) => Promise<Response>;
}

export function mount(app: Hono, routes: readonly ApiRoute[]): void {
  for (const r of routes) {
    const honoPath = r.path.replace(/\{(\w+)\}/g, ':$1');
    const action = r.auth;
    app.on(
      r.method.toUpperCase(),
      honoPath,
      action
        ? (c) => {
            const { user } = authOf(c);
            if (!user) throw new UnauthorizedError('Sign in or send an API token first.');
            if (!can(user, action))
              throw new ForbiddenError(`Your role (${user.role}) cannot do this.`);
            return r.handler(c);
          }
        : r.handler,
    );
  }
}
