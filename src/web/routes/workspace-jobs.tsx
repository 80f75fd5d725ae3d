/**
 * The background jobs in the browser, for admins (`settings.manage`): the list with state,
 * progress and failure message, a state filter, and Retry for a failed job. The retry form
 * carries the CSRF token, checked by src/http/auth before any route runs. The page's script
 * (/assets/jobs.js) fetches the page again every few seconds and swaps the table in.
 */
import fs from 'node:fs';
import { type Context, Hono } from 'hono';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { can } from '../../modules/accounts/index.ts';
import type { PageDeps, WebAuth, WebJobs } from '../deps.ts';
import { SignInPage } from '../pages/workspace/Account.tsx';
import { JOB_STATES, JobsPage } from '../pages/workspace/Jobs.tsx';

type Deps = Pick<PageDeps, 'render'> & { jobs: WebJobs; auth: WebAuth };

const script = fs.readFileSync(new URL('../client/jobs.js', import.meta.url));

const MESSAGES: Record<string, string> = {
  retried: 'The job was queued again.',
  gone: 'That job is no longer failed (it may have been retried already).',
};

export function workspaceJobsPages({ render, jobs, auth }: Deps): Hono {
  const app = new Hono();
  const page = (c: Context, body: unknown, status: 200 | 401 = 200) =>
    render(
      { title: 'Background jobs', description: 'Background jobs', path: c.req.path, noindex: true },
      body as never,
    ).then((html) => c.html(html, status));

  app.get('/assets/jobs.js', (c) =>
    c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  const guard = async (c: Context, next: () => Promise<void>) => {
    const { user } = auth.current(c);
    if (!user)
      return page(c, <SignInPage next="/workspace/jobs" error="Sign in to open this page." />, 401);
    if (!can(user, 'settings.manage'))
      throw new ForbiddenError(`Your role (${user.role}) cannot open this page.`);
    await next();
    c.header('cache-control', 'private, no-store');
  };
  app.use('/workspace/jobs', guard);
  app.use('/workspace/jobs/*', guard);

  app.get('/workspace/jobs', async (c) => {
    const { user, session } = auth.current(c);
    const q = c.req.query('state');
    const state = (JOB_STATES as readonly string[]).includes(q ?? '') ? q : undefined;
    const done = MESSAGES[c.req.query('done') ?? ''];
    return page(
      c,
      <JobsPage
        user={user!}
        csrf={session?.csrfToken ?? ''}
        jobs={await jobs.list({ ...(state ? { state } : {}), limit: 200 })}
        counts={await jobs.counts()}
        state={state}
        {...(done ? { message: done } : {})}
      />,
    );
  });

  app.post('/workspace/jobs/:id/retry', async (c) => {
    const raw = c.req.param('id');
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new NotFoundError(`No job ${raw}.`);
    const ok = await jobs.retry(Number(raw));
    return c.redirect(`/workspace/jobs?done=${ok ? 'retried' : 'gone'}`, 303);
  });

  return app;
}
