/**
 * Turns a curator's list into a draft collection: parse, resolve each entry to a catalogue
 * film, and save the resolved entries as a draft (never over an existing collection). Entries
 * that do not resolve are reported with their nearest candidates, not guessed.
 */
import path from 'node:path';
import type { CatalogService } from '../catalog/index.ts';
import type { CollectionsService } from '../collections/index.ts';
import { type ImportedList, importList } from './import-list.ts';
import type { CatalogueFilm } from './resolve.ts';

export interface ImportResult {
  collection: { slug: string; title: string; status: 'draft'; entries: number };
  list: ImportedList;
}

export class ImportsService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly collections: CollectionsService,
  ) {}

  /** Parses and resolves a list without saving anything: what the import preview shows. */
  async preview(
    input: string | Uint8Array,
    file: string,
    format: 'auto' | 'letterboxd' | 'text' = 'auto',
  ): Promise<ImportedList> {
    return importList(input, file, await this.catalogueFilms(), format);
  }

  async catalogueFilms(): Promise<CatalogueFilm[]> {
    return (await this.catalog.allFilmsWithNames()).map((f) => ({
      slug: f.slug,
      year: f.year,
      titles: f.titles.map((t) => ({ text: t.text, kind: t.kind })),
      directors: f.people.filter((p) => p.role === 'director').map((p) => p.name),
    }));
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
    const list = importList(input, file, await this.catalogueFilms(), opts.format ?? 'auto');
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
