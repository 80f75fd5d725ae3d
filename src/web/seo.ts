/** schema.org JSON-LD for films and collections (https://schema.org/Movie, /ItemList). */
import type { CollectionDetail } from '../modules/collections/index.ts';
import type { FilmDetail } from '../modules/catalog/index.ts';
import { escapeXml } from '../lib/html.ts';
import { absoluteUrl, urls } from '../presenters/index.ts';

export function movieJsonLd(f: FilmDetail, publicUrl: string): unknown {
  const person = (p: { slug: string; name: string; nameOriginal: string | null }) => ({
    '@type': 'Person',
    name: p.name,
    ...(p.nameOriginal ? { alternateName: p.nameOriginal } : {}),
    url: absoluteUrl(publicUrl, urls.person(p.slug)),
  });
  const hasSubtitles = f.access.some((o) => o.kind === 'subtitles' || o.kind === 'intertitles');
  return {
    '@context': 'https://schema.org',
    '@type': 'Movie',
    name: f.englishTitle,
    alternateName: f.titles.filter((t) => t.kind !== 'english').map((t) => t.text),
    url: absoluteUrl(publicUrl, urls.film(f.slug)),
    image: absoluteUrl(publicUrl, urls.filmCover(f.slug)),
    dateCreated: String(f.year),
    director: f.credits.filter((c) => c.role === 'director').map((c) => person(c.person)),
    ...(f.credits.some((c) => c.role === 'writer')
      ? { author: f.credits.filter((c) => c.role === 'writer').map((c) => person(c.person)) }
      : {}),
    actor: f.credits.filter((c) => c.role === 'cast').map((c) => person(c.person)),
    ...(f.runtimeMinutes ? { duration: `PT${f.runtimeMinutes}M` } : {}),
    inLanguage: f.languages,
    ...(hasSubtitles ? { subtitleLanguage: 'en' } : {}),
    countryOfOrigin: f.countries.map((c) => ({ '@type': 'Country', name: c.name })),
    ...(f.studio ? { productionCompany: { '@type': 'Organization', name: f.studio.name } } : {}),
    description: f.synopsis,
  };
}

export function itemListJsonLd(c: CollectionDetail, publicUrl: string): unknown {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name: c.title,
    description: c.introExcerpt,
    url: absoluteUrl(publicUrl, urls.collection(c.slug)),
    numberOfItems: c.entries.length,
    itemListOrder: 'https://schema.org/ItemListOrderAscending',
    itemListElement: c.entries.map((e) => ({
      '@type': 'ListItem',
      position: e.position,
      url: absoluteUrl(publicUrl, urls.film(e.film.slug)),
      name: `${e.film.englishTitle} (${e.film.year})`,
    })),
  };
}

export function sitemapXml(publicUrl: string, paths: readonly string[]): string {
  const urls = paths
    .map((p) => `  <url><loc>${escapeXml(absoluteUrl(publicUrl, p))}</loc></url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

export function robotsTxt(publicUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: ${publicUrl}/sitemap.xml\n`;
}
