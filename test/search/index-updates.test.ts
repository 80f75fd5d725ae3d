/**
 * The search index kept current on the real application (SQLite): built in a worker thread,
 * saved as a snapshot, read back on restart, updated film by film when the catalogue changes
 * (the same answers as a full rebuild), and a snapshot of an older catalogue brought up to
 * date and replaced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildInWorker,
  SearchIndex,
  SearchService,
  snapshotMeta,
} from '../../src/modules/search/index.ts';
import { CATALOGUE } from '../fixtures/search/catalogue.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { CONTENT_DIR } from '../helpers/db.ts';

const QUERIES = [
  'Мать',
  'mat 1926',
  'mother',
  'letyat zhuravli',
  'shepitko',
  'sorok pervyy',
  'forty-first',
  'forty first shot',
  'zvezdopad',
  'chukhrai',
  'Чухрай',
];

describe('search index updates and snapshots', () => {
  let app: TestApp;
  let dir: string;
  let snapshotFile: string;
  const version = () => app.services.content.version();
  const fresh = async (service: SearchService) => SearchIndex.build(await service.documents());
  const answers = (index: { search: SearchIndex['search'] }) =>
    QUERIES.map((q) =>
      index.search(q, { limit: 10 }).map((h) => [h.slug, h.score, h.matchedTitle]),
    );
  const serviceAnswers = async (service: SearchService) => {
    const out = [];
    for (const q of QUERIES) {
      out.push(
        (await service.search(q, { limit: 10 })).map((r) => [r.film.slug, r.score, r.matchedTitle]),
      );
    }
    return out;
  };
  const newService = () => new SearchService(app.services.catalog, version, { snapshotFile });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-content-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    app = await createTestApp('sqlite', { contentDir: dir });
    snapshotFile = path.join(
      path.dirname(app.testDb.target.kind === 'sqlite' ? app.testDb.target.file : dir),
      'search.snapshot',
    );
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let before: Uint8Array;

  it('builds in a worker and saves a snapshot of the catalogue version', async () => {
    const service = newService();
    expect(await service.search('mat 1926')).not.toEqual([]);
    expect(service.origin).toBe('build');
    before = fs.readFileSync(snapshotFile);
    expect(snapshotMeta(before)).toMatchObject({ catalogueVersion: await version() });
    expect(await serviceAnswers(service)).toEqual(answers(await fresh(service)));
    await service.close();
  });

  it('a restart reads the snapshot back instead of building', async () => {
    const service = newService();
    const first = await serviceAnswers(service);
    expect(service.origin).toBe('snapshot');
    expect(first).toEqual(answers(await fresh(service)));
    await service.close();
  });

  it('updates film by film when the catalogue changes: the same answers as a rebuild', async () => {
    const service = newService();
    await service.search('mother');
    const forty = path.join(dir, 'films/the-forty-first-1956.yaml');
    const text = fs.readFileSync(forty, 'utf8');
    fs.writeFileSync(
      forty,
      text.replace('english: The Forty-First', 'english: The Forty-First Shot'),
    );
    fs.writeFileSync(
      path.join(dir, 'films/zvezdopad-1981.yaml'),
      text
        .replace('slug: the-forty-first-1956', 'slug: zvezdopad-1981')
        .replace('year: 1956', 'year: 1981')
        .replace('english: The Forty-First', 'english: Zvezdopad')
        .replace('text: Сорок первый', 'text: Звездопад')
        .replace('transliteration: Sorok pervyy', 'transliteration: Zvezdopad')
        .replace('- text: The 41st', '- text: Starfall'),
    );
    const v0 = await version();
    await app.services.content.load(dir);
    expect(await version()).not.toBe(v0);

    const report = await service.refresh();
    expect(report).toEqual({ added: 1, updated: 1, removed: 0, rebuilt: false });
    expect((await service.search('forty first shot'))[0]?.film.slug).toBe('the-forty-first-1956');
    expect((await service.search('zvezdopad'))[0]?.film.slug).toBe('zvezdopad-1981');
    expect(await serviceAnswers(service)).toEqual(answers(await fresh(service)));

    // and a removal
    fs.rmSync(path.join(dir, 'films/zvezdopad-1981.yaml'));
    await app.services.content.load(dir);
    expect(await service.search('zvezdopad')).toEqual([]);
    expect(await serviceAnswers(service)).toEqual(answers(await fresh(service)));
    await service.idle();
    await service.close();
  });

  it('a snapshot of an older catalogue is brought up to date, then replaced by a fresh build', async () => {
    fs.writeFileSync(snapshotFile, before);
    expect(snapshotMeta(before).catalogueVersion).not.toBe(await version());
    const service = newService();
    const got = await serviceAnswers(service);
    expect(service.origin).toBe('stale-snapshot');
    expect(got).toEqual(answers(await fresh(service)));
    expect((await service.search('forty first shot'))[0]?.film.slug).toBe('the-forty-first-1956');
    await service.idle();
    expect(service.origin).toBe('build');
    expect(snapshotMeta(fs.readFileSync(snapshotFile))).toMatchObject({
      catalogueVersion: await version(),
    });
    await service.close();
  });

  it('a broken snapshot file is ignored and rebuilt', async () => {
    fs.writeFileSync(snapshotFile, 'not a snapshot');
    const service = newService();
    expect((await service.search('mat 1926'))[0]?.film.slug).toBe('mother-1926');
    expect(service.origin).toBe('build');
    await service.close();
  });

  it('the worker builds while this thread keeps running', async () => {
    // enough documents that a build takes a while: the fixture's films, many times over
    const docs = Array.from({ length: 40 }, (_, i) =>
      CATALOGUE.map((d) => ({ ...d, slug: `${d.slug}-${i}` })),
    ).flat();
    let ticks = 0;
    let building = true;
    const tick = () => {
      ticks++;
      if (building) setImmediate(tick);
    };
    setImmediate(tick);
    const bytes = await buildInWorker(docs, { catalogueVersion: 'x' });
    building = false;
    const index = SearchIndex.fromSnapshot(bytes).index;
    expect(index.size).toBe(docs.length);
    expect(answers(index)).toEqual(answers(SearchIndex.build(docs)));
    // the event loop turned while the worker built (a build on this thread would block it)
    expect(ticks).toBeGreaterThan(5);
  });
});
