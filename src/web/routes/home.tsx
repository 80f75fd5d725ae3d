/** The home page (published collections) and a collection's page. */
import { Hono } from 'hono';
import { urls } from '../../presenters/index.ts';
import type { PageDeps } from '../deps.ts';
import { pathParams, slugParams } from '../input.ts';
import { CollectionPage } from '../pages/Collection.tsx';
import { HomePage } from '../pages/Home.tsx';
import { itemListJsonLd } from '../seo.ts';

export function collectionPages({
  collections,
  render,
  publicUrl,
}: Pick<PageDeps, 'collections' | 'render' | 'publicUrl'>): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const list = await collections.list();
    return c.html(
      await render(
        {
          title: 'Kinoteka: foreign-language film for English-speaking audiences',
          description:
            'Curated collections of foreign-language films with sourced facts and how to watch each in English.',
          path: urls.home(),
        },
        <HomePage collections={list} />,
      ),
    );
  });

  app.get('/collections/:slug', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const collection = await collections.get(slug);
    return c.html(
      await render(
        {
          title: collection.title,
          description: collection.introExcerpt,
          path: urls.collection(collection.slug),
          image: urls.collectionCover(collection.slug),
          jsonLd: itemListJsonLd(collection, publicUrl),
          feeds: [
            {
              title: `${collection.title} (RSS)`,
              href: urls.collectionFeed(collection.slug, 'rss'),
              type: 'rss',
            },
            {
              title: `${collection.title} (Atom)`,
              href: urls.collectionFeed(collection.slug, 'atom'),
              type: 'atom',
            },
          ],
        },
        <CollectionPage collection={collection} />,
      ),
    );
  });

  return app;
}
