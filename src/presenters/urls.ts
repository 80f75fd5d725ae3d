/**
 * The one place that knows where films, people and collections live on the site. The API's
 * `url` fields, the pages' links, the covers and the JSON-LD all build their URLs here.
 */
export const urls = {
  home: () => '/',
  films: () => '/films',
  people: () => '/people',
  search: () => '/search',
  film: (slug: string) => `/films/${slug}`,
  person: (slug: string) => `/people/${slug}`,
  collection: (slug: string) => `/collections/${slug}`,
  factCheck: (collectionSlug: string) => `/collections/${collectionSlug}/fact-check`,
  filmCover: (slug: string) => `/covers/films/${slug}.svg`,
  collectionCover: (slug: string) => `/covers/collections/${slug}.svg`,
  /** Feeds (docs/export.md): a collection's films, every collection, every correction. */
  collectionFeed: (slug: string, format: 'rss' | 'atom') => `/collections/${slug}/feed.${format}`,
  collectionsFeed: (format: 'rss' | 'atom') => `/feeds/collections.${format}`,
  correctionsFeed: (format: 'rss' | 'atom') => `/feeds/corrections.${format}`,
  /** The namespace of our own feed elements (kinoteka:filmTitle, kinoteka:filmYear...). */
  feedNamespace: () => '/ns/feed',
} as const;

/** A site path made absolute against the public base URL (sitemap, canonical, JSON-LD). */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}
