/**
 * The static export (docs/export.md): every public page of the site, as the app renders it,
 * written under a folder that any static host can serve. Pages are fetched from the app
 * in-process (no page code of its own), crawled from the home page, the lists, the sitemap and
 * the feeds; each link is rewritten relative to the page that holds it (`../../films/x/`), so
 * the folder works at a host's root or under any path. Search runs in the browser with the
 * search engine's own query code (bundled by esbuild), from its index split in parts by the
 * first letters of the words (shards.ts), so a query loads the parts of its words only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { SearchIndex } from '../search/index.ts';
import { MANIFEST_FILE, SEARCH_DIR, writeParts } from './shards.ts';

export interface ExportOptions {
  /** The app's fetch, in-process: `(path) => app.request(path)`. */
  fetch: (path: string) => Promise<Response>;
  /** The folder to write; created, and emptied of an earlier export first. */
  dir: string;
  publicUrl: string;
  /** The search index as a snapshot (SearchIndex.toSnapshot). */
  searchSnapshot: () => Promise<Uint8Array>;
  /** The browser's search script (bundled); see bundleSearchClient. */
  searchScript: () => Promise<string>;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportReport {
  pages: number;
  files: number;
  bytes: number;
  /** The search index: its manifest and every part together. */
  indexBytes: number;
  /** How many parts the search index is in, and the largest one's size. */
  indexParts: number;
  largestPartBytes: number;
  /** Links to pages that are not public (the workspace, the API, the player), left without href. */
  dropped: string[];
}

/** Paths never exported: they need the server (accounts, the API, media). */
const SERVER_ONLY =
  /^\/(api|workspace|media|watch|sign-in|sign-out|account|healthz|readyz)(\/|$|\?)/;
const SEEDS = [
  '/',
  '/films',
  '/people',
  '/search',
  '/sitemap.xml',
  '/robots.txt',
  '/favicon.ico',
  '/feeds/collections.rss',
  '/feeds/collections.atom',
  '/feeds/corrections.rss',
  '/feeds/corrections.atom',
];
/** The search index's manifest; its parts lie beside it (shards.ts). */
export const SEARCH_INDEX_FILE = MANIFEST_FILE;
export const SEARCH_SCRIPT_FILE = 'assets/static-search.js';

/** Where a site path (with its query) lives in the export, relative to its root. */
export function fileFor(sitePath: string): string {
  const [p = '/', query] = splitQuery(sitePath);
  const clean = p.replace(/^\/+/, '').replace(/\/+$/, '');
  // Files (assets, covers, feeds) keep their name; a query (an asset's ?v=) is dropped.
  if (/\.[a-z0-9]{2,5}$/i.test(clean)) return clean;
  const dir = clean ? `${clean}/` : '';
  // A page with a query (the film list's next page) gets a folder of its own.
  return query
    ? `${dir}q-${Buffer.from(query).toString('base64url')}/index.html`
    : `${dir}index.html`;
}

function splitQuery(s: string): [string, string | undefined] {
  const i = s.indexOf('?');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1) || undefined];
}

/** The link from the page in `fromFile` to the site path `to` (fragment kept). */
export function relativeLink(fromFile: string, to: string): string {
  const hash = to.indexOf('#');
  const fragment = hash >= 0 ? to.slice(hash) : '';
  const target = fileFor(hash >= 0 ? to.slice(0, hash) : to);
  const fromDir = path.posix.dirname(fromFile);
  let rel = path.posix.relative(fromDir === '.' ? '' : fromDir, target);
  if (rel.endsWith('index.html')) rel = rel.slice(0, -'index.html'.length);
  if (rel === '') rel = './';
  return `${rel}${fragment}`;
}

const ATTR = /(\s(?:href|src|action))="([^"]*)"/g;

/** The site paths an HTML page links to (root-relative links only). */
export function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(ATTR)) {
    const v = decodeEntities(m[2] as string);
    if (v.startsWith('/') && !v.startsWith('//')) out.push(v.split('#')[0] as string);
  }
  return out;
}

function decodeEntities(v: string): string {
  return v
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function encodeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Rewrites a page's root-relative links for the static site; drops links to server pages. */
export function rewritePage(html: string, file: string, dropped: Set<string>): string {
  let out = html.replace(ATTR, (all, attr: string, raw: string) => {
    const v = decodeEntities(raw);
    if (!v.startsWith('/') || v.startsWith('//')) return all;
    if (SERVER_ONLY.test(v)) {
      dropped.add(v.split('#')[0] as string);
      // an anchor without href is a placeholder: the text stays, the dead link goes
      return attr.trim() === 'href' ? '' : all;
    }
    return `${attr}="${encodeAttr(relativeLink(file, v))}"`;
  });
  // what was a link to a server page is plain text now
  out = out.replace(/<a>([^<]*)<\/a>/g, '<span>$1</span>');
  // Suggestions ask the API, which a static host does not have; the search page answers.
  out = out.replace(/\sdata-suggest="[^"]*"/g, '');
  if (file === fileFor('/search')) {
    const script = relativeLink(file, `/${SEARCH_SCRIPT_FILE}`);
    const index = relativeLink(file, `/${SEARCH_INDEX_FILE}`);
    out = out.replace(
      '</main>',
      `<div id="static-search" data-index="${index}" data-site-root="${relativeLink(file, '/')}"></div></main>`,
    );
    out = out.replace('</head>', `<script src="${script}" defer></script></head>`);
  }
  return out;
}

function isHtml(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').startsWith('text/html');
}

/** The `<loc>` paths of a sitemap or the links of a feed that belong to this site. */
function linksInXml(xml: string, publicUrl: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/(?:<loc>|<link>|href=")([^<"]+)/g)) {
    const v = (m[1] as string).replace(/&amp;/g, '&');
    if (v.startsWith(`${publicUrl}/`) || v === publicUrl) {
      const p = v.slice(publicUrl.length) || '/';
      out.push(p.split('#')[0] as string);
    }
  }
  return out;
}

export async function exportSite(opts: ExportOptions): Promise<ExportReport> {
  const root = path.resolve(opts.dir);
  await fs.rm(root, { recursive: true, force: true });
  await fs.mkdir(root, { recursive: true });
  const queue = [...SEEDS];
  const seen = new Set<string>(queue);
  const written = new Set<string>();
  const dropped = new Set<string>();
  let pages = 0;
  let bytes = 0;
  const write = async (file: string, body: string | Uint8Array) => {
    const full = path.join(root, file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, body);
    written.add(file);
    bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  };
  const enqueue = (p: string) => {
    if (SERVER_ONLY.test(p) || seen.has(p)) return;
    seen.add(p);
    queue.push(p);
  };

  for (let i = 0; i < queue.length; i++) {
    const sitePath = queue[i] as string;
    opts.onProgress?.(i, queue.length);
    const res = await opts.fetch(sitePath);
    if (res.status !== 200) {
      throw new Error(
        `export: ${sitePath} answered ${res.status}${
          i < SEEDS.length ? '' : ` (linked from an exported page)`
        }`,
      );
    }
    const file = fileFor(sitePath);
    if (isHtml(res)) {
      const html = await res.text();
      for (const l of linksIn(html)) enqueue(l);
      await write(file, rewritePage(html, file, dropped));
      pages++;
    } else if (/xml/.test(res.headers.get('content-type') ?? '')) {
      const xml = await res.text();
      for (const l of linksInXml(xml, opts.publicUrl)) enqueue(l);
      await write(file, xml);
    } else {
      await write(file, new Uint8Array(await res.arrayBuffer()));
    }
  }
  opts.onProgress?.(queue.length, queue.length);

  const before = bytes;
  const { index } = SearchIndex.fromSnapshot(await opts.searchSnapshot());
  const manifest = await writeParts(
    index,
    (docs) => SearchIndex.build(docs),
    (name, body) => write(`${SEARCH_DIR}/${name}`, body),
  );
  await write(SEARCH_INDEX_FILE, JSON.stringify(manifest));
  const indexBytes = bytes - before;
  await write(SEARCH_SCRIPT_FILE, await opts.searchScript());
  return {
    pages,
    files: written.size,
    bytes,
    indexBytes,
    indexParts: manifest.prefixes.length,
    largestPartBytes: Math.max(0, ...manifest.bytes),
    dropped: [...dropped].sort(),
  };
}
