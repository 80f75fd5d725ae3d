/**
 * The shapes of what leaves the server, in zod: they type the presenters, and the API uses them
 * for its responses and its OpenAPI document. Request shapes stay with the API (http/api).
 */
import { z } from 'zod';
import { ACCESS_KINDS, ACCESS_MEDIA } from '../modules/access/index.ts';
import { CREDIT_ROLES, TITLE_KINDS } from '../modules/catalog/index.ts';
import { SOURCE_KINDS } from '../modules/facts/index.ts';

export const sourceDto = z
  .object({
    url: z.url(),
    title: z.string(),
    publisher: z.string().nullable(),
    accessed_on: z.string(),
    kind: z
      .enum(SOURCE_KINDS)
      .describe(
        "What kind of source it is, from its URL: the festival's, academy's or studio's own record (official), a film archive or library, a reference work, an encyclopedia, the press, a distributor, a mirror copy of another page, or a user-written page",
      ),
  })
  .meta({ id: 'Source' });

export const titleDto = z
  .object({
    kind: z.enum(TITLE_KINDS),
    text: z.string(),
    language: z.string().describe('BCP 47 language tag'),
    script: z.string().nullable().describe('ISO 15924 script code'),
    note: z.string().nullable(),
  })
  .meta({ id: 'Title' });

export const personRefDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'PersonRef' });

export const filmSummaryDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    year: z.int(),
    title: z.string().describe('English title'),
    original_title: z.string().nullable(),
    transliteration: z.string().nullable(),
    directors: z.array(personRefDto),
    runtime_minutes: z.int().nullable(),
    english_access: z
      .array(z.enum(ACCESS_KINDS))
      .describe("Every kind of English access: the offers' and this server's copies'"),
    on_server: z
      .array(z.enum(ACCESS_KINDS))
      .nullable()
      .describe(
        "The English access this server's copies give (empty for a copy with none); null when it holds no copy",
      ),
  })
  .meta({ id: 'FilmSummary' });

export const accessOfferDto = z
  .object({
    kind: z.enum(ACCESS_KINDS),
    medium: z.enum(ACCESS_MEDIA),
    provider: z.string(),
    edition: z.string().nullable(),
    region: z.string().nullable(),
    year: z.int().nullable(),
    url: z.string().nullable(),
    source: sourceDto,
    checked_on: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'AccessOffer' });

export const filmDto = filmSummaryDto
  .extend({
    titles: z.array(titleDto),
    countries: z.array(z.object({ code: z.string(), name: z.string() })),
    studio: z.object({ name: z.string(), name_original: z.string().nullable() }).nullable(),
    runtime_note: z.string().nullable(),
    silent: z.boolean(),
    languages: z.array(z.string()),
    credits: z.array(
      z.object({
        person: personRefDto,
        role: z.enum(CREDIT_ROLES),
        character: z.string().nullable(),
        sources: z
          .array(sourceDto)
          .describe("What the credit (role, character) rests on; as the person's films[].sources"),
      }),
    ),
    synopsis: z.object({ text: z.string(), sources: z.array(sourceDto) }),
    facts: z.array(z.object({ key: z.string(), text: z.string(), sources: z.array(sourceDto) })),
    access: z.object({ offers: z.array(accessOfferDto), note: z.string().nullable() }),
    collections: z.array(
      z.object({ slug: z.string(), title: z.string(), position: z.int(), url: z.string() }),
    ),
  })
  .meta({ id: 'Film' });

export const collectionSummaryDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    curator: z.string(),
    status: z.enum(['draft', 'review', 'published']),
    published_on: z.string().nullable(),
    intro_excerpt: z.string(),
    film_count: z.int(),
  })
  .meta({ id: 'CollectionSummary' });

export const collectionDto = collectionSummaryDto
  .extend({
    intro: z.string(),
    origin: z.object({ title: z.string(), note: z.string() }).nullable(),
    entries: z.array(
      z.object({
        position: z.int(),
        film: filmSummaryDto,
        listed_as: z.string().nullable(),
        description: z.string(),
        fact: z.object({ text: z.string(), sources: z.array(sourceDto) }),
        corrections: z.array(
          z.object({
            field: z.enum(['film', 'title', 'description', 'fact']),
            listed: z.string(),
            reason: z.string(),
            sources: z.array(sourceDto),
          }),
        ),
      }),
    ),
    published_corrections: z
      .array(
        z.object({
          film: filmSummaryDto,
          field: z.enum(['note', 'fact']),
          was: z.string().describe('What the published statement said'),
          now: z.string().describe('What it says now; empty when withdrawn'),
          reason: z.string().describe("The publisher's reason"),
          corrected_on: z.string().describe('YYYY-MM-DD'),
        }),
      )
      .describe('Published notes and facts a later publication changed or withdrew, newest first'),
  })
  .meta({ id: 'Collection' });

export const personLifeDto = z
  .object({
    date: z.string().nullable().describe('YYYY-MM-DD, YYYY-MM or YYYY, as precise as the sources'),
    place: z.string().nullable(),
    note: z.string().nullable(),
    sources: z.array(sourceDto),
  })
  .meta({ id: 'PersonLifeEvent' });

export const personDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    roles: z.array(z.enum(CREDIT_ROLES)),
    films: z.array(
      z.object({
        film: filmSummaryDto,
        role: z.enum(CREDIT_ROLES),
        character: z.string().nullable(),
        sources: z.array(sourceDto).describe('What the credit (role, character) rests on'),
      }),
    ),
    born: personLifeDto.nullable(),
    died: personLifeDto.nullable(),
    other_names: z
      .array(
        z.object({
          text: z.string(),
          language: z.string().describe('BCP 47 language tag'),
          script: z.string().nullable().describe('ISO 15924 script code'),
          note: z.string().nullable(),
          sources: z.array(sourceDto),
        }),
      )
      .describe('Other ways the name is written (full name, other scripts), from the person file'),
  })
  .meta({ id: 'Person' });

export const personListItemDto = z
  .object({
    slug: z.string(),
    url: z.string(),
    name: z.string(),
    name_original: z.string().nullable(),
    roles: z.array(z.enum(CREDIT_ROLES)),
    film_count: z.int(),
  })
  .meta({ id: 'PersonListItem' });

export const searchHitDto = filmSummaryDto
  .extend({
    score: z.number(),
    matched_title: z.string(),
    matched_field: z.enum(['title', 'person']),
    matched_person: z.string().nullable(),
  })
  .meta({ id: 'SearchHit' });

export type FilmSummaryDto = z.infer<typeof filmSummaryDto>;
export type FilmDto = z.infer<typeof filmDto>;
export type CollectionSummaryDto = z.infer<typeof collectionSummaryDto>;
export type CollectionDto = z.infer<typeof collectionDto>;
export type PersonDto = z.infer<typeof personDto>;
export type PersonListItemDto = z.infer<typeof personListItemDto>;
export type SourceDto = z.infer<typeof sourceDto>;
export type SearchHitDto = z.infer<typeof searchHitDto>;
