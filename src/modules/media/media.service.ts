/**
 * The media library's rules: scan roots incrementally, refuse what points out of them, match
 * videos to catalogue films, probe, and turn text subtitles into WebVTT. Files, SQL and ffmpeg
 * are repositories passed in; heavy work (probe, extraction) is handed to `schedule`, which the
 * composition root points at the job queue.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { normalize, skeleton, stripArticle } from '../../lib/text/index.ts';
import { SearchIndex } from '../search/index.ts';
import { loadSubtitles, writeVtt } from '../subtitles/index.ts';
import {
  type MediaAccessSummary,
  type MediaFile,
  type MediaStream,
  type SelfHostedKind,
  type SubtitleTrack,
  selfHostedKinds,
  summarizeAccess,
} from './media.ts';
import type { CoverPick, FileWrite, MediaRepository, StoredStat } from './media.repository.ts';
import { type MediaTags, type ParsedName, parseMediaName } from './naming.ts';
import type { ProbeRepository } from './probe.repository.ts';
import {
  type CoverFormat,
  type CoverSource,
  chooseFrame,
  coverFileName,
  readCoverSource,
  writeCover,
} from './artwork.ts';

/** A catalogue film as the matcher sees it (the composition root builds these from catalog). */
export interface MatchCandidate {
  slug: string;
  year: number;
  titles: readonly { text: string }[];
  imdb?: readonly string[];
  tmdb?: readonly string[];
}

export type MediaJob =
  | { kind: 'media.probe'; payload: { fileId: number } }
  | { kind: 'media.subtitles'; payload: { videoId: number } }
  | { kind: 'media.cover'; payload: { videoId: number } };

export interface MediaServiceDeps {
  repo: MediaRepository;
  probe: ProbeRepository;
  /** The catalogue films to match against. */
  candidates: () => Promise<readonly MatchCandidate[]>;
  /** Queues heavy work; without it, scan leaves new files `pending`. */
  schedule?: (job: MediaJob) => Promise<void>;
  /** Where covers made from the copies are kept (one folder per video); none: no covers. */
  coversDir?: string;
  /** Told after the library moved the catalogue version, so this node's caches drop at once. */
  catalogueChanged?: () => void;
}

export interface RefusedPath {
  root: string;
  path: string;
  reason: string;
}

export interface UnmatchedVideo {
  fileId: number;
  root: string;
  path: string;
  title: string | null;
  year: number | null;
  candidates: { slug: string; year: number | null; title: string }[];
}

export interface ScanReport {
  roots: string[];
  files: number;
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Symlinks out of a root, unreadable entries, roots that are not directories. */
  refused: RefusedPath[];
  matched: number;
  unmatched: UnmatchedVideo[];
}

export type ScanProgress = (done: number, total: number) => void;

interface Found {
  root: string;
  rel: string;
  size: number;
  mtimeMs: number;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Walks one root; symlinks are followed only while they stay inside it. */
async function walk(root: string, refused: RefusedPath[]): Promise<Found[]> {
  const found: Found[] = [];
  const visited = new Set<string>([root]);
  const dirs: string[] = [root];
  while (dirs.length > 0) {
    const dir = dirs.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      refused.push({ root, path: path.relative(root, dir), reason: (e as Error).message });
      continue;
    }
    const stats = await Promise.all(
      entries.map(async (ent) => {
        const full = path.join(dir, ent.name);
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (ent.name.startsWith('.')) return;
        try {
          if (ent.isSymbolicLink()) {
            const target = await fs.realpath(full).catch(() => null);
            if (!target) {
              refused.push({ root, path: rel, reason: 'broken symlink' });
              return;
            }
            if (!isInside(root, target)) {
              refused.push({ root, path: rel, reason: `symlink points out of the root` });
              return;
            }
            const st = await fs.stat(target);
            if (st.isDirectory()) {
              if (!visited.has(target)) {
                visited.add(target);
                dirs.push(full);
              }
            } else if (st.isFile())
              found.push({ root, rel, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) });
            return;
          }
          if (ent.isDirectory()) {
            dirs.push(full);
            return;
          }
          if (!ent.isFile()) return;
          const st = await fs.stat(full);
          found.push({ root, rel, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) });
        } catch (e) {
          refused.push({ root, path: rel, reason: (e as Error).message });
        }
      }),
    );
    void stats;
  }
  return found;
}

function titleKey(text: string): string {
  return skeleton(stripArticle(normalize(text)));
}

/** Matches parsed names to films: an explicit tag first, then title (any script) and year. */
export class FilmMatcher {
  private readonly bySlug = new Map<string, MatchCandidate>();
  private readonly byImdb = new Map<string, MatchCandidate>();
  private readonly byTmdb = new Map<string, MatchCandidate>();
  private readonly byKey = new Map<string, MatchCandidate[]>();
  private index: SearchIndex | undefined;

  constructor(private readonly films: readonly MatchCandidate[]) {
    for (const f of films) {
      this.bySlug.set(f.slug, f);
      for (const id of f.imdb ?? []) this.byImdb.set(id.toLowerCase(), f);
      for (const id of f.tmdb ?? []) this.byTmdb.set(id, f);
      for (const t of f.titles) {
        const key = titleKey(t.text);
        if (!key) continue;
        const list = this.byKey.get(key) ?? [];
        if (!list.includes(f)) list.push(f);
        this.byKey.set(key, list);
      }
    }
  }

  match(p: {
    title: string | null;
    year: number | null;
    tags: MediaTags;
  }): { slug: string; method: 'tag' | 'title' } | undefined {
    const tagged =
      (p.tags.kinoteka && this.bySlug.get(p.tags.kinoteka)) ||
      (p.tags.imdb && this.byImdb.get(p.tags.imdb)) ||
      (p.tags.tmdb && this.byTmdb.get(p.tags.tmdb));
    if (tagged) return { slug: tagged.slug, method: 'tag' };
    if (!p.title) return undefined;
    const same = this.byKey.get(titleKey(p.title)) ?? [];
    if (p.year === null)
      return same.length === 1 ? { slug: same[0]!.slug, method: 'title' } : undefined;
    // Release years differ by one between sources (premiere vs release), so ±1 counts when the
    // exact year names no film of that title.
    const exact = same.filter((f) => f.year === p.year);
    const near = exact.length > 0 ? exact : same.filter((f) => Math.abs(f.year - p.year!) === 1);
    return near.length === 1 ? { slug: near[0]!.slug, method: 'title' } : undefined;
  }

  /** The nearest films by the search engine (titles in any script, typos), best first. */
  nearest(
    p: { title: string | null; year: number | null },
    limit = 3,
  ): UnmatchedVideo['candidates'] {
    if (!p.title) return [];
    this.index ??= SearchIndex.build(
      this.films.map((f) => ({
        slug: f.slug,
        year: f.year,
        titles: f.titles.map((t) => ({ text: t.text, kind: 'alternative' as const })),
        people: [],
      })),
    );
    const query = p.year ? `${p.title} ${p.year}` : p.title;
    let hits = this.index.search(query, { limit });
    if (hits.length === 0 && p.year) hits = this.index.search(p.title, { limit });
    return hits.map((h) => ({ slug: h.slug, year: h.year, title: h.matchedTitle }));
  }
}

export class MediaService {
  constructor(private readonly deps: MediaServiceDeps) {}

  /**
   * Scans the roots: new and changed files (by size and modification time) are written and
   * their probes scheduled; unchanged ones are not touched; vanished ones are removed.
   */
  async scan(roots: readonly string[], onProgress?: ScanProgress): Promise<ScanReport> {
    return this.keepingPagesCurrent(() => this.scanRoots(roots, onProgress));
  }

  /**
   * Runs a change to the library and, when it changed which films have a copy here or the
   * English access their copies give, moves the catalogue version: the pages that show that
   * (film lists, collections, the home page) are kept by the response cache until it moves, on
   * every node.
   */
  private async keepingPagesCurrent<T>(change: () => Promise<T>): Promise<T> {
    const before = accessKey(await this.selfHostedAccess());
    try {
      return await change();
    } finally {
      const after = accessKey(await this.selfHostedAccess());
      if (after !== before) {
        await this.deps.repo.catalogueChanged();
        this.deps.catalogueChanged?.();
      }
    }
  }

  private async scanRoots(
    roots: readonly string[],
    onProgress?: ScanProgress,
  ): Promise<ScanReport> {
    const { repo } = this.deps;
    const refused: RefusedPath[] = [];
    const resolved: string[] = [];
    for (const r of roots) {
      const real = await fs.realpath(path.resolve(r)).catch(() => null);
      const st = real ? await fs.stat(real).catch(() => null) : null;
      if (!real || !st?.isDirectory())
        refused.push({ root: r, path: '', reason: 'not a directory' });
      else if (!resolved.includes(real)) resolved.push(real);
    }
    const found = (await Promise.all(resolved.map((r) => walk(r, refused)))).flat();
    const total = found.length;
    onProgress?.(0, total);
    const report: ScanReport = {
      roots: resolved,
      files: total,
      added: 0,
      changed: 0,
      unchanged: 0,
      removed: 0,
      refused,
      matched: 0,
      unmatched: [],
    };
    const matcher = new FilmMatcher(await this.deps.candidates());
    const toProbe: number[] = [];
    const subtitleVideos = new Set<number>();
    let done = 0;
    for (const root of resolved) {
      const stored = new Map<string, StoredStat>(
        (await repo.statsUnder(root)).map((s) => [s.path, s]),
      );
      const mine = found.filter((f) => f.root === root);
      const writes: (FileWrite & { id?: number })[] = [];
      const parsed = new Map<string, ParsedName>();
      const seen = new Set<string>();
      for (const f of mine) {
        seen.add(f.rel);
        const p = parseMediaName(f.rel);
        parsed.set(f.rel, p);
        const old = stored.get(f.rel);
        if (old && old.size === f.size && old.mtimeMs === f.mtimeMs) report.unchanged++;
        else {
          if (old) report.changed++;
          else report.added++;
          writes.push({
            ...(old ? { id: old.id } : {}),
            root,
            path: f.rel,
            kind: p.kind,
            size: f.size,
            mtimeMs: f.mtimeMs,
            title: p.title,
            year: p.year,
            tags: p.tags,
            language: p.language,
            forced: p.forced,
            sdh: p.sdh,
            probeState: p.kind === 'video' || p.kind === 'audio' ? 'pending' : 'none',
          });
        }
        done++;
        if (done % 256 === 0) onProgress?.(done, total);
      }
      const ids = await repo.writeFiles(writes);
      const gone = [...stored.values()].filter((s) => !seen.has(s.path));
      await repo.deleteFiles(gone.map((g) => g.id));
      report.removed += gone.length;

      // ids of every file now under the root
      const idOf = new Map<string, number>();
      for (const s of stored.values()) if (seen.has(s.path)) idOf.set(s.path, s.id);
      writes.forEach((w, i) => idOf.set(w.path, ids[i]!));
      const changedPaths = new Set(writes.map((w) => w.path));

      // sidecars to their videos: same folder and base name, else the folder's only video
      const videosByDir = new Map<string, { rel: string; base: string }[]>();
      for (const f of mine) {
        const p = parsed.get(f.rel)!;
        if (p.kind !== 'video') continue;
        const dir = path.posix.dirname(f.rel);
        const list = videosByDir.get(dir) ?? [];
        list.push({ rel: f.rel, base: p.base });
        videosByDir.set(dir, list);
      }
      const links: { id: number; videoId: number | null }[] = [];
      for (const f of mine) {
        const p = parsed.get(f.rel)!;
        if (p.kind === 'video' || p.kind === 'other') continue;
        const videos = videosByDir.get(path.posix.dirname(f.rel)) ?? [];
        const owner =
          videos.find((v) => v.base === p.base) ?? (videos.length === 1 ? videos[0] : undefined);
        const videoId = owner ? idOf.get(owner.rel)! : null;
        const id = idOf.get(f.rel)!;
        if (stored.get(f.rel)?.videoId !== videoId || changedPaths.has(f.rel)) {
          links.push({ id, videoId });
          if (videoId !== null && p.kind === 'subtitle') subtitleVideos.add(videoId);
        }
      }
      await repo.setVideoLinks(links);

      // matching: new or changed videos, and those still unmatched (the catalogue may have grown)
      for (const f of mine) {
        const p = parsed.get(f.rel)!;
        if (p.kind !== 'video') continue;
        const id = idOf.get(f.rel)!;
        const old = stored.get(f.rel);
        if (changedPaths.has(f.rel)) toProbe.push(id);
        if (!changedPaths.has(f.rel) && old?.filmSlug) {
          report.matched++;
          continue;
        }
        const m = matcher.match(p);
        if (m) {
          report.matched++;
          if (old?.filmSlug !== m.slug || changedPaths.has(f.rel))
            await repo.setMatch(id, m.slug, m.method);
        } else {
          if (old?.filmSlug) await repo.setMatch(id, null, null);
          report.unmatched.push({
            fileId: id,
            root,
            path: f.rel,
            title: p.title,
            year: p.year,
            candidates: matcher.nearest(p),
          });
        }
      }
    }
    // Files under a root that is no longer configured are left alone: a root on an unplugged
    // disk must not wipe its films from the library.
    onProgress?.(total, total);
    if (this.deps.schedule) {
      for (const fileId of toProbe)
        await this.deps.schedule({ kind: 'media.probe', payload: { fileId } });
      for (const videoId of subtitleVideos) {
        if (!toProbe.includes(videoId))
          await this.deps.schedule({ kind: 'media.subtitles', payload: { videoId } });
      }
    }
    return report;
  }

  /** Sets (or clears) a video's film by hand; a later scan keeps it while the file is unchanged. */
  async assign(fileId: number, filmSlug: string | null): Promise<void> {
    await this.keepingPagesCurrent(() =>
      this.deps.repo.setMatch(fileId, filmSlug, filmSlug ? 'manual' : null),
    );
  }

  /** The absolute path of a library file, for the repositories that read it. */
  absolutePath(file: Pick<MediaFile, 'root' | 'path'>): string {
    return path.join(file.root, ...file.path.split('/'));
  }

  /** Probes one file and stores its streams; a failure is stored on the file and rethrown. */
  async probeFile(fileId: number): Promise<MediaFile> {
    return this.keepingPagesCurrent(() => this.probeOne(fileId));
  }

  private async probeOne(fileId: number): Promise<MediaFile> {
    const { repo, probe } = this.deps;
    const file = await repo.file(fileId);
    if (!file) throw new Error(`media file ${fileId} is no longer in the library`);
    try {
      await repo.saveProbe(fileId, await probe.probe(this.absolutePath(file)));
    } catch (e) {
      await repo.setProbeFailed(fileId, (e as Error).message);
      throw e;
    }
    return (await repo.file(fileId))!;
  }

  /**
   * Makes the video's WebVTT tracks: each embedded text subtitle stream (extracted by ffmpeg)
   * and each sidecar subtitle file, read by the subtitles module (format and encoding
   * detection, e.g. Windows-1251). Image subtitles (PGS, VobSub) stay streams and are not
   * converted: they are listed, never burnt in.
   */
  async extractSubtitles(
    videoId: number,
    onProgress?: (fraction: number) => void,
  ): Promise<SubtitleTrack[]> {
    return this.keepingPagesCurrent(() => this.extractTracks(videoId, onProgress));
  }

  private async extractTracks(
    videoId: number,
    onProgress?: (fraction: number) => void,
  ): Promise<SubtitleTrack[]> {
    const { repo, probe } = this.deps;
    const video = await repo.file(videoId);
    if (!video || video.kind !== 'video')
      throw new Error(`media file ${videoId} is not a video in the library`);
    const streams = (await repo.streams([videoId])).filter(
      (s) => s.type === 'subtitle' && s.textSubtitle,
    );
    const sidecars = (await repo.files({ videoId })).filter((f) => f.kind === 'subtitle');
    const total = streams.length + sidecars.length;
    const tracks: Parameters<MediaRepository['replaceSubtitles']>[1][number][] = [];
    let done = 0;
    for (const s of streams) {
      const bytes = await probe.extractSubtitle(this.absolutePath(video), s.index);
      const loaded = loadSubtitles(bytes, { format: 'srt' });
      tracks.push({
        source: 'stream',
        streamIndex: s.index,
        sourceFileId: null,
        language: s.language,
        forced: s.forced,
        sdh: s.hearingImpaired,
        encoding: loaded.encoding,
        cues: loaded.cues.length,
        vtt: writeVtt(loaded.cues),
      });
      onProgress?.(++done / total);
    }
    for (const f of sidecars) {
      const bytes = await fs.readFile(this.absolutePath(f));
      const loaded = loadSubtitles(bytes, { file: path.posix.basename(f.path) });
      const guessed = loaded.language.language !== 'und' ? loaded.language.language : null;
      tracks.push({
        source: 'sidecar',
        streamIndex: null,
        sourceFileId: f.id,
        language: f.language ?? guessed,
        forced: f.forced,
        sdh: f.sdh,
        encoding: loaded.encoding,
        cues: loaded.cues.length,
        vtt: writeVtt(loaded.cues),
      });
      onProgress?.(++done / total);
    }
    await repo.replaceSubtitles(videoId, tracks);
    return repo.subtitles([videoId]);
  }

  /** Whether covers are made from the copies (a covers folder is configured). */
  get makesCovers(): boolean {
    return this.deps.coversDir !== undefined;
  }

  private coverDirOf(videoId: number): string | undefined {
    return this.deps.coversDir ? path.join(this.deps.coversDir, String(videoId)) : undefined;
  }

  /**
   * Makes the cover of a video (the `media.cover` job): its poster, else its backdrop, else the
   * frame the operator picked (stored in the database, so every node makes the same one), else
   * a frame chosen automatically (not dark, not flat); resized to AVIF and WebP in this node's
   * covers folder, a cache made from the copy. Returns where it came from. One make per video
   * at a time in this process: a second waits for the first and then makes it again (it may
   * read a newer pick).
   */
  makeCover(videoId: number): Promise<CoverSource> {
    const before = this.covering.get(videoId);
    const run = (before ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.makeCoverNow(videoId));
    this.covering.set(videoId, run);
    const forget = () => {
      if (this.covering.get(videoId) === run) this.covering.delete(videoId);
    };
    run.then(forget, forget);
    return run;
  }

  /** Cover makes under way in this process, by video id. */
  private readonly covering = new Map<number, Promise<CoverSource>>();
  /** Picks this node failed to render (`videoId` → pick key), not tried again by `coverFile`. */
  private readonly coverFailed = new Map<number, string>();

  private async makeCoverNow(videoId: number): Promise<CoverSource> {
    const dir = this.coverDirOf(videoId);
    if (!dir) throw new Error('no covers folder is configured');
    const d = await this.fileDetail(videoId);
    if (!d || d.file.kind !== 'video') throw new Error(`library file ${videoId} is not a video`);
    const art = d.sidecars
      .filter((f) => f.kind === 'artwork')
      .map((f) => ({ f, which: parseMediaName(f.path).artwork }));
    const chosen = art.find((a) => a.which === 'poster') ?? art.find((a) => a.which === 'backdrop');
    if (chosen) {
      const file = this.absolutePath(chosen.f);
      const source: CoverSource = {
        kind: chosen.which === 'poster' ? 'poster' : 'backdrop',
        file: chosen.f.path,
      };
      await writeCover(file, dir, source);
      return source;
    }
    if (d.file.durationS === null) throw new Error(`${d.file.path} has not been probed`);
    const pick = (await this.coverPick(videoId))?.atS;
    const frame = await chooseFrame(this.absolutePath(d.file), d.file.durationS, pick);
    const source: CoverSource = { kind: frame.picked ? 'picked frame' : 'frame', atS: frame.atS };
    await writeCover(frame.image, dir, source);
    return source;
  }

  /**
   * The frame picked for a video's cover. A pick made before picks were kept in the database
   * (`<covers folder>/<id>.pick.json`, on the node that took it) is moved there the first time.
   */
  async coverPick(videoId: number): Promise<CoverPick | undefined> {
    const stored = (await this.deps.repo.coverPicks([videoId])).get(videoId);
    if (stored || !this.deps.coversDir) return stored;
    const legacy = path.join(this.deps.coversDir, `${videoId}.pick.json`);
    const atS = await fs
      .readFile(legacy, 'utf8')
      .then((t) => (JSON.parse(t) as { atS: unknown }).atS)
      .catch(() => undefined);
    if (typeof atS !== 'number') return undefined;
    const moved = await this.deps.repo.setCoverPick(videoId, atS, 'pick.json on this node');
    await fs.rm(legacy, { force: true });
    return moved;
  }

  /**
   * The operator's choice of frame for a video without poster or backdrop: stored in the
   * database (with who picked it and when), then the cover is queued.
   */
  async pickCoverFrame(videoId: number, atS: number, pickedBy = 'unknown'): Promise<CoverPick> {
    if (!this.deps.coversDir) throw new Error('no covers folder is configured');
    const file = await this.deps.repo.file(videoId);
    if (!file || file.kind !== 'video') throw new Error(`library file ${videoId} is not a video`);
    if (!(atS >= 0) || (file.durationS !== null && atS >= file.durationS))
      throw new Error(`${atS} s is not a time in ${file.path}`);
    const pick = await this.deps.repo.setCoverPick(videoId, atS, pickedBy);
    await this.deps.schedule?.({ kind: 'media.cover', payload: { videoId } });
    return pick;
  }

  /** Forgets the picked frame (the cover is chosen automatically again); queues the cover. */
  async clearCoverPick(videoId: number): Promise<boolean> {
    const file = await this.deps.repo.file(videoId);
    if (!file || file.kind !== 'video') throw new Error(`library file ${videoId} is not a video`);
    if (this.deps.coversDir)
      await fs.rm(path.join(this.deps.coversDir, `${videoId}.pick.json`), { force: true });
    const had = await this.deps.repo.clearCoverPick(videoId);
    await this.deps.schedule?.({ kind: 'media.cover', payload: { videoId } });
    return had;
  }

  /**
   * The cover file of a film made from one of its copies, in the width and format asked for, or
   * undefined when none of its copies has a cover (the drawn cover stays).
   *
   * The files are this node's cache; the pick is the database's. When this node's cover of a
   * video does not show the picked frame (another node took the pick, or the cache was wiped),
   * this node makes it again in the background, one at a time (never in the request): until
   * then the cover it had is sent, or none. A pick this node failed to render is not tried
   * again by requests until the pick changes (the job's failure says why).
   */
  async coverFile(
    slug: string,
    width: number,
    format: CoverFormat,
  ): Promise<{ path: string; source: CoverSource } | undefined> {
    if (!this.deps.coversDir) return undefined;
    const videos = (await this.deps.repo.files({ filmSlug: slug, kind: 'video' })).sort(
      (a, b) => a.id - b.id,
    );
    const picks = await this.deps.repo.coverPicks(videos.map((v) => v.id));
    for (const v of videos) {
      const dir = this.coverDirOf(v.id)!;
      const source = await readCoverSource(dir);
      const pick = picks.get(v.id);
      const artwork = source?.kind === 'poster' || source?.kind === 'backdrop';
      if (pick && !artwork && !(source?.kind === 'picked frame' && source.atS === pick.atS))
        this.remakeInBackground(v.id, `${pick.atS} ${pick.pickedAt}`);
      if (source) return { path: path.join(dir, coverFileName(width, format)), source };
    }
    return undefined;
  }

  private remakeInBackground(videoId: number, key: string): void {
    if (this.covering.has(videoId) || this.remaking.has(videoId)) return;
    if (this.coverFailed.get(videoId) === key) return;
    this.remaking.add(videoId);
    this.remakes = this.remakes.then(() => {
      this.remaking.delete(videoId);
      if (this.covering.has(videoId)) return undefined;
      return this.makeCover(videoId).then(
        () => void this.coverFailed.delete(videoId),
        () => void this.coverFailed.set(videoId, key),
      );
    });
  }

  /** The chain of background cover makes (one at a time), and the videos waiting in it. */
  private remakes: Promise<void> = Promise.resolve();
  private readonly remaking = new Set<number>();

  /** Resolves when the covers this node is making in the background are made (or failed). */
  async coversSettled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.remakes;
      await seen;
    } while (seen !== this.remakes);
  }

  /** A library file by id (one query: what the byte route needs). */
  file(fileId: number): Promise<MediaFile | undefined> {
    return this.deps.repo.file(fileId);
  }

  /** A library file with its probed streams and WebVTT tracks. */
  async fileDetail(
    fileId: number,
  ): Promise<
    | { file: MediaFile; streams: MediaStream[]; subtitles: SubtitleTrack[]; sidecars: MediaFile[] }
    | undefined
  > {
    const { repo } = this.deps;
    const file = await repo.file(fileId);
    if (!file) return undefined;
    const [streams, subtitles, sidecars] = await Promise.all([
      repo.streams([fileId]),
      repo.subtitles([fileId]),
      repo.files({ videoId: fileId }),
    ]);
    return { file, streams, subtitles, sidecars };
  }

  listFiles(filter: Parameters<MediaRepository['files']>[0] = {}): Promise<MediaFile[]> {
    return this.deps.repo.files(filter);
  }

  /** Slugs of the films the library holds a copy of (for the catalogue's access filter). */
  filmsWithCopies(): Promise<string[]> {
    return this.deps.repo.filmSlugsWithCopies();
  }

  /**
   * Every film the library holds a copy of, with the English access its copies give
   * (`subtitles`, `dub`, `voice-over`; an empty list for a copy with none): the catalogue's
   * access filter reads it through the port the composition root passes it.
   */
  async selfHostedAccess(): Promise<Map<string, SelfHostedKind[]>> {
    const { films, tracks } = await this.deps.repo.englishTracksOfCopies();
    const bySlug = new Map<string, typeof tracks>();
    for (const t of tracks) bySlug.set(t.filmSlug, [...(bySlug.get(t.filmSlug) ?? []), t]);
    return new Map(
      films.map((f) => [f.filmSlug, selfHostedKinds(bySlug.get(f.filmSlug) ?? [], f.languages)]),
    );
  }

  /** The poster and backdrop files beside a film's copies (the first copy that has each). */
  async artwork(
    filmSlug: string,
  ): Promise<{ poster: MediaFile | null; backdrop: MediaFile | null }> {
    const out: { poster: MediaFile | null; backdrop: MediaFile | null } = {
      poster: null,
      backdrop: null,
    };
    for (const v of await this.deps.repo.files({ kind: 'video', filmSlug })) {
      for (const f of await this.deps.repo.files({ videoId: v.id })) {
        if (f.kind !== 'artwork') continue;
        const which = parseMediaName(f.path).artwork;
        if (which && !out[which]) out[which] = f;
      }
    }
    return out;
  }

  subtitleVtt(trackId: number): Promise<string | undefined> {
    return this.deps.repo.subtitleVtt(trackId);
  }

  /**
   * What the server holds for a film, in words ("English subtitles, English dub, Russian
   * original"): audio from probed streams and external audio files, subtitles from the WebVTT
   * tracks (embedded text streams and sidecars) and image subtitle streams.
   */
  async accessSummary(
    filmSlug: string,
    originalLanguages: readonly string[],
  ): Promise<MediaAccessSummary> {
    const { repo } = this.deps;
    const videos = await repo.files({ kind: 'video', filmSlug });
    const ids = videos.map((v) => v.id);
    const [streams, tracks, sidecars] = await Promise.all([
      repo.streams(ids),
      repo.subtitles(ids),
      Promise.all(ids.map((id) => repo.files({ videoId: id }))),
    ]);
    const copies = videos.map((v, i) => {
      const own = streams.filter((s) => s.fileId === v.id);
      const audio = [
        ...own
          .filter((s) => s.type === 'audio')
          .map((s) => ({ language: s.language, title: s.title })),
        ...sidecars[i]!.filter((f) => f.kind === 'audio').map((f) => ({
          language: f.language,
          title: null,
        })),
      ];
      const converted = tracks.filter((t) => t.videoId === v.id);
      const subtitles = [
        ...converted.map((t) => ({ language: t.language, forced: t.forced, sdh: t.sdh })),
        // text streams not yet converted and image streams still count as subtitles held
        ...own
          .filter((s) => s.type === 'subtitle' && !converted.some((t) => t.streamIndex === s.index))
          .map((s) => ({ language: s.language, forced: s.forced, sdh: s.hearingImpaired })),
        ...sidecars[i]!.filter(
          (f) => f.kind === 'subtitle' && !converted.some((t) => t.sourceFileId === f.id),
        ).map((f) => ({ language: f.language, forced: f.forced, sdh: f.sdh })),
      ];
      return { audio, subtitles };
    });
    return summarizeAccess(filmSlug, copies, originalLanguages);
  }
}

/** The films with a copy and what each copy gives, as one comparable string. */
function accessKey(copies: ReadonlyMap<string, readonly string[]>): string {
  return [...copies]
    .map(([slug, kinds]) => `${slug}:${[...kinds].sort().join(',')}`)
    .sort()
    .join(' ');
}
