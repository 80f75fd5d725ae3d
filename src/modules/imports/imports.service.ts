/**
 * Turns a curator's list into a draft collection: parse, resolve each entry to a catalogue
 * film, and save the resolved entries as a draft (never over an existing collection). Entries
 * that do not resolve are reported with their nearest candidates, not guessed.
 */
import path from 'node:path';
import type { CatalogService } from '../catalog/index.ts';
import type { CollectionsService } from '../collections/index.ts';
import type { SearchDocument, SearchService } from '../search/index.ts';
import { type ImportedList, parseAnyList, resolveList } from './import-list.ts';
import type { CatalogueFilm } from './resolve.ts';

export interface ImportResult {
  collection: { slug: string; title: string; status: 'draft'; entries: number };
  list: ImportedList;
}

function filmOf(d: SearchDocument): CatalogueFilm {
  return {
    slug: d.slug,
    year: d.year ?? 0,
    titles: d.titles.map((t) => ({ text: t.text, kind: t.kind })),
  };
}

export class ImportsService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly collections: CollectionsService,
    private readonly search: SearchService,
  ) {}

  /** Parses and resolves a list without saving anything: what the import preview shows. */
  async preview(
    input: string | Uint8Array,
    file: string,
    format: 'auto' | 'letterboxd' | 'text' = 'auto',
  ): Promise<ImportedList> {
    return this.resolve(input, file, format);
  }

  /**
   * Reads the list, then resolves each entry among the films the search index finds for its
   * title (never the whole catalogue: docs/lists.md). Directors, which break a tie between
   * films of one title when the entry names one, are read only for the tied films.
   */
  private async resolve(
    input: string | Uint8Array,
    file: string,
    format: 'auto' | 'letterboxd' | 'text',
  ): Promise<ImportedList> {
    const list = parseAnyList(input, file, format);
    const pools = new Map<string, CatalogueFilm[]>();
    for (const e of list.entries) {
      if (!pools.has(e.title))
        pools.set(e.title, (await this.search.titleCandidates(e.title)).map(filmOf));
    }
    const filmsFor = (title: string) => pools.get(title) ?? [];
    const first = resolveList(list, filmsFor);
    const tied = new Set(
      first.entries.flatMap((e) =>
        e.resolution.status === 'ambiguous' ? e.resolution.candidates.map((c) => c.slug) : [],
      ),
    );
    if (tied.size === 0) return first;
    const directors = new Map<string, string[]>();
    const slugs = [...tied];
    for (let i = 0; i < slugs.length; i += 500) {
      for (const f of await this.catalog.summariesBySlugs(slugs.slice(i, i + 500)))
        directors.set(
          f.slug,
          f.directors.map((d) => d.name),
        );
    }
    for (const [title, films] of pools) {
      pools.set(
        title,
        films.map((f) => {
          const named = directors.get(f.slug);
          return named ? { ...f, directors: named } : f;
        }),
      );
    }
    return resolveList(list, filmsFor);
  }

  async importList(
    input: string | Uint8Array,
    file: string,
    opts: {
      title?: string;
      slug?: string;
      curator?: string;
      format?: 'auto' | 'letterboxd' | 'text';
    } = {},
  ): Promise<ImportResult> {
    const list = await this.resolve(input, file, opts.format ?? 'auto');
    const title = opts.title ?? list.title ?? titleFromFile(file);
    const entries = list.entries.flatMap((e) =>
      e.resolution.status === 'resolved'
        ? [
            {
              position: e.index + 1,
              filmSlug: e.resolution.slug,
              listedAs: e.heading,
              description: [e.description?.text, ...e.notes.map((n) => n.text)]
                .filter(Boolean)
                .join('\n\n'),
              factText: e.facts.map((f) => f.text).join(' '),
            },
          ]
        : [],
    );
    const slug = await this.collections.createDraft({
      ...(opts.slug ? { slug: opts.slug } : {}),
      title,
      curator: opts.curator ?? 'Imported list',
      intro: list.intro || `Imported from ${path.basename(file)}.`,
      originTitle: path.basename(file),
      originNote: `Imported from ${path.basename(file)}: ${list.counts.resolved} of ${list.entries.length} entries matched catalogue films.`,
      entries,
    });
    return { collection: { slug, title, status: 'draft', entries: entries.length }, list };
  }
}

function titleFromFile(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return base ? base[0]!.toUpperCase() + base.slice(1) : 'Imported list';
}
