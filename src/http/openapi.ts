/** Builds the OpenAPI 3.1 document from the route declarations and their zod schemas. */
import { z } from 'zod';
import type { ApiRoute } from './api/registry.ts';
import { errorDto } from './api/schemas.ts';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'Not signed in, or the API token is unknown or revoked.',
  403: 'Your role does not allow this, or the CSRF token is missing.',
  404: 'Not found.',
  409: 'Conflict.',
};

export function buildOpenApi(
  routes: readonly ApiRoute[],
  info: { version: string; serverUrl: string },
): Json {
  const components: Record<string, unknown> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, unknown>;
    delete json.$defs;
    delete json.$schema;
    for (const [id, def] of Object.entries(defs)) components[id] = rewriteRefs(def);
    return rewriteRefs(json) as Json;
  };
  const errorRef = { $ref: '#/components/schemas/Error' };
  components.Error = rewriteRefs(convert(errorDto, 'output'));

  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: Json[] = [];
    for (const [name, description] of Object.entries(r.params ?? {})) {
      parameters.push({
        name,
        in: 'path',
        required: true,
        description,
        schema: { type: 'string' },
      });
    }
    if (r.query) {
      const q = convert(r.query, 'input') as {
        properties?: Record<string, Json>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: q.required?.includes(name) ?? false,
          schema,
        });
      }
    }
    const responses: Json = {
      [r.status ?? 200]: {
        description: r.status === 201 ? 'Created' : 'OK',
        content: { 'application/json': { schema: convert(r.response, 'output') } },
      },
    };
    const errors = r.auth ? [...new Set([401, 403, ...r.errors])].sort((a, b) => a - b) : r.errors;
    for (const status of errors) {
      responses[status] = {
        description: STATUS_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: errorRef } },
      };
    }
    const path = `/api/v1${r.path}`;
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: r.tags,
      ...(parameters.length ? { parameters } : {}),
      // A personal API token, or the browser's session cookie (writes then need X-CSRF-Token).
      ...(r.auth
        ? { security: [{ bearerAuth: [] }, { cookieAuth: [] }], 'x-kinoteka-action': r.auth }
        : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(r.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kinoteka API',
      version: info.version,
      description:
        'Read the catalogue, collections, sourced facts and English access of a Kinoteka server.',
    },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (`kt_…`), created on the Account page; shown once.',
        },
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: 'kt_session',
          description:
            'The browser session. Every request other than GET must also send the X-CSRF-Token header.',
        },
      },
    },
  };
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$schema') continue;
      out[k] =
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/$defs/', '#/components/schemas/')
          : rewriteRefs(v);
    }
    return out;
  }
  return value;
}
