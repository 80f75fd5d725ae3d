/** What leaves the server about a collection's revisions, their diffs and the review view. */
import { z } from 'zod';
import type {
  DiffPart,
  FilmNames,
  History,
  ReviewView,
  Revision,
  RevisionComparison,
  Snapshot,
  SnapshotDiff,
} from '../modules/collections/index.ts';
import { REVISION_KIND_VALUES } from '../modules/collections/index.ts';

const diffPartDto = z.object({ op: z.enum(['same', 'del', 'ins']), text: z.string() });
const textChangeDto = z
  .object({ before: z.string(), after: z.string(), parts: z.array(diffPartDto) })
  .describe('A word-level diff: joining same+del gives before, same+ins gives after');
const snapshotSourceDto = z.object({
  url: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  accessed_on: z.string(),
});

export const revisionInfoDto = z
  .object({
    number: z.int(),
    kind: z.enum(REVISION_KIND_VALUES),
    author: z.string(),
    at: z.string(),
    summary: z.string(),
  })
  .meta({ id: 'RevisionInfo' });

export const snapshotDto = z
  .object({
    title: z.string(),
    intro: z.string(),
    entries: z.array(
      z.object({
        film: z.string().describe('Film slug'),
        note: z.string(),
        fact: z.string(),
        sources: z.array(snapshotSourceDto),
      }),
    ),
  })
  .meta({ id: 'CollectionSnapshot' });

export const historyDto = z
  .object({
    slug: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'review', 'published']),
    version: z.int(),
    revises: z.string().nullable().describe('The published collection a working copy revises'),
    revisions: z.array(revisionInfoDto),
  })
  .meta({ id: 'CollectionHistory' });

export const revisionDto = revisionInfoDto
  .extend({ snapshot: snapshotDto })
  .meta({ id: 'Revision' });

const filmNamesDto = z.record(z.string(), z.object({ title: z.string(), year: z.int() }));

export const snapshotDiffDto = z
  .object({
    same: z.boolean(),
    title: textChangeDto.nullable(),
    intro: textChangeDto.nullable(),
    added: z.array(z.object({ film: z.string(), position: z.int() })),
    removed: z.array(z.object({ film: z.string(), position: z.int() })),
    moved: z.array(z.object({ film: z.string(), from: z.int(), to: z.int() })),
    changed: z.array(
      z.object({
        film: z.string(),
        note: textChangeDto.nullable(),
        fact: textChangeDto.nullable(),
        sources_added: z.array(snapshotSourceDto),
        sources_removed: z.array(snapshotSourceDto),
      }),
    ),
  })
  .meta({ id: 'CollectionDiff' });

export const comparisonDto = z
  .object({ from: z.int(), to: z.int(), diff: snapshotDiffDto, films: filmNamesDto })
  .meta({ id: 'RevisionComparison' });

export const reviewDto = z
  .object({
    against: z.enum(['published', 'nothing']),
    diff: snapshotDiffDto,
    corrections: z
      .array(
        z.object({
          key: z.string().describe('Give the reason under this key when publishing'),
          film: z.string(),
          field: z.enum(['note', 'fact']),
          was: z.string(),
          now: z.string(),
        }),
      )
      .describe('Published statements this draft changes or withdraws'),
    films: filmNamesDto,
  })
  .meta({ id: 'ReviewView' });

const parts = (p: DiffPart[]) => p.map((x) => ({ op: x.op, text: x.text }));
const change = (t: { before: string; after: string; parts: DiffPart[] } | undefined) =>
  t ? { before: t.before, after: t.after, parts: parts(t.parts) } : null;
const source = (s: Snapshot['entries'][number]['sources'][number]) => ({
  url: s.url,
  title: s.title,
  publisher: s.publisher,
  accessed_on: s.accessedOn,
});

export function presentSnapshotDiff(d: SnapshotDiff): z.infer<typeof snapshotDiffDto> {
  return {
    same: d.same,
    title: change(d.title),
    intro: change(d.intro),
    added: d.added,
    removed: d.removed,
    moved: d.moved,
    changed: d.changed.map((c) => ({
      film: c.film,
      note: change(c.note),
      fact: change(c.fact),
      sources_added: c.sourcesAdded.map(source),
      sources_removed: c.sourcesRemoved.map(source),
    })),
  };
}

export function presentHistory(h: History): z.infer<typeof historyDto> {
  return { ...h, revisions: h.revisions.map((r) => ({ ...r })) };
}

export function presentRevision(r: Revision): z.infer<typeof revisionDto> {
  return {
    number: r.number,
    kind: r.kind,
    author: r.author,
    at: r.at,
    summary: r.summary,
    snapshot: {
      title: r.snapshot.title,
      intro: r.snapshot.intro,
      entries: r.snapshot.entries.map((e) => ({
        film: e.film,
        note: e.note,
        fact: e.fact,
        sources: e.sources.map(source),
      })),
    },
  };
}

export function presentComparison(c: RevisionComparison): z.infer<typeof comparisonDto> {
  return {
    from: c.from.number,
    to: c.to.number,
    diff: presentSnapshotDiff(c.diff),
    films: c.films satisfies FilmNames,
  };
}

export function presentReview(r: ReviewView): z.infer<typeof reviewDto> {
  return {
    against: r.against,
    diff: presentSnapshotDiff(r.diff),
    corrections: r.corrections.map((c) => ({ ...c })),
    films: r.films,
  };
}
