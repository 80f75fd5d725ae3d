/**
 * The CLI's exit codes, in-process: a usage error is 2 wherever it is caught (commander's own
 * parsing or a command's check), an application error is 1, help and version are 0.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../lib/errors.ts';
import { CliError, reportError, usageError } from './errors.ts';
import { runCli } from './program.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-program-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  if (!process.env.KINOTEKA_DATABASE_URL?.startsWith(dir)) {
    vi.stubEnv('KINOTEKA_DATABASE_URL', path.join(dir, 'k.db'));
  }
  vi.stubEnv('KINOTEKA_LOG_LEVEL', 'silent');
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  vi.spyOn(console, 'log').mockImplementation((...a) => void (out += `${a.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...a) => void (err += `${a.join(' ')}\n`));
  try {
    await runCli(['node', 'kinoteka', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, out, err };
}

describe('kinoteka exit codes', () => {
  it('help and version exit 0', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('films');
    expect((await cli('--version')).code).toBe(0);
  });

  it.each([
    [['films', 'list', '--decade', 'abc'], /decade must be a whole number/],
    [['films', 'list', '--decade', '1955'], /decade must be written like 1950/],
    [['films', 'list', '--access', 'subs'], /Allowed choices are subtitles, dub/],
    [['films', 'list', '--page', '1.5'], /page must be a whole number/],
    [['search', '--limit', 'ten', 'cranes'], /limit must be a whole number/],
    [['serve', '--port', 'x'], /port must be a whole number/],
    [['films', 'lsit'], /unknown command 'lsit'/],
    [['collections', 'show'], /missing required argument 'slug'/],
  ])('a bad option or argument exits 2: %j', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('bad configuration exits 2, naming the variable', async () => {
    vi.stubEnv('KINOTEKA_PORT', 'x');
    const r = await cli('films', 'list');
    expect(r.code).toBe(2);
    expect(r.err).toContain('KINOTEKA_PORT');
  });

  it('an application error exits 1 with its message', async () => {
    const r = await cli('collections', 'show', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: No collection with the slug "nope".');
  });

  it('db migrate and rollback report through the application', async () => {
    vi.stubEnv('KINOTEKA_DATABASE_URL', path.join(dir, 'fresh.db'));
    const up = await cli('db', 'migrate');
    expect(up.code).toBe(0);
    expect(up.out).toMatch(/^applied: 20261127T0100_catalogue, /m);
    expect((await cli('db', 'migrate')).out).toContain('already up to date');
    const down = await cli('db', 'rollback');
    expect(down.code).toBe(0);
    expect(down.out).toMatch(/^rolled back: \d{8}T\d{4}_\w+$/m);
  });
});

describe('reportError', () => {
  const report = (e: unknown) => {
    const lines: string[] = [];
    return { code: reportError(e, (l) => lines.push(l)), lines };
  };

  it('maps each kind of error to one exit code', () => {
    expect(report(new CliError('cannot read list.txt: ENOENT'))).toEqual({
      code: 1,
      lines: ['error: cannot read list.txt: ENOENT'],
    });
    expect(report(usageError('give a query')).code).toBe(2);
    expect(report(new CliError('not confident', 3)).code).toBe(3);
    expect(
      report(new NotFoundError('No film.', [{ where: 'films/x.yaml:3', message: 'unknown' }])),
    ).toEqual({ code: 1, lines: ['error: No film.', 'films/x.yaml:3: unknown'] });
    const bug = report(new TypeError('x is undefined'));
    expect(bug.code).toBe(1);
    expect(bug.lines[0]).toContain('TypeError: x is undefined');
  });
});
