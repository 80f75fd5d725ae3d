/**
 * Each API route is declared once with its zod schemas; the same declaration mounts the Hono
 * handler and feeds the OpenAPI document, so the two cannot drift apart.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';

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
  handler: (c: Context) => Promise<Response>;
}

export function mount(app: Hono, routes: readonly ApiRoute[]): void {
  for (const r of routes) {
    const honoPath = r.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(r.method.toUpperCase(), honoPath, r.handler);
  }
}
