/**
 * What is not a page: the stylesheet, script and icon; SVG covers drawn from titles; the
 * sitemap and robots.txt.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { urls } from '../../presenters/index.ts';
import { assetVersion } from '../components/Layout.tsx';
import { coverSvg } from '../cover.ts';
import type { WebDeps } from '../deps.ts';
import { pathParams, slug } from '../input.ts';
import { robotsTxt, sitemapXml } from '../seo.ts';

function readAsset(name: string): { body: string; version: string } {
  const body = fs.readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
  return { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

const css = readAsset('assets/site.css');
const js = readAsset('client/site.js');
const favicon = readAsset('assets/favicon.svg');
assetVersion.css = css.version;
assetVersion.js = js.version;

/** `/covers/films/<slug>.svg`: the route's pattern admits the name, the schema the slug. */
const coverParams = z.object({
  file: z
    .string()
    .transform((f) => f.replace(/\.svg$/, ''))
    .pipe(slug),
});

const svgHeaders = {
  'content-type': 'image/svg+xml; charset=utf-8',
  'cache-control': 'public, max-age=3600',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

export function assetRoutes({
  catalog,
  collections,
  publicUrl,
}: Pick<WebDeps, 'catalog' | 'collections' | 'publicUrl'>): Hono {
  const app = new Hono();

  const asset = (body: string, type: string) => (c: Context) =>
    c.body(body, 200, {
      'content-type': type,
      // The URL carries the content hash (?v=), so the file can be cached for a year.
      'cache-control': 'public, max-age=31536000, immutable',
    });
  app.get('/assets/site.css', asset(css.body, 'text/css; charset=utf-8'));
  app.get('/assets/site.js', asset(js.body, 'text/javascript; charset=utf-8'));
  app.get('/assets/favicon.svg', asset(favicon.body, 'image/svg+xml'));
  // Browsers and crawlers ask for /favicon.ico whatever the page links; they accept an SVG
  // there when its type says so. Its URL carries no version, so it is cached for a day.
  app.get('/favicon.ico', (c) =>
    c.body(favicon.body, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
    }),
  );

  app.get('/covers/films/:file{[a-z0-9-]+\\.svg}', async (c) => {
    const { file } = pathParams(c, coverParams);
    const film = await catalog.getFilmCover(file);
    const svg = coverSvg({
      key: film.slug,
      title: film.englishTitle,
      original: film.originalTitle,
      year: film.year,
      byline: film.directors.join(', '),
    });
    return c.body(svg, 200, svgHeaders);
  });

  app.get('/covers/collections/:file{[a-z0-9-]+\\.svg}', async (c) => {
    const { file } = pathParams(c, coverParams);
    const collection = await collections.get(file);
    const svg = coverSvg({
      key: `collection-${collection.slug}`,
      title: collection.title,
      original: null,
      year: null,
      byline: `${collection.entries.length} films · ${collection.curator}`,
      label: 'COLLECTION',
    });
    return c.body(svg, 200, svgHeaders);
  });

  app.get('/sitemap.xml', async (c) => {
    const [list, films, people] = await Promise.all([
      collections.list(),
      catalog.listFilms({}, { page: 1, perPage: 100_000 }),
      catalog.listPeople({ page: 1, perPage: 100_000 }),
    ]);
    const paths = [
      urls.home(),
      urls.films(),
      urls.people(),
      ...list.map((x) => urls.collection(x.slug)),
      ...films.items.map((f) => urls.film(f.slug)),
      ...people.items.map((p) => urls.person(p.slug)),
    ];
    return c.body(sitemapXml(publicUrl, paths), 200, {
      'content-type': 'application/xml; charset=utf-8',
    });
  });
  app.get('/robots.txt', (c) => c.text(robotsTxt(publicUrl)));

  return app;
}
