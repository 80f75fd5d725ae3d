/**
 * Table types for Kysely. Column types are the lowest common denominator of SQLite and
 * PostgreSQL: integers, text, ISO dates as text, booleans as 0/1 integers.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface FilmsTable {
  id: Generated<number>;
  slug: string;
  year: number;
  runtime_minutes: number | null;
  runtime_note: string | null;
  silent: number;
  /** Spoken (or intertitle) languages, ISO 639 codes joined by commas, in order. */
  languages: string;
  studio_id: number | null;
  synopsis: string;
  access_note: string | null;
  /** Where the record is managed: `content` files, or an `import`. */
  origin: string;
  content_hash: string | null;
  updated_at: string;
  /** The IMDb id (`tt0017128`) when known: from an IMDb import, unique. */
  imdb_id: string | null;
}

export interface TitlesTable {
  id: Generated<number>;
  film_id: number;
  kind: string;
  text: string;
  language: string;
  script: string | null;
  note: string | null;
  position: number;
  /** The region an IMDb aka is used in (ISO 3166 code as IMDb writes it), when known. */
  region: string | null;
}

export interface StudiosTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_original: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_original: string | null;
  /** The hash of `content/people/<slug>.yaml` when the person has one (migration 20261202T1510). */
  content_hash?: string | null;
  /** The IMDb id (`nm0700214`) when known: from an IMDb import, unique. */
  imdb_id: string | null;
}

export interface CreditsTable {
  id: Generated<number>;
  film_id: number;
  person_id: number;
  role: string;
  character: string | null;
  position: number;
}

/** The sources a credit (its role and character) rests on. */
export interface CreditSourcesTable {
  credit_id: number;
  source_id: number;
  position: number;
}

/** A person's birth or death, from their content file. */
export interface PersonLifeTable {
  id: Generated<number>;
  person_id: number;
  /** `born` or `died`. */
  event: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  date: string | null;
  place: string | null;
  note: string | null;
}

export interface PersonLifeSourcesTable {
  life_id: number;
  source_id: number;
  position: number;
}

/** Another way a person's name is written (full name, another script), from their file. */
export interface PersonNamesTable {
  id: Generated<number>;
  person_id: number;
  text: string;
  language: string;
  script: string | null;
  note: string | null;
  position: number;
}

export interface PersonNameSourcesTable {
  name_id: number;
  source_id: number;
  position: number;
}

export interface FilmCountriesTable {
  film_id: number;
  country_code: string;
  position: number;
}

export interface SourcesTable {
  id: Generated<number>;
  url: string;
  title: string;
  publisher: string | null;
  accessed_on: string;
}

export interface FilmSynopsisSourcesTable {
  film_id: number;
  source_id: number;
  position: number;
}

export interface FactsTable {
  id: Generated<number>;
  film_id: number;
  key: string;
  text: string;
  position: number;
}

export interface FactSourcesTable {
  fact_id: number;
  source_id: number;
  position: number;
}

export interface AccessOffersTable {
  id: Generated<number>;
  film_id: number;
  kind: string;
  medium: string;
  provider: string;
  edition: string | null;
  region: string | null;
  year: number | null;
  url: string | null;
  source_id: number;
  checked_on: string;
  note: string | null;
  position: number;
}

export interface CollectionsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  subtitle: string | null;
  curator: string;
  status: string;
  published_on: string | null;
  intro: string;
  origin_title: string | null;
  origin_note: string | null;
  origin: string;
  content_hash: string | null;
  updated_at: string;
  /** Bumped by every workspace save; a save naming an older version is refused. */
  version: Generated<number>;
  owner_id: number | null;
  override_reason: string | null;
  /** The version the last content load wrote (migration 20261202T1525); null if never loaded. */
  loaded_version: number | null;
  /** A working copy: the published collection this draft will replace when published. */
  revises_id?: number | null;
}

export interface CollectionEntriesTable {
  id: Generated<number>;
  collection_id: number;
  film_id: number;
  position: number;
  listed_as: string | null;
  description: string;
  fact_text: string;
}

export interface EntryFactSourcesTable {
  entry_id: number;
  source_id: number;
  position: number;
}

export interface CorrectionsTable {
  id: Generated<number>;
  entry_id: number;
  field: string;
  listed: string;
  reason: string;
  position: number;
}

export interface CorrectionSourcesTable {
  correction_id: number;
  source_id: number;
  position: number;
}

export interface KbRecordsTable {
  /** `content` (content/knowledge/) or `wikidata` (dump imports). */
  layer: string;
  kind: 'film' | 'statement' | 'edition';
  id: string;
  subject: string | null;
  /** The record as JSON. */
  doc: string;
}

export interface Database {
  kb_records: KbRecordsTable;
  meta: MetaTable;
  films: FilmsTable;
  titles: TitlesTable;
  studios: StudiosTable;
  people: PeopleTable;
  credits: CreditsTable;
  credit_sources: CreditSourcesTable;
  person_life: PersonLifeTable;
  person_life_sources: PersonLifeSourcesTable;
  person_names: PersonNamesTable;
  person_name_sources: PersonNameSourcesTable;
  film_countries: FilmCountriesTable;
  film_languages: FilmLanguagesTable;
  sources: SourcesTable;
  film_synopsis_sources: FilmSynopsisSourcesTable;
  facts: FactsTable;
  fact_sources: FactSourcesTable;
  access_offers: AccessOffersTable;
  collections: CollectionsTable;
  collection_entries: CollectionEntriesTable;
  entry_fact_sources: EntryFactSourcesTable;
  corrections: CorrectionsTable;
  correction_sources: CorrectionSourcesTable;
  media_files: MediaFilesTable;
  media_streams: MediaStreamsTable;
  media_subtitles: MediaSubtitlesTable;
  media_cover_picks: MediaCoverPicksTable;
  jobs: JobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  collection_revisions: CollectionRevisionsTable;
  publication_corrections: PublicationCorrectionsTable;
  film_drafts: FilmDraftsTable;
  import_runs: ImportRunsTable;
  imdb_stage_titles: ImdbStageTitlesTable;
  imdb_stage_akas: ImdbStageAkasTable;
  imdb_stage_credits: ImdbStageCreditsTable;
  imdb_stage_names: ImdbStageNamesTable;
}

export type FilmRow = Selectable<FilmsTable>;
export type NewFilm = Insertable<FilmsTable>;

/** A file under a media root: a video, or a sidecar (subtitle, audio, artwork) of one. */
export interface MediaFilesTable {
  id: Generated<number>;
  root: string;
  /** Relative to the root, `/`-separated. */
  path: string;
  kind: string;
  size: number;
  mtime_ms: number;
  video_id: number | null;
  title: string | null;
  year: number | null;
  /** MediaTags as JSON. */
  tags: string;
  language: string | null;
  forced: number;
  sdh: number;
  film_slug: string | null;
  match_method: string | null;
  /** `none` (not a video), `pending`, `done`, `failed`. */
  probe_state: string;
  probe_error: string | null;
  container: string | null;
  video_codec: string | null;
  duration_s: number | null;
  updated_at: string;
}

/** The frame picked for a video's cover (migration 20261203T0100). */
export interface MediaCoverPicksTable {
  video_id: number;
  at_s: number;
  picked_by: string;
  /** ISO 8601, UTC. */
  picked_at: string;
}

export interface MediaStreamsTable {
  file_id: number;
  stream_index: number;
  type: string;
  codec: string;
  language: string | null;
  title: string | null;
  channels: number | null;
  is_default: number;
  forced: number;
  hearing_impaired: number;
  text_subtitle: number;
  width: number | null;
  height: number | null;
}

/** A WebVTT track made from an embedded text subtitle stream or a sidecar file. */
export interface MediaSubtitlesTable {
  id: Generated<number>;
  video_id: number;
  source: string;
  stream_index: number | null;
  source_file_id: number | null;
  language: string | null;
  forced: number;
  sdh: number;
  encoding: string | null;
  cues: number;
  vtt: string;
  updated_at: string;
}

/** Durable background work; see src/jobs/. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON. */
  payload: string;
  dedupe_key: string | null;
  /** `queued`, `running`, `done`, `failed`. */
  state: string;
  progress: number;
  error: string | null;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  run_after: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** An account; `*_key` are the lower-cased forms that carry the uniqueness. */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  username: string;
  username_key: string;
  password_hash: string;
  /** `curator`, `reviewer`, `admin`. */
  role: string;
  created_at: string;
  updated_at: string;
  /** When an admin disabled the account (migration 20261202T1525); null while it is active. */
  disabled_at: string | null;
}

/** A signed-in browser; `id_hash` is the SHA-256 of the cookie value. */
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  account_key: string;
  address: string;
  at: string;
  cleared: Generated<number>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: string;
}

/** One run of a bulk import (IMDb): what it read, how far it got, so a killed run resumes. */
export interface ImportRunsTable {
  id: Generated<number>;
  source: string;
  fingerprint: string;
  /** `running`, `done`, `failed`. */
  state: string;
  /** The files staged so far, comma-separated. */
  staged: Generated<string>;
  /** JSON counts. */
  stats: Generated<string>;
  error: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** IMDb staging rows (see src/modules/imports/imdb/): filled in bulk, applied, emptied. */
export interface ImdbStageTitlesTable {
  tconst: string;
  slug: string;
  title_type: string;
  primary_title: string;
  original_title: string;
  year: number;
  runtime: number | null;
}
export interface ImdbStageAkasTable {
  tconst: string;
  ordering: number;
  title: string;
  region: string | null;
  language: string | null;
  types: string | null;
  is_original: number;
}
export interface ImdbStageCreditsTable {
  tconst: string;
  nconst: string;
  role: string;
  position: number;
  character: string | null;
}
export interface ImdbStageNamesTable {
  nconst: string;
  slug: string;
  name: string;
}

/** One row per film and language, kept from `films.languages` by triggers (for the filter). */
export interface FilmLanguagesTable {
  film_id: number;
  language: string;
}

/** A snapshot of a collection at one save, submission, send-back, restore or publication. */
export interface CollectionRevisionsTable {
  id: Generated<number>;
  /** The collection whose history this is (a working copy's revisions count for the original). */
  collection_id: number;
  number: number;
  kind: string;
  author_id: number | null;
  author: string;
  created_at: string;
  summary: string;
  /** The Snapshot as JSON (src/modules/collections/revisions.ts). */
  snapshot: string;
}

/** A published note or fact that a later publication changed or withdrew, and why. */
export interface PublicationCorrectionsTable {
  id: Generated<number>;
  collection_id: number;
  film_id: number;
  field: string;
  was: string;
  /** Empty when withdrawn. */
  now: string;
  reason: string;
  corrected_on: string;
  revision: number;
  author: string;
}

/** A proposed change to a film's titles, credits and English access offers. */
export interface FilmDraftsTable {
  id: Generated<number>;
  film_id: number;
  status: string;
  version: Generated<number>;
  owner_id: number | null;
  curator: string;
  base: string;
  proposal: string;
  review_comment: string | null;
  created_at: string;
  updated_at: string;
  published_on: string | null;
}
