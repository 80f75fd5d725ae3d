/**
 * The mistakes of a new operator's first hour, made with the real `kinoteka` process: each ends
 * in one clear line naming the setting to change, never a stack trace (docs/troubleshooting.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.ts';
import { CONTENT_DIR } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KINOTEKA_DATABASE_URL: path.join(dir, 'k.db'),
    KINOTEKA_CONTENT_DIR: CONTENT_DIR,
    KINOTEKA_LOG_LEVEL: 'error',
    ...extra,
  };
}

function run(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: env(extra) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function runAsync(args: string[], extra: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(extra) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const STACK = /^\s+at /m;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-first-hour-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a database path that cannot be opened', () => {
  it('under a file: names the path and KINOTEKA_DATABASE_URL, exit 2', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const target = path.join(file, 'k.db');
    const r = run(['films', 'list'], { KINOTEKA_DATABASE_URL: target });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: cannot open the SQLite database ${target} (`);
    expect(r.err).toMatch(/^hint: set KINOTEKA_DATABASE_URL /m);
    expect(r.err).not.toMatch(STACK);
  });
  it('a folder: the same, exit 2', () => {
    const r = run(['films', 'list'], { KINOTEKA_DATABASE_URL: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: cannot open the SQLite database ${dir} (`);
    expect(r.err).not.toMatch(STACK);
  });
});

it('a port already taken names KINOTEKA_PORT and --port, exit 1', async () => {
  const taken = net.createServer();
  await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const r = await runAsync(['serve'], {
      KINOTEKA_PORT: String(port),
      KINOTEKA_HOST: '127.0.0.1',
      KINOTEKA_LOAD_CONTENT_ON_START: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: port ${port} on 127.0.0.1 is already in use`);
    expect(r.err).toMatch(/^hint: .*kinoteka serve --port \d+, or set KINOTEKA_PORT=\d+/m);
    expect(r.err).not.toMatch(STACK);
  } finally {
    taken.close();
  }
});

it('importing a list that does not exist says so in one line, exit 1', () => {
  const missing = path.join(dir, 'missing.txt');
  const r = run(['import', 'list', missing]);
  expect(r.code).toBe(1);
  expect(r.err.trim()).toBe(`error: cannot read ${missing}: no such file`);
});

it('warns about variables without the KINOTEKA_ prefix, and misspelt ones', () => {
  const r = run(['collections', 'list'], { PORT: '3000', KINOTEKA_DATABSE_URL: '/tmp/x.db' });
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/^warning: PORT is set but Kinoteka reads KINOTEKA_PORT/m);
  expect(r.err).toMatch(/^warning: KINOTEKA_DATABSE_URL .*did you mean KINOTEKA_DATABASE_URL\?/m);
  // DATABASE_URL is not set here, and the prefixed variable is: no warning about it.
  expect(r.err).not.toMatch(/warning: DATABASE_URL/);
});

it.each([
  [['films', 'list', '--access', 'subs']],
  [['films', 'list', '--decade', 'abc']],
  [['search', '--limit', 'x', 'mother']],
  [['filmz']],
])('a bad option or an unknown command exits 2: %j', (args) => {
  const r = run(args);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^error: /m);
  expect(r.err).not.toMatch(STACK);
});

it('--help lists every command with the summary its module gives it', async () => {
  const help = run(['--help']);
  expect(help.code).toBe(0);
  const flat = help.out.replace(/\s+/g, ' ');
  const full = await buildProgram([], { all: true });
  const names = full.commands.map((c) => c.name());
  expect(names).toEqual(expect.arrayContaining(['import', 'check', 'kb', 'search', 'subs']));
  for (const c of full.commands) expect(flat).toContain(` ${c.name()} ${c.description()}`);
});

describe('a typo in a content file, over a database that holds content', () => {
  it('serves what is loaded, names the broken file on the log and in /readyz', async () => {
    const db = path.join(dir, 'typo.db');
    expect(run(['content', 'load'], { KINOTEKA_DATABASE_URL: db }).code).toBe(0);
    const broken = path.join(dir, 'my-content');
    fs.cpSync(CONTENT_DIR, broken, { recursive: true });
    const f = path.join(broken, 'films/mother-1926.yaml');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/^year: 1926$/m, 'yaer: 1926'));

    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: env({
        KINOTEKA_DATABASE_URL: db,
        KINOTEKA_CONTENT_DIR: broken,
        KINOTEKA_PORT: '0',
        KINOTEKA_HOST: '127.0.0.1',
      }),
    });
    let err = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /running at (http:\/\/\S+?)\/? /.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on('close', () => reject(new Error(`serve exited:\n${err}`)));
      });
      expect(err).toContain(`The content in ${broken} has`);
      expect(err).toMatch(/Serving the 10 films already in the database/);
      expect(err).toMatch(/error: films\/mother-1926\.yaml:\d+: /);

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as {
        status: string;
        content: { state: string; dir: string };
        problems: { where: string }[];
      };
      expect(body.status).toBe('degraded');
      expect(body.content).toMatchObject({ state: 'stale', dir: broken });
      expect(body.problems.map((p) => p.where)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^films\/mother-1926\.yaml:\d+$/)]),
      );
      // The old content is still there, the film with the broken file included.
      expect((await fetch(`${url}/films/mother-1926`)).status).toBe(200);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      const icon = await fetch(`${url}/favicon.ico`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\//);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('names the folder passed when a collection lists a film it does not hold', () => {
    const broken = path.join(dir, 'other-content');
    fs.cpSync(CONTENT_DIR, broken, { recursive: true });
    fs.rmSync(path.join(broken, 'films/mother-1926.yaml'));
    const r = run(['content', 'check', '--dir', broken]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`no film "mother-1926" in ${path.join(broken, 'films')}/`);
  });
});
