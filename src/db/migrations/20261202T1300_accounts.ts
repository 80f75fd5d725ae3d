/**
 * Accounts and security: users with roles, database-stored sessions (so several app nodes
 * share them), sign-in failures for rate limiting, personal API tokens, the one-time setup
 * token and the audit log. Every secret is stored as its SHA-256 hash, never as issued.
 */
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(dialectOf(db));
  const s = db.schema;

  await s
    .createTable('users')
    .addColumn('id', id.type, id.build)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await s
    .createTable('sign_in_failures')
    .addColumn('id', id.type, id.build)
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    /** 1 once the account signed in successfully: no longer counts for the account. */
    .addColumn('cleared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s
    .createIndex('sign_in_failures_account_idx')
    .on('sign_in_failures')
    .columns(['account_key', 'at'])
    .execute();
  await s
    .createIndex('sign_in_failures_address_idx')
    .on('sign_in_failures')
    .columns(['address', 'at'])
    .execute();

  await s
    .createTable('api_tokens')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await s
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await s
    .createTable('audit_log')
    .addColumn('id', id.type, id.build)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    /** JSON. */
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'audit_log',
    'setup_tokens',
    'api_tokens',
    'sign_in_failures',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
