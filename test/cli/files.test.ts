/**
 * `kinoteka import letterboxd` and `kinoteka content export` as a user runs them: real
 * processes on a real SQLite file. A Letterboxd list becomes a draft, the draft is exported as
 * a content file and as Letterboxd CSV, the folder loads back with no change, and a broken CSV
 * is refused naming its line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/lists/letterboxd-v7.csv');
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
      KINOTEKA_CONTENT_DIR: path.join(dir, 'content'),
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-files-'));
  fs.cpSync(CONTENT_DIR, path.join(dir, 'content'), { recursive: true });
  expect(run(['content', 'load']).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kinoteka import letterboxd, content export', () => {
  it('imports a Letterboxd list export as a draft, reporting what did not resolve', () => {
    const r = run(['import', 'letterboxd', FIXTURE, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as {
      collection: { slug: string; entries: number; title: string };
    };
    expect(out.collection).toMatchObject({
      slug: 'mothers-sons-and-cranes',
      title: 'Mothers, sons and cranes',
      entries: 3,
    });
  });

  it('refuses a broken CSV with the file and line', () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'Letterboxd list export v7\nDate,Name,Tags,URL,Description\n,,,,\n\nPosition,Name\n',
    );
    const r = run(['import', 'letterboxd', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${bad}:5: expected the entries header "Position,Name,Year,URL,Description"`,
    );
  });

  it('exports the draft as Letterboxd CSV and as a content file that loads back unchanged', () => {
    const csv = run(['content', 'export', 'mothers-sons-and-cranes', '--letterboxd']);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.split('\n').slice(0, 4)).toEqual([
      '\uFEFFPosition,Name,Year,Description',
      `1,Mother,1926,"Pudovkin's silent, after Gorky."`,
      '2,The House I Live In,1957,',
      '3,The Cranes Are Flying,1957,"Veronika waits.',
    ]);
    const yaml = run(['content', 'export']);
    expect(yaml.code, yaml.err).toBe(0);
    const file = path.join(dir, 'content', 'collections', 'mothers-sons-and-cranes.yaml');
    expect(yaml.out).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toContain('status: draft');
    const load = run(['content', 'load']);
    expect(load.code, load.err).toBe(0);
    expect(load.out).toContain('nothing changed');
  });
});
