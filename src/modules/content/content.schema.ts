/**
 * The format of the human-editable files in `content/`. Validated once here (zod); the types
 * of the rest of the content module come from these schemas. See docs/content-format.md.
 */
import { z } from 'zod';
import { COUNTRIES } from '../../lib/countries.ts';
import { ACCESS_KINDS, ACCESS_MEDIA } from '../access/index.ts';

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real calendar date');

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A source as declared in a file's `sources:` map; entries refer to it by its key. */
export const sourceDefSchema = z.strictObject({
  url: httpUrl,
  title: z.string().min(1),
  publisher: z.string().min(1).optional(),
  accessed: isoDateSchema,
});

/** A reference to a key of the same file's `sources:` map. */
export const sourceKeySchema = slugSchema;

export const personRefSchema = z.strictObject({
  /** Defaults to the kebab-case of `name`. */
  slug: slugSchema.optional(),
  /** The name as English-language sources write it (Latin script). */
  name: z.string().min(1),
  /** The name in its original script (Cyrillic for Soviet people). */
  original: z.string().min(1).optional(),
});

/** A person as a film credits them: who, and the sources the credit rests on. */
const creditedPersonSchema = personRefSchema.extend({
  sources: z.array(sourceKeySchema).default([]),
});

const titleSchema = z.strictObject({
  text: z.string().min(1),
  /** BCP 47 language tag. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 language tag'),
  /** ISO 15924 script code, e.g. Cyrl, Latn. */
  script: z
    .string()
    .regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code like Cyrl or Latn')
    .optional(),
  note: z.string().min(1).optional(),
});

export const accessOfferSchema = z.strictObject({
  kind: z.enum(ACCESS_KINDS),
  medium: z.enum(ACCESS_MEDIA),
  provider: z.string().min(1),
  edition: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  year: z.int().min(1900).max(2100).optional(),
  url: httpUrl.optional(),
  source: sourceKeySchema,
  checked: isoDateSchema,
  note: z.string().min(1).optional(),
});

export const factSchema = z.strictObject({
  /** Stable key of the fact within its film (for citations and later checks). */
  id: slugSchema,
  text: z.string().min(1),
  sources: z.array(sourceKeySchema).min(1, 'a fact needs at least one source'),
});

export const filmFileSchema = z.strictObject({
  slug: slugSchema,
  year: z.int().min(1888).max(2100),
  titles: z.strictObject({
    english: z.string().min(1),
    original: titleSchema,
    transliteration: z.string().min(1).optional(),
    alternative: z.array(titleSchema).default([]),
  }),
  countries: z
    .array(z.string().refine((c) => c in COUNTRIES, 'is not a known country code (src/lib/countries.ts)'))
    .min(1),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  silent: z.boolean().default(false),
  studio: z.strictObject({ name: z.string().min(1), original: z.string().min(1).optional() }).optional(),
  runtime: z
    .strictObject({ minutes: z.int().positive(), note: z.string().min(1).optional() })
    .optional(),
  directors: z.array(creditedPersonSchema).min(1),
  writers: z.array(creditedPersonSchema).default([]),
  cast: z
    .array(
      z.strictObject({
        person: personRefSchema,
        character: z.string().min(1).optional(),
        /** The sources that give this actor in this part. */
        sources: z.array(sourceKeySchema).default([]),
      }),
    )
    .default([]),
  synopsis: z.string().min(1),
  synopsisSources: z.array(sourceKeySchema).min(1),
  facts: z.array(factSchema).default([]),
  access: z.array(accessOfferSchema).default([]),
  /** What is known about English access when no offer can be listed (shown instead of the table). */
  accessNote: z.string().min(1).optional(),
  sources: z.record(sourceKeySchema, sourceDefSchema),
});

export const correctionSchema = z.strictObject({
  field: z.enum(['film', 'title', 'description', 'fact']),
  /** What the original list said, quoted. */
  listed: z.string().min(1),
  /** Why it was changed, in our words. */
  reason: z.string().min(1),
  sources: z.array(sourceKeySchema).min(1, 'a correction needs at least one source'),
});

export const entrySchema = z.strictObject({
  film: slugSchema,
  /** The heading the original list used for this slot, e.g. "The Mother (1975)". */
  listedAs: z.string().min(1).optional(),
  /** May be empty while the collection is not published (a draft written in the workspace). */
  description: z.string(),
  /** The statement readers see marked Fact; optional, and cited once published. */
  fact: z.strictObject({ text: z.string(), sources: z.array(sourceKeySchema) }).optional(),
  corrections: z.array(correctionSchema).default([]),
});

export const collectionFileSchema = z.strictObject({
  slug: slugSchema,
  title: z.string().min(1),
  subtitle: z.string().min(1).optional(),
  curator: z.string().min(1),
  status: z.enum(['draft', 'review', 'published']).default('published'),
  published: isoDateSchema.optional(),
  /** Written by export: the database version the file was made from, and the hash of what it said. */
  exported: z
    .strictObject({
      version: z.int().min(1),
      hash: z.string().regex(/^[0-9a-f]{32}$/, 'must be the hash export wrote'),
    })
    .optional(),
  intro: z.string(),
  /** Where the collection came from, when it began as someone else's list. */
  origin: z
    .strictObject({ title: z.string().min(1), note: z.string().min(1) })
    .optional(),
  entries: z.array(entrySchema),
  sources: z.record(sourceKeySchema, sourceDefSchema).default({}),
})
  // What readers see must be complete: drafts (from the workspace) may still be unfinished.
  .superRefine((c, ctx) => {
    if (c.status !== 'published') return;
    const need = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (!c.intro.trim()) need(['intro'], 'must not be empty in a published collection');
    if (c.entries.length === 0) need(['entries'], 'a published collection needs at least one entry');
    c.entries.forEach((e, i) => {
      if (!e.description.trim())
        need(['entries', i, 'description'], 'must not be empty in a published collection');
      if (e.fact && !e.fact.text.trim())
        need(['entries', i, 'fact', 'text'], 'must not be empty in a published collection');
      if (e.fact && e.fact.sources.length === 0)
        need(['entries', i, 'fact', 'sources'], 'a fact needs at least one source');
    });
  });

/**
 * A date as precise as the sources give it: YYYY-MM-DD, YYYY-MM, or YYYY. Dates are in the
 * Gregorian calendar (new style), as the English-language sources write them.
 */
export const partialDateSchema = z
  .string()
  .regex(
    /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/,
    'must be a date written YYYY-MM-DD (or YYYY-MM, or YYYY when only the year is known)',
  )
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (m === undefined) return true;
    if (m < 1 || m > 12) return false;
    if (d === undefined) return true;
    const date = new Date(Date.UTC(y!, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a real calendar date');

const lifeEventSchema = z
  .strictObject({
    date: partialDateSchema.optional(),
    place: z.string().min(1).optional(),
    /** E.g. the Julian (old style) date the Russian sources also give. */
    note: z.string().min(1).optional(),
    sources: z.array(sourceKeySchema).min(1, 'a date or place needs at least one source'),
  })
  .refine((e) => e.date !== undefined || e.place !== undefined, 'give a date, a place, or both');

/** What is known about a person: `content/people/<slug>.yaml` (optional, one per person). */
export const personFileSchema = z.strictObject({
  slug: slugSchema,
  /** The name as the film credits write it (checked against them). */
  name: z.string().min(1),
  /** Other ways the name is written: the full name, other scripts, other spellings. */
  names: z
    .array(
      titleSchema.extend({
        sources: z.array(sourceKeySchema).min(1, 'a name needs at least one source'),
      }),
    )
    .default([]),
  born: lifeEventSchema.optional(),
  died: lifeEventSchema.optional(),
  sources: z.record(sourceKeySchema, sourceDefSchema),
});

export type SourceDef = z.infer<typeof sourceDefSchema>;
export type PersonFile = z.infer<typeof personFileSchema>;
export type PersonRef = z.infer<typeof personRefSchema>;
export type FilmFile = z.infer<typeof filmFileSchema>;
export type CollectionFile = z.infer<typeof collectionFileSchema>;
