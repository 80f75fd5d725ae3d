/** What the pages are given by the composition root: services, the public URL, a renderer. */
import type { Context } from 'hono';
import type { AccountsService, Session, SignInResult, User } from '../modules/accounts/index.ts';
import type { CatalogService } from '../modules/catalog/index.ts';
import type { ContentService } from '../modules/content/index.ts';
import type { CollectionsService, DraftsService } from '../modules/collections/index.ts';
import type { ImportsService } from '../modules/imports/index.ts';
import type { MediaAccessSummary } from '../modules/media/index.ts';
import type { SearchService } from '../modules/search/index.ts';
import type { PlaybackDto } from '../presenters/media.ts';
import type { Renderer } from './render.tsx';

export interface WebDeps {
  catalog: CatalogService;
  collections: CollectionsService;
  search: SearchService;
  /** Sign-in, account and workspace pages are mounted when these are given. */
  accounts?: AccountsService;
  drafts?: DraftsService;
  /** The request's credentials and the session cookie, from the HTTP layer (src/http/auth). */
  auth?: WebAuth;
  /** The content load's state, for /readyz and the banner over a stale catalogue. */
  content?: Pick<ContentService, 'status' | 'version'>;
  /** Importing lists into drafts (the workspace's Import page) when given. */
  imports?: ImportsService;
  /** Exporting a collection as Letterboxd CSV and as a content file, when given. */
  exporter?: CollectionExporter;
  /** The media library: the player page and the film page's "On this server" are shown with it. */
  media?: WebMedia;
  /** The background jobs: the admins' jobs page is shown with it. */
  jobs?: WebJobs;
  publicUrl: string;
}

export interface CollectionExporter {
  letterboxdCsv(slug: string, opts?: { minimal?: boolean }): Promise<string>;
  contentYaml(slug: string): Promise<{ file: string; text: string }>;
}

export interface WebMedia {
  playback(slug: string): Promise<PlaybackDto | undefined>;
  access(slug: string, originalLanguages: readonly string[]): Promise<MediaAccessSummary>;
  /** Whether the copy is the generated demo library (the player says so). */
  isDemo?(p: PlaybackDto): Promise<boolean>;
}

export interface WebAuth {
  current(c: Context): { user: User | null; session: Session | null };
  sessionToken(c: Context): string | undefined;
  setSession(c: Context, s: SignInResult): void;
  clearSession(c: Context): void;
  /** The peer address, for sign-in throttling. */
  address(c: Context): string;
}

export interface PageDeps extends WebDeps {
  render: Renderer;
}

/** A background job as the jobs page shows it. */
export interface JobView {
  id: number;
  kind: string;
  /** What it works on, e.g. "video 12". */
  subject: string;
  state: string;
  progress: number;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  /** The latest of created, started, finished (ISO 8601, UTC). */
  updatedAt: string;
}

export interface WebJobs {
  list(filter: { state?: string; limit?: number }): Promise<JobView[]>;
  counts(): Promise<Record<string, number>>;
  /** Queues a failed job again; false when there is no failed job of that id. */
  retry(id: number): Promise<boolean>;
}
