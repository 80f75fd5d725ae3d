/**
 * The knowledge base as a service: loading it (content files, Wikidata dumps), reading it (a
 * snapshot cached until the catalogue version moves), and checking claims against it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../../lib/errors.ts';
import { type CheckedText, checkText } from './claims/index.ts';
import {
  type KnowledgeBase,
  type KnowledgeData,
  type WikidataProgress,
  loadKnowledgeDir,
  loadWikidataFile,
} from './kb/index.ts';
import type { KnowledgeRepository } from './knowledge.repository.ts';

export interface WikidataLoadReport {
  file: string;
  films: number;
  statements: number;
  editions: number;
  entities: number;
  missingLabels: number;
}

export class KnowledgeService {
  private cached: { version: string; kb: KnowledgeBase } | undefined;

  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly version: () => Promise<string>,
  ) {}

  /**
   * Reads and validates `dir` (a content folder's `knowledge/`); throws a ValidationError with
   * `file:line` problems. Returns an empty base when the folder does not exist.
   */
  async readDir(dir: string, displayBase: string): Promise<KnowledgeData> {
    try {
      await fs.access(dir);
    } catch {
      return { films: [], statements: [], editions: [] };
    }
    return loadKnowledgeDir(dir, displayBase);
  }

  /** Replaces the knowledge that came from content files. */
  replaceContentKnowledge(data: KnowledgeData): Promise<boolean> {
    return this.repo.replaceLayer('content', data);
  }

  async loadWikidata(
    file: string,
    opts: { only?: string[]; onProgress?: (p: WikidataProgress) => void } = {},
  ): Promise<WikidataLoadReport> {
    const result = await loadWikidataFile(file, {
      ...(opts.only?.length ? { only: opts.only } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      fileName: path.basename(file),
    });
    // The loader returns only after the whole file parsed; nothing is stored from a bad file.
    await this.repo.addToLayer('wikidata', result);
    this.cached = undefined;
    return {
      file,
      films: result.films.length,
      statements: result.statements.length,
      editions: result.editions.length,
      entities: result.stats.entities,
      missingLabels: result.stats.missingLabels,
    };
  }

  async snapshot(): Promise<KnowledgeBase> {
    const version = await this.version();
    if (this.cached?.version !== version) {
      this.cached = { version, kb: await this.repo.load() };
    }
    return this.cached.kb;
  }

  /** Judges the claims in `text` about one film (null: a film the catalogue does not know). */
  async check(
    text: string,
    filmSlug: string | null,
    opts: { unknownFilm?: 'error' | 'as-unresolved' } = {},
  ): Promise<CheckedText> {
    const kb = await this.snapshot();
    if (filmSlug !== null && !kb.film(filmSlug)) {
      if (opts.unknownFilm !== 'as-unresolved') {
        throw new NotFoundError(`The knowledge base knows no film "${filmSlug}".`);
      }
      return checkText(text, null, kb);
    }
    return checkText(text, filmSlug, kb);
  }

  counts(): Promise<Record<string, number>> {
    return this.repo.counts();
  }
}
