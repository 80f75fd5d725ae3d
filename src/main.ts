/**
 * Composition root: config → database → repositories → services → HTTP app, and the lifecycle
 * around them (migrations, serving). The CLI and the tests build the application through here,
 * so every entry point wires the same parts; the edges never reach the database themselves.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { Config } from './config/config.ts';
import {
  type Db,
  type MigrationReport,
  createDb,
  migrateToLatest,
  rollbackOne,
} from './db/index.ts';
import { createHttpApp } from './http/app.ts';
import { catalogRoutes } from './http/api/catalog.routes.ts';
import { checkRoutes } from './http/api/check.routes.ts';
import { searchRoutes } from './http/api/search.routes.ts';
import { collectionRoutes } from './http/api/collections.routes.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { ResponseCache } from './http/cache.ts';
import { NotifiedVersion } from './http/version.ts';
import { listenNode } from './http/server.ts';
import { createLogger } from './lib/logger.ts';
import { listenCatalogVersion } from './db/index.ts';
import { AccessRepository, AccessService } from './modules/access/index.ts';
import { AccountsRepository, AccountsService } from './modules/accounts/index.ts';
import { accountsRoutes } from './http/api/accounts.routes.ts';
import { workspaceRoutes } from './http/api/workspace.routes.ts';
import { authMiddleware, webAuth } from './http/auth/auth.ts';
import { CatalogRepository, CatalogService } from './modules/catalog/index.ts';
import {
  CollectionsRepository,
  CollectionsService,
  DraftsRepository,
  DraftsService,
} from './modules/collections/index.ts';
import {
  CollectionFiles,
  ContentRepository,
  ContentService,
  type SyncReport,
} from './modules/content/index.ts';
import {
  FactsRepository,
  FactsService,
  KnowledgeRepository,
  KnowledgeService,
} from './modules/facts/index.ts';
import { ImdbImporter, ImportsService } from './modules/imports/index.ts';
import { SearchService } from './modules/search/index.ts';
import { createWebApp, renderErrorPage } from './web/app.tsx';
import { JobQueue, Worker, mediaJobHandlers, mediaScheduler } from './jobs/index.ts';
import { MediaRepository, MediaService, createFfprobeRepository } from './modules/media/index.ts';
import { mediaApiRoutes, mediaApp, planHls } from './http/api/media.routes.ts';
import { playsDirectly } from './http/media/hls.ts';
import { FileRoute } from './http/media/files.ts';
import { realRoots } from './http/media/library.ts';
import { SegmentMaker } from './http/media/segments.ts';
import { urls } from './presenters/index.ts';
import { type PlaybackDto, findPlayback } from './presenters/media.ts';

export const APP_VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export type Logger = (level: 'error' | 'warn' | 'info', message: string, detail?: unknown) => void;

export interface Services {
  accounts: AccountsService;
  drafts: DraftsService;
  catalog: CatalogService;
  collections: CollectionsService;
  content: ContentService;
  /** Collections to and from `content/collections/*.yaml` and Letterboxd CSV. */
  collectionFiles: CollectionFiles;
  knowledge: KnowledgeService;
  imports: ImportsService;
  /** `kinoteka import imdb`: the IMDb datasets into the catalogue (bulk). */
  imdb: ImdbImporter;
  search: SearchService;
  media: MediaService;
}

/** The background jobs of this node (see docs/media.md, "The job queue"). */
export interface Jobs {
  queue: JobQueue;
  /** Runs queued jobs until none is left (the CLI); `onJob` after each one. */
  drain(onJob?: (done: number) => void): Promise<number>;
  /** The node's worker: polls in the background (`serve`), stops waiting for running jobs. */
  start(): void;
  stop(): Promise<void>;
}

export interface Application {
  config: Config;
  db: Db;
  services: Services;
  jobs: Jobs;
  http(): Hono;
  /** Serves the app over Node's HTTP server, with cache hits answered before Hono. */
  listen(port: number, host: string): Promise<ServerHandle>;
  /** Applies every pending migration. */
  migrate(): Promise<MigrationReport>;
  /** Undoes the most recent migration. */
  rollback(): Promise<MigrationReport>;
  close(): Promise<void>;
}

/** A running HTTP server: where it listens, and how to stop it. */
export interface ServerHandle {
  readonly port: number;
  /** `http://localhost:PORT` for a wildcard host, else `http://HOST:PORT`. */
  readonly url: string;
  /** Stops accepting connections and waits for open ones to finish. */
  close(): Promise<void>;
}

/**
 * The server's structured log (pino, src/lib/logger.ts): JSON lines, or plain text on a
 * terminal, at the configured level. `detail` becomes `err` when it is an Error.
 */
export function serverLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger & {
  request: (r: { method: string; path: string; status: number; ms: number }) => void;
} {
  const pino = createLogger({ level: config.logLevel, format: config.logFormat });
  const log = (l: 'error' | 'warn' | 'info', message: string, detail?: unknown) => {
    if (detail instanceof Error) pino[l]({ err: detail }, message);
    else if (detail !== undefined) pino[l]({ detail }, message);
    else pino[l](message);
  };
  return Object.assign(log, {
    request: (r: { method: string; path: string; status: number; ms: number }) =>
      pino[r.status >= 500 ? 'error' : 'info'](r, `${r.method} ${r.path} ${r.status} ${r.ms}ms`),
  });
}

export function consoleLogger(level: Config['logLevel']): Logger {
  const order = ['silent', 'error', 'warn', 'info', 'debug'];
  return (l, message, detail) => {
    if (order.indexOf(l) > order.indexOf(level)) return;
    const line = `[${new Date().toISOString()}] ${l}: ${message}`;
    if (l === 'error') console.error(line, detail ?? '');
    else console.error(line);
  };
}

export async function createApplication(
  config: Config,
  opts: { migrate?: boolean; logger?: Logger; db?: Db } = {},
): Promise<Application> {
  const logger = opts.logger ? undefined : serverLogger(config);
  const log = opts.logger ?? logger!;
  const db = opts.db ?? createDb(config.database);
  if (opts.migrate ?? true) await migrateToLatest(db);

  const factsRepo = new FactsRepository(db.kysely);
  const catalog: CatalogService = new CatalogService(
    new CatalogRepository(db.kysely),
    new FactsService(factsRepo),
    new AccessService(new AccessRepository(db.kysely)),
    // the media library's copies count in the access filter (media is built below)
    () => media.selfHostedAccess(),
    // list counts and menus are kept until the catalogue version moves
    () => version.current(),
  );
  const contentRepo = new ContentRepository(db.kysely);
  const knowledge = new KnowledgeService(new KnowledgeRepository(db.kysely), () =>
    contentRepo.version(),
  );
  const collections = new CollectionsService(
    new CollectionsRepository(db.kysely),
    catalog,
    factsRepo,
    knowledge,
  );
  // LISTEN/NOTIFY once serving on PostgreSQL (listen()); polled until then, and on SQLite.
  const version = new NotifiedVersion(() => contentRepo.version(), config.versionPollMs);
  const content = new ContentService(contentRepo, () => version.invalidate(), knowledge);
  const collectionFiles = new CollectionFiles(db.kysely);
  const imdb = new ImdbImporter(
    db,
    config.database.kind === 'postgres'
      ? { url: config.database.url, ...(db.schema ? { schema: db.schema } : {}) }
      : undefined,
  );
  const search = new SearchService(catalog, () => version.current(), {
    snapshotFile: searchSnapshotFile(config, db.schema),
    log: (l, m) => log(l, m),
  });
  // list entries are resolved among the films the search index finds for their titles
  const imports = new ImportsService(catalog, collections, search);
  const accounts = new AccountsService(new AccountsRepository(db.kysely));
  const drafts = new DraftsService(
    new DraftsRepository(db.kysely),
    catalog,
    knowledge,
    factsRepo,
    (actor, action, subject, detail) => accounts.record(actor, action, subject, detail),
    // A publication changes what readers see: drop cached pages.
    () => version.invalidate(),
  );
  const queue = new JobQueue(db);
  const media = new MediaService({
    repo: new MediaRepository(db.kysely),
    probe: createFfprobeRepository(),
    candidates: () => catalog.allFilmsWithNames(),
    schedule: mediaScheduler(queue),
    // covers made from the copies, beside (not inside) the segment cache and its size limit
    coversDir: `${config.media.cacheDir}-covers`,
    // what the copies give shows on cached pages and in the catalogue's remembered copies
    catalogueChanged: () => version.invalidate(),
  });
  const services: Services = {
    media,
    accounts,
    drafts,
    catalog,
    collections,
    content,
    collectionFiles,
    knowledge,
    imports,
    imdb,
    search,
  };
  // One HLS segment maker per node, made when first needed (it reads its cache folder).
  let segmentMaker: SegmentMaker | undefined;
  const segments = (): SegmentMaker =>
    (segmentMaker ??= new SegmentMaker({
      cacheDir: config.media.cacheDir,
      maxBytes: config.media.cacheMaxBytes,
    }));
  const handlers = mediaJobHandlers(media, {
    hlsPlan: (videoId) =>
      planHls({ media, segments: segments(), roots: () => realRoots(config.media.roots) }, videoId),
  });
  const worker = new Worker(queue, handlers, {
    concurrency: config.media.workers,
    onError: (job, e) => log('warn', `job ${job.id} (${job.kind}) failed: ${e.message}`),
  });
  const jobs: Jobs = {
    queue,
    drain(onJob) {
      let done = 0;
      const counted = Object.fromEntries(
        Object.entries(handlers).map(([kind, h]) => [
          kind,
          async (...args: Parameters<typeof h>) => {
            try {
              await h(...args);
            } finally {
              onJob?.(++done);
            }
          },
        ]),
      );
      return new Worker(queue, counted, { concurrency: config.media.workers }).drain();
    },
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
  const playback = (slug: string): Promise<PlaybackDto | undefined> =>
    findPlayback(
      {
        media,
        direct: playsDirectly,
        film: async (s) => {
          const f = await catalog.getFilm(s);
          return { ...f, url: urls.film(f.slug) };
        },
      },
      slug,
    );
  const cache = new ResponseCache(version);

  let app: Hono | undefined;
  const http = (): Hono => {
    if (app) return app;
    const web = createWebApp({
      media: {
        playback,
        access: (slug, languages) => media.accessSummary(slug, languages),
        isDemo: async (p) => {
          const f = (await media.fileDetail(p.video_id))?.file;
          return !!f && fs.existsSync(`${f.root}/DEMO-MEDIA.txt`);
        },
      },
      jobs: {
        list: async (f) =>
          (await queue.list(f as Parameters<JobQueue['list']>[0])).map((j) => ({
            id: j.id,
            kind: j.kind,
            subject: Object.entries((j.payload ?? {}) as Record<string, unknown>)
              .map(([k, v]) => `${k.replace(/Id$/, '')} ${String(v)}`)
              .join(', '),
            state: j.state,
            progress: j.progress,
            error: j.error,
            attempts: j.attempts,
            maxAttempts: j.maxAttempts,
            updatedAt: j.finishedAt ?? j.startedAt ?? j.createdAt,
          })),
        counts: () => queue.counts(),
        retry: (id) => queue.retry(id),
      },
      catalog,
      collections,
      search,
      accounts,
      drafts,
      imports,
      exporter: collectionFiles,
      auth: webAuth(config.publicUrl),
      content,
      publicUrl: config.publicUrl,
    });
    app = createHttpApp({
      routes: [
        ...collectionRoutes(collections),
        ...catalogRoutes(catalog, collections),
        ...checkRoutes(knowledge, collections, imports),
        ...searchRoutes(search),
        ...accountsRoutes(accounts),
        ...workspaceRoutes(drafts),
        ...mediaApiRoutes({ playback }),
      ],
      media: mediaApp({
        media,
        segments: segments(),
        roots: () => realRoots(config.media.roots),
        playback,
      }),
      web: web.app,
      renderError: (status, message) => renderErrorPage(web.render, status, message),
      cache,
      auth: authMiddleware(accounts, config.publicUrl),
      publicUrl: config.publicUrl,
      appVersion: APP_VERSION,
      log,
    });
    return app;
  };
  return {
    config,
    db,
    services,
    jobs,
    http,
    async listen(port, host) {
      const listener = getRequestListener(http().fetch);
      // Media bytes are answered before Hono (src/http/media/files.ts); what it refuses, the app.
      const files = new FileRoute({
        file: (id) => media.file(id),
        roots: () => realRoots(config.media.roots),
      });
      const handle = (req: IncomingMessage, res: ServerResponse) => {
        if (cache.tryServe(req, res)) return;
        const fileId = files.match(req);
        if (fileId === undefined) return void listener(req, res);
        files.serve(fileId, req, res).then(
          (sent) => {
            if (!sent) void listener(req, res);
          },
          () => void listener(req, res),
        );
      };
      const node = await listenNode({
        port,
        host,
        handle,
        graceMs: config.shutdownGraceMs,
        ...(logger ? { onRequest: logger.request } : {}),
      });
      if (db.dialect === 'postgres' && config.database.kind === 'postgres') {
        const target = config.database;
        await version.listen((onChange, onState) =>
          listenCatalogVersion({
            url: target.url,
            ...(db.schema ? { schema: db.schema } : {}),
            onChange,
            onState: (up) => {
              onState(up);
              log(
                up ? 'info' : 'warn',
                up
                  ? 'catalogue version: listening (LISTEN/NOTIFY)'
                  : `catalogue version: not listening, polling every ${config.versionPollMs} ms`,
              );
            },
            onError: (e) => log('warn', `catalogue version listener: ${e.message}`),
          }),
        );
      }
      return {
        port: node.port,
        url: node.url,
        close: async () => {
          await node.close();
          files.closeAll();
          await version.close();
        },
      };
    },
    migrate: () => migrateToLatest(db),
    rollback: () => rollbackOne(db),
    close: async () => {
      await worker.stop();
      await search.close();
      await version.close();
      await db.destroy();
    },
  };
}

/**
 * The start-up load: a broken content file never keeps the server from serving what the
 * database already holds. It is said loudly (each `file:line`, on the log), kept for /readyz
 * and the page banner (ContentService.status), and nothing already loaded is dropped.
 */
async function loadContentOrKeep(
  app: Application,
  dir: string,
  opts: StartOptions,
  log: Logger,
): Promise<SyncReport | undefined> {
  const r = await app.services.content.loadOrKeep(dir, opts.onContentProgress);
  if (r.loaded) return r.report;
  log(
    'error',
    `${r.error.message} Serving the ${r.films} films already in the database; fix the file(s) and restart, or run kinoteka content check --dir ${dir}`,
  );
  for (const p of r.error.problems) log('error', `${p.where}: ${p.message}`);
  return undefined;
}

export interface StartOptions {
  logger?: Logger;
  /** Progress of the content load that precedes serving (when the config asks for one). */
  onContentProgress?: (step: string, done: number, total: number) => void;
}

export interface RunningServer extends ServerHandle {
  readonly app: Application;
  /** What the start-up content load did; undefined when `loadContentOnStart` is off. */
  readonly content: SyncReport | undefined;
  /**
   * While no admin exists: a one-time link (valid 24 hours) that creates the first admin. Each
   * start makes a new one; `serve` prints it.
   */
  readonly setupLink: string | undefined;
}

/**
 * `serve`: builds the application (migrating the database), loads the content files when the
 * config says so, and listens on the configured port. `close()` stops the server, then the
 * application.
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const app = await createApplication(config, opts.logger ? { logger: opts.logger } : {});
  try {
    const content = config.loadContentOnStart
      ? await loadContentOrKeep(
          app,
          config.contentDir,
          opts,
          opts.logger ?? consoleLogger(config.logLevel),
        )
      : undefined;
    const setup = await app.services.accounts.createSetupToken();
    const server = await app.listen(config.port, config.host);
    app.jobs.start();
    // the search index loads (snapshot) or builds (worker thread) while the server answers
    void app.services.search.warm();
    return {
      app,
      content,
      setupLink: setup
        ? `${config.publicUrl.replace(/\/$/, '')}/setup?token=${setup.token}`
        : undefined,
      port: server.port,
      url: server.url,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}

/**
 * Where the search index snapshot is kept (docs/search.md, "Snapshot"): beside a SQLite file;
 * for PostgreSQL in the temporary folder, one per database URL. A database shared by schemas
 * (the tests) and an in-memory SQLite keep none.
 */
export function searchSnapshotFile(config: Config, schema?: string): string | undefined {
  const d = config.database;
  if (d.kind === 'sqlite') return d.file === ':memory:' ? undefined : `${d.file}.search-snapshot`;
  if (schema) return undefined;
  const key = createHash('sha256').update(d.url).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `kinoteka-search-${key}.snapshot`);
}
