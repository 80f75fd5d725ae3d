/**
 * The public web site: server-rendered pages (hono/jsx), covers, sitemap and robots.txt.
 * Every page works without JavaScript; site.js only adds search suggestions.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { ACCESS_KINDS } from '../modules/access/index.ts';
import type { CatalogService } from '../modules/catalog/index.ts';
import type { CollectionsService } from '../modules/collections/index.ts';
import type { SearchService } from '../modules/search/index.ts';
import { coverSvg } from './cover.ts';
import { Layout, type Meta, assetVersion } from './components/Layout.tsx';
import { collectionCoverUrl, filmCoverUrl } from './components/parts.tsx';
import { CollectionPage } from './pages/Collection.tsx';
import { AboutFactCheckingPage, FactCheckPage } from './pages/FactCheck.tsx';
import { FilmPage } from './pages/Film.tsx';
import { HomePage } from './pages/Home.tsx';
import { ErrorPage, FilmsPage, PeoplePage } from './pages/Lists.tsx';
import { PersonPage } from './pages/Person.tsx';
import { SearchPage } from './pages/Search.tsx';
import { itemListJsonLd, movieJsonLd, robotsTxt, sitemapXml } from './seo.ts';

export interface WebDeps {
  catalog: CatalogService;
  collections: CollectionsService;
  search: SearchService;
  publicUrl: string;
  /** Extra pages contributed by other features (search, fact check), mounted on this app. */
  extend?: (app: Hono, render: Renderer) => void;
}

export type Renderer = (
  meta: Omit<Meta, 'publicUrl'>,
  body: Child,
  query?: string,
) => Promise<string>;

function readAsset(name: string): { body: string; version: string } {
  const body = fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  return { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

const css = readAsset('assets/site.css');
const js = readAsset('client/site.js');
const favicon = readAsset('assets/favicon.svg');
assetVersion.css = css.version;
assetVersion.js = js.version;

const filmsPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  decade: z.coerce
    .number()
    .int()
    .refine((d) => d % 10 === 0)
    .optional()
    .catch(undefined),
  access: z
    .enum([...ACCESS_KINDS, 'none'])
    .optional()
    .catch(undefined),
});

export function createWebApp(deps: WebDeps): { app: Hono; render: Renderer } {
  const { catalog, collections, search, publicUrl } = deps;
  const app = new Hono();
  const render: Renderer = async (meta, body, query) =>
    `<!DOCTYPE html>${await (
      <Layout meta={{ ...meta, publicUrl }} query={query}>
        {body}
      </Layout>
    ).toString()}`;

  const asset =
    (body: string, type: string) =>
    (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
      c.body(body, 200, {
        'content-type': type,
        // The URL carries the content hash (?v=), so the file can be cached for a year.
        'cache-control': 'public, max-age=31536000, immutable',
      });
  app.get('/assets/site.css', asset(css.body, 'text/css; charset=utf-8'));
  app.get('/assets/site.js', asset(js.body, 'text/javascript; charset=utf-8'));
  app.get('/assets/favicon.svg', asset(favicon.body, 'image/svg+xml'));

  app.get('/', async (c) => {
    const list = await collections.list();
    return c.html(
      await render(
        {
          title: 'Kinoteka: foreign-language film for English-speaking audiences',
          description:
            'Curated collections of foreign-language films with sourced facts and how to watch each in English.',
          path: '/',
        },
        <HomePage collections={list} />,
      ),
    );
  });

  app.get('/collections/:slug', async (c) => {
    const collection = await collections.get(c.req.param('slug'));
    return c.html(
      await render(
        {
          title: collection.title,
          description: collection.introExcerpt,
          path: `/collections/${collection.slug}`,
          image: collectionCoverUrl(collection.slug),
          jsonLd: itemListJsonLd(collection, publicUrl),
        },
        <CollectionPage collection={collection} />,
      ),
    );
  });

  app.get('/collections/:slug/fact-check', async (c) => {
    const check = await collections.factCheck(c.req.param('slug'));
    return c.html(
      await render(
        {
          title: `Fact check: ${check.title}`,
          description: `Every claim in ${check.title}, checked against sourced records.`,
          path: `/collections/${check.slug}/fact-check`,
          noindex: check.status === 'draft',
        },
        <FactCheckPage check={check} />,
      ),
    );
  });

  app.get('/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const results = query.trim() ? await search.search(query, { limit: 30 }) : [];
    return c.html(
      await render(
        {
          title: query ? `Search: ${query}` : 'Search',
          description: 'Find a film by any of its titles or people, in any script or spelling.',
          path: '/search',
          noindex: true,
        },
        <SearchPage query={query} results={results} />,
        query,
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

  app.get('/films', async (c) => {
    const q = filmsPageQuery.parse(c.req.query());
    const page = await catalog.listFilms(
      { decade: q.decade, access: q.access },
      { page: q.page, perPage: 24 },
    );
    const all = await catalog.listFilms({}, { page: 1, perPage: 100 });
    const decades = [...new Set(all.items.map((f) => Math.floor(f.year / 10) * 10))].sort();
    const pageHref = (n: number) => {
      const params = new URLSearchParams();
      if (q.decade) params.set('decade', String(q.decade));
      if (q.access) params.set('access', q.access);
      params.set('page', String(n));
      return `/films?${params}`;
    };
    return c.html(
      await render(
        {
          title: 'Films',
          description: 'Every film in the Kinoteka catalogue, with its English access.',
          path: '/films',
        },
        <FilmsPage page={page} filter={q} decades={decades} pageHref={pageHref} />,
      ),
    );
  });

  app.get('/films/:slug', async (c) => {
    const film = await catalog.getFilm(c.req.param('slug'));
    const inCollections = await collections.forFilm(film.slug);
    return c.html(
      await render(
        {
          title: `${film.englishTitle} (${film.year})`,
          description: film.synopsis.slice(0, 200),
          path: `/films/${film.slug}`,
          type: 'video.movie',
          image: filmCoverUrl(film.slug),
          jsonLd: movieJsonLd(film, publicUrl),
        },
        <FilmPage film={film} collections={inCollections} />,
      ),
    );
  });

  app.get('/people', async (c) => {
    const page = await catalog.listPeople({ page: 1, perPage: 1000 });
    return c.html(
      await render(
        {
          title: 'People',
          description: 'Directors, writers and actors in the catalogue.',
          path: '/people',
        },
        <PeoplePage people={page.items} />,
      ),
    );
  });

  app.get('/people/:slug', async (c) => {
    const person = await catalog.getPerson(c.req.param('slug'));
    return c.html(
      await render(
        {
          title: person.name,
          description: `${person.name}${person.nameOriginal ? ` (${person.nameOriginal})` : ''}: films in the Kinoteka catalogue.`,
          path: `/people/${person.slug}`,
          type: 'profile',
        },
        <PersonPage person={person} />,
      ),
    );
  });

  const svg = (body: string) => ({
    'content-type': 'image/svg+xml; charset=utf-8',
    'cache-control': 'public, max-age=3600',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    body,
  });
  app.get('/covers/films/:file{[a-z0-9-]+\\.svg}', async (c) => {
    const film = await catalog.getFilm(c.req.param('file').replace(/\.svg$/, ''));
    const { body, ...headers } = svg(
      coverSvg({
        key: film.slug,
        title: film.englishTitle,
        original: film.originalTitle?.text ?? null,
        year: film.year,
        byline: film.directors.map((d) => d.name).join(', '),
      }),
    );
    return c.body(body, 200, headers);
  });
  app.get('/covers/collections/:file{[a-z0-9-]+\\.svg}', async (c) => {
    const collection = await collections.get(c.req.param('file').replace(/\.svg$/, ''));
    const { body, ...headers } = svg(
      coverSvg({
        key: `collection-${collection.slug}`,
        title: collection.title,
        original: null,
        year: null,
        byline: `${collection.entries.length} films · ${collection.curator}`,
        label: 'COLLECTION',
      }),
    );
    return c.body(body, 200, headers);
  });

  app.get('/sitemap.xml', async (c) => {
    const list = await collections.list();
    const films = await catalog.listFilms({}, { page: 1, perPage: 100_000 });
    const people = await catalog.listPeople({ page: 1, perPage: 100_000 });
    const paths = [
      '/',
      '/films',
      '/people',
      ...list.map((x) => `/collections/${x.slug}`),
      ...films.items.map((f) => `/films/${f.slug}`),
      ...people.items.map((p) => `/people/${p.slug}`),
    ];
    return c.body(sitemapXml(publicUrl, paths), 200, {
      'content-type': 'application/xml; charset=utf-8',
    });
  });
  app.get('/robots.txt', (c) => c.text(robotsTxt(publicUrl)));

  deps.extend?.(app, render);
  return { app, render };
}

export async function renderErrorPage(
  render: Renderer,
  status: number,
  message: string,
): Promise<string> {
  return render(
    {
      title: status === 404 ? 'Not found' : 'Error',
      description: message,
      path: '/',
      noindex: true,
    },
    <ErrorPage status={status} message={message} />,
  );
}
