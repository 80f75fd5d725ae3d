/**
 * `kinoteka users add|list`: the first admin from the command line, the password read from
 * standard input (never an argument), refused when too short, and a duplicate refused.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
let dir: string;

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, KINOTEKA_DATABASE_URL: path.join(dir, 'k.db') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-users-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kinoteka users', () => {
  it('creates an admin with the password from stdin, lists it, refuses a duplicate and a short password', () => {
    const added = run(
      [
        'users',
        'add',
        '--role',
        'admin',
        '--email',
        'ada@example.org',
        '--username',
        'ada',
        '--json',
      ],
      'a long admin password\n',
    );
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ username: 'ada', role: 'admin' });

    const list = run(['users', 'list', '--json']);
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({ username: 'ada', email: 'ada@example.org', role: 'admin' }),
    ]);

    const again = run(
      ['users', 'add', '--email', 'ADA@example.org', '--username', 'ada2'],
      'another long password\n',
    );
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/email: is already in use/);

    const short = run(['users', 'add', '--email', 'bo@example.org', '--username', 'bo'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/password: must be at least 10 characters/);

    const badRole = run(
      ['users', 'add', '--role', 'owner', '--email', 'c@example.org', '--username', 'cy'],
      'a long enough password\n',
    );
    expect(badRole.code).toBe(2);
  });
});
