import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { absoluteUrl, urls } from '../../presenters/index.ts';

export interface Meta {
  title: string;
  description: string;
  /** Path of the page, e.g. `/films/mother-1926`. */
  path: string;
  publicUrl: string;
  type?: 'website' | 'video.movie' | 'profile';
  image?: string;
  jsonLd?: unknown;
  noindex?: boolean;
  /** Feeds of this page, linked as <link rel="alternate"> beside the site's own. */
  feeds?: { title: string; href: string; type: 'rss' | 'atom' }[];
}

const FEED_TYPE = { rss: 'application/rss+xml', atom: 'application/atom+xml' } as const;
const SITE_FEEDS: NonNullable<Meta['feeds']> = [
  { title: 'Kinoteka collections (RSS)', href: urls.collectionsFeed('rss'), type: 'rss' },
  { title: 'Kinoteka collections (Atom)', href: urls.collectionsFeed('atom'), type: 'atom' },
  { title: 'Kinoteka corrections (RSS)', href: urls.correctionsFeed('rss'), type: 'rss' },
  { title: 'Kinoteka corrections (Atom)', href: urls.correctionsFeed('atom'), type: 'atom' },
];

export const assetVersion = { css: '0', js: '0' };

/** The page frame: header with search, main, footer. Works without JavaScript. */
export const Layout: FC<{ meta: Meta; children?: Child; query?: string; banner?: Child }> = ({
  meta,
  children,
  query,
  banner,
}) => {
  const url = absoluteUrl(meta.publicUrl, meta.path);
  const fullTitle = meta.path === '/' ? meta.title : `${meta.title} · Kinoteka`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        <link rel="canonical" href={url} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta property="og:site_name" content="Kinoteka" />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:type" content={meta.type ?? 'website'} />
        <meta property="og:url" content={url} />
        {meta.image ? (
          <meta property="og:image" content={absoluteUrl(meta.publicUrl, meta.image)} />
        ) : null}
        <meta name="twitter:card" content="summary" />
        <link rel="stylesheet" href={`/assets/site.css?v=${assetVersion.css}`} />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {[...(meta.feeds ?? []), ...SITE_FEEDS].map((f) => (
          <link rel="alternate" type={FEED_TYPE[f.type]} title={f.title} href={f.href} />
        ))}
        {meta.jsonLd ? (
          <script type="application/ld+json">
            {raw(JSON.stringify(meta.jsonLd).replace(/</g, '\\u003c'))}
          </script>
        ) : null}
        <script src={`/assets/site.js?v=${assetVersion.js}`} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={urls.home()}>
              Kinoteka
            </a>
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href={urls.home()}>Collections</a>
                </li>
                <li>
                  <a href={urls.films()}>Films</a>
                </li>
                <li>
                  <a href={urls.people()}>People</a>
                </li>
              </ul>
            </nav>
            <form class="search" role="search" action={urls.search()} method="get">
              <label for="site-search" class="visually-hidden">
                Search films
              </label>
              <input
                id="site-search"
                type="search"
                name="q"
                value={query ?? ''}
                placeholder="Search: Летят журавли, letyat zhuravli…"
                autocomplete="off"
                data-suggest="/api/v1/search"
              />
              <button type="submit">Search</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap">
          {banner ?? null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              Kinoteka: foreign-language film for English-speaking audiences. Every fact on these
              pages cites its source. <a href="/api/openapi.json">API</a> ·{' '}
              <a href="/workspace">Curators' workspace</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
};
