/** `kinoteka export site DIR` as a user runs it: a real process, a real SQLite file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MANIFEST_FILE,
  partFile,
  SEARCH_DIR,
  searchParts,
  type ShardManifest,
} from '../../src/modules/export/shards.ts';
import { SearchIndex } from '../../src/modules/search/index.ts';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
      KINOTEKA_CONTENT_DIR: CONTENT_DIR,
      KINOTEKA_PUBLIC_URL: 'https://films.example.org/archive',
      KINOTEKA_LOG_LEVEL: 'silent',
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-cli-export-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kinoteka export site', () => {
  it('loads the content, then writes the site with absolute URLs from KINOTEKA_PUBLIC_URL', async () => {
    expect(run(['content', 'load']).code).toBe(0);
    const out = path.join(dir, 'site');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.html'), 'from an earlier export');
    const r = run(['export', 'site', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.pages).toBeGreaterThan(20);
    expect(fs.existsSync(path.join(out, 'stale.html'))).toBe(false);
    const sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://films.example.org/archive/films/mother-1926</loc>');
    const rss = fs.readFileSync(path.join(out, 'feeds/corrections.rss'), 'utf8');
    expect(rss).toContain('xmlns:kinoteka="https://films.example.org/archive/ns/feed"');
    // the search index in parts, searched the way the browser's script reads them
    const manifest = JSON.parse(
      fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8'),
    ) as ShardManifest;
    const { hits } = await searchParts(
      manifest,
      'mat 1926',
      async (i) =>
        SearchIndex.fromSnapshot(fs.readFileSync(path.join(out, SEARCH_DIR, partFile(i)))).index,
      10,
    );
    expect(hits[0]?.hit.slug).toBe('mother-1926');
  });

  it('names a missing folder argument as a usage error', () => {
    const r = run(['export', 'site']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing required argument 'dir'/);
  });
});
