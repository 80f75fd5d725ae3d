/** The signed-in caller, their personal API tokens, and (for admins) the audit log. */
import { z } from 'zod';
import type { AccountsService } from '../../modules/accounts/index.ts';
import {
  apiTokenDto,
  auditEntryDto,
  presentApiToken,
  presentAuditEntry,
  presentUser,
  userDto,
} from '../../presenters/index.ts';
import { userOf } from '../auth/auth.ts';
import { parseBody, parseQuery } from '../validate.ts';
import type { ApiRoute } from './registry.ts';
import { listOf, one } from './schemas.ts';

const newTokenBody = z.object({ name: z.string().min(1).max(100) }).strict();
const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();

export function accountsRoutes(accounts: AccountsService): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      summary: 'The account the request is made as.',
      tags: ['accounts'],
      response: one(userDto),
      errors: [],
      auth: 'draft.write',
      handler: async (c) => c.json({ data: presentUser(userOf(c)) }),
    },
    {
      method: 'get',
      path: '/tokens',
      operationId: 'listApiTokens',
      summary: "The caller's personal API tokens (never the tokens themselves).",
      tags: ['accounts'],
      response: listOf(apiTokenDto),
      errors: [],
      auth: 'draft.write',
      handler: async (c) =>
        c.json({ data: (await accounts.listApiTokens(userOf(c))).map(presentApiToken) }),
    },
    {
      method: 'post',
      path: '/tokens',
      operationId: 'createApiToken',
      summary: 'Creates a personal API token; `token` is in this response only.',
      tags: ['accounts'],
      body: newTokenBody,
      response: one(apiTokenDto.extend({ token: z.string() })),
      status: 201,
      errors: [400],
      auth: 'draft.write',
      handler: async (c) => {
        const body = await parseBody(c, newTokenBody);
        const t = await accounts.createApiToken(userOf(c), body.name);
        return c.json({ data: { ...presentApiToken(t), token: t.token } }, 201);
      },
    },
    {
      method: 'post',
      path: '/tokens/{id}/revoke',
      operationId: 'revokeApiToken',
      summary: 'Revokes one of the caller’s tokens (an admin may revoke anyone’s).',
      tags: ['accounts'],
      params: { id: 'Token id.' },
      response: one(z.object({ revoked: z.literal(true) })),
      errors: [404],
      auth: 'draft.write',
      handler: async (c) => {
        await accounts.revokeApiToken(userOf(c), Number(c.req.param('id')));
        return c.json({ data: { revoked: true as const } });
      },
    },
    {
      method: 'get',
      path: '/audit',
      operationId: 'listAudit',
      summary: 'The audit log, newest first (admins).',
      tags: ['accounts'],
      query: auditQuery,
      response: listOf(auditEntryDto),
      errors: [400],
      auth: 'audit.read',
      handler: async (c) => {
        const q = parseQuery(c, auditQuery);
        const entries = await accounts.listAudit({
          limit: q.limit,
          ...(q.before ? { before: q.before } : {}),
        });
        return c.json({ data: entries.map(presentAuditEntry) });
      },
    },
  ];
}
