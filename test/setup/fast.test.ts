/** The `fast` project's guard (test/setup/fast.ts): each thing it refuses, refused. */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { createDb } from '../../src/db/index.ts';

it('refuses to open a SQLite file', () => {
  expect(() => createDb({ kind: 'sqlite', file: '/nonexistent/fast.db' })).toThrow(
    /^SQLite in a test of the `fast` project: list the file in the `db` project/,
  );
});

it('refuses to connect to PostgreSQL', () => {
  expect(() =>
    createDb({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'x' }),
  ).toThrow(/^PostgreSQL in a test of the `fast` project/);
});

it('refuses to start a process, by any of the calls', async () => {
  expect(() => spawnSync('ffmpeg', ['-version'])).toThrow(/A child process \(ffmpeg\)/);
  await expect(promisify(execFile)('espeak-ng', ['--version'])).rejects.toThrow(
    /A child process \(espeak-ng\)/,
  );
});
