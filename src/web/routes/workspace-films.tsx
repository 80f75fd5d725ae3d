/**
 * Workspace pages for film corrections (titles, credits, English access offers, with a source):
 * the list of open film drafts with a film search, one draft, and its save, submit, send-back
 * and publish. Mounted by workspacePages (src/web/routes/workspace.tsx), which gives its guards.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../lib/errors.ts';
import type { FilmForm } from '../../modules/collections/index.ts';
import type { SearchService } from '../../modules/search/index.ts';
import { pathParams, slug } from '../input.ts';
import { FilmDraftPage, FilmDraftsPage } from '../pages/workspace/FilmDraft.tsx';
import type { HistoryDeps } from './workspace-history.tsx';

const idParams = z.object({ id: z.coerce.number().int().min(1) });

const str = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};
const versionOf = (form: Record<string, unknown>): number => {
  const v = Number(str(form, 'version'));
  if (!Number.isInteger(v) || v < 1)
    throw new ValidationError('The form is missing its version.', [
      { where: 'version', message: 'must be a whole number' },
    ]);
  return v;
};

const FORM_FIELDS = [
  'original',
  'original_language',
  'transliteration',
  'english',
  'alternatives',
  'credits',
  'offers',
  'note',
  'source_url',
  'source_title',
  'source_publisher',
  'source_accessed_on',
] as const;

export function filmDraftPages({
  drafts,
  needs,
  signedIn,
  page,
  search,
}: HistoryDeps & { search: Pick<SearchService, 'search'> }): Hono {
  const app = new Hono();
  const films = () => drafts.filmDrafts;
  app.use('/workspace/films', needs('draft.write'));
  app.use('/workspace/films/*', needs('draft.write'));
  app.use('/workspace/film-drafts/*', needs('draft.write'));
  app.use('/workspace/film-drafts/:id/publish', needs('collection.publish'));
  app.use('/workspace/film-drafts/:id/send-back', needs('review.decide'));

  app.get('/workspace/films', async (c) => {
    const { user, csrf } = signedIn(c);
    const query = (c.req.query('q') ?? '').trim().slice(0, 200);
    const results = query ? await search.search(query, { limit: 8 }) : [];
    return page(
      c,
      'Film corrections',
      <FilmDraftsPage
        user={user}
        csrf={csrf}
        drafts={await films().list(user)}
        query={query}
        results={results}
      />,
    );
  });

  app.post('/workspace/films/start', async (c) => {
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const film = slug.safeParse(str(form, 'film'));
    if (!film.success)
      throw new ValidationError('Choose a film.', [{ where: 'film', message: 'not a film slug' }]);
    const id = await films().start(user, film.data);
    return c.redirect(`/workspace/film-drafts/${id}`, 303);
  });

  const show = async (
    c: Parameters<HistoryDeps['page']>[0],
    id: number,
    extra: { problems?: ValidationError['problems']; error?: string } = {},
  ) => {
    const { user, csrf } = signedIn(c);
    const draft = await films().get(user, id);
    return page(
      c,
      `Correct: ${draft.base.english}`,
      <FilmDraftPage
        user={user}
        csrf={csrf}
        draft={draft}
        today={new Date().toISOString().slice(0, 10)}
        {...extra}
      />,
      extra.error || extra.problems ? 409 : 200,
    );
  };

  app.get('/workspace/film-drafts/:id', (c) => show(c, pathParams(c, idParams).id));

  /** Runs one step; a refused one shows the draft again with what was wrong. */
  const step = async (
    c: Parameters<HistoryDeps['page']>[0],
    run: (id: number, form: Record<string, unknown>) => Promise<unknown>,
  ) => {
    const { id } = pathParams(c, idParams);
    const form = await c.req.parseBody();
    try {
      await run(id, form);
    } catch (e) {
      if (e instanceof ValidationError)
        return show(c, id, { problems: e.problems, error: e.message });
      if (e instanceof Error && 'code' in e && e.code === 'conflict')
        return show(c, id, { error: e.message });
      throw e;
    }
    return c.redirect(`/workspace/film-drafts/${id}?saved=1`, 303);
  };

  app.post('/workspace/film-drafts/:id', (c) =>
    step(c, (id, form) =>
      films().save(
        signedIn(c).user,
        id,
        versionOf(form),
        Object.fromEntries(FORM_FIELDS.map((f) => [f, str(form, f)])) as unknown as FilmForm,
      ),
    ),
  );
  app.post('/workspace/film-drafts/:id/submit', (c) =>
    step(c, (id, form) => films().submit(signedIn(c).user, id, versionOf(form))),
  );
  app.post('/workspace/film-drafts/:id/send-back', (c) =>
    step(c, (id, form) =>
      films().sendBack(signedIn(c).user, id, versionOf(form), str(form, 'comment')),
    ),
  );
  app.post('/workspace/film-drafts/:id/publish', (c) =>
    step(c, (id, form) => films().publish(signedIn(c).user, id, versionOf(form))),
  );

  return app;
}
