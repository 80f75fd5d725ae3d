/**
 * Revision history of a collection: the list of revisions (who, when, what), a readable diff
 * between any two, a restore that writes an old revision back as a new draft revision (history
 * is never rewritten), the working copy through which a published collection is edited, and the
 * reviewer's view of a submitted draft against what readers see now.
 */
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../lib/errors.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { type Action, type User, can } from '../accounts/index.ts';
import type { DraftRow, DraftsRepository } from './drafts.repository.ts';
import type { AuditRecorder, FilmLookup } from './drafts.service.ts';
import { recordRevision, writeSnapshot } from './revisions.repository.ts';
import {
  EMPTY_SNAPSHOT,
  type Revision,
  type RevisionInfo,
  type Snapshot,
  type SnapshotDiff,
  type StatementChange,
  diffSnapshots,
  statementChanges,
} from './revisions.ts';

/** How a page names a film that a snapshot lists by slug. */
export type FilmNames = Record<string, { title: string; year: number }>;

export interface History {
  slug: string;
  title: string;
  status: DraftRow['status'];
  version: number;
  /** The published collection whose history this is, when `slug` is its working copy. */
  revises: string | null;
  revisions: RevisionInfo[];
}

export interface RevisionComparison {
  from: Revision;
  to: Revision;
  diff: SnapshotDiff;
  films: FilmNames;
}

export interface ReviewView {
  /** What the draft is compared with: the published collection, or nothing (a first one). */
  against: 'published' | 'nothing';
  diff: SnapshotDiff;
  /** Published notes and facts the draft changes or withdraws: each needs a reason to publish. */
  corrections: StatementChange[];
  films: FilmNames;
}

export class RevisionsService {
  constructor(
    private readonly repo: DraftsRepository,
    private readonly films: FilmLookup,
    private readonly audit: AuditRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private require(user: User | null | undefined, action: Action): asserts user is User {
    if (!user) throw new UnauthorizedError('Sign in first.');
    if (!can(user, action)) throw new ForbiddenError(`Your role (${user.role}) cannot do this.`);
  }

  private async row(slug: string): Promise<DraftRow> {
    const row = await this.repo.find(slug);
    if (!row) throw new NotFoundError(`No collection with the slug "${slug}".`);
    return row;
  }

  private async names(snapshots: readonly Snapshot[]): Promise<FilmNames> {
    const slugs = [...new Set(snapshots.flatMap((s) => s.entries.map((e) => e.film)))];
    const out: FilmNames = {};
    for (const f of await this.films.summariesBySlugs(slugs))
      out[f.slug] = { title: f.englishTitle, year: f.year };
    return out;
  }

  async history(user: User, slug: string): Promise<History> {
    this.require(user, 'draft.write');
    const row = await this.row(slug);
    return {
      slug: row.slug,
      title: row.title,
      status: row.status,
      version: row.version,
      revises: row.revisesId ? ((await this.repo.revisions.slugOf(row.revisesId)) ?? null) : null,
      revisions: await this.repo.revisions.list(row.revisesId ?? row.id),
    };
  }

  async revision(user: User, slug: string, number: number): Promise<Revision> {
    this.require(user, 'draft.write');
    const row = await this.row(slug);
    const r = await this.repo.revisions.get(row.revisesId ?? row.id, number);
    if (!r) throw new NotFoundError(`The collection "${slug}" has no revision ${number}.`);
    return r;
  }

  /** What changed from revision `from` to revision `to` (either order). */
  async compare(user: User, slug: string, from: number, to: number): Promise<RevisionComparison> {
    const a = await this.revision(user, slug, from);
    const b = await this.revision(user, slug, to);
    return {
      from: a,
      to: b,
      diff: diffSnapshots(a.snapshot, b.snapshot),
      films: await this.names([a.snapshot, b.snapshot]),
    };
  }

  /**
   * The draft to edit a published collection in: its open working copy, or a new one copied
   * from what readers see now. Readers keep the published text until the copy is published.
   */
  async reopen(user: User, slug: string): Promise<string> {
    this.require(user, 'draft.write');
    const row = await this.row(slug);
    if (row.status !== 'published')
      throw new ConflictError('Only a published collection is edited through a working copy.');
    const open = await this.repo.revisions.workingCopy(row.id);
    if (open) return open;
    let copy = `${row.slug}-edit`;
    for (let n = 2; await this.repo.find(copy); n++) copy = `${row.slug}-edit-${n}`;
    const now = this.now().toISOString();
    const id = await this.repo.revisions.openWorkingCopy(
      { id: row.id, curator: row.curator },
      { slug: copy, ownerId: user.id, now },
    );
    await this.repo.revisions.record(id, {
      historyId: row.id,
      kind: 'reopen',
      authorId: user.id,
      author: user.username,
      at: now,
      summary: `opened the working copy ${copy}`,
    });
    await this.audit(user, 'collection.reopen', `collection:${row.slug}`, { working_copy: copy });
    return copy;
  }

  /**
   * Writes revision `number` back as a new revision of the draft (a published collection gets a
   * working copy first); `version` is the draft's version the curator saw. Returns the slug of
   * the draft that now holds it.
   */
  async restore(user: User, slug: string, number: number, version: number): Promise<string> {
    this.require(user, 'draft.write');
    let row = await this.row(slug);
    const rev = await this.revision(user, slug, number);
    if (row.status === 'review')
      throw new ConflictError(
        'This collection is waiting for review; a reviewer can send it back before a restore.',
      );
    if (row.status === 'published') {
      row = await this.row(await this.reopen(user, slug));
      version = row.version;
    }
    const now = this.now().toISOString();
    const target = row;
    const ok = await this.repo.change(target.id, version, now, async (trx) => {
      await writeSnapshot(trx.trx, target.id, rev.snapshot);
      await recordRevision(trx.trx, target.id, {
        historyId: target.revisesId ?? target.id,
        kind: 'restore',
        authorId: user.id,
        author: user.username,
        at: now,
        summary: `restored revision ${number}`,
      });
    });
    if (!ok)
      throw new ConflictError(
        `Someone saved this draft after you opened it (you saw version ${version}, it is now at version ${(await this.row(target.slug)).version}). Nothing was restored.`,
      );
    await this.audit(user, 'collection.restore', `collection:${target.slug}`, {
      revision: number,
      version: version + 1,
    });
    return target.slug;
  }

  /** A submitted (or any) draft against what readers see now, for the reviewer. */
  async review(user: User, slug: string): Promise<ReviewView> {
    this.require(user, 'draft.write');
    const row = await this.row(slug);
    if (row.status === 'published')
      throw new ValidationError('This collection is published; there is nothing to review.', [
        { where: 'status', message: 'is published' },
      ]);
    const current = await this.repo.revisions.snapshot(row.id);
    const published = row.revisesId
      ? await this.repo.revisions.snapshot(row.revisesId)
      : EMPTY_SNAPSHOT;
    return {
      against: row.revisesId ? 'published' : 'nothing',
      diff: diffSnapshots(published, current),
      corrections: row.revisesId ? statementChanges(published, current) : [],
      films: await this.names([published, current]),
    };
  }
}
