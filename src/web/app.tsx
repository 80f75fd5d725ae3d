/**
 * The public web site: server-rendered pages (hono/jsx), covers, sitemap and robots.txt, one
 * file per family under routes/. Every page works without JavaScript; site.js only adds search
 * suggestions.
 */
import { Hono } from 'hono';
import { contextStorage, tryGetContext } from 'hono/context-storage';
import { can } from '../modules/accounts/index.ts';
import { ContentBanner } from './components/ContentBanner.tsx';
import type { WebDeps } from './deps.ts';
import { type Renderer, createRenderer } from './render.tsx';
import { assetRoutes } from './routes/assets.ts';
import { factCheckPages } from './routes/fact-check.tsx';
import { feedRoutes } from './routes/feeds.ts';
import { filmPages } from './routes/films.tsx';
import { healthRoutes } from './routes/health.ts';
import { collectionPages } from './routes/home.tsx';
import { peoplePages } from './routes/people.tsx';
import { playerPages } from './routes/player.tsx';
import { searchPages } from './routes/search.tsx';
import { workspacePages } from './routes/workspace.tsx';
import { workspaceImportPages } from './routes/workspace-import.tsx';
import { workspaceUsersPages } from './routes/workspace-users.tsx';
import { workspaceJobsPages } from './routes/workspace-jobs.tsx';

export type { WebDeps } from './deps.ts';
export { type Renderer, renderErrorPage } from './render.tsx';

export function createWebApp(deps: WebDeps): { app: Hono; render: Renderer } {
  const render = createRenderer(deps.publicUrl, () => contentBanner(deps));
  const pages = { ...deps, render };
  const app = new Hono();
  // Lets the renderer see the request (who is signed in) without every route passing it.
  app.use('*', contextStorage());
  app.route('/', assetRoutes(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', collectionPages(pages));
  app.route('/', feedRoutes(deps));
  app.route('/', factCheckPages(pages));
  if (deps.media)
    app.route(
      '/',
      playerPages({
        render,
        playback: (slug) => deps.media!.playback(slug),
        ...(deps.media.isDemo ? { isDemo: deps.media.isDemo.bind(deps.media) } : {}),
      }),
    );
  app.route('/', filmPages(pages));
  app.route('/', peoplePages(pages));
  app.route('/', searchPages(pages));
  if (deps.accounts && deps.drafts && deps.auth)
    app.route(
      '/',
      workspacePages({ ...pages, accounts: deps.accounts, drafts: deps.drafts, auth: deps.auth }),
    );
  if (deps.accounts && deps.auth)
    app.route('/', workspaceUsersPages({ render, accounts: deps.accounts, auth: deps.auth }));
  if (deps.auth && deps.jobs)
    app.route('/', workspaceJobsPages({ render, jobs: deps.jobs, auth: deps.auth }));
  if (deps.accounts && deps.drafts && deps.auth && deps.imports)
    app.route(
      '/',
      workspaceImportPages({
        render,
        accounts: deps.accounts,
        drafts: deps.drafts,
        imports: deps.imports,
        auth: deps.auth,
        ...(deps.exporter ? { exporter: deps.exporter } : {}),
      }),
    );
  return { app, render };
}

/** The broken-content banner, for a signed-in admin while the content load left `stale`. */
function contentBanner(deps: WebDeps) {
  const c = tryGetContext();
  if (!c || !deps.auth || !deps.content) return null;
  if (!can(deps.auth.current(c).user, 'settings.manage')) return null;
  const status = deps.content.status();
  return status.state === 'stale' ? <ContentBanner status={status} /> : null;
}
