/** A collection's fact check, and the page explaining the verdicts. */
import { Hono } from 'hono';
import { urls } from '../../presenters/index.ts';
import type { PageDeps } from '../deps.ts';
import { pathParams, slugParams } from '../input.ts';
import { AboutFactCheckingPage, FactCheckPage } from '../pages/FactCheck.tsx';

export function factCheckPages({
  collections,
  render,
}: Pick<PageDeps, 'collections' | 'render'>): Hono {
  const app = new Hono();

  app.get('/collections/:slug/fact-check', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const check = await collections.factCheck(slug);
    return c.html(
      await render(
        {
          title: `Fact check: ${check.title}`,
          description: `Every claim in ${check.title}, checked against sourced records.`,
          path: urls.factCheck(check.slug),
          noindex: check.status === 'draft',
        },
        <FactCheckPage check={check} />,
      ),
    );
  });

  app.get('/about/fact-checking', async (c) =>
    c.html(
      await render(
        {
          title: 'How Kinoteka checks claims',
          description: 'What the verdicts on a Fact check page mean and how they are reached.',
          path: '/about/fact-checking',
        },
        <AboutFactCheckingPage />,
      ),
    ),
  );

  return app;
}
