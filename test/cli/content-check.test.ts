/**
 * `kinoteka content check` over person files, as a user runs it (a real process): the summary
 * counts them beside films and collections, and a broken one is named at its file and line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const yamlIn = (folder: string) =>
  fs.readdirSync(path.join(CONTENT_DIR, folder)).filter((n) => n.endsWith('.yaml')).length;

/** A copy of the default content, changed by `edit`. */
function contentCopy(name: string, edit: (root: string) => void): string {
  const root = path.join(dir, name);
  fs.cpSync(CONTENT_DIR, root, { recursive: true });
  edit(root);
  return root;
}

function rewrite(file: string, from: RegExp, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  expect(text, `${file} has ${from}`).toMatch(from);
  fs.writeFileSync(file, text.replace(from, to));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-content-check-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kinoteka content check: person files', () => {
  it('counts the person files beside films and collections', () => {
    const people = yamlIn('people');
    expect(people).toBeGreaterThan(1);
    const r = run(['content', 'check']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      `ok: ${yamlIn('films')} films, ${yamlIn('collections')} collection${yamlIn('collections') === 1 ? '' : 's'} and ${people} person files in ${CONTENT_DIR}`,
    );
    const json = JSON.parse(run(['content', 'check', '--json']).out);
    expect(json).toMatchObject({ people, problems: [] });
  });

  it('one person file fewer is one fewer in the count; none at all is "0 person files"', () => {
    const fewer = contentCopy('fewer', (root) =>
      fs.rmSync(path.join(root, 'people/mark-donskoy.yaml')),
    );
    expect(run(['content', 'check', '--dir', fewer]).out).toContain(
      ` and ${yamlIn('people') - 1} person files in ${fewer}`,
    );
    const none = contentCopy('none', (root) =>
      fs.rmSync(path.join(root, 'people'), { recursive: true }),
    );
    const r = run(['content', 'check', '--dir', none]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(` and 0 person files in ${none}`);
  });

  it('a date that is no calendar date: the file and line, exit code 1, no count', () => {
    const bad = contentCopy('bad-date', (root) =>
      rewrite(path.join(root, 'people/mark-donskoy.yaml'), /date: 1901-03-06/, 'date: 1901-02-30'),
    );
    const line =
      fs
        .readFileSync(path.join(bad, 'people/mark-donskoy.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('1901-02-30')) + 1;
    const r = run(['content', 'check', '--dir', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(`^people/mark-donskoy\\.yaml:${line}: born\\.date: .*calendar date`, 'm'),
    );
    expect(r.out).toMatch(
      new RegExp(`^1 problem in ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
    );
    expect(r.out).not.toContain('ok:');
  });

  it('a person file for nobody the films credit, a YAML error and a stray file are each named', () => {
    const bad = contentCopy('bad-files', (root) => {
      const donskoy = fs.readFileSync(path.join(root, 'people/mark-donskoy.yaml'), 'utf8');
      fs.writeFileSync(
        path.join(root, 'people/nobody-credited.yaml'),
        donskoy.replace('slug: mark-donskoy', 'slug: nobody-credited'),
      );
      fs.writeFileSync(path.join(root, 'people/broken.yaml'), 'slug: broken\nname: [unclosed\n');
      fs.writeFileSync(path.join(root, 'people/notes.txt'), 'not a content file\n');
    });
    const r = run(['content', 'check', '--dir', bad, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const { problems } = JSON.parse(r.out) as { problems: { where: string; message: string }[] };
    const where = (file: string) => problems.filter((p) => p.where.startsWith(file));
    expect(where('people/nobody-credited.yaml:1')[0]?.message).toMatch(
      /no film credits a person "nobody-credited"/,
    );
    expect(where('people/broken.yaml:')[0]?.message).toMatch(/^YAML syntax/);
    expect(where('people/notes.txt')[0]?.message).toMatch(/\.yaml/);
  });
});
