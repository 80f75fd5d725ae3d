/**
 * Feeds, each as RSS 2.0 and Atom: a collection's films (`/collections/<slug>/feed.rss`), the
 * published collections (`/feeds/collections.rss`) and every correction made to the lists the
 * collections came from (`/feeds/corrections.rss`). docs/export.md lists our elements.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { CollectionDetail, CollectionsService } from '../../modules/collections/index.ts';
import { absoluteUrl, urls } from '../../presenters/index.ts';
import type { WebDeps } from '../deps.ts';
import { type Feed, FEED_TYPES, type FeedFormat, type FeedItem, feedXml } from '../feeds.ts';
import { pathParams, slug } from '../input.ts';

const FIELD_NAME = { film: 'film', title: 'title', description: 'description', fact: 'fact' };

const collectionFeedParams = z.object({
  slug,
  file: z.enum(['feed.rss', 'feed.atom']),
});

function send(c: Context, feed: Feed, format: FeedFormat): Response {
  return c.body(feedXml(feed, format), 200, {
    'content-type': `${FEED_TYPES[format]}; charset=utf-8`,
    'cache-control': 'public, max-age=300',
  });
}

export function filmOf(publicUrl: string, f: CollectionDetail['entries'][number]['film']) {
  return {
    title: f.englishTitle,
    year: f.year,
    originalTitle: f.originalTitle?.text ?? null,
    url: absoluteUrl(publicUrl, urls.film(f.slug)),
  };
}

/** A collection's films, in the collection's order. */
export function collectionFeed(c: CollectionDetail, publicUrl: string, format: FeedFormat): Feed {
  const page = absoluteUrl(publicUrl, urls.collection(c.slug));
  return {
    title: `${c.title} · Kinoteka`,
    description: c.introExcerpt,
    link: page,
    self: absoluteUrl(publicUrl, urls.collectionFeed(c.slug, format)),
    namespace: absoluteUrl(publicUrl, urls.feedNamespace()),
    items: c.entries.map((e): FeedItem => ({
      id: `${page}#film-${e.film.slug}`,
      title: `${e.position}. ${e.film.englishTitle} (${e.film.year})`,
      link: absoluteUrl(publicUrl, urls.film(e.film.slug)),
      summary: e.description,
      date: c.publishedOn,
      film: filmOf(publicUrl, e.film),
      extra: [['position', String(e.position)]],
    })),
  };
}

/** Every correction in the published collections, collection by collection, entry by entry. */
export async function correctionsFeed(
  collections: CollectionsService,
  publicUrl: string,
  format: FeedFormat,
): Promise<Feed> {
  const items: FeedItem[] = [];
  for (const summary of await collections.list()) {
    const c = await collections.get(summary.slug);
    const page = absoluteUrl(publicUrl, urls.collection(c.slug));
    for (const e of c.entries) {
      for (const x of e.corrections) {
        const sources = x.sources.map((s) => `${s.title} <${s.url}>`).join('; ');
        items.push({
          id: `${page}#correction-${e.film.slug}-${x.field}`,
          title: `${c.title}, no. ${e.position}: ${e.film.englishTitle} (${e.film.year}), ${FIELD_NAME[x.field]} corrected`,
          link: `${page}#correction-${e.position}`,
          summary: `The original list said: ${x.listed}. ${x.reason}${sources ? ` Sources: ${sources}.` : ''}`,
          date: c.publishedOn,
          film: filmOf(publicUrl, e.film),
          extra: [
            ['collection', c.title],
            ['field', x.field],
            ['listed', x.listed],
            ...x.sources.map((s): [string, string] => ['source', s.url]),
          ],
        });
      }
    }
  }
  return {
    title: 'Corrections · Kinoteka',
    description:
      'What the curators corrected in the lists the collections came from, with the reason and its sources.',
    link: absoluteUrl(publicUrl, urls.home()),
    self: absoluteUrl(publicUrl, urls.correctionsFeed(format)),
    namespace: absoluteUrl(publicUrl, urls.feedNamespace()),
    items,
  };
}

export async function collectionsFeed(
  collections: CollectionsService,
  publicUrl: string,
  format: FeedFormat,
): Promise<Feed> {
  const list = await collections.list();
  return {
    title: 'Collections · Kinoteka',
    description: 'Curated collections of foreign-language films, newest first.',
    link: absoluteUrl(publicUrl, urls.home()),
    self: absoluteUrl(publicUrl, urls.collectionsFeed(format)),
    namespace: absoluteUrl(publicUrl, urls.feedNamespace()),
    items: [...list]
      .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? ''))
      .map((c) => ({
        id: absoluteUrl(publicUrl, urls.collection(c.slug)),
        title: c.title,
        link: absoluteUrl(publicUrl, urls.collection(c.slug)),
        summary: c.introExcerpt,
        date: c.publishedOn,
        extra: [
          ['curator', c.curator],
          ['filmCount', String(c.filmCount)],
        ],
      })),
  };
}

export function feedRoutes({
  collections,
  publicUrl,
}: Pick<WebDeps, 'collections' | 'publicUrl'>): Hono {
  const app = new Hono();
  for (const format of ['rss', 'atom'] as const) {
    app.get(urls.collectionsFeed(format), async (c) =>
      send(c, await collectionsFeed(collections, publicUrl, format), format),
    );
    app.get(urls.correctionsFeed(format), async (c) =>
      send(c, await correctionsFeed(collections, publicUrl, format), format),
    );
  }
  app.get('/collections/:slug/:file{feed\\.(rss|atom)}', async (c) => {
    const { slug: s, file } = pathParams(c, collectionFeedParams);
    const format = file === 'feed.rss' ? 'rss' : 'atom';
    return send(c, collectionFeed(await collections.get(s), publicUrl, format), format);
  });
  return app;
}
