/**
 * The workspace rules for collections: a curator writes a draft (title, intro, ordered entries
 * with notes), every save names the version it was made from (a stale one is refused with both
 * versions), the draft is submitted for review, and a reviewer publishes it, or sends it back.
 * Publishing is refused while any claim is contradicted, unless the reviewer writes a reason,
 * which is kept. Every change is written to the audit log.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../lib/errors.ts';
import { slugify } from '../../lib/text/index.ts';
import { type Action, type User, can } from '../accounts/index.ts';
import type { FilmSummary } from '../catalog/index.ts';
import type { CheckedText, KnowledgeService, Source } from '../facts/index.ts';
import type { CollectionStatus } from './collections.ts';
import {
  addPublishedCorrections,
  deleteCollection,
  recordRevision,
  snapshotOf,
  touchPublished,
  writeSnapshot,
} from './revisions.repository.ts';
import { type RevisionKind, type StatementChange, statementChanges } from './revisions.ts';
import { RevisionsService } from './revisions.service.ts';
import { FilmDraftsService } from './film-drafts.service.ts';
import type {
  DraftRow,
  DraftTransaction,
  DraftsRepository,
  NewSource,
} from './drafts.repository.ts';

export type AuditRecorder = (
  actor: Pick<User, 'id' | 'username'>,
  action: string,
  subject: string,
  detail?: Record<string, unknown>,
) => Promise<void>;

export interface DraftSummary {
  slug: string;
  title: string;
  status: CollectionStatus;
  version: number;
  curator: string;
  updatedAt: string;
  filmCount: number;
}

export interface DraftEntry {
  id: number;
  position: number;
  film: FilmSummary;
  note: string;
  check: CheckedText;
  /** The entry's fact, checked like the note, and the sources cited for it. */
  fact: string;
  factCheck: CheckedText;
  sources: Source[];
}

export interface Draft extends DraftSummary {
  intro: string;
  ownerId: number | null;
  overrideReason: string | null;
  entries: DraftEntry[];
  /** How many claims across all notes are contradicted (publishing needs a reason then). */
  contradicted: number;
  /** A working copy: the slug of the published collection it will replace. */
  revises: string | null;
  /** A published collection: the slug of its open working copy, if any. */
  workingCopy: string | null;
  /** The reviewer's comment when the draft was last sent back (until it is submitted again). */
  sentBack: { by: string; at: string; comment: string } | null;
}

/** What a save sends: the version it was made from, and the text as the editor left it. */
export interface DraftEdit {
  version: number;
  title?: string;
  intro?: string;
  notes?: Record<number, string>;
  facts?: Record<number, string>;
}

export type DraftOp =
  | { kind: 'save' }
  | { kind: 'add'; film: string }
  | { kind: 'up' | 'down' | 'remove'; entry: number }
  /** Moves an entry to a 1-based position (drag and drop); the others keep their order. */
  | { kind: 'move'; entry: number; to: number }
  /** Appends several films at once, with their text (an imported list). */
  | { kind: 'import'; entries: ImportedDraftEntry[] }
  | { kind: 'submit' }
  | { kind: 'source'; entry: number; source: NewSource };

/** One film of an imported list, as the curator confirmed it. */
export interface ImportedDraftEntry {
  film: string;
  listedAs?: string | null;
  note?: string;
  fact?: string;
}

/** A save made from an older version: the page shows both. */
export class StaleDraftError extends ConflictError {
  constructor(
    readonly current: Draft,
    readonly attempted: DraftEdit,
  ) {
    super(
      `Someone saved this draft after you opened it (you edited version ${attempted.version}, it is now at version ${current.version}). Nothing of yours was saved.`,
    );
  }
}

export interface SourceLookup {
  entryFactSources(entryIds: readonly number[]): Promise<Map<number, Source[]>>;
}

export interface FilmLookup {
  summariesBySlugs(slugs: readonly string[]): Promise<FilmSummary[]>;
}

const TITLE_MAX = 200;
const TEXT_MAX = 20_000;

export class DraftsService {
  constructor(
    private readonly repo: DraftsRepository,
    private readonly films: FilmLookup,
    private readonly knowledge: KnowledgeService,
    private readonly sources: SourceLookup,
    private readonly audit: AuditRecorder,
    /** Called after a publication, so this node's caches see it at once. */
    private readonly published: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private historyService?: RevisionsService;
  private filmService?: FilmDraftsService;

  /** Corrections of films' titles, credits and English access, through the same review. */
  get filmDrafts(): FilmDraftsService {
    return (this.filmService ??= new FilmDraftsService(
      this.repo.films,
      this.audit,
      this.published,
      this.now,
    ));
  }

  /** Revision history, diffs, restore, working copies and the reviewer's comparison. */
  get history(): RevisionsService {
    return (this.historyService ??= new RevisionsService(
      this.repo,
      this.films,
      this.audit,
      this.now,
    ));
  }

  private require(user: User | null | undefined, action: Action): asserts user is User {
    if (!user) throw new UnauthorizedError('Sign in first.');
    if (!can(user, action)) throw new ForbiddenError(`Your role (${user.role}) cannot do this.`);
  }

  /** The curator's own collections (drafts, in review, published) and, for reviewers, the queue. */
  async workspace(user: User): Promise<{
    mine: DraftSummary[];
    review: DraftSummary[];
    published: DraftSummary[];
  }> {
    this.require(user, 'draft.write');
    const [mine, all, published] = await Promise.all([
      this.repo.unpublished(user.id),
      can(user, 'review.decide') ? this.repo.unpublished() : Promise.resolve([]),
      this.repo.publishedBy(user.id),
    ]);
    return {
      mine: mine.map(summary),
      review: all.filter((d) => d.status === 'review').map(summary),
      published: published.map(summary),
    };
  }

  async create(user: User, input: { title: string; intro: string }): Promise<string> {
    this.require(user, 'draft.write');
    const title = input.title.trim();
    const problems = [];
    if (!title || title.length > TITLE_MAX)
      problems.push({ where: 'title', message: `must be 1–${TITLE_MAX} characters` });
    if (input.intro.length > TEXT_MAX)
      problems.push({ where: 'intro', message: `must be at most ${TEXT_MAX} characters` });
    if (problems.length) throw new ValidationError('The collection cannot be created.', problems);
    const base = slugify(title) || 'collection';
    let slug = base;
    for (let n = 2; await this.repo.find(slug); n++) slug = `${base}-${n}`;
    await this.repo.insert({
      slug,
      title,
      intro: input.intro.trim(),
      curator: user.username,
      ownerId: user.id,
      now: this.now().toISOString(),
    });
    const made = await this.repo.find(slug);
    if (made)
      await this.repo.revisions.record(made.id, {
        historyId: made.id,
        kind: 'create',
        authorId: user.id,
        author: user.username,
        at: this.now().toISOString(),
        summary: 'created the draft',
      });
    await this.audit(user, 'collection.create', `collection:${slug}`, { title });
    return slug;
  }

  /** A collection as the workspace sees it, with every note checked. Any status. */
  async get(user: User, slug: string): Promise<Draft> {
    this.require(user, 'draft.write');
    const row = await this.repo.find(slug);
    if (!row) throw new NotFoundError(`No collection with the slug "${slug}".`);
    return this.load(row);
  }

  private async load(row: DraftRow): Promise<Draft> {
    const entries = await this.repo.entries(row.id);
    const films = new Map(
      (await this.films.summariesBySlugs(entries.map((e) => e.filmSlug))).map((f) => [f.slug, f]),
    );
    const cited = await this.sources.entryFactSources(entries.map((e) => e.id));
    const out: DraftEntry[] = [];
    const opts = { unknownFilm: 'as-unresolved' } as const;
    for (const e of entries) {
      const film = films.get(e.filmSlug);
      if (!film) continue;
      out.push({
        id: e.id,
        position: e.position,
        film,
        note: e.description,
        check: await this.knowledge.check(e.description, e.filmSlug, opts),
        fact: e.fact,
        factCheck: await this.knowledge.check(e.fact, e.filmSlug, opts),
        sources: cited.get(e.id) ?? [],
      });
    }
    const contradicted = out.reduce(
      (n, e) => n + e.check.counts.contradicted + e.factCheck.counts.contradicted,
      0,
    );
    const history = this.repo.revisions;
    const decision = await history.latestOf(row.revisesId ?? row.id, [
      'submit',
      'send_back',
      'publish',
    ]);
    return {
      ...summary(row),
      intro: row.intro,
      ownerId: row.ownerId,
      overrideReason: row.overrideReason,
      entries: out,
      contradicted,
      revises: row.revisesId ? ((await history.slugOf(row.revisesId)) ?? null) : null,
      workingCopy:
        row.status === 'published' ? ((await history.workingCopy(row.id)) ?? null) : null,
      sentBack:
        decision?.kind === 'send_back' && row.status === 'draft'
          ? { by: decision.author, at: decision.at, comment: decision.summary }
          : null,
    };
  }

  /**
   * Applies the editor's text and one operation, as one versioned change. Refused when the
   * draft is not a draft any more (submitted or published) or the version is stale.
   */
  async apply(user: User, slug: string, edit: DraftEdit, op: DraftOp): Promise<Draft> {
    this.require(user, 'draft.write');
    const row = await this.repo.find(slug);
    if (!row) throw new NotFoundError(`No collection with the slug "${slug}".`);
    if (row.status !== 'draft')
      throw new ConflictError(
        row.status === 'review'
          ? 'This collection is waiting for review; a reviewer can send it back for editing.'
          : 'This collection is published; open a working copy (Edit) to change it.',
      );
    const problems = [];
    if (edit.title !== undefined && (!edit.title.trim() || edit.title.length > TITLE_MAX))
      problems.push({ where: 'title', message: `must be 1–${TITLE_MAX} characters` });
    for (const text of [
      edit.intro ?? '',
      ...Object.values(edit.notes ?? {}),
      ...Object.values(edit.facts ?? {}),
    ])
      if (text.length > TEXT_MAX)
        problems.push({ where: 'text', message: `must be at most ${TEXT_MAX} characters` });
    if (op.kind === 'source') problems.push(...sourceProblems(op.source));
    if (op.kind === 'import')
      for (const e of op.entries)
        if ((e.note ?? '').length > TEXT_MAX || (e.fact ?? '').length > TEXT_MAX)
          problems.push({
            where: `film ${e.film}`,
            message: `must be at most ${TEXT_MAX} characters`,
          });
    if (problems.length) throw new ValidationError('The draft cannot be saved.', problems);

    const entries = await this.repo.entries(row.id);
    const ids = entries.map((e) => e.id);
    if ('entry' in op && !ids.includes(op.entry))
      throw new NotFoundError(`No entry ${op.entry} in this collection.`);
    if (op.kind === 'submit' && entries.length === 0)
      throw new ValidationError('Add at least one film before submitting.', [
        { where: 'entries', message: 'is empty' },
      ]);
    let unknownFilm = false;
    const ok = await this.repo.change(
      row.id,
      edit.version,
      this.now().toISOString(),
      async (trx: DraftTransaction) => {
        await trx.setText(edit.title?.trim() ?? row.title, edit.intro?.trim() ?? row.intro);
        for (const [id, note] of Object.entries(edit.notes ?? {}))
          if (ids.includes(Number(id))) await trx.setNote(Number(id), note.trim());
        for (const [id, fact] of Object.entries(edit.facts ?? {}))
          if (ids.includes(Number(id))) await trx.setFact(Number(id), fact.trim());
        if (op.kind === 'add') unknownFilm = !(await trx.append(op.film));
        else if (op.kind === 'import') {
          for (const e of op.entries) {
            if (!(await trx.append(e.film, e)))
              throw new NotFoundError(`No film with the slug "${e.film}".`);
          }
        } else if (op.kind === 'move') {
          const order = ids.filter((id) => id !== op.entry);
          order.splice(Math.max(0, Math.min(order.length, op.to - 1)), 0, op.entry);
          await trx.order(order);
        } else if (op.kind === 'remove') await trx.remove(op.entry);
        else if (op.kind === 'up' || op.kind === 'down') {
          const i = ids.indexOf(op.entry);
          const j = op.kind === 'up' ? i - 1 : i + 1;
          if (j >= 0 && j < ids.length) {
            const order = [...ids];
            [order[i], order[j]] = [order[j]!, order[i]!];
            await trx.order(order);
          }
        } else if (op.kind === 'submit') await trx.setStatus('review');
        else if (op.kind === 'source') await trx.attachSource(op.entry, op.source);
        if (unknownFilm)
          throw new NotFoundError(`No film with the slug "${(op as { film: string }).film}".`);
        await this.revision(trx, row, user, op.kind === 'submit' ? 'submit' : 'save', describe(op));
      },
    );
    if (!ok) {
      const current = await this.repo.find(slug);
      throw new StaleDraftError(await this.load(current ?? row), edit);
    }
    await this.audit(
      user,
      `collection.${op.kind === 'submit' ? 'submit' : 'edit'}`,
      `collection:${slug}`,
      {
        op: op.kind,
        ...('entry' in op ? { entry: op.entry } : {}),
        ...(op.kind === 'add' ? { film: op.film } : {}),
        ...(op.kind === 'move' ? { to: op.to } : {}),
        ...(op.kind === 'import' ? { films: op.entries.map((e) => e.film) } : {}),
        ...(op.kind === 'source' ? { source: op.source.url } : {}),
        version: edit.version + 1,
      },
    );
    return this.get(user, slug);
  }

  /** A reviewer returns a submitted draft to its curator, with a comment kept in the audit log. */
  async sendBack(user: User, slug: string, version: number, comment: string): Promise<void> {
    this.require(user, 'review.decide');
    const text = comment.trim();
    if (!text || text.length > 5000)
      throw new ValidationError('Say what the curator should change.', [
        { where: 'comment', message: 'must be 1–5000 characters' },
      ]);
    const row = await this.reviewable(slug);
    await this.changeStatus(row, version, async (trx) => {
      await trx.setStatus('draft');
      await this.revision(trx, row, user, 'send_back', text);
    });
    await this.audit(user, 'collection.send_back', `collection:${slug}`, { comment: text });
  }

  /**
   * Publishes a submitted collection. Refused while any claim in its notes is contradicted,
   * unless `overrideReason` is written (it is kept with the collection and in the audit log).
   */
  async publish(
    user: User,
    slug: string,
    version: number,
    overrideReason?: string,
    /** For a working copy: the reason for each published statement it changes, by `film:field`. */
    reasons: Record<string, string> = {},
  ): Promise<Draft> {
    this.require(user, 'collection.publish');
    const row = await this.reviewable(slug);
    const draft = await this.load(row);
    const target = row.revisesId ? await this.repo.findById(row.revisesId) : undefined;
    if (target)
      return this.publishRevision(user, row, target, draft, version, overrideReason, reasons);
    const reason = overrideReason?.trim() ?? '';
    if (draft.contradicted > 0) {
      if (!reason)
        throw new ConflictError(
          `Publishing is refused: ${draft.contradicted} claim${draft.contradicted === 1 ? ' is' : 's are'} contradicted by the record. Fix the notes, or write the reason to publish anyway.`,
        );
      this.require(user, 'publish.override');
    }
    const publishedOn = this.now().toISOString().slice(0, 10);
    await this.changeStatus(row, version, async (trx) => {
      await trx.setStatus('published', {
        publishedOn,
        overrideReason: draft.contradicted > 0 ? reason : null,
      });
      await this.revision(trx, row, user, 'publish', 'published');
      await trx.bumpCatalog(this.now().toISOString());
    });
    this.published();
    await this.audit(user, 'collection.publish', `collection:${slug}`, {
      contradicted: draft.contradicted,
      ...(draft.contradicted > 0 ? { override: reason } : {}),
    });
    return this.get(user, slug);
  }

  /**
   * Publishes a working copy into the collection it revises. Every published note or fact it
   * changes or withdraws needs the publisher's reason, kept as a correction readers see; the
   * working copy is then removed (its revisions stay in the collection's history).
   */
  private async publishRevision(
    user: User,
    row: DraftRow,
    target: DraftRow,
    draft: Draft,
    version: number,
    overrideReason: string | undefined,
    reasons: Record<string, string>,
  ): Promise<Draft> {
    const history = this.repo.revisions;
    const changes: StatementChange[] = statementChanges(
      await history.snapshot(target.id),
      await history.snapshot(row.id),
    );
    const missing = changes.filter((c) => !reasons[c.key]?.trim());
    if (missing.length)
      throw new ValidationError(
        'Each published note or fact this changes or withdraws needs a reason readers will see.',
        missing.map((c) => ({ where: `reason ${c.key}`, message: 'is missing' })),
      );
    const reason = overrideReason?.trim() ?? '';
    if (draft.contradicted > 0) {
      if (!reason)
        throw new ConflictError(
          `Publishing is refused: ${draft.contradicted} claim${draft.contradicted === 1 ? ' is' : 's are'} contradicted by the record. Fix the notes, or write the reason to publish anyway.`,
        );
      this.require(user, 'publish.override');
    }
    const now = this.now().toISOString();
    await this.changeStatus(row, version, async (trx) => {
      const snapshot = await snapshotOf(trx.trx, row.id);
      await writeSnapshot(trx.trx, target.id, snapshot);
      await touchPublished(trx.trx, target.id, now, draft.contradicted > 0 ? reason : null);
      const number = await recordRevision(trx.trx, target.id, {
        historyId: target.id,
        kind: 'publish',
        authorId: user.id,
        author: user.username,
        at: now,
        summary: changes.length
          ? `published with ${changes.length} correction${changes.length === 1 ? '' : 's'}`
          : 'published',
      });
      await addPublishedCorrections(
        trx.trx,
        target.id,
        changes.map((c) => ({
          filmSlug: c.film,
          field: c.field,
          was: c.was,
          now: c.now,
          reason: reasons[c.key]!.trim().slice(0, 2000),
          correctedOn: now.slice(0, 10),
          revision: number,
          author: user.username,
        })),
      );
      await deleteCollection(trx.trx, row.id);
      await trx.bumpCatalog(now);
    });
    this.published();
    await this.audit(user, 'collection.publish', `collection:${target.slug}`, {
      contradicted: draft.contradicted,
      working_copy: row.slug,
      corrections: changes.map((c) => ({ statement: c.key, reason: reasons[c.key]!.trim() })),
      ...(draft.contradicted > 0 ? { override: reason } : {}),
    });
    return this.get(user, target.slug);
  }

  /** Keeps a revision of `row` (in its collection's history) inside the same change. */
  private async revision(
    trx: DraftTransaction,
    row: DraftRow,
    user: User,
    kind: RevisionKind,
    text: string,
  ): Promise<void> {
    await recordRevision(trx.trx, row.id, {
      historyId: row.revisesId ?? row.id,
      kind,
      authorId: user.id,
      author: user.username,
      at: this.now().toISOString(),
      summary: text,
    });
  }

  private async reviewable(slug: string): Promise<DraftRow> {
    const row = await this.repo.find(slug);
    if (!row) throw new NotFoundError(`No collection with the slug "${slug}".`);
    if (row.status !== 'review')
      throw new ConflictError('Only a collection submitted for review can be decided on.');
    return row;
  }

  private async changeStatus(
    row: DraftRow,
    version: number,
    edit: (trx: DraftTransaction) => Promise<void>,
  ): Promise<void> {
    const ok = await this.repo.change(row.id, version, this.now().toISOString(), edit);
    if (!ok) {
      const current = await this.repo.find(row.slug);
      throw new StaleDraftError(await this.load(current ?? row), { version });
    }
  }
}

/** What one change did, in words for the revision history. */
function describe(op: DraftOp): string {
  switch (op.kind) {
    case 'save':
      return 'saved the text';
    case 'add':
      return `added the film ${op.film}`;
    case 'submit':
      return 'submitted for review';
    case 'source':
      return `cited ${op.source.url}`;
    case 'up':
    case 'down':
      return `moved entry ${op.entry} ${op.kind}`;
    case 'remove':
      return `removed entry ${op.entry}`;
    default:
      return op.kind;
  }
}

/** A source needs an http(s) URL, a title and the date it was read (YYYY-MM-DD). */
function sourceProblems(src: NewSource): { where: string; message: string }[] {
  const problems = [];
  let url: URL | undefined;
  try {
    url = new URL(src.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || src.url.length > 2000)
    problems.push({ where: 'source.url', message: 'must be an http(s) URL' });
  if (!src.title.trim() || src.title.length > 300)
    problems.push({ where: 'source.title', message: 'must be 1–300 characters' });
  if ((src.publisher ?? '').length > 200)
    problems.push({ where: 'source.publisher', message: 'must be at most 200 characters' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(src.accessedOn) || Number.isNaN(Date.parse(src.accessedOn)))
    problems.push({ where: 'source.accessed_on', message: 'must be a date (YYYY-MM-DD)' });
  return problems;
}

function summary(row: DraftRow): DraftSummary {
  return {
    slug: row.slug,
    title: row.title,
    status: row.status,
    version: row.version,
    curator: row.curator,
    updatedAt: row.updatedAt,
    filmCount: row.filmCount,
  };
}
