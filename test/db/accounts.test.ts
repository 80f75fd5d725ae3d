/**
 * Accounts and security on real databases (SQLite and PostgreSQL): users, sessions (expiry,
 * sliding renewal, rotation), CSRF, sign-in rate limiting, API tokens, first-admin setup and
 * the audit log. The clock is a variable the test moves; argon2id runs at a low cost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountsRepository,
  AccountsService,
  type User,
} from '../../src/modules/accounts/index.ts';
import { DIALECTS, type TestDb, createTestDb } from '../helpers/db.ts';

const MIN = 60_000;
const DAY = 86_400_000;

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let db: TestDb;
  let now: number;
  let accounts: AccountsService;
  let admin: User;
  let n = 0;
  /** A fresh, unique user for each test, so tests do not share rate-limit counters. */
  const fresh = async (role: 'curator' | 'reviewer' | 'admin' = 'curator') => {
    n += 1;
    return accounts.createUser(
      { email: `u${n}@example.org`, username: `user${n}`, password: `password-${n}-ok`, role },
      admin,
    );
  };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    now = Date.parse('2026-12-02T12:00:00Z');
    const repo = new AccountsRepository(db.kysely, { now: () => new Date(now) });
    accounts = new AccountsService(repo, {
      argon: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
    admin = await accounts.addUserFromCli({
      email: 'admin@example.org',
      username: 'admin',
      password: 'correct horse battery',
      role: 'admin',
    });
  });
  afterAll(async () => {
    await db?.cleanup();
  });
  beforeEach(() => {
    now += DAY; // every test starts after the previous one's windows have passed
  });

  it('keeps email and username unique in any case, and enforces the password policy', async () => {
    const u = await fresh();
    expect(u.role).toBe('curator');
    await expect(
      accounts.createUser(
        { email: u.email.toUpperCase(), username: 'other', password: 'long enough pass' },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'conflict', problems: [{ where: 'email' }] });
    await expect(
      accounts.createUser(
        {
          email: 'new@example.org',
          username: u.username.toUpperCase(),
          password: 'long enough pass',
        },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'conflict', problems: [{ where: 'username' }] });
    await expect(
      accounts.createUser(
        { email: 'short@example.org', username: 'short', password: 'short' },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', problems: [{ where: 'password' }] });
    const row = await db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs in by email or username in any case, and refuses a wrong password', async () => {
    const u = await fresh();
    const a = await accounts.signIn({
      login: u.email.toUpperCase(),
      password: `password-${n}-ok`,
      address: '10.0.0.1',
    });
    expect(a.user.id).toBe(u.id);
    const b = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: '10.0.0.1',
    });
    expect(b.sessionToken).not.toBe(a.sessionToken);
    await expect(
      accounts.signIn({ login: u.username, password: 'wrong password', address: '10.0.0.1' }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(
      accounts.signIn({ login: 'nobody', password: 'wrong password', address: '10.0.0.1' }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('stores sessions hashed, slides their expiry, ends them at expiry and at sign-out', async () => {
    const u = await fresh();
    const s = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    const stored = await db.kysely
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', u.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id_hash).not.toContain(s.sessionToken);
    expect((await accounts.session(s.sessionToken))?.user.id).toBe(u.id);

    // Used every 13 days, a 14-day idle session lives on...
    now += 13 * DAY;
    expect(await accounts.session(s.sessionToken)).not.toBeNull();
    now += 13 * DAY;
    expect(await accounts.session(s.sessionToken)).not.toBeNull();
    // ...but never past 30 days from sign-in.
    now += 13 * DAY;
    expect(await accounts.session(s.sessionToken)).toBeNull();

    const t = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    now += 15 * DAY; // idle too long
    expect(await accounts.session(t.sessionToken)).toBeNull();

    const v = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    await accounts.signOut(v.sessionToken);
    expect(await accounts.session(v.sessionToken)).toBeNull();
    expect(await accounts.session('made-up')).toBeNull();
  });

  it('rotates the session at sign-in: the old token stops working', async () => {
    const u = await fresh();
    const first = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    const second = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
      previousSessionToken: first.sessionToken,
    });
    expect(await accounts.session(first.sessionToken)).toBeNull();
    expect((await accounts.session(second.sessionToken))?.user.id).toBe(u.id);
  });

  it('checks the CSRF token of a session', async () => {
    const u = await fresh();
    const s = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    const session = (await accounts.session(s.sessionToken))!;
    expect(session.csrfToken).toBe(s.csrfToken);
    expect(() => accounts.checkCsrf(session, s.csrfToken)).not.toThrow();
    expect(() => accounts.checkCsrf(session, undefined)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => accounts.checkCsrf(session, `${s.csrfToken.slice(0, -1)}x`)).toThrow();
    const other = await accounts.signIn({
      login: u.username,
      password: `password-${n}-ok`,
      address: 'a',
    });
    expect(() => accounts.checkCsrf(session, other.csrfToken)).toThrow();
  });

  it('throttles an account after 5 failures in 15 minutes, even with the right password', async () => {
    const u = await fresh();
    const good = `password-${n}-ok`;
    for (let i = 0; i < 5; i++) {
      await expect(
        accounts.signIn({ login: u.username, password: 'guess guess', address: `10.1.0.${i}` }),
      ).rejects.toMatchObject({ code: 'unauthorized' });
      now += MIN;
    }
    // The first failure was 5 minutes ago: it leaves the window in 10 minutes.
    const error = await accounts
      .signIn({ login: u.username, password: good, address: '10.9.9.9' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 600 });
    expect((error as Error).message).toMatch(/try again in 10 minutes/i);
    now += 10 * MIN;
    expect(
      (await accounts.signIn({ login: u.username, password: good, address: '10.9.9.9' })).user.id,
    ).toBe(u.id);
  });

  it('throttles an address after 20 failures; a success elsewhere does not reset it', async () => {
    const address = '192.0.2.7';
    const mine = await fresh();
    const good = `password-${n}-ok`;
    for (let i = 0; i < 19; i++) {
      await expect(
        accounts.signIn({ login: `victim${i}@example.org`, password: 'guess guess', address }),
      ).rejects.toMatchObject({ code: 'unauthorized' });
    }
    // Signing in to one's own account clears that account's failures only.
    await accounts.signIn({ login: mine.username, password: good, address });
    await expect(
      accounts.signIn({ login: 'victim19@example.org', password: 'guess guess', address }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(
      accounts.signIn({ login: mine.username, password: good, address }),
    ).rejects.toMatchObject({
      code: 'rate_limited',
    });
    // Another address is not affected.
    expect(
      (await accounts.signIn({ login: mine.username, password: good, address: '192.0.2.8' })).user
        .id,
    ).toBe(mine.id);
  });

  it('issues API tokens shown once, stored hashed, listed, used and revoked', async () => {
    const u = await fresh();
    const t = await accounts.createApiToken(u, 'backup script');
    expect(t.token).toMatch(/^kt_[A-Za-z0-9_-]{43}$/);
    const stored = await db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(t.token.slice(3));
    expect(await accounts.listApiTokens(u)).toEqual([
      { id: t.id, name: 'backup script', createdAt: new Date(now).toISOString(), lastUsedAt: null },
    ]);
    now += MIN;
    expect((await accounts.authenticate(t.token))?.id).toBe(u.id);
    expect((await accounts.listApiTokens(u))[0]!.lastUsedAt).toBe(new Date(now).toISOString());
    expect(await accounts.authenticate('kt_nonsense')).toBeNull();
    expect(await accounts.authenticate(undefined)).toBeNull();

    const other = await fresh();
    await expect(accounts.revokeApiToken(other, t.id)).rejects.toMatchObject({ code: 'not_found' });
    await accounts.revokeApiToken(u, t.id);
    expect(await accounts.authenticate(t.token)).toBeNull();
    expect(await accounts.listApiTokens(u)).toEqual([]);
  });

  it('changes roles only as an admin, and never demotes the last admin', async () => {
    const u = await fresh();
    const reviewer = await fresh('reviewer');
    await expect(accounts.setRole(reviewer, u.id, 'reviewer')).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await accounts.setRole(admin, u.id, 'reviewer')).role).toBe('reviewer');
    expect((await accounts.getUser(u.id)).role).toBe('reviewer');
    await expect(
      accounts.createUser(
        { email: 'x@example.org', username: 'x1', password: 'long enough pass' },
        reviewer,
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(() => accounts.require(null, 'draft.write')).toThrow(
      expect.objectContaining({ code: 'unauthorized' }),
    );
    expect(() => accounts.require(u, 'users.manage')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('records sign-ins, role changes, tokens and user creation in the audit log, newest first', async () => {
    const u = await fresh();
    await accounts
      .signIn({ login: u.username, password: 'wrong password', address: 'z' })
      .catch(() => undefined);
    await accounts.signIn({ login: u.username, password: `password-${n}-ok`, address: 'z' });
    await accounts.setRole(admin, u.id, 'reviewer');
    const t = await accounts.createApiToken(u, 'cron');
    await accounts.revokeApiToken(u, t.id);
    const log = await accounts.listAudit({ limit: 6 });
    expect(log.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['token.revoke', u.username, `token:${t.id}`],
      ['token.create', u.username, `token:${t.id}`],
      ['user.role', 'admin', `user:${u.id}`],
      ['signin.success', u.username, `user:${u.id}`],
      ['signin.failure', u.username, `user:${u.id}`],
      ['user.create', 'admin', `user:${u.id}`],
    ]);
    expect(log[2]!.detail).toEqual({ from: 'curator', to: 'reviewer' });
    const page = await accounts.listAudit({ limit: 2, before: log[1]!.id });
    expect(page.map((e) => e.id)).toEqual([log[2]!.id, log[3]!.id]);
  });
});

describe.each(DIALECTS)('first admin setup on %s', (dialect) => {
  let db: TestDb;
  let accounts: AccountsService;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    accounts = new AccountsService(new AccountsRepository(db.kysely), {
      argon: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('creates the first admin once with a setup token, then refuses', async () => {
    expect(await accounts.needsSetup()).toBe(true);
    const setup = (await accounts.createSetupToken())!;
    await expect(
      accounts.completeSetup('wrong', {
        email: 'a@example.org',
        username: 'first',
        password: 'long enough pass',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const input = { email: 'a@example.org', username: 'first', password: 'long enough pass' };
    const [one, two] = await Promise.allSettled([
      accounts.completeSetup(setup.token, input),
      accounts.completeSetup(setup.token, { ...input, email: 'b@example.org', username: 'second' }),
    ]);
    const made = [one, two].filter((r) => r.status === 'fulfilled');
    expect(made).toHaveLength(1);
    expect((made[0] as PromiseFulfilledResult<User>).value.role).toBe('admin');
    expect(await accounts.needsSetup()).toBe(false);
    expect(await accounts.createSetupToken()).toBeNull();
    expect((await accounts.listUsers()).filter((u) => u.role === 'admin')).toHaveLength(1);
  });
});
