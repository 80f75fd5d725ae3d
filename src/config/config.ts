/**
 * Configuration: the environment, parsed once into a typed, frozen object. Nothing else in the
 * code reads process.env. Bad values stop start-up with every problem listed at once.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { editDistance } from '../lib/text/distance.ts';

const envSchema = z.object({
  KINOTEKA_DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/kinoteka.db')
    .refine(
      (v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v),
      'must be a SQLite file path or a postgres:// URL',
    ),
  /** PostgreSQL only: the schema to work in (default: the server's search_path). */
  KINOTEKA_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier (letters, digits, _)')
    .optional(),
  /** PostgreSQL only: connections this node's pool opens at most. */
  KINOTEKA_DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000)
    .optional(),
  /**
   * How often a node re-reads the catalogue version when it has no LISTEN connection
   * (SQLite, or PostgreSQL while the connection is down); with one, notifications are at once.
   */
  KINOTEKA_VERSION_POLL_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(50, 'must be at least 50 (ms)')
    .default(1000),
  KINOTEKA_PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be a TCP port (0-65535)')
    .default(8080),
  KINOTEKA_HOST: z.string().min(1).default('0.0.0.0'),
  KINOTEKA_CONTENT_DIR: z.string().min(1).default('./content'),
  KINOTEKA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  KINOTEKA_LOAD_CONTENT_ON_START: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  KINOTEKA_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  /** `json` (one object a line), `pretty` (plain text), `auto`: pretty on a terminal. */
  KINOTEKA_LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** How long a stopping server waits for requests in flight before it closes them. */
  KINOTEKA_SHUTDOWN_GRACE_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0)
    .default(10_000),
  /** Media roots, separated by commas or colons. */
  KINOTEKA_MEDIA_ROOTS: z.string().default(''),
  KINOTEKA_MEDIA_CACHE_DIR: z.string().min(1).optional(),
  KINOTEKA_MEDIA_CACHE_MB: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(16, 'must be at least 16 (MB)')
    .default(2048),
  KINOTEKA_MEDIA_WORKERS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1)
    .max(64)
    .default(2),
});

export interface Config {
  readonly database:
    | { readonly kind: 'sqlite'; readonly file: string }
    | {
        readonly kind: 'postgres';
        readonly url: string;
        readonly schema?: string;
        readonly poolSize?: number;
      };
  /** Catalogue-version poll interval without LISTEN/NOTIFY (ms). */
  readonly versionPollMs: number;
  readonly logFormat: 'auto' | 'json' | 'pretty';
  /** Grace for requests in flight on shutdown (ms). */
  readonly shutdownGraceMs: number;
  readonly port: number;
  readonly host: string;
  readonly contentDir: string;
  /** Absolute base URL used in sitemaps, canonical links and Open Graph tags. */
  readonly publicUrl: string;
  readonly loadContentOnStart: boolean;
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  readonly media: {
    /** Absolute paths of the media roots; nothing outside them is ever served. */
    readonly roots: readonly string[];
    /** Where HLS segments are cached, and the cache's size limit in bytes. */
    readonly cacheDir: string;
    readonly cacheMaxBytes: number;
    /** Background jobs run at once on this node. */
    readonly workers: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(pick(env, i.path[0]))})`,
      ),
    );
  }
  const e = parsed.data;
  const dbUrl = e.KINOTEKA_DATABASE_URL;
  const database = /^postgres(ql)?:\/\//i.test(dbUrl)
    ? ({
        kind: 'postgres',
        url: dbUrl,
        ...(e.KINOTEKA_DATABASE_SCHEMA ? { schema: e.KINOTEKA_DATABASE_SCHEMA } : {}),
        ...(e.KINOTEKA_DATABASE_POOL_SIZE ? { poolSize: e.KINOTEKA_DATABASE_POOL_SIZE } : {}),
      } as const)
    : ({ kind: 'sqlite', file: dbUrl === ':memory:' ? dbUrl : path.resolve(cwd, dbUrl) } as const);
  const port = e.KINOTEKA_PORT;
  return Object.freeze({
    database: Object.freeze(database),
    port,
    host: e.KINOTEKA_HOST,
    contentDir: path.resolve(cwd, e.KINOTEKA_CONTENT_DIR),
    publicUrl: (e.KINOTEKA_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    loadContentOnStart: e.KINOTEKA_LOAD_CONTENT_ON_START,
    logLevel: e.KINOTEKA_LOG_LEVEL,
    logFormat: e.KINOTEKA_LOG_FORMAT,
    versionPollMs: e.KINOTEKA_VERSION_POLL_MS,
    shutdownGraceMs: e.KINOTEKA_SHUTDOWN_GRACE_MS,
    media: Object.freeze({
      roots: Object.freeze(
        e.KINOTEKA_MEDIA_ROOTS.split(/[,:]/)
          .map((r) => r.trim())
          .filter(Boolean)
          .map((r) => path.resolve(cwd, r)),
      ),
      cacheDir: path.resolve(
        cwd,
        e.KINOTEKA_MEDIA_CACHE_DIR ?? path.join(os.tmpdir(), 'kinoteka-hls'),
      ),
      cacheMaxBytes: e.KINOTEKA_MEDIA_CACHE_MB * 1024 * 1024,
      workers: e.KINOTEKA_MEDIA_WORKERS,
    }),
  });
}

/**
 * The configuration is valid, but the machine refuses it: the database cannot be opened, the
 * port is taken. `hint` says what to change; `exitCode` follows the CLI's rule (2 for a
 * configuration that cannot work as written, 1 for a failure of the moment).
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The variables Kinoteka reads, e.g. `KINOTEKA_PORT`. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/**
 * Warnings about variables that look meant for Kinoteka but are not read: `DATABASE_URL` or
 * `PORT` without the prefix (while the prefixed one is unset), and misspelt `KINOTEKA_*` names.
 * They are never an error: `PORT` may well belong to something else.
 */
export function configWarnings(env: Record<string, string | undefined>): string[] {
  const warnings: string[] = [];
  for (const name of CONFIG_VARIABLES) {
    const bare = name.slice('KINOTEKA_'.length);
    if (env[bare] !== undefined && env[name] === undefined) {
      warnings.push(
        `warning: ${bare} is set but Kinoteka reads ${name}; ${bare} is ignored (set ${name}=${JSON.stringify(env[bare])} if it was meant for Kinoteka)`,
      );
    }
  }
  for (const name of Object.keys(env)) {
    if (!/^KINOTEKA_/i.test(name) || CONFIG_VARIABLES.includes(name)) continue;
    const near = nearest(name.toUpperCase(), CONFIG_VARIABLES);
    warnings.push(
      `warning: ${name} is not a Kinoteka setting and is ignored${near ? `; did you mean ${near}?` : ''} (known: ${CONFIG_VARIABLES.join(', ')})`,
    );
  }
  return warnings;
}

function nearest(name: string, names: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const n of names) {
    const d = editDistance(name, n);
    if (!best || d < best.d) best = { name: n, d };
  }
  // A case slip, a missing or extra word part: close enough to suggest, not to guess wildly.
  return best && best.d <= Math.max(3, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function pick(env: Record<string, string | undefined>, key: PropertyKey | undefined): unknown {
  return typeof key === 'string' ? env[key] : undefined;
}
