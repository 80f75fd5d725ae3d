/** Response shapes of claim checking and list import. */
import { z } from 'zod';
import { SOURCE_KINDS, VERDICTS } from '../modules/facts/index.ts';

const spanDto = z.object({ start: z.int(), end: z.int() });
const sourceDto = z.object({
  url: z.string(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  kind: z.enum(SOURCE_KINDS).describe('What kind of source it is, from its URL (see Source)'),
});

export const evidenceDto = z
  .object({
    type: z.enum(['statement', 'edition']),
    summary: z.string().describe('What the evidence says, in a line.'),
    property: z.string().optional(),
    value: z.unknown().optional(),
    edition: z
      .object({
        event: z.string(),
        edition: z.int().nullable(),
        year: z.int(),
        award: z.string(),
        complete: z.boolean(),
        winners: z.array(z.string()),
        nominees: z.array(z.string()),
      })
      .optional(),
    sources: z.array(sourceDto),
    weakly_sourced: z
      .boolean()
      .describe('Every source of this evidence is a mirror copy or a user-written page'),
  })
  .meta({ id: 'Evidence' });

export const checkedClaimDto = z
  .object({
    id: z.string(),
    kind: z.string(),
    text: z.string(),
    span: spanDto,
    sentence: spanDto,
    verdict: z.enum(VERDICTS),
    explanation: z.string(),
    evidence: z.array(evidenceDto),
  })
  .meta({ id: 'CheckedClaim' });

export const checkedTextDto = z
  .object({
    text: z.string(),
    claims: z.array(checkedClaimDto),
    counts: z.record(z.enum(VERDICTS), z.int()),
  })
  .meta({ id: 'CheckedText' });

export const collectionCheckDto = z
  .object({
    slug: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'review', 'published']),
    counts: z.record(z.enum(VERDICTS), z.int()),
    entries: z.array(
      z.object({
        position: z.int(),
        film: z.object({ slug: z.string(), title: z.string(), year: z.int(), url: z.string() }),
        listed_as: z.string().nullable(),
        description: checkedTextDto,
        fact: checkedTextDto,
      }),
    ),
  })
  .meta({ id: 'CollectionCheck' });

export const importResultDto = z
  .object({
    collection: z.object({
      slug: z.string(),
      title: z.string(),
      status: z.literal('draft'),
      entries: z.int(),
      url: z.string(),
    }),
    format: z.string(),
    intro: z.string(),
    counts: z.object({ resolved: z.int(), ambiguous: z.int(), unresolved: z.int() }),
    entries: z.array(
      z.object({
        line: z.int(),
        heading: z.string(),
        title: z.string(),
        year: z.int().nullable(),
        status: z.enum(['resolved', 'ambiguous', 'unresolved']),
        film: z.string().nullable(),
        evidence: z.unknown().nullable(),
        candidates: z.array(
          z
            .object({
              slug: z.string(),
              score: z.number(),
              title: z.string().optional(),
              year: z.int().optional(),
            })
            .passthrough(),
        ),
      }),
    ),
  })
  .meta({ id: 'ImportResult' });
