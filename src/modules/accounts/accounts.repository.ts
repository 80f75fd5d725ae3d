/**
 * SQL for accounts, sessions, sign-in failures, API tokens, setup tokens and the audit log.
 * The repository holds the clock (DESIGN rule 2): every "now" the service uses comes from here,
 * so tests advance time by moving the clock they passed in.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export class AccountsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  // users

  async insertUser(u: {
    email: string;
    emailKey: string;
    username: string;
    usernameKey: string;
    passwordHash: string;
    role: string;
  }) {
    const at = this.now().toISOString();
    const row = await this.db
      .insertInto('users')
      .values({
        email: u.email,
        email_key: u.emailKey,
        username: u.username,
        username_key: u.usernameKey,
        password_hash: u.passwordHash,
        role: u.role,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return row;
  }

  userById(id: number) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** By lower-cased email or username. */
  userByKey(key: string) {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('email_key', '=', key), eb('username_key', '=', key)]))
      .executeTakeFirst();
  }

  async keyTaken(emailKey: string, usernameKey: string) {
    const rows = await this.db
      .selectFrom('users')
      .select(['email_key', 'username_key'])
      .where((eb) => eb.or([eb('email_key', '=', emailKey), eb('username_key', '=', usernameKey)]))
      .execute();
    return {
      email: rows.some((r) => r.email_key === emailKey),
      username: rows.some((r) => r.username_key === usernameKey),
    };
  }

  listUsers() {
    return this.db.selectFrom('users').selectAll().orderBy('id').execute();
  }

  async countAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Admins who can still sign in. */
  async countActiveAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Disables (with the time) or enables (null) an account. */
  async setDisabled(id: number, at: string | null) {
    await this.db
      .updateTable('users')
      .set({ disabled_at: at, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async setRole(id: number, role: string) {
    await this.db
      .updateTable('users')
      .set({ role, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async setPasswordHash(id: number, hash: string) {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  // sessions

  async insertSession(s: { idHash: string; userId: number; csrfToken: string; expiresAt: string }) {
    const at = this.now().toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: at,
        last_seen_at: at,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  sessionByHash(idHash: string) {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: string) {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string) {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteUserSessions(userId: number) {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(): Promise<number> {
    const r = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', this.now().toISOString())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // sign-in failures

  async recordFailure(accountKey: string, address: string) {
    await this.db
      .insertInto('sign_in_failures')
      .values({ account_key: accountKey, address, at: this.now().toISOString() })
      .execute();
  }

  /** Uncleared failures of an account since a time, oldest first (their times). */
  async accountFailures(accountKey: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sign_in_failures')
      .select('at')
      .where('account_key', '=', accountKey)
      .where('cleared', '=', 0)
      .where('at', '>', since)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  /** All failures from an address since a time, oldest first. */
  async addressFailures(address: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sign_in_failures')
      .select('at')
      .where('address', '=', address)
      .where('at', '>', since)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  /** A successful sign-in clears the account's failures; the address keeps counting them. */
  async clearAccountFailures(accountKey: string) {
    await this.db
      .updateTable('sign_in_failures')
      .set({ cleared: 1 })
      .where('account_key', '=', accountKey)
      .execute();
  }

  async pruneFailures(before: string) {
    await this.db.deleteFrom('sign_in_failures').where('at', '<=', before).execute();
  }

  // API tokens

  async insertApiToken(t: { userId: number; name: string; tokenHash: string }) {
    return this.db
      .insertInto('api_tokens')
      .values({
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        created_at: this.now().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  apiTokensOf(userId: number) {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  apiTokenById(id: number) {
    return this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  liveApiTokenByHash(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async touchApiToken(id: number) {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async revokeApiToken(id: number) {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: this.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  // setup tokens

  async insertSetupToken(tokenHash: string, expiresAt: string) {
    await this.db
      .insertInto('setup_tokens')
      .values({
        token_hash: tokenHash,
        created_at: this.now().toISOString(),
        expires_at: expiresAt,
      })
      .execute();
  }

  /** Marks a live setup token used; true only for the one caller that wins the race. */
  async consumeSetupToken(tokenHash: string): Promise<boolean> {
    const now = this.now().toISOString();
    const r = await this.db
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // audit log

  async insertAudit(e: {
    actorId: number | null;
    actor: string;
    action: string;
    subject: string;
    detail: string;
  }) {
    await this.db
      .insertInto('audit_log')
      .values({
        at: this.now().toISOString(),
        actor_id: e.actorId,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        detail: e.detail,
      })
      .execute();
  }

  listAudit(limit: number, before?: number) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (before !== undefined) q = q.where('id', '<', before);
    return q.execute();
  }

  /** Runs work in one transaction with a repository bound to it. */
  transaction<T>(work: (repo: AccountsRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((t) => work(new AccountsRepository(t, this.clock)));
  }
}
