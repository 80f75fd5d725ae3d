/** What leaves the server about accounts, API tokens, the audit log and workspace drafts. */
import { z } from 'zod';
import type { ApiTokenInfo, AuditEntry, User } from '../modules/accounts/index.ts';
import type { Draft, DraftSummary } from '../modules/collections/index.ts';
import { checkedTextDto } from './check.dto.ts';
import { presentCheckedText } from './check.ts';
import { presentSource } from './catalog.ts';
import { sourceDto } from './dto.ts';

export const userDto = z
  .object({
    id: z.int(),
    username: z.string(),
    email: z.string(),
    role: z.enum(['curator', 'reviewer', 'admin']),
  })
  .meta({ id: 'User' });

export function presentUser(u: User): z.infer<typeof userDto> {
  return { id: u.id, username: u.username, email: u.email, role: u.role };
}

export const apiTokenDto = z
  .object({
    id: z.int(),
    name: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export function presentApiToken(t: ApiTokenInfo): z.infer<typeof apiTokenDto> {
  return { id: t.id, name: t.name, created_at: t.createdAt, last_used_at: t.lastUsedAt };
}

export const auditEntryDto = z
  .object({
    id: z.int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export function presentAuditEntry(e: AuditEntry): z.infer<typeof auditEntryDto> {
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
  };
}

export const draftSummaryDto = z
  .object({
    slug: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'review', 'published']),
    version: z.int(),
    curator: z.string(),
    updated_at: z.string(),
    film_count: z.int(),
  })
  .meta({ id: 'DraftSummary' });

export function presentDraftSummary(d: DraftSummary): z.infer<typeof draftSummaryDto> {
  return {
    slug: d.slug,
    title: d.title,
    status: d.status,
    version: d.version,
    curator: d.curator,
    updated_at: d.updatedAt,
    film_count: d.filmCount,
  };
}

export const draftDto = draftSummaryDto
  .extend({
    intro: z.string(),
    contradicted: z.int(),
    override_reason: z.string().nullable(),
    revises: z.string().nullable().describe('A working copy: the published collection it revises'),
    working_copy: z.string().nullable().describe('A published collection: its open working copy'),
    sent_back: z
      .object({ by: z.string(), at: z.string(), comment: z.string() })
      .nullable()
      .describe("The reviewer's comment when the draft was last sent back"),
    entries: z.array(
      z.object({
        id: z.int(),
        position: z.int(),
        film: z.object({ slug: z.string(), title: z.string(), year: z.int() }),
        note: z.string(),
        check: checkedTextDto,
        fact: z.string(),
        fact_check: checkedTextDto,
        sources: z.array(sourceDto),
      }),
    ),
  })
  .meta({ id: 'Draft' });

export function presentDraft(d: Draft): z.infer<typeof draftDto> {
  return {
    ...presentDraftSummary(d),
    intro: d.intro,
    contradicted: d.contradicted,
    override_reason: d.overrideReason,
    revises: d.revises,
    working_copy: d.workingCopy,
    sent_back: d.sentBack,
    entries: d.entries.map((e) => ({
      id: e.id,
      position: e.position,
      film: { slug: e.film.slug, title: e.film.englishTitle, year: e.film.year },
      note: e.note,
      check: presentCheckedText(e.check),
      fact: e.fact,
      fact_check: presentCheckedText(e.factCheck),
      sources: e.sources.map(presentSource),
    })),
  };
}
