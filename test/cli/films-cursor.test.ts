/** `kinoteka films list` pages by cursor: following `next` gives every film once, in order. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
      KINOTEKA_CONTENT_DIR: CONTENT_DIR,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('films list --cursor', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-cursor-'));
    expect(run(['content', 'load']).code).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows next to the end, and names the filters again in its hint', () => {
    const all = JSON.parse(run(['films', 'list', '--json', '--per-page', '100']).out) as {
      data: { slug: string }[];
    };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = run([
        'films',
        'list',
        '--json',
        '--per-page',
        '4',
        ...(cursor ? ['--cursor', cursor] : []),
      ]);
      expect(r.code, r.err).toBe(0);
      const page = JSON.parse(r.out) as { data: { slug: string }[]; next: string | null };
      seen.push(...page.data.map((f) => f.slug));
      cursor = page.next;
    } while (cursor && seen.length < 100);
    expect(seen).toEqual(all.data.map((f) => f.slug));
    const text = run(['films', 'list', '--per-page', '2', '--country', 'su']).out;
    expect(text).toMatch(/^next: kinoteka films list --country SU --per-page 2 --cursor \S+$/m);
    expect(run(['films', 'list', '--cursor', 'nonsense']).err).toMatch(/^cursor: /m);
  });
});
