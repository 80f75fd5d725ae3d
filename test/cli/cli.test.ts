/** The `kinoteka` command as a user runs it: a real process, a real SQLite file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
      KINOTEKA_CONTENT_DIR: CONTENT_DIR,
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kinoteka CLI', () => {
  it('prints help naming its commands', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'db', 'content', 'films', 'collections'])
      expect(r.out).toContain(cmd);
  });

  // One process per test, in order (each step needs the one before): a test never waits on
  // more than one start of the CLI, so no step is held to a budget meant for one.
  describe('migrates, loads content idempotently, and lists films', () => {
    it('applies the migrations', () => {
      expect(run(['db', 'migrate']).out).toContain(
        'applied: 20261127T0100_catalogue, 20261127T0200_knowledge',
      );
    });
    it('finds nothing to migrate the second time', () => {
      expect(run(['db', 'migrate']).out).toContain('already up to date');
    });
    it('loads the content', () => {
      const first = run(['content', 'load', '--json']);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.out).films.added).toBe(10);
    });
    it('changes nothing when loading the same content again', () => {
      expect(run(['content', 'load']).out).toContain('nothing changed');
    });
    it('lists the films of a decade as JSON', () => {
      const list = run(['films', 'list', '--decade', '1920', '--json']);
      expect(JSON.parse(list.out)).toMatchObject({
        total: 1,
        data: [{ slug: 'mother-1926', original_title: 'Мать' }],
      });
    });
    it('lists the films as a table', () => {
      expect(run(['films', 'list']).out).toMatch(
        /1957\s+the-cranes-are-flying-1957\s+The Cranes Are Flying\s+Летят журавли/,
      );
    });
  });

  describe('shows a collection', () => {
    it('as a table', () => {
      const r = run(['collections', 'show', 'mothers-in-soviet-cinema']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/9\s+Mother\s+1990/);
    });
    it('as JSON', () => {
      const j = JSON.parse(run(['collections', 'show', 'mothers-in-soviet-cinema', '--json']).out);
      expect(j.entries).toHaveLength(10);
    });
    it('and exits 1 for a slug it does not know', () => {
      const missing = run(['collections', 'show', 'nope']);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('No collection with the slug "nope".');
    });
  });

  describe('content check prints file:line problems and exits non-zero', () => {
    let bad: string;
    beforeAll(() => {
      bad = path.join(dir, 'content');
      fs.cpSync(CONTENT_DIR, bad, { recursive: true });
      const f = path.join(bad, 'films/mother-1926.yaml');
      fs.writeFileSync(
        f,
        fs.readFileSync(f, 'utf8').replace(/^year: 1926$/m, 'year: 1926\nrating: 5'),
      );
    });
    it('names the file and line of an unknown field, exit code 1', () => {
      const r = run(['content', 'check', '--dir', bad]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^films\/mother-1926\.yaml:3: .*rating/m);
    });
    it('refuses to load that content, exit code 1', () => {
      const load = run(['content', 'load', '--dir', bad]);
      expect(load.code).toBe(1);
      expect(load.err).toMatch(/nothing was loaded/);
    });
    it('says ok for the default content', () => {
      const r = run(['content', 'check']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^ok: 10 films, 1 collection and \d+ person files in /m);
    });
  });

  it('stops on bad configuration, listing every problem', () => {
    const r = run(['films', 'list'], { KINOTEKA_PORT: 'x', KINOTEKA_DATABASE_URL: 'mysql://db' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('KINOTEKA_PORT');
    expect(r.err).toContain('KINOTEKA_DATABASE_URL');
  });

  // In order: the collection checked second is the draft the import writes.
  describe('imports the seed list and checks it: contradictions make the exit code 1', () => {
    it('imports the list as a draft collection, naming what it could not resolve', () => {
      const seed = path.resolve(import.meta.dirname, '../fixtures/lists/soviet-mothers.txt');
      const imp = run(['import', 'list', seed]);
      expect(imp.code).toBe(0);
      expect(imp.out).toMatch(/The Mother \(1975\)\s+unresolved\s+mother-1990/);
      expect(imp.out).toContain(
        'draft collection "soviet-mothers": 9 resolved, 0 ambiguous, 1 unresolved',
      );
    });
    it('checks the imported draft: a contradicted fact, exit code 1', () => {
      const check = run(['check', 'collection', 'soviet-mothers']);
      expect(check.code).toBe(1);
      // The table fits 80 columns when piped: long cells wrap onto more lines.
      for (const line of check.out.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
      expect(check.out).toMatch(/^10\. The Ascent\s+CONTRADICTED\s+The film won the/m);
    });
    it('checks the curated collection: nothing contradicted', () => {
      const r = run(['check', 'collection', 'mothers-in-soviet-cinema', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).counts.contradicted).toBe(0);
    });
    it('checks one claim about one film', () => {
      const claim = run([
        'check',
        'claim',
        '--film',
        'the-forty-first-1956',
        'The film was remade in 1975.',
      ]);
      expect(claim.out).toMatch(/^unsupported: The film was remade in 1975/m);
    });
  });

  describe('loads a Wikidata dump', () => {
    const dump = path.resolve(import.meta.dirname, '../fixtures/wikidata/films.json');
    it('with --only, just the items named', () => {
      const r = run(['kb', 'load-wikidata', dump, '--only', 'Q900020', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).films).toBe(1);
    });
    it('whole', () => {
      const r = run(['kb', 'load-wikidata', dump, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).films).toBeGreaterThan(1);
    });
    it('and names the file and line where a truncated dump stops, exit code 1', () => {
      const bad = run(['kb', 'load-wikidata', path.join(path.dirname(dump), 'truncated.json')]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/truncated\.json:5/);
    });
  });

  describe('rolls back the last migration', () => {
    const last = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../src/db/migrations'))
      .filter((f) => /^\d{8}T\d{4}_.+\.ts$/.test(f))
      .sort()
      .at(-1)!
      .replace(/\.ts$/, '');
    it('rolls it back', () => {
      const r = run(['db', 'rollback']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`rolled back: ${last}`);
    });
    it('and applies it again', () => {
      expect(run(['db', 'migrate']).out).toContain(`applied: ${last}`);
    });
  });
});
