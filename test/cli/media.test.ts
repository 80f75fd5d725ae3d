/** `kinoteka media demo|scan|list` and `kinoteka jobs list` as a user runs them. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;
let demo: string;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
      KINOTEKA_CONTENT_DIR: CONTENT_DIR,
      KINOTEKA_MEDIA_ROOTS: demo,
      KINOTEKA_LOG_LEVEL: 'silent',
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-cli-media-'));
  demo = path.join(dir, 'demo');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// One process per test, in order: each step needs the one before.
describe('kinoteka media and jobs', () => {
  it('writes the demo library', () => {
    const r = run(['media', 'demo', demo, '--seconds', '3']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Mother (1926)');
    expect(fs.existsSync(path.join(demo, 'DEMO-MEDIA.txt'))).toBe(true);
  });
  it('loads the catalogue to match against', () => {
    expect(run(['content', 'load']).code).toBe(0);
  });
  it('scans the configured root, matches the demo films and runs the probes', () => {
    const r = run(['media', 'scan', '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.matched).toBe(2);
    expect(report.unmatched).toEqual([]);
    expect(report.jobs).toBeGreaterThanOrEqual(2);
  });
  it('lists the videos with their tracks', () => {
    const r = run(['media', 'list', '--json']);
    expect(r.code, r.err).toBe(0);
    const files = JSON.parse(r.out) as { film: string; probe: string; audio: string[] }[];
    const mother = files.find((f) => f.film === 'mother-1926')!;
    expect(mother.probe).toBe('done');
    expect(mother.audio).toEqual(['Russian original', 'English dub']);
    expect(run(['media', 'list']).out).toContain('the-cranes-are-flying-1957');
  });
  it('lists the jobs it ran', () => {
    const r = run(['jobs', 'list']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/queued: 0\s+running: 0\s+done: \d+\s+failed: 0/);
    expect(r.out).toContain('media.probe');
    expect(run(['jobs', 'list', '--state', 'sleeping']).code).toBe(2);
  });
  it('refuses to scan without roots', () => {
    const r = run(['media', 'scan'], { KINOTEKA_MEDIA_ROOTS: '' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('KINOTEKA_MEDIA_ROOTS');
  });
});
