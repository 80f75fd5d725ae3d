/**
 * The catalogue version: one row in `meta` that every write to curated data moves, so caches
 * (responses, the search index, the knowledge base, list counts) on every app node know to
 * refresh. On PostgreSQL the bump also sends a NOTIFY in the same transaction, so the other
 * nodes hear of it when (and only when) it commits; `listenCatalogVersion` is their ear.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { dialectOf } from './dialect.ts';
import type { Database } from './schema.ts';

/** The NOTIFY channel: one per schema, so databases shared by several schemas stay apart. */
const CHANNEL_PREFIX = 'kinoteka_catalog:';

export async function bumpCatalogVersion(db: Kysely<Database>, stamp: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: 'catalog_version', value: stamp })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: stamp }))
    .execute();
  if (dialectOf(db as unknown as Kysely<unknown>) === 'postgres') {
    // Inside the caller's transaction when there is one: delivered on commit, never before.
    await sql`select pg_notify(${CHANNEL_PREFIX} || current_schema(), ${stamp})`.execute(db);
  }
}

export async function readCatalogVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'catalog_version')
    .executeTakeFirst();
  return row?.value ?? 'empty';
}

export interface CatalogListener {
  /** Stops listening and ends the dedicated connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  schema?: string;
  /** A new version was committed (its stamp). */
  onChange: (version: string) => void;
  /**
   * The listening connection came up (true; notifications may have been missed while it was
   * down, so re-read) or went down (false; fall back to polling until it is back).
   */
  onState: (listening: boolean) => void;
  onError?: (e: Error) => void;
  /** Wait before reconnecting, doubled on each failure up to 30 s. */
  retryMs?: number;
}

/**
 * LISTEN on a dedicated client (not one of the pool's: a pooled connection is handed to other
 * queries and its LISTEN would be lost), reconnecting with backoff when it drops. Resolves once
 * the first attempt has either listened or failed; failures keep retrying in the background.
 */
export async function listenCatalogVersion(opts: ListenOptions): Promise<CatalogListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wait = opts.retryMs ?? 1000;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({
      connectionString: opts.url,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    client = c;
    let down = false;
    const lost = (e?: Error) => {
      if (down) return;
      down = true;
      if (e) opts.onError?.(e);
      opts.onState(false);
      void c.end().catch(() => {});
      if (!closed) {
        timer = setTimeout(() => void connect(), wait);
        wait = Math.min(wait * 2, 30_000);
      }
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel.startsWith(CHANNEL_PREFIX) && n.payload) opts.onChange(n.payload);
    });
    try {
      await c.connect();
      const { rows } = await c.query<{ s: string }>('select current_schema() as s');
      const channel = `${CHANNEL_PREFIX}${rows[0]!.s}`;
      await c.query(`listen "${channel.replace(/"/g, '""')}"`);
      if (closed) return void (await c.end().catch(() => {}));
      wait = opts.retryMs ?? 1000;
      opts.onState(true);
    } catch (e) {
      lost(e as Error);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
