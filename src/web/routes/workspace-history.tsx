/**
 * Workspace pages for a collection's history: the list of revisions with a diff of any two,
 * one revision with Restore, a working copy for editing a published collection, and the
 * reviewer's page (the draft against what readers see, the fact-check summary, the decision).
 * Mounted by workspacePages (src/web/routes/workspace.tsx), which gives its guards.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../lib/errors.ts';
import type { Action, User } from '../../modules/accounts/index.ts';
import type { DraftsService } from '../../modules/collections/index.ts';
import { pathParams, slug } from '../input.ts';
import { HistoryPage, ReviewPage, RevisionPage } from '../pages/workspace/History.tsx';

export interface HistoryDeps {
  drafts: DraftsService;
  needs: (action: Action) => MiddlewareHandler;
  signedIn: (c: Context) => { user: User; csrf: string };
  page: (
    c: Context,
    title: string,
    body: unknown,
    status?: 200 | 401 | 409 | 429,
  ) => Promise<Response>;
}

const revisionParams = z.object({ slug, id: z.coerce.number().int().min(1) });

const numberField = (form: Record<string, unknown>, name: string): number => {
  const v = Number(typeof form[name] === 'string' ? form[name] : '');
  if (!Number.isInteger(v) || v < 1)
    throw new ValidationError(`The form is missing its ${name}.`, [
      { where: name, message: 'must be a whole number' },
    ]);
  return v;
};

const positive = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

export function historyPages({ drafts, needs, signedIn, page }: HistoryDeps): Hono {
  const app = new Hono();
  const base = '/workspace/collections/:slug';
  for (const p of [
    `${base}/history`,
    `${base}/revisions/:id`,
    `${base}/restore`,
    `${base}/reopen`,
    `${base}/review`,
  ])
    app.use(p, needs('draft.write'));

  app.get(`${base}/history`, async (c) => {
    const { slug: s } = pathParams(c, z.object({ slug }));
    const { user, csrf } = signedIn(c);
    const history = await drafts.history.history(user, s);
    const from = positive(c.req.query('from'));
    const to = positive(c.req.query('to'));
    const comparison = from && to ? await drafts.history.compare(user, s, from, to) : undefined;
    return page(
      c,
      `History: ${history.title}`,
      <HistoryPage
        user={user}
        csrf={csrf}
        history={history}
        {...(comparison ? { comparison } : {})}
      />,
    );
  });

  app.get(`${base}/revisions/:id`, async (c) => {
    const { slug: s, id } = pathParams(c, revisionParams);
    const { user, csrf } = signedIn(c);
    const history = await drafts.history.history(user, s);
    const revision = await drafts.history.revision(user, s, id);
    const films = (await drafts.history.compare(user, s, id, id)).films;
    return page(
      c,
      `Revision ${id}: ${history.title}`,
      <RevisionPage user={user} csrf={csrf} history={history} revision={revision} films={films} />,
    );
  });

  app.post(`${base}/restore`, async (c) => {
    const { slug: s } = pathParams(c, z.object({ slug }));
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const into = await drafts.history.restore(
      user,
      s,
      numberField(form, 'revision'),
      numberField(form, 'version'),
    );
    return c.redirect(`/workspace/collections/${into}?saved=1`, 303);
  });

  app.post(`${base}/reopen`, async (c) => {
    const { slug: s } = pathParams(c, z.object({ slug }));
    const { user } = signedIn(c);
    const copy = await drafts.history.reopen(user, s);
    return c.redirect(`/workspace/collections/${copy}`, 303);
  });

  app.get(`${base}/review`, async (c) => {
    const { slug: s } = pathParams(c, z.object({ slug }));
    const { user, csrf } = signedIn(c);
    const [draft, review] = await Promise.all([
      drafts.get(user, s),
      drafts.history.review(user, s),
    ]);
    const error = c.req.query('error');
    return page(
      c,
      `Review: ${draft.title}`,
      <ReviewPage
        user={user}
        csrf={csrf}
        draft={draft}
        review={review}
        {...(error ? { error: error.slice(0, 300) } : {})}
      />,
    );
  });

  return app;
}
