/**
 * The media library (files under the media roots, their probed streams, the WebVTT tracks made
 * from them) and the durable job queue that probes and extracts.
 */
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(dialectOf(db));
  const s = db.schema;

  await s
    .createTable('media_files')
    .addColumn('id', id.type, id.build)
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mtime_ms', 'bigint', (c) => c.notNull())
    .addColumn('video_id', 'integer', (c) => c.references('media_files.id').onDelete('set null'))
    .addColumn('title', 'text')
    .addColumn('year', 'integer')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('language', 'text')
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sdh', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('film_slug', 'text')
    .addColumn('match_method', 'text')
    .addColumn('probe_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('probe_error', 'text')
    .addColumn('container', 'text')
    .addColumn('video_codec', 'text')
    .addColumn('duration_s', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('media_files_root_path_uq', ['root', 'path'])
    .execute();
  await s.createIndex('media_files_film_idx').on('media_files').column('film_slug').execute();
  await s.createIndex('media_files_video_idx').on('media_files').column('video_id').execute();

  await s
    .createTable('media_streams')
    .addColumn('file_id', 'integer', (c) =>
      c.notNull().references('media_files.id').onDelete('cascade'),
    )
    .addColumn('stream_index', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('codec', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('title', 'text')
    .addColumn('channels', 'integer')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hearing_impaired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_subtitle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addPrimaryKeyConstraint('media_streams_pk', ['file_id', 'stream_index'])
    .execute();

  await s
    .createTable('media_subtitles')
    .addColumn('id', id.type, id.build)
    .addColumn('video_id', 'integer', (c) =>
      c.notNull().references('media_files.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('stream_index', 'integer')
    .addColumn('source_file_id', 'integer', (c) =>
      c.references('media_files.id').onDelete('cascade'),
    )
    .addColumn('language', 'text')
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sdh', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('encoding', 'text')
    .addColumn('cues', 'integer', (c) => c.notNull())
    .addColumn('vtt', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('media_subtitles_video_idx')
    .on('media_subtitles')
    .column('video_id')
    .execute();

  await s
    .createTable('jobs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    /** A job of the same kind and key is not queued twice while one waits or runs. */
    .addColumn('dedupe_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await s.createIndex('jobs_state_idx').on('jobs').columns(['state', 'run_after', 'id']).execute();
  await s.createIndex('jobs_dedupe_idx').on('jobs').columns(['kind', 'dedupe_key']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
  await db.schema.dropTable('media_subtitles').execute();
  await db.schema.dropTable('media_streams').execute();
  await db.schema.dropTable('media_files').execute();
}
