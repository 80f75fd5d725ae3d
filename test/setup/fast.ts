/**
 * The `fast` project's promise, kept: its tests need nothing outside Node — no database and no
 * child process (so no ffmpeg, espeak-ng or sox). A fast test that reaches for one fails here,
 * saying where it belongs, rather than passing only on machines that happen to have the program.
 */
import { vi } from 'vitest';

function refuse(what: string): never {
  throw new Error(
    `${what} in a test of the \`fast\` project: list the file in the \`db\` project (vitest.config.ts)`,
  );
}

vi.mock('better-sqlite3', () => ({
  default: class {
    constructor() {
      refuse('SQLite');
    }
  },
}));

vi.mock('pg', async (importOriginal) => {
  const pg = ((await importOriginal()) as { default: Record<string, unknown> }).default;
  class Refused {
    constructor() {
      refuse('PostgreSQL');
    }
  }
  const mocked = { ...pg, Client: Refused, Pool: Refused };
  return { ...mocked, default: mocked };
});

async function noChildProcesses(importOriginal: () => Promise<unknown>) {
  const cp = (await importOriginal()) as Record<string, unknown>;
  const mocked: Record<string, unknown> = { ...cp };
  for (const name of [
    'spawn',
    'spawnSync',
    'exec',
    'execSync',
    'execFile',
    'execFileSync',
    'fork',
  ]) {
    mocked[name] = (file: unknown) => refuse(`A child process (${String(file)})`);
  }
  return { ...mocked, default: mocked };
}
vi.mock('node:child_process', noChildProcesses);
vi.mock('child_process', noChildProcesses);
