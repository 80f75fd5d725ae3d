/**
 * The frame an operator picked for a video's cover (`kinoteka media cover ID --at S`), kept in
 * the database so that every app node sharing it renders the same cover from the copy; the
 * resized AVIF/WebP files stay on each node's disk as a cache made from this row. One row per
 * video, dropped with the video's library row.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_cover_picks')
    .addColumn('video_id', 'integer', (c) =>
      c.primaryKey().references('media_files.id').onDelete('cascade'),
    )
    .addColumn('at_s', 'double precision', (c) => c.notNull())
    /** Who picked it, as the command or page that stored it says (`cli:<OS user>`). */
    .addColumn('picked_by', 'text', (c) => c.notNull())
    /** ISO 8601, UTC. */
    .addColumn('picked_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('media_cover_picks').execute();
}
