/**
 * The Wikidata dump loader on the formats dumps are published in (.json.bz2 through the
 * system's bzip2, as a stream), and its link to the catalogue by IMDb id (P345): an item whose
 * IMDb id a catalogue film carries (content-managed and linked by `import imdb`, or imported)
 * adds its statements to that film, with no title or year in common needed. On SQLite and
 * PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWikidataFile } from '../../src/modules/facts/kb/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { gzFixtures } from '../fixtures/imdb/small.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/wikidata');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-wd-dumps-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function bzip2(file: string, out: string): string {
  const r = spawnSync('bzip2', ['-c', file], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bzip2 failed: ${r.stderr.toString()}`);
  fs.writeFileSync(out, r.stdout);
  return out;
}

const snak = (property: string, datavalue: unknown, datatype: string) => ({
  mainsnak: { snaktype: 'value', property, datavalue, datatype },
  type: 'statement',
  rank: 'normal',
});
/** A film item known only by a label no catalogue title has, its release date and an IMDb id. */
function filmItem(id: string, label: string, imdb: string, date: string) {
  return {
    type: 'item',
    id,
    labels: { en: { language: 'en', value: label } },
    claims: {
      P31: [
        snak(
          'P31',
          {
            value: { 'entity-type': 'item', 'numeric-id': 11424, id: 'Q11424' },
            type: 'wikibase-entityid',
          },
          'wikibase-item',
        ),
      ],
      P345: [snak('P345', { value: imdb, type: 'string' }, 'external-id')],
      P577: [
        snak(
          'P577',
          {
            value: {
              time: `+${date}T00:00:00Z`,
              timezone: 0,
              before: 0,
              after: 0,
              precision: 11,
              calendarmodel: 'http://www.wikidata.org/entity/Q1985727',
            },
            type: 'time',
          },
          'time',
        ),
      ],
    },
  };
}

describe('Wikidata dumps as .json.bz2', () => {
  it('reads a bzip2 dump as a stream, the same as the plain file', async () => {
    const plain = await loadWikidataFile(path.join(FIXTURES, 'films.json'));
    const bz = await loadWikidataFile(
      bzip2(path.join(FIXTURES, 'films.json'), path.join(tmp, 'films.json.bz2')),
    );
    expect(bz.films).toEqual(plain.films);
    expect(bz.statements.map((s) => s.id)).toEqual(plain.statements.map((s) => s.id));
    expect(bz.stats).toEqual(plain.stats);
  });

  it('a truncated bzip2 dump is an error naming the file, not a partial load', async () => {
    const whole = fs.readFileSync(
      bzip2(path.join(FIXTURES, 'films.json'), path.join(tmp, 'whole.json.bz2')),
    );
    const cut = path.join(tmp, 'cut.json.bz2');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(loadWikidataFile(cut)).rejects.toThrow(/cut\.json\.bz2(:\d+)?: /);
  });
});

describe.each(DIALECTS)('Wikidata items linked by IMDb id on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    await app.services.imdb.import(gzFixtures());
  }, 60_000);
  afterAll(() => app?.close());

  it('adds an item to the catalogue film with its IMDb id, content or imported', async () => {
    const dump = path.join(tmp, `imdb-${dialect}.json`);
    fs.writeFileSync(
      dump,
      [
        '[',
        `${JSON.stringify(filmItem('Q900098', 'Mat (silent picture)', 'tt0017128', '1926-10-11'))},`,
        `${JSON.stringify(filmItem('Q900099', 'Mother of the twenties', 'tt9000001', '1927-03-01'))},`,
        `${JSON.stringify(filmItem('Q900097', 'Nobody knows me', 'tt9999998', '1930-01-01'))}`,
        ']',
      ].join('\n'),
    );
    await app.services.knowledge.loadWikidata(dump);
    const kb = await app.services.knowledge.snapshot();
    // Content film mother-1926 (linked to tt0017128 by the IMDb import) takes the item.
    expect(kb.film('mother-1926')?.wikidata).toBe('Q900098');
    expect(kb.film('Q900098')).toBeUndefined();
    // The imported film has no knowledge file; the item becomes its record, under its slug.
    expect(kb.film('mother-1927-tt9000001')).toMatchObject({
      wikidata: 'Q900099',
      imdb: 'tt9000001',
      year: 1927,
    });
    // An IMDb id no catalogue film has leaves the item as it was.
    expect(kb.film('Q900097')).toMatchObject({ imdb: 'tt9999998' });
  });
});
