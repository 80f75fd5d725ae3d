/** SQL for the media library: files, probed streams, WebVTT tracks. Same queries on both dialects. */
import { type Kysely, type Selectable, sql } from 'kysely';
import { type Database, type MediaFilesTable, bumpCatalogVersion } from '../../db/index.ts';
import type {
  MatchMethod,
  MediaFile,
  MediaStream,
  ProbeResult,
  ProbeState,
  SubtitleTrack,
} from './media.ts';
import type { MediaKind, MediaTags } from './naming.ts';

/** The frame an operator picked for a video's cover, with who and when. */
export interface CoverPick {
  videoId: number;
  atS: number;
  pickedBy: string;
  /** ISO 8601, UTC. */
  pickedAt: string;
}

export interface StoredStat {
  id: number;
  path: string;
  kind: MediaKind;
  size: number;
  mtimeMs: number;
  videoId: number | null;
  filmSlug: string | null;
}

export interface FileWrite {
  root: string;
  path: string;
  kind: MediaKind;
  size: number;
  mtimeMs: number;
  title: string | null;
  year: number | null;
  tags: MediaTags;
  language: string | null;
  forced: boolean;
  sdh: boolean;
  probeState: ProbeState;
}

function toFile(r: Selectable<MediaFilesTable>): MediaFile {
  return {
    id: r.id,
    root: r.root,
    path: r.path,
    kind: r.kind as MediaKind,
    size: Number(r.size),
    mtimeMs: Number(r.mtime_ms),
    videoId: r.video_id,
    title: r.title,
    year: r.year,
    tags: JSON.parse(r.tags) as MediaTags,
    language: r.language,
    forced: r.forced === 1,
    sdh: r.sdh === 1,
    filmSlug: r.film_slug,
    matchMethod: r.match_method as MatchMethod | null,
    probeState: r.probe_state as ProbeState,
    probeError: r.probe_error,
    container: r.container,
    videoCodec: r.video_codec,
    durationS: r.duration_s === null ? null : Number(r.duration_s),
  };
}

export class MediaRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Moves the catalogue version: what the library holds shows on the catalogue's pages. */
  async catalogueChanged(): Promise<void> {
    await this.db
      .transaction()
      .execute((t) =>
        bumpCatalogVersion(t, `${this.stamp()} media ${Math.random().toString(36).slice(2, 8)}`),
      );
  }

  /** What the library holds under one root: enough to tell an unchanged file from a changed one. */
  async statsUnder(root: string): Promise<StoredStat[]> {
    const rows = await this.db
      .selectFrom('media_files')
      .select(['id', 'path', 'kind', 'size', 'mtime_ms', 'video_id', 'film_slug'])
      .where('root', '=', root)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      kind: r.kind as MediaKind,
      size: Number(r.size),
      mtimeMs: Number(r.mtime_ms),
      videoId: r.video_id,
      filmSlug: r.film_slug,
    }));
  }

  /** Inserts new files and updates changed ones (by id) in one transaction; returns ids in order. */
  async writeFiles(rows: readonly (FileWrite & { id?: number })[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const at = this.stamp();
    return this.db.transaction().execute(async (tx) => {
      const ids: number[] = [];
      for (const r of rows) {
        const values = {
          root: r.root,
          path: r.path,
          kind: r.kind,
          size: r.size,
          mtime_ms: r.mtimeMs,
          title: r.title,
          year: r.year,
          tags: JSON.stringify(r.tags),
          language: r.language,
          forced: r.forced ? 1 : 0,
          sdh: r.sdh ? 1 : 0,
          probe_state: r.probeState,
          probe_error: null,
          updated_at: at,
        };
        if (r.id !== undefined) {
          await tx.updateTable('media_files').set(values).where('id', '=', r.id).execute();
          ids.push(r.id);
        } else {
          const row = await tx
            .insertInto('media_files')
            .values(values)
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(row.id);
        }
      }
      return ids;
    });
  }

  async deleteFiles(ids: readonly number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .deleteFrom('media_files')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }

  async setVideoLinks(links: readonly { id: number; videoId: number | null }[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      for (const l of links) {
        await tx
          .updateTable('media_files')
          .set({ video_id: l.videoId })
          .where('id', '=', l.id)
          .execute();
      }
    });
  }

  async setMatch(id: number, filmSlug: string | null, method: MatchMethod | null): Promise<void> {
    await this.db
      .updateTable('media_files')
      .set({ film_slug: filmSlug, match_method: method })
      .where('id', '=', id)
      .execute();
  }

  async file(id: number): Promise<MediaFile | undefined> {
    const r = await this.db
      .selectFrom('media_files')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toFile(r) : undefined;
  }

  async files(
    filter: { kind?: MediaKind; filmSlug?: string; unmatched?: boolean; videoId?: number } = {},
  ): Promise<MediaFile[]> {
    let q = this.db.selectFrom('media_files').selectAll();
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.filmSlug) q = q.where('film_slug', '=', filter.filmSlug);
    if (filter.unmatched) q = q.where('film_slug', 'is', null);
    if (filter.videoId !== undefined) q = q.where('video_id', '=', filter.videoId);
    const rows = await q.orderBy('root').orderBy('path').execute();
    return rows.map(toFile);
  }

  /** Stores a probe's result: the file's summary and its streams, replacing earlier ones. */
  async saveProbe(fileId: number, p: ProbeResult): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('media_streams').where('file_id', '=', fileId).execute();
      if (p.streams.length > 0) {
        await tx
          .insertInto('media_streams')
          .values(
            p.streams.map((s) => ({
              file_id: fileId,
              stream_index: s.index,
              type: s.type,
              codec: s.codec,
              language: s.language,
              title: s.title,
              channels: s.channels,
              is_default: s.default ? 1 : 0,
              forced: s.forced ? 1 : 0,
              hearing_impaired: s.hearingImpaired ? 1 : 0,
              text_subtitle: s.textSubtitle ? 1 : 0,
              width: s.width,
              height: s.height,
            })),
          )
          .execute();
      }
      await tx
        .updateTable('media_files')
        .set({
          probe_state: 'done',
          probe_error: null,
          container: p.container,
          video_codec: p.videoCodec,
          duration_s: p.durationS,
        })
        .where('id', '=', fileId)
        .execute();
    });
  }

  async setProbeFailed(fileId: number, error: string): Promise<void> {
    await this.db
      .updateTable('media_files')
      .set({ probe_state: 'failed', probe_error: error })
      .where('id', '=', fileId)
      .execute();
  }

  async streams(fileIds: readonly number[]): Promise<MediaStream[]> {
    if (fileIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('media_streams')
      .selectAll()
      .where('file_id', 'in', [...fileIds])
      .orderBy('file_id')
      .orderBy('stream_index')
      .execute();
    return rows.map((r) => ({
      fileId: r.file_id,
      index: r.stream_index,
      type: r.type as MediaStream['type'],
      codec: r.codec,
      language: r.language,
      title: r.title,
      channels: r.channels,
      default: r.is_default === 1,
      forced: r.forced === 1,
      hearingImpaired: r.hearing_impaired === 1,
      textSubtitle: r.text_subtitle === 1,
      width: r.width,
      height: r.height,
    }));
  }

  /** Replaces the video's WebVTT tracks with these. */
  async replaceSubtitles(
    videoId: number,
    tracks: readonly (Omit<SubtitleTrack, 'id' | 'videoId'> & { vtt: string })[],
  ): Promise<void> {
    const at = this.stamp();
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('media_subtitles').where('video_id', '=', videoId).execute();
      if (tracks.length === 0) return;
      await tx
        .insertInto('media_subtitles')
        .values(
          tracks.map((t) => ({
            video_id: videoId,
            source: t.source,
            stream_index: t.streamIndex,
            source_file_id: t.sourceFileId,
            language: t.language,
            forced: t.forced ? 1 : 0,
            sdh: t.sdh ? 1 : 0,
            encoding: t.encoding,
            cues: t.cues,
            vtt: t.vtt,
            updated_at: at,
          })),
        )
        .execute();
    });
  }

  async subtitles(videoIds: readonly number[]): Promise<SubtitleTrack[]> {
    if (videoIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('media_subtitles')
      .select([
        'id',
        'video_id',
        'source',
        'stream_index',
        'source_file_id',
        'language',
        'forced',
        'sdh',
        'encoding',
        'cues',
      ])
      .where('video_id', 'in', [...videoIds])
      .orderBy('video_id')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      videoId: r.video_id,
      source: r.source as SubtitleTrack['source'],
      streamIndex: r.stream_index,
      sourceFileId: r.source_file_id,
      language: r.language,
      forced: r.forced === 1,
      sdh: r.sdh === 1,
      encoding: r.encoding,
      cues: r.cues,
    }));
  }

  /** Films with at least one video in the library, by slug. */
  async filmSlugsWithCopies(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('media_files')
      .select('film_slug')
      .distinct()
      .where('kind', '=', 'video')
      .where('film_slug', 'is not', null)
      .orderBy('film_slug')
      .execute();
    return rows.map((r) => r.film_slug!);
  }

  /**
   * The films the library holds a copy of, each with its original languages (from the
   * catalogue's films table) and its English tracks: probed audio and subtitle streams,
   * sidecar audio and subtitle files, and WebVTT tracks (image subtitle streams do not count). Four queries, whatever the library's size.
   */
  async englishTracksOfCopies(): Promise<{
    films: { filmSlug: string; languages: string[] }[];
    tracks: {
      filmSlug: string;
      kind: 'audio' | 'subtitle';
      title: string | null;
      forced: boolean;
    }[];
  }> {
    const copies = await this.db
      .selectFrom('media_files as v')
      .leftJoin('films', 'films.slug', 'v.film_slug')
      .select(['v.film_slug', 'films.languages'])
      .distinct()
      .where('v.kind', '=', 'video')
      .where('v.film_slug', 'is not', null)
      .orderBy('v.film_slug')
      .execute();
    const english = (col: string) =>
      sql<boolean>`(${sql.ref(col)} = 'en' or ${sql.ref(col)} like 'en-%')`;
    const [streams, sidecars, converted] = await Promise.all([
      this.db
        .selectFrom('media_streams as s')
        .innerJoin('media_files as v', 'v.id', 's.file_id')
        .select(['v.film_slug', 's.type', 's.title', 's.forced'])
        .where('v.kind', '=', 'video')
        .where('v.film_slug', 'is not', null)
        // image subtitles (PGS, VobSub) are not played in the browser: only text ones count
        .where((eb) =>
          eb.or([
            eb('s.type', '=', 'audio'),
            eb.and([eb('s.type', '=', 'subtitle'), eb('s.text_subtitle', '=', 1)]),
          ]),
        )
        .where(english('s.language'))
        .execute(),
      this.db
        .selectFrom('media_files as f')
        .innerJoin('media_files as v', 'v.id', 'f.video_id')
        .select(['v.film_slug', 'f.kind', 'f.forced'])
        .where('v.kind', '=', 'video')
        .where('v.film_slug', 'is not', null)
        .where('f.kind', 'in', ['audio', 'subtitle'])
        .where(english('f.language'))
        .execute(),
      this.db
        .selectFrom('media_subtitles as t')
        .innerJoin('media_files as v', 'v.id', 't.video_id')
        .select(['v.film_slug', 't.forced'])
        .distinct()
        .where('v.kind', '=', 'video')
        .where('v.film_slug', 'is not', null)
        .where(english('t.language'))
        .execute(),
    ]);
    return {
      films: copies.map((c) => ({
        filmSlug: c.film_slug!,
        languages: (c.languages ?? '').split(',').filter(Boolean),
      })),
      tracks: [
        ...streams.map((r) => ({
          filmSlug: r.film_slug!,
          kind: r.type as 'audio' | 'subtitle',
          title: r.title,
          forced: r.forced === 1,
        })),
        ...sidecars.map((r) => ({
          filmSlug: r.film_slug!,
          kind: r.kind as 'audio' | 'subtitle',
          title: null,
          forced: r.forced === 1,
        })),
        ...converted.map((r) => ({
          filmSlug: r.film_slug!,
          kind: 'subtitle' as const,
          title: null,
          forced: r.forced === 1,
        })),
      ],
    };
  }

  async subtitleVtt(trackId: number): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('media_subtitles')
      .select('vtt')
      .where('id', '=', trackId)
      .executeTakeFirst();
    return r?.vtt;
  }

  /** Stores (or replaces) the frame picked for a video's cover. */
  async setCoverPick(videoId: number, atS: number, pickedBy: string): Promise<CoverPick> {
    const row = { video_id: videoId, at_s: atS, picked_by: pickedBy, picked_at: this.stamp() };
    await this.db
      .insertInto('media_cover_picks')
      .values(row)
      .onConflict((oc) =>
        oc.column('video_id').doUpdateSet({
          at_s: row.at_s,
          picked_by: row.picked_by,
          picked_at: row.picked_at,
        }),
      )
      .execute();
    return { videoId, atS, pickedBy: row.picked_by, pickedAt: row.picked_at };
  }

  /** Forgets a video's picked frame; whether there was one. */
  async clearCoverPick(videoId: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('media_cover_picks')
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The picked frames of these videos, by video id (absent: none picked). */
  async coverPicks(videoIds: readonly number[]): Promise<Map<number, CoverPick>> {
    const out = new Map<number, CoverPick>();
    if (videoIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('media_cover_picks')
      .selectAll()
      .where('video_id', 'in', [...videoIds])
      .execute();
    for (const r of rows)
      out.set(r.video_id, {
        videoId: r.video_id,
        atS: Number(r.at_s),
        pickedBy: r.picked_by,
        pickedAt: r.picked_at,
      });
    return out;
  }
}
