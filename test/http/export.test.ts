/**
 * The static export served by a plain static file server and crawled like a visitor would:
 * every link, script, stylesheet, image and form action of every page, and every address of
 * the sitemap and the feeds, answers; every public page of the app is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportReport, fileFor, relativeLink } from '../../src/modules/export/index.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { exportTestSite } from '../helpers/export.ts';
import { type StaticServer, serveStatic } from '../helpers/static-server.ts';

const PUBLIC = 'http://kinoteka.test';

describe('static export', () => {
  let app: TestApp;
  let dir: string;
  let report: ExportReport;
  let server: StaticServer;

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    ({ dir, report } = await exportTestSite(app));
    server = await serveStatic(dir);
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a crawl of the served folder finds no broken link', async () => {
    const start = `${server.url}/`;
    const queue = [start];
    const seen = new Set(queue);
    const broken: string[] = [];
    const pages: string[] = [];
    const add = (link: string, from: string) => {
      const u = new URL(link, from);
      if (u.origin !== server.url) return;
      u.hash = '';
      const key = u.href;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    };
    for (let i = 0; i < queue.length; i++) {
      const url = queue[i]!;
      const res = await fetch(url);
      if (res.status !== 200) {
        broken.push(`${url} → ${res.status}`);
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      const body = await res.text();
      if (type.startsWith('text/html')) {
        pages.push(new URL(res.url).pathname);
        for (const m of body.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
          const v = m[1]!.replace(/&amp;/g, '&');
          if (!/^(https?:|mailto:|#)/.test(v) || v.startsWith(server.url)) add(v, res.url);
        }
      } else if (/xml/.test(type)) {
        // the sitemap and the feeds name pages by the public URL: the same paths here
        for (const m of body.matchAll(/(?:<loc>|<link>|href=")([^<"]+)/g)) {
          const v = m[1]!.replace(/&amp;/g, '&');
          if (v.startsWith(PUBLIC)) add(`${server.url}${v.slice(PUBLIC.length)}`, res.url);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(server.missing).toEqual([]);

    // every public page the app has is among what the crawl reached
    const sitemap = await (await app.http().request('/sitemap.xml')).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
      m[1]!.slice(PUBLIC.length),
    );
    expect(paths.length).toBeGreaterThan(20);
    const crawled = new Set(pages);
    for (const p of [...paths, '/search', '/collections/mothers-in-soviet-cinema/fact-check']) {
      expect(crawled, p).toContain(p === '/' ? '/' : `${p}/`);
    }
    expect(crawled.size).toBe(report.pages);
  });

  it('pages are the app’s own rendering, with links made relative', async () => {
    const live = await (await app.http().request('/films/mother-1926')).text();
    const file = fs.readFileSync(path.join(dir, 'films/mother-1926/index.html'), 'utf8');
    const h1 = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1];
    expect(h1(file)).toBe(h1(live));
    expect(file).toContain('href="../../people/vsevolod-pudovkin/"');
    expect(file).not.toMatch(/\s(?:href|src|action)="\/(?!\/)/);
    // what needs the server (the API, the workspace) is not linked
    expect(report.dropped).toEqual(expect.arrayContaining(['/workspace']));
    expect(file).not.toContain('data-suggest');
  });

  it('writes the feeds, the sitemap and a compact search index', () => {
    for (const f of [
      'sitemap.xml',
      'feeds/corrections.rss',
      'feeds/collections.atom',
      'collections/mothers-in-soviet-cinema/feed.rss',
      'assets/static-search.js',
    ])
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    // the search index: a manifest and the parts it names
    const manifest = JSON.parse(
      fs.readFileSync(path.join(dir, 'assets/search/manifest.json'), 'utf8'),
    ) as { films: number; prefixes: string[]; bytes: number[] };
    expect(manifest.films).toBeGreaterThanOrEqual(10);
    expect(manifest.prefixes.length).toBe(report.indexParts);
    const sizes = manifest.bytes.map((b, i) => {
      expect(fs.statSync(path.join(dir, `assets/search/${i}.bin`)).size).toBe(b);
      return b;
    });
    const total =
      sizes.reduce((a, b) => a + b, 0) +
      fs.statSync(path.join(dir, 'assets/search/manifest.json')).size;
    expect(total).toBe(report.indexBytes);
    expect(report.largestPartBytes).toBeLessThan(200_000);
  });

  it('maps site paths to files and links between them', () => {
    expect(fileFor('/')).toBe('index.html');
    expect(fileFor('/films/mother-1926')).toBe('films/mother-1926/index.html');
    expect(fileFor('/assets/site.css?v=abc')).toBe('assets/site.css');
    expect(fileFor('/films?page=2')).toMatch(/^films\/q-[A-Za-z0-9_-]+\/index\.html$/);
    expect(fileFor('/films?page=2')).not.toBe(fileFor('/films?page=3'));
    expect(relativeLink('films/mother-1926/index.html', '/')).toBe('../../');
    expect(relativeLink('index.html', '/films')).toBe('films/');
    expect(relativeLink('films/index.html', '/films#x')).toBe('./#x');
    expect(relativeLink('films/a/index.html', '/covers/films/a.svg')).toBe(
      '../../covers/films/a.svg',
    );
  });
});
