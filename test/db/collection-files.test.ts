/**
 * The file round trip, on SQLite and PostgreSQL: a collection edited in the browser, exported
 * to the content format and loaded back, changes nothing; a change made in the file is loaded
 * while the browser has not edited since; when both changed, the load reports a conflict at
 * the file and writes nothing. The Letterboxd export reads back as the same films in order.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/errors.ts';
import type { User } from '../../src/modules/accounts/index.ts';
import { parseLetterboxdCsv } from '../../src/modules/imports/index.ts';
import { DIALECTS, CONTENT_DIR } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

describe.each(DIALECTS)('collections as files (%s)', (dialect) => {
  let app: TestApp;
  let dir: string;
  let curator: User;
  let slug: string;
  const file = () => path.join(dir, 'collections', `${slug}.yaml`);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kt-files-'));
    await fs.cp(CONTENT_DIR, dir, { recursive: true });
    app = await createTestApp(dialect, { contentDir: dir });
    curator = await app.services.accounts.addUserFromCli({
      email: 'files@example.org',
      username: 'files',
      password: 'correct horse battery',
      role: 'curator',
    });
    const drafts = app.services.drafts;
    slug = await drafts.create(curator, { title: 'Cranes, mothers', intro: 'Two films.' });
    let d = await drafts.get(curator, slug);
    d = await drafts.apply(
      curator,
      slug,
      { version: d.version },
      {
        kind: 'import',
        entries: [
          { film: 'mother-1926', listedAs: 'Мать (1926)', note: "Pudovkin's silent film." },
          {
            film: 'the-cranes-are-flying-1957',
            note: 'Veronika waits, "across" two lines.\nSecond line.',
            fact: "It won the Palme d'Or in 1958.",
          },
        ],
      },
    );
    const cranes = d.entries[1]!.id;
    d = await drafts.apply(
      curator,
      slug,
      { version: d.version },
      { kind: 'move', entry: cranes, to: 1 },
    );
    await drafts.apply(
      curator,
      slug,
      { version: d.version },
      {
        kind: 'source',
        entry: cranes,
        source: {
          url: 'https://www.festival-cannes.com/en/1958',
          title: 'Festival de Cannes 1958',
          publisher: 'Festival de Cannes',
          accessedOn: '2026-12-01',
        },
      },
    );
  });

  afterAll(async () => {
    await app?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const snapshot = async () => {
    const db = app.testDb.kysely;
    return {
      collections: await db.selectFrom('collections').selectAll().orderBy('id').execute(),
      entries: await db.selectFrom('collection_entries').selectAll().orderBy('id').execute(),
      cited: await db
        .selectFrom('entry_fact_sources')
        .selectAll()
        .orderBy('entry_id')
        .orderBy('source_id')
        .execute(),
      sources: await db.selectFrom('sources').selectAll().orderBy('id').execute(),
    };
  };
  const exportTo = async () => {
    const { text } = await app.services.collectionFiles.contentYaml(slug);
    await fs.writeFile(file(), text);
    return text;
  };
  const conflictOf = async () => {
    try {
      await app.services.content.load(dir);
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
    throw new Error('expected the load to report a conflict');
  };

  it('exports the collection as a content file and loads it back with no change', async () => {
    const text = await exportTo();
    expect(text).toContain(`slug: ${slug}`);
    expect(text).toContain('status: draft');
    expect(text).toMatch(/exported:\n\s+version: 4\n/);
    expect(text).toContain('listedAs: Мать (1926)');
    expect(text.indexOf('the-cranes-are-flying-1957')).toBeLessThan(text.indexOf('mother-1926'));
    const before = await snapshot();
    const report = await app.services.content.load(dir);
    expect(report.changed).toBe(false);
    expect(report.collections.added + report.collections.updated).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('loads a change made in the file while the browser has not edited since', async () => {
    await fs.writeFile(
      file(),
      (await fs.readFile(file(), 'utf8')).replace("Pudovkin's silent film.", 'After Gorky.'),
    );
    const report = await app.services.content.load(dir);
    expect(report.collections.updated).toBe(1);
    const d = await app.services.drafts.get(curator, slug);
    expect(d.entries.map((e) => e.note)).toEqual([
      'Veronika waits, "across" two lines.\nSecond line.',
      'After Gorky.',
    ]);
    expect(d.version).toBe(5);
    expect(d.entries[0]?.sources.map((s) => s.url)).toEqual([
      'https://www.festival-cannes.com/en/1958',
    ]);
    // The same file again: nothing to do.
    expect((await app.services.content.load(dir)).changed).toBe(false);
  });

  it('reports a conflict, and writes nothing, when the file and the browser both changed', async () => {
    const drafts = app.services.drafts;
    const d = await drafts.get(curator, slug);
    await drafts.apply(
      curator,
      slug,
      { version: d.version, title: 'Edited in the browser' },
      {
        kind: 'save',
      },
    );
    await fs.writeFile(
      file(),
      (await fs.readFile(file(), 'utf8')).replace(
        'intro: Two films.',
        'intro: Edited in the file.',
      ),
    );
    const before = await snapshot();
    const e = await conflictOf();
    expect(e.problems).toEqual([
      {
        where: `collections/${slug}.yaml`,
        message: expect.stringMatching(
          /^collection "cranes-mothers" was edited in the browser since this file was last loaded \(file from version 5, the database is at version 6\); nothing was loaded/,
        ),
      },
    ]);
    expect(await snapshot()).toEqual(before);
    const now = await drafts.get(curator, slug);
    expect([now.title, now.intro]).toEqual(['Edited in the browser', 'Two films.']);
  });

  it('keeps browser edits made after an export that the file has not changed since', async () => {
    await exportTo();
    const drafts = app.services.drafts;
    const d = await drafts.get(curator, slug);
    await drafts.apply(
      curator,
      slug,
      { version: d.version, intro: 'Newer, from the browser.' },
      {
        kind: 'save',
      },
    );
    const report = await app.services.content.load(dir);
    expect(report.collections.updated).toBe(0);
    expect((await drafts.get(curator, slug)).intro).toBe('Newer, from the browser.');
    // …but a change to that exported file now conflicts, naming the export's version.
    await fs.writeFile(
      file(),
      (await fs.readFile(file(), 'utf8')).replace('After Gorky.', 'Changed in the file.'),
    );
    const e = await conflictOf();
    expect(e.problems[0]?.message).toMatch(
      /was edited in the browser since this file was exported \(file from version 6, the database is at version 7\)/,
    );
  });

  it('exports a hand-written published collection (corrections, origin) that loads back unchanged', async () => {
    await exportTo(); // the draft's file from the test before still conflicts
    const seed = 'mothers-in-soviet-cinema';
    const { file: rel, text } = await app.services.collectionFiles.contentYaml(seed);
    expect(text).toContain('status: published');
    expect(text).toContain('corrections:');
    await fs.writeFile(path.join(dir, rel), text);
    const before = await snapshot();
    const report = await app.services.content.load(dir);
    expect(report.collections.updated + report.collections.added).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('exports Letterboxd CSV that reads back as the same films in the same order', async () => {
    const csv = await app.services.collectionFiles.letterboxdCsv(slug);
    const list = parseLetterboxdCsv(csv, `${slug}.csv`);
    expect(list.entries.map((e) => [e.title, e.year])).toEqual([
      ['The Cranes Are Flying', 1957],
      ['Mother', 1926],
    ]);
    expect(list.entries[0]?.description?.text).toBe(
      'Veronika waits, "across" two lines.\nSecond line.\n\nIt won the Palme d\'Or in 1958.',
    );
  });
});
