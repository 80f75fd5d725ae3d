/**
 * The review flow for film corrections: a curator opens a draft of a film (one open draft per
 * film), edits its titles, credits and English access offers with a source, submits it; a
 * reviewer sends it back with a comment or publishes it. Publishing is refused when the film
 * changed since the draft began (a content load, another correction): both are shown, nothing
 * is merged silently. Every step is versioned and written to the audit log.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../lib/errors.ts';
import { type Action, type User, can } from '../accounts/index.ts';
import type { AuditRecorder } from './drafts.service.ts';
import {
  type FilmChange,
  type FilmForm,
  filmChanges,
  parseFilmForm,
  sameFilm,
} from './film-drafts.ts';
import type { FilmDraftRow, FilmDraftsRepository } from './film-drafts.repository.ts';

export interface FilmDraft extends FilmDraftRow {
  /** What the draft changes against the film as it was when the draft began. */
  changes: FilmChange[];
  /** The film changed under the draft since it began (publishing is refused then). */
  stale: boolean;
}

export class FilmDraftsService {
  constructor(
    private readonly repo: FilmDraftsRepository,
    private readonly audit: AuditRecorder,
    private readonly published: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private require(user: User | null | undefined, action: Action): asserts user is User {
    if (!user) throw new UnauthorizedError('Sign in first.');
    if (!can(user, action)) throw new ForbiddenError(`Your role (${user.role}) cannot do this.`);
  }

  private async row(id: number): Promise<FilmDraftRow> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundError(`No film draft ${id}.`);
    return row;
  }

  private async view(row: FilmDraftRow): Promise<FilmDraft> {
    const current = await this.repo.fields(row.filmId);
    return {
      ...row,
      changes: filmChanges(row.base, row.proposal),
      stale: row.status !== 'published' && !sameFilm(row.base, current),
    };
  }

  /** Open film drafts, newest first (a reviewer's queue, a curator's work). */
  async list(user: User): Promise<FilmDraftRow[]> {
    this.require(user, 'draft.write');
    return this.repo.open();
  }

  /** The film's open draft, or a new one starting from the film as it is now. */
  async start(user: User, filmSlug: string): Promise<number> {
    this.require(user, 'draft.write');
    const filmId = await this.repo.filmId(filmSlug);
    if (filmId === undefined) throw new NotFoundError(`No film with the slug "${filmSlug}".`);
    const open = await this.repo.openFor(filmId);
    if (open) return open.id;
    const id = await this.repo.insert({
      filmId,
      ownerId: user.id,
      curator: user.username,
      base: await this.repo.fields(filmId),
      now: this.now().toISOString(),
    });
    await this.audit(user, 'film_draft.create', `film:${filmSlug}`, { draft: id });
    return id;
  }

  async get(user: User, id: number): Promise<FilmDraft> {
    this.require(user, 'draft.write');
    return this.view(await this.row(id));
  }

  private async step(
    row: FilmDraftRow,
    version: number,
    set: Parameters<FilmDraftsRepository['change']>[3],
    apply?: Parameters<FilmDraftsRepository['change']>[4],
  ): Promise<void> {
    const ok = await this.repo.change(row.id, version, this.now().toISOString(), set, apply);
    if (!ok)
      throw new ConflictError(
        `Someone saved this film draft after you opened it (you saw version ${version}, it is now at version ${(await this.row(row.id)).version}). Nothing was saved.`,
      );
  }

  async save(user: User, id: number, version: number, form: FilmForm): Promise<FilmDraft> {
    this.require(user, 'draft.write');
    const row = await this.row(id);
    if (row.status !== 'draft')
      throw new ConflictError('This film draft is not editable now (submitted or published).');
    const { proposal, problems } = parseFilmForm(form);
    if (problems.length) throw new ValidationError('The film draft cannot be saved.', problems);
    await this.step(row, version, { proposal, reviewComment: null });
    await this.audit(user, 'film_draft.edit', `film:${row.filmSlug}`, {
      draft: id,
      version: version + 1,
    });
    return this.get(user, id);
  }

  async submit(user: User, id: number, version: number): Promise<FilmDraft> {
    this.require(user, 'review.submit');
    const row = await this.row(id);
    if (row.status !== 'draft') throw new ConflictError('Only a draft can be submitted.');
    const problems = [];
    if (!row.proposal.source)
      problems.push({ where: 'source', message: 'cite the source the correction rests on' });
    if (filmChanges(row.base, row.proposal).length === 0)
      problems.push({ where: 'film', message: 'the draft changes nothing yet' });
    if (problems.length) throw new ValidationError('The film draft cannot be submitted.', problems);
    await this.step(row, version, { status: 'review' });
    await this.audit(user, 'film_draft.submit', `film:${row.filmSlug}`, { draft: id });
    return this.get(user, id);
  }

  async sendBack(user: User, id: number, version: number, comment: string): Promise<FilmDraft> {
    this.require(user, 'review.decide');
    const text = comment.trim();
    if (!text || text.length > 5000)
      throw new ValidationError('Say what the curator should change.', [
        { where: 'comment', message: 'must be 1–5000 characters' },
      ]);
    const row = await this.row(id);
    if (row.status !== 'review')
      throw new ConflictError('Only a submitted film draft can be sent back.');
    await this.step(row, version, { status: 'draft', reviewComment: text });
    await this.audit(user, 'film_draft.send_back', `film:${row.filmSlug}`, {
      draft: id,
      comment: text,
    });
    return this.get(user, id);
  }

  /** Writes the correction into the film; refused when the film changed since the draft began. */
  async publish(user: User, id: number, version: number): Promise<FilmDraft> {
    this.require(user, 'collection.publish');
    const row = await this.row(id);
    if (row.status !== 'review')
      throw new ConflictError('Only a submitted film draft can be published.');
    const draft = await this.view(row);
    if (draft.stale)
      throw new ConflictError(
        'The film changed since this draft began (a content load or another correction). Nothing was published: compare the film page with the draft, then send it back.',
      );
    const now = this.now().toISOString();
    await this.step(row, version, { status: 'published', publishedOn: now.slice(0, 10) }, (db) =>
      this.repo.writeFilm(db, row.filmId, row.proposal, now),
    );
    this.published();
    await this.audit(user, 'film_draft.publish', `film:${row.filmSlug}`, {
      draft: id,
      changes: draft.changes.map((c) => c.what),
      source: row.proposal.source?.url,
    });
    return this.get(user, id);
  }
}
