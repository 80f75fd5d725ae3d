import { defineConfig } from 'vitest/config';

/**
 * Projects are named by what their tests need:
 * - `fast`: nothing outside Node (no database, no child process); `test/setup/fast.ts` makes a
 *   fast test that opens SQLite or PostgreSQL, or starts a process, fail with a pointer here;
 * - `db`: real programs of the machine: SQLite files, the PostgreSQL server, the `kinoteka`
 *   command as a child process, ffmpeg/ffprobe, espeak-ng and sox;
 * - `browser`: Chromium (Debian's) driving the running server.
 */
const DB = [
  // Tests beside the code that use the real programs.
  'src/cli/program.test.ts', // runs commands on a SQLite file
  'src/modules/catalog/catalog.repository.test.ts', // SQLite and PostgreSQL
  'src/modules/media/demo.test.ts', // ffmpeg
  'src/modules/media/probe.test.ts', // ffprobe on generated media
  'src/modules/subtitles/sync/sync.test.ts', // espeak-ng, sox, ffmpeg
  // Whole folders: the application on real databases, HTTP in-process, the CLI as a process.
  'test/cli/**/*.test.ts',
  'test/db/**/*.test.ts',
  'test/http/**/*.test.ts',
  'test/search/**/*.test.ts',
];
const BROWSER = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          setupFiles: ['test/setup/fast-check.ts', 'test/setup/fast.ts'],
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          exclude: [...DB, ...BROWSER, 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          setupFiles: ['test/setup/fast-check.ts'],
          include: DB,
          // One `kinoteka` process, one ffmpeg run or one database load per test; a fresh
          // PostgreSQL schema with content loaded per hook, on a busy two-core machine.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
