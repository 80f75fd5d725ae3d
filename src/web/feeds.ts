/**
 * RSS 2.0 and Atom 1.0 documents, written by hand from a format-neutral feed (docs/export.md).
 * Each item may carry the film it is about in our own namespace (`kinoteka:filmTitle`,
 * `kinoteka:filmYear`, as Letterboxd's list feeds carry `letterboxd:filmTitle`). Every text and
 * attribute is escaped, and characters XML 1.0 cannot hold at all (control characters, lone
 * surrogates) are dropped, so a hostile title still gives a well-formed document.
 */

export type FeedFormat = 'rss' | 'atom';

export interface FeedFilm {
  title: string;
  year: number;
  originalTitle?: string | null;
  /** The film's page, absolute. */
  url: string;
}

export interface FeedItem {
  /** A stable, absolute IRI for the item (Atom id, RSS guid). */
  id: string;
  title: string;
  /** Absolute link to the page the item is about. */
  link: string;
  /** Plain text; written escaped (RSS description, Atom summary). */
  summary: string;
  /** ISO date or date-time; null when not known. */
  date: string | null;
  film?: FeedFilm;
  /** Further elements of ours: name (without prefix) → text. */
  extra?: [string, string][];
}

export interface Feed {
  title: string;
  description: string;
  /** The HTML page the feed belongs to, absolute. */
  link: string;
  /** The feed's own URL, absolute. */
  self: string;
  /** The namespace URI of our elements. */
  namespace: string;
  items: FeedItem[];
}

// XML 1.0 Char production: tab, newline, carriage return, and the ranges below.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text made safe for XML character data and attribute values. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, text: string, attrs = ''): string =>
  `<${name}${attrs}>${xmlText(text)}</${name}>`;

/** An ISO date (2024-05-01) or date-time as a Date in UTC, or undefined. */
function parseDate(date: string | null): Date | undefined {
  if (!date) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The newest item date: the feed's own date (the epoch when no item has one). */
function feedDate(items: readonly FeedItem[]): Date {
  let best = new Date(0);
  for (const i of items) {
    const d = parseDate(i.date);
    if (d && d > best) best = d;
  }
  return best;
}

function ours(item: FeedItem, indent: string): string[] {
  const lines: string[] = [];
  if (item.film) {
    lines.push(`${indent}${el('kinoteka:filmTitle', item.film.title)}`);
    lines.push(`${indent}${el('kinoteka:filmYear', String(item.film.year))}`);
    if (item.film.originalTitle)
      lines.push(`${indent}${el('kinoteka:originalTitle', item.film.originalTitle)}`);
    lines.push(`${indent}${el('kinoteka:filmUrl', item.film.url)}`);
  }
  for (const [name, text] of item.extra ?? [])
    lines.push(`${indent}${el(`kinoteka:${name}`, text)}`);
  return lines;
}

export function rssXml(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:kinoteka="${xmlText(feed.namespace)}">`,
    '<channel>',
    `  ${el('title', feed.title)}`,
    `  ${el('link', feed.link)}`,
    `  ${el('description', feed.description)}`,
    `  <atom:link href="${xmlText(feed.self)}" rel="self" type="application/rss+xml"/>`,
    `  ${el('lastBuildDate', feedDate(feed.items).toUTCString())}`,
    '  <generator>Kinoteka</generator>',
  ];
  for (const item of feed.items) {
    const date = parseDate(item.date);
    lines.push(
      '  <item>',
      `    ${el('title', item.title)}`,
      `    ${el('link', item.link)}`,
      `    ${el('guid', item.id, ' isPermaLink="false"')}`,
      `    ${el('description', item.summary)}`,
      ...(date ? [`    ${el('pubDate', date.toUTCString())}`] : []),
      ...ours(item, '    '),
      '  </item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}

export function atomXml(feed: Feed): string {
  const updated = feedDate(feed.items);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:kinoteka="${xmlText(feed.namespace)}">`,
    `  ${el('id', feed.self)}`,
    `  ${el('title', feed.title)}`,
    `  ${el('subtitle', feed.description)}`,
    `  ${el('updated', updated.toISOString())}`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.link)}"/>`,
    '  <author><name>Kinoteka</name></author>',
    '  <generator>Kinoteka</generator>',
  ];
  for (const item of feed.items) {
    lines.push(
      '  <entry>',
      `    ${el('id', item.id)}`,
      `    ${el('title', item.title)}`,
      `    <link rel="alternate" type="text/html" href="${xmlText(item.link)}"/>`,
      `    ${el('updated', (parseDate(item.date) ?? updated).toISOString())}`,
      `    ${el('summary', item.summary)}`,
      ...ours(item, '    '),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
};

export function feedXml(feed: Feed, format: FeedFormat): string {
  return format === 'rss' ? rssXml(feed) : atomXml(feed);
}
