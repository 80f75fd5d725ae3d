/**
 * The catalogue side of search: keeps the in-memory index current and enriches hits with film
 * summaries (docs/search.md, "Keeping the index current").
 * - A full build runs in a worker thread (build.worker.mjs): the server answers everything
 *   else meanwhile, and the worker hands back the index as snapshot bytes, which this thread
 *   reads as views (no second build).
 * - The snapshot is saved to a file; a restart reads it back in seconds at a million films. A
 *   snapshot of an older catalogue version is served at once, brought up to date as below, and
 *   replaced by a fresh build in the background.
 * - When the catalogue version moves, the films are read again and only those that changed
 *   are added, replaced or removed in the index; no rebuild (unless a large share changed).
 * The same documents come out of SQLite and PostgreSQL, ordered by slug, so the index, and so
 * every result list, is the same on both.
 */
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { CatalogService, FilmSummary } from '../catalog/index.ts';
import { type ProgressFn, type SearchDocument, type SearchHit, SearchIndex } from './engine.ts';

export interface SearchResult {
  film: FilmSummary;
  score: number;
  matchedTitle: string;
  matchedField: 'title' | 'person';
  matchedPerson: string | null;
}

export interface SearchServiceOptions {
  /** Where the index snapshot is kept; none, no snapshot. */
  snapshotFile?: string;
  /** Build in a worker thread (default); false builds on this thread. */
  worker?: boolean;
  /** Above this share of the films changed at once, rebuild rather than update. */
  rebuildShare?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

/** How the index in use came to be, for the log and the tests. */
export type IndexOrigin = 'build' | 'snapshot' | 'stale-snapshot';

export interface RefreshReport {
  added: number;
  updated: number;
  removed: number;
  rebuilt: boolean;
}

function sameDocument(a: SearchDocument, b: SearchDocument): boolean {
  if (a.year !== b.year || a.titles.length !== b.titles.length) return false;
  if (a.people.length !== b.people.length) return false;
  for (let i = 0; i < a.titles.length; i++) {
    const x = a.titles[i]!;
    const y = b.titles[i]!;
    if (x.text !== y.text || x.kind !== y.kind) return false;
  }
  for (let i = 0; i < a.people.length; i++) if (a.people[i] !== b.people[i]) return false;
  return true;
}

/** Builds the index in a worker thread; resolves with its snapshot bytes. */
export function buildInWorker(
  docs: readonly SearchDocument[],
  meta: Record<string, unknown>,
  onProgress?: ProgressFn,
  running?: Set<Worker>,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./build.worker.mjs', import.meta.url));
    running?.add(worker);
    worker.once('exit', () => running?.delete(worker));
    worker.on(
      'message',
      (m: {
        type: string;
        done?: number;
        total?: number;
        bytes?: Uint8Array;
        message?: string;
      }) => {
        if (m.type === 'progress') onProgress?.(m.done ?? 0, m.total);
        else if (m.type === 'done') {
          resolve(m.bytes!);
          void worker.terminate();
        } else if (m.type === 'error') {
          reject(new Error(`search index build failed in its worker: ${m.message}`));
          void worker.terminate();
        }
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`search index worker exited with ${code}`));
    });
    // In chunks, with a turn of the event loop between: copying a message to the worker runs
    // on this thread, so one message of the whole catalogue would stall the server.
    void (async () => {
      for (let i = 0; i < docs.length; i += 5_000) {
        worker.postMessage({ type: 'docs', docs: docs.slice(i, i + 5_000) });
        await new Promise((r) => setImmediate(r));
      }
      worker.postMessage({ type: 'end', meta });
    })();
  });
}

export class SearchService {
  private current: { version: string; index: SearchIndex; origin: IndexOrigin } | undefined;
  private pending: Promise<SearchIndex> | undefined;
  private background: Promise<void> | undefined;
  private queued: { docs: SearchDocument[]; version: string } | undefined;
  private readonly workers = new Set<Worker>();
  private closed = false;
  private readonly opts: Required<Omit<SearchServiceOptions, 'snapshotFile'>> & {
    snapshotFile: string | undefined;
  };

  constructor(
    private readonly catalog: CatalogService,
    private readonly version: () => Promise<string>,
    opts: SearchServiceOptions = {},
  ) {
    this.opts = {
      snapshotFile: opts.snapshotFile,
      worker: opts.worker ?? true,
      rebuildShare: opts.rebuildShare ?? 0.1,
      log: opts.log ?? (() => {}),
    };
  }

  async documents(): Promise<SearchDocument[]> {
    return (await this.catalog.allFilmsWithNames()).map((f) => ({
      slug: f.slug,
      year: f.year,
      titles: f.titles.map((t) => ({ text: t.text, kind: t.kind })),
      // Both scripts of each name, so "Шепитько" and "Shepitko" find her films.
      people: f.people.flatMap((p) => (p.nameOriginal ? [p.name, p.nameOriginal] : [p.name])),
    }));
  }

  /** How the index in use was made (undefined before the first search). */
  get origin(): IndexOrigin | undefined {
    return this.current?.origin;
  }

  /**
   * Builds a fresh index from the database (in the worker unless told otherwise), puts it in
   * use and saves its snapshot.
   */
  async rebuild(onProgress?: ProgressFn): Promise<{ films: number; index: SearchIndex }> {
    const version = await this.version();
    const docs = await this.documents();
    const index = await this.build(docs, version, onProgress);
    this.current = { version, index, origin: 'build' };
    return { films: index.size, index };
  }

  private async build(
    docs: SearchDocument[],
    version: string,
    onProgress?: ProgressFn,
  ): Promise<SearchIndex> {
    let bytes: Uint8Array;
    if (this.opts.worker) {
      bytes = await buildInWorker(docs, { catalogueVersion: version }, onProgress, this.workers);
    } else {
      bytes = SearchIndex.build(docs, onProgress).toSnapshot({ catalogueVersion: version });
    }
    await this.save(bytes);
    return SearchIndex.fromSnapshot(bytes).index;
  }

  private async save(bytes: Uint8Array): Promise<void> {
    const file = this.opts.snapshotFile;
    if (!file) return;
    try {
      // written beside, then renamed: a reader never sees half a file
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    } catch (e) {
      this.opts.log('warn', `search snapshot not saved to ${file}: ${(e as Error).message}`);
    }
  }

  /** The snapshot file's index and catalogue version, or undefined (none, unreadable). */
  private async load(): Promise<{ index: SearchIndex; version: string } | undefined> {
    const file = this.opts.snapshotFile;
    if (!file) return undefined;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return undefined;
    }
    try {
      const { index, meta } = SearchIndex.fromSnapshot(bytes);
      return { index, version: String(meta.catalogueVersion ?? '') };
    } catch (e) {
      this.opts.log('warn', `search snapshot ${file} ignored: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Makes the index ready (the server starts this at start-up, and answers meanwhile). */
  async warm(): Promise<void> {
    const started = Date.now();
    try {
      await this.index();
      this.opts.log(
        'info',
        `search index ready (${this.current?.index.size ?? 0} films, from ${this.current?.origin}) in ${Date.now() - started} ms`,
      );
    } catch (e) {
      this.opts.log('warn', `search index not ready: ${(e as Error).message}`);
    }
  }

  /** Stops any build in a worker (the application is closing). */
  async close(): Promise<void> {
    this.closed = true;
    this.queued = undefined;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  /** Resolves when no background rebuild is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.background) await this.background;
  }

  private async index(): Promise<SearchIndex> {
    const version = await this.version();
    if (this.current?.version === version) return this.current.index;
    // One start-up or refresh at a time, however many requests arrive while it runs.
    this.pending ??= this.prepare(version).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async prepare(version: string): Promise<SearchIndex> {
    if (!this.current) {
      const loaded = await this.load();
      if (loaded && loaded.version === version) {
        this.current = { version, index: loaded.index, origin: 'snapshot' };
        return loaded.index;
      }
      if (loaded) {
        // an older catalogue's snapshot: updated now, replaced by a fresh build later
        this.current = { version: loaded.version, index: loaded.index, origin: 'stale-snapshot' };
      } else {
        return (await this.rebuild()).index;
      }
    }
    await this.refresh(version);
    return this.current.index;
  }

  /**
   * Brings the index to the catalogue as it is now: each film whose title, names or year
   * changed is replaced, new films added, gone ones removed. When more than `rebuildShare` of
   * the films changed, a fresh build (in the worker) is cheaper and is done instead.
   */
  async refresh(version?: string): Promise<RefreshReport> {
    const v = version ?? (await this.version());
    if (!this.current) {
      await this.rebuild();
      return { added: 0, updated: 0, removed: 0, rebuilt: true };
    }
    const docs = await this.documents();
    const index = this.current.index;
    const changed: SearchDocument[] = [];
    const live = new Set<string>();
    let added = 0;
    for (const d of docs) {
      live.add(d.slug);
      const old = index.document(d.slug);
      if (!old) added++;
      if (!old || !sameDocument(old, d)) changed.push(d);
    }
    const gone = index.liveSlugs().filter((s) => !live.has(s));
    const report = { added, updated: changed.length - added, removed: gone.length };
    if (changed.length + gone.length > this.opts.rebuildShare * Math.max(docs.length, 1000)) {
      const fresh = await this.build(docs, v);
      this.current = { version: v, index: fresh, origin: 'build' };
      return { ...report, rebuilt: true };
    }
    for (const d of changed) index.add(d);
    for (const s of gone) index.remove(s);
    const wasStale = this.current.origin === 'stale-snapshot';
    this.current = { ...this.current, version: v };
    // The saved snapshot is older than the index now: a fresh build replaces it, off the
    // main thread, while this index serves.
    if (this.opts.snapshotFile && !this.closed && (wasStale || changed.length + gone.length > 0))
      this.scheduleSnapshot(docs, v);
    return { ...report, rebuilt: false };
  }

  private scheduleSnapshot(docs: SearchDocument[], version: string): void {
    // only the newest catalogue is worth a build: a newer request replaces a waiting one
    this.queued = { docs, version };
    if (this.background) return;
    this.background = (async () => {
      while (this.queued) {
        const job = this.queued;
        this.queued = undefined;
        try {
          const fresh = await this.build(job.docs, job.version);
          // still the catalogue it was built from: the compact index takes over
          if (this.current?.version === job.version)
            this.current = { version: job.version, index: fresh, origin: 'build' };
        } catch (e) {
          if (!this.closed)
            this.opts.log('warn', `search snapshot rebuild failed: ${(e as Error).message}`);
        }
      }
    })().finally(() => {
      this.background = undefined;
    });
  }

  /** The current index as snapshot bytes, with the catalogue version it was built at. */
  async snapshot(): Promise<Uint8Array> {
    const version = await this.version();
    return (await this.index()).toSnapshot({ catalogueVersion: version });
  }

  async search(
    query: string,
    opts: { limit?: number; offset?: number } = {},
  ): Promise<SearchResult[]> {
    const q = query.trim();
    if (!q) return [];
    const hits = (await this.index()).search(q, {
      limit: opts.limit ?? 20,
      offset: opts.offset ?? 0,
    });
    return this.enrich(hits);
  }

  /**
   * The films a listed title may name, as the index holds them (titles, names, year), for
   * list import and claim resolution: every film with a title of those words (any script,
   * romanization or a typo away; SearchIndex.titleCandidates), and the `near` best search
   * hits beside them, for an entry no title matches. In slug order; nothing is read from the
   * database.
   */
  async titleCandidates(title: string, near = 20): Promise<SearchDocument[]> {
    const index = await this.index();
    const slugs = new Set(index.titleCandidates(title));
    const q = title.trim();
    if (q && near > 0) for (const h of index.search(q, { limit: near })) slugs.add(h.slug);
    return [...slugs]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap((s) => {
        const d = index.document(s);
        return d ? [d] : [];
      });
  }

  private async enrich(hits: SearchHit[]): Promise<SearchResult[]> {
    const films = new Map(
      (await this.catalog.summariesBySlugs(hits.map((h) => h.slug))).map((f) => [f.slug, f]),
    );
    return hits.flatMap((h) => {
      const film = films.get(h.slug);
      return film
        ? [
            {
              film,
              score: h.score,
              matchedTitle: h.matchedTitle,
              matchedField: h.matchedField,
              matchedPerson: h.matchedPerson ?? null,
            },
          ]
        : [];
    });
  }
}
