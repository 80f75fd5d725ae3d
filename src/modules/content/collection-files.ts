/**
 * Collections between the database and `content/collections/*.yaml`, both ways.
 *
 * Export writes a collection (any status, however it was made) in the content format, with an
 * `exported: { version, hash }` stamp: the database version it was written from and the hash of
 * what it says. Loading compares what a file says with what the database holds, key by key
 * independent of how sources are named (the collection's *state*):
 *
 * - the same state: nothing is written (an exported file loaded back changes nothing);
 * - the file changed since it was exported (its state no longer has the stamp's hash), or a
 *   hand-written file changed since it was last loaded: it is applied only when the database
 *   is still at the version the file was made from (the stamp's, or the one the last load
 *   wrote, `loaded_version`); otherwise the browser edited it too, and the load reports a
 *   conflict and writes nothing: it is never resolved silently;
 * - an exported file unchanged since its export while the browser moved on: the browser's
 *   edits are newer, so nothing is written.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { stringify } from 'yaml';
import type { Database } from '../../db/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { slugify } from '../../lib/text/index.ts';
import { letterboxdCsv } from '../imports/index.ts';
import type { CollectionFile, SourceDef } from './content.schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

interface StateSource {
  url: string;
  title: string;
  publisher: string | null;
  accessed: string;
}

/** What a collection says, with sources written out instead of named by key. */
export interface CollectionState {
  slug: string;
  title: string;
  subtitle: string | null;
  curator: string;
  status: 'draft' | 'review' | 'published';
  published: string | null;
  intro: string;
  origin: { title: string; note: string } | null;
  entries: {
    film: string;
    listedAs: string | null;
    description: string;
    fact: { text: string; sources: string[] };
    corrections: { field: string; listed: string; reason: string; sources: string[] }[];
  }[];
}

const unique = (xs: string[]) => [...new Set(xs)];

export function stateFromFile(c: CollectionFile): CollectionState {
  const url = (key: string) => c.sources[key]?.url ?? `?${key}`;
  return {
    slug: c.slug,
    title: c.title,
    subtitle: c.subtitle ?? null,
    curator: c.curator,
    status: c.status,
    published: c.published ?? null,
    intro: c.intro,
    origin: c.origin ? { title: c.origin.title, note: c.origin.note } : null,
    entries: c.entries.map((e) => ({
      film: e.film,
      listedAs: e.listedAs ?? null,
      description: e.description,
      fact: { text: e.fact?.text ?? '', sources: unique((e.fact?.sources ?? []).map(url)) },
      corrections: e.corrections.map((k) => ({
        field: k.field,
        listed: k.listed,
        reason: k.reason,
        sources: unique(k.sources.map(url)),
      })),
    })),
  };
}

/** A hash of a state, the same for the same content however the file names its sources. */
export function hashState(s: CollectionState): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 32);
}

export interface StoredCollection {
  id: number;
  version: number;
  loadedVersion: number | null;
  origin: string;
  contentHash: string | null;
  state: CollectionState;
  sources: Map<string, StateSource>;
  /** English title and year of each entry's film, for the Letterboxd export. */
  films: Map<string, { title: string; year: number }>;
}

/** A collection as the database holds it now, or undefined. */
export async function readStoredCollection(
  db: Db,
  slug: string,
): Promise<StoredCollection | undefined> {
  const c = await db
    .selectFrom('collections')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!c) return undefined;
  const entries = await db
    .selectFrom('collection_entries as e')
    .innerJoin('films as f', 'f.id', 'e.film_id')
    .select(['e.id', 'f.id as filmId', 'f.slug', 'f.year', 'e.listed_as', 'e.description', 'e.fact_text'])
    .where('e.collection_id', '=', c.id)
    .orderBy('e.position')
    .execute();
  const entryIds = entries.map((e) => e.id);
  const sources = new Map<string, StateSource>();
  const sourceRows = (rows: { url: string; title: string; publisher: string | null; accessed_on: string }[]) =>
    rows.map((r) => {
      sources.set(r.url, { url: r.url, title: r.title, publisher: r.publisher, accessed: r.accessed_on });
      return r.url;
    });
  const factSources = entryIds.length
    ? await db
        .selectFrom('entry_fact_sources as l')
        .innerJoin('sources as s', 's.id', 'l.source_id')
        .select(['l.entry_id', 's.url', 's.title', 's.publisher', 's.accessed_on'])
        .where('l.entry_id', 'in', entryIds)
        .orderBy('l.entry_id')
        .orderBy('l.position')
        .execute()
    : [];
  const corrections = entryIds.length
    ? await db
        .selectFrom('corrections')
        .selectAll()
        .where('entry_id', 'in', entryIds)
        .orderBy('entry_id')
        .orderBy('position')
        .execute()
    : [];
  const corrIds = corrections.map((k) => k.id);
  const corrSources = corrIds.length
    ? await db
        .selectFrom('correction_sources as l')
        .innerJoin('sources as s', 's.id', 'l.source_id')
        .select(['l.correction_id', 's.url', 's.title', 's.publisher', 's.accessed_on'])
        .where('l.correction_id', 'in', corrIds)
        .orderBy('l.correction_id')
        .orderBy('l.position')
        .execute()
    : [];
  const filmIds = unique(entries.map((e) => String(e.filmId))).map(Number);
  const english = filmIds.length
    ? await db
        .selectFrom('titles')
        .select(['film_id', 'text'])
        .where('film_id', 'in', filmIds)
        .where('kind', '=', 'english')
        .orderBy('position')
        .execute()
    : [];
  const films = new Map<string, { title: string; year: number }>();
  for (const e of entries)
    films.set(e.slug, {
      title: english.find((t) => t.film_id === e.filmId)?.text ?? e.slug,
      year: Number(e.year),
    });
  const status = c.status === 'review' || c.status === 'published' ? c.status : 'draft';
  return {
    id: c.id,
    version: Number(c.version),
    loadedVersion: c.loaded_version === null ? null : Number(c.loaded_version),
    origin: c.origin,
    contentHash: c.content_hash,
    sources,
    films,
    state: {
      slug: c.slug,
      title: c.title,
      subtitle: c.subtitle,
      curator: c.curator,
      status,
      published: c.published_on,
      intro: c.intro,
      origin: c.origin_title && c.origin_note ? { title: c.origin_title, note: c.origin_note } : null,
      entries: entries.map((e) => ({
        film: e.slug,
        listedAs: e.listed_as,
        description: e.description,
        fact: {
          text: e.fact_text,
          sources: unique(sourceRows(factSources.filter((s) => s.entry_id === e.id))),
        },
        corrections: corrections
          .filter((k) => k.entry_id === e.id)
          .map((k) => ({
            field: k.field,
            listed: k.listed,
            reason: k.reason,
            sources: unique(sourceRows(corrSources.filter((s) => s.correction_id === k.id))),
          })),
      })),
    },
  };
}

/** The content file for a stored collection, stamped with its version and state hash. */
export function collectionFileText(stored: StoredCollection): string {
  const s = stored.state;
  // Source keys: the publisher's (or the site's) name, numbered when two sources share it.
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const keyOf = (url: string): string => {
    const known = keys.get(url);
    if (known) return known;
    const src = stored.sources.get(url);
    let host = 'source';
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      // keep "source"
    }
    const base = slugify(src?.publisher ?? host).slice(0, 40).replace(/-+$/, '') || 'source';
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    keys.set(url, key);
    return key;
  };
  const entries = s.entries.map((e) => ({
    film: e.film,
    ...(e.listedAs ? { listedAs: e.listedAs } : {}),
    description: e.description,
    ...(e.fact.text || e.fact.sources.length
      ? { fact: { text: e.fact.text, sources: e.fact.sources.map(keyOf) } }
      : {}),
    ...(e.corrections.length
      ? {
          corrections: e.corrections.map((k) => ({
            field: k.field,
            listed: k.listed,
            reason: k.reason,
            sources: k.sources.map(keyOf),
          })),
        }
      : {}),
  }));
  const sources: Record<string, SourceDef> = {};
  for (const [url, key] of keys) {
    const src = stored.sources.get(url)!;
    sources[key] = {
      url,
      title: src.title,
      ...(src.publisher ? { publisher: src.publisher } : {}),
      accessed: src.accessed,
    };
  }
  const file = {
    slug: s.slug,
    title: s.title,
    ...(s.subtitle ? { subtitle: s.subtitle } : {}),
    curator: s.curator,
    status: s.status,
    ...(s.published ? { published: s.published } : {}),
    exported: { version: stored.version, hash: hashState(s) },
    intro: s.intro,
    ...(s.origin ? { origin: s.origin } : {}),
    entries,
    sources,
  };
  return `# Exported from Kinoteka at version ${stored.version}. Edit freely and load it with\n# "kinoteka content load"; a collection edited in the browser since is reported, not overwritten.\n${stringify(file, { lineWidth: 100 })}`;
}

/** What a load should do with one collection file, given what the database holds. */
export type SyncDecision =
  | { kind: 'insert' }
  | { kind: 'unchanged' }
  | { kind: 'apply'; version: number }
  | { kind: 'conflict'; message: string };

export async function decideCollectionSync(
  db: Db,
  file: CollectionFile,
  plannedHash: string,
): Promise<SyncDecision> {
  const stored = await readStoredCollection(db, file.slug);
  if (!stored) return { kind: 'insert' };
  if (stored.contentHash === plannedHash) return { kind: 'unchanged' };
  const fileHash = hashState(stateFromFile(file));
  if (fileHash === hashState(stored.state)) return { kind: 'unchanged' };
  // The version the file was made from: its export, or a later load of it (the stamp stays).
  const loaded = stored.loadedVersion ?? 0;
  let base: number | null = stored.loadedVersion;
  let from = 'last loaded';
  if (file.exported) {
    // Unchanged since its export while the browser moved on: the browser's edits are newer.
    if (fileHash === file.exported.hash && stored.version >= file.exported.version)
      return { kind: 'unchanged' };
    if (file.exported.version > loaded) {
      base = file.exported.version;
      from = 'exported';
    }
  }
  if (base === stored.version) return { kind: 'apply', version: stored.version + 1 };
  return {
    kind: 'conflict',
    message:
      base === null
        ? `collection "${file.slug}" was made in the workspace (now at version ${stored.version}) and this file was never exported from it; nothing was loaded. Export it (kinoteka content export ${file.slug}), make the change in the exported file, and load again`
        : `collection "${file.slug}" was edited in the browser since this file was ${from} (file from version ${base}, the database is at version ${stored.version}); nothing was loaded. Export it again (kinoteka content export ${file.slug}), redo the change there, and load again`,
  };
}

/** Exports collections: the content format and Letterboxd CSV. */
export class CollectionFiles {
  constructor(private readonly db: Kysely<Database>) {}

  private async stored(slug: string): Promise<StoredCollection> {
    const stored = await readStoredCollection(this.db, slug);
    if (!stored) throw new NotFoundError(`No collection with the slug "${slug}".`);
    return stored;
  }

  async contentYaml(slug: string): Promise<{ file: string; text: string }> {
    return { file: `collections/${slug}.yaml`, text: collectionFileText(await this.stored(slug)) };
  }

  async letterboxdCsv(slug: string, opts: { minimal?: boolean } = {}): Promise<string> {
    const stored = await this.stored(slug);
    return letterboxdCsv(
      stored.state.entries.map((e, i) => {
        const film = stored.films.get(e.film)!;
        return {
          position: i + 1,
          name: film.title,
          year: film.year,
          description: [e.description, e.fact.text].filter(Boolean).join('\n\n'),
        };
      }),
      opts,
    );
  }

  /** Collections not loaded from files (made in the workspace or imported): `content export`. */
  async workspaceSlugs(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('collections')
      .select('slug')
      .where('origin', '!=', 'content')
      .orderBy('slug')
      .execute();
    return rows.map((r) => r.slug);
  }
}
