/**
 * The rules of accounts and security: creating users, signing in (argon2id, rate limited per
 * account and per address), database sessions with sliding expiry and CSRF tokens, personal
 * API tokens, the one-time setup of the first admin, and the audit log.
 *
 * Secrets handed out (session ids, API tokens, setup tokens) are random 32 bytes, base64url;
 * only their SHA-256 is stored, so a copy of the database yields no live credential.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { type Algorithm, hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../../lib/errors.ts';
import type { Problem } from '../../lib/errors.ts';
import {
  API_TOKEN_PREFIX,
  type Action,
  type NewUser,
  type Role,
  type User,
  can,
  identityKey,
  isRole,
  minutesUntil,
  newUserSchema,
  passwordProblems,
  safeEqual,
  sha256,
} from './accounts.ts';
import type { AccountsRepository } from './accounts.repository.ts';

export type RandomBytes = (n: number) => Buffer;

export interface AccountsOptions {
  /** A session unused this long expires (sliding). Default 14 days. */
  sessionIdleMs?: number;
  /** A session never outlives this from sign-in. Default 30 days. */
  sessionMaxMs?: number;
  /** Renew last-seen at most this often, to spare a write per request. Default 5 minutes. */
  sessionTouchMs?: number;
  /** Failures counted over this window. Default 15 minutes. */
  failureWindowMs?: number;
  maxAccountFailures?: number;
  maxAddressFailures?: number;
  /** How long a setup token is valid. Default 24 hours. */
  setupTokenMs?: number;
  randomBytes?: RandomBytes;
  /** argon2id cost; tests may lower it. Defaults are OWASP's second option (19 MiB, t=2). */
  argon?: { memoryCost: number; timeCost: number; parallelism: number };
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface SignInResult extends Session {
  /** The cookie value; shown once, stored only as its hash. */
  sessionToken: string;
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** Who did something: a user, or the system (CLI, setup link, an anonymous sign-in attempt). */
export type Actor = Pick<User, 'id' | 'username'> | { id: null; username: string };

const DAY = 86_400_000;
/** `Algorithm.Argon2id`; the package declares it as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

function toUser(row: {
  id: number;
  email: string;
  username: string;
  role: string;
  created_at: string;
  disabled_at?: string | null;
}): User {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    role: isRole(row.role) ? row.role : 'curator',
    createdAt: row.created_at,
    disabledAt: row.disabled_at ?? null,
  };
}

export class AccountsService {
  private readonly o: Required<Omit<AccountsOptions, 'argon'>> & {
    argon: NonNullable<AccountsOptions['argon']>;
  };
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly repo: AccountsRepository,
    options: AccountsOptions = {},
  ) {
    this.o = {
      sessionIdleMs: 14 * DAY,
      sessionMaxMs: 30 * DAY,
      sessionTouchMs: 5 * 60_000,
      failureWindowMs: 15 * 60_000,
      maxAccountFailures: 5,
      maxAddressFailures: 20,
      setupTokenMs: DAY,
      randomBytes: nodeRandomBytes,
      argon: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
      ...options,
    };
  }

  private secret(): string {
    return this.o.randomBytes(32).toString('base64url');
  }

  private hashPassword(password: string): Promise<string> {
    return argonHash(password, { algorithm: ARGON2ID, ...this.o.argon });
  }

  // users

  /** An admin creates a user. Email and username are unique, in any case. */
  async createUser(input: NewUser, actor: User): Promise<User> {
    this.require(actor, 'users.manage');
    return this.createUserWith(this.repo, input, actor);
  }

  private async createUserWith(repo: AccountsRepository, input: NewUser, actor: Actor) {
    const parsed = newUserSchema.safeParse(input);
    const problems: Problem[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ where: i.path.join('.') || 'user', message: i.message }));
    problems.push(...passwordProblems(input.password));
    if (!parsed.success || problems.length > 0)
      throw new ValidationError('The account cannot be created.', problems);
    const { email, username, password, role } = parsed.data;
    const emailKey = identityKey(email);
    const usernameKey = identityKey(username);
    const taken = await repo.keyTaken(emailKey, usernameKey);
    // A username that looks like someone's email (or the reverse) would make sign-in ambiguous.
    const crossed = await repo.keyTaken(usernameKey, emailKey);
    const clash: Problem[] = [];
    if (taken.email || crossed.username)
      clash.push({ where: 'email', message: 'is already in use' });
    if (taken.username || crossed.email)
      clash.push({ where: 'username', message: 'is already in use' });
    if (clash.length) throw new ConflictError('The account already exists.', clash);
    const row = await repo.insertUser({
      email,
      emailKey,
      username,
      usernameKey,
      passwordHash: await this.hashPassword(password),
      role,
    });
    const user = toUser(row);
    await this.recordWith(repo, actor, 'user.create', `user:${user.id}`, {
      username: user.username,
      role: user.role,
    });
    return user;
  }

  /** `kinoteka users add`: the CLI acts as the system, so no role check. */
  addUserFromCli(input: NewUser): Promise<User> {
    return this.createUserWith(this.repo, input, { id: null, username: 'cli' });
  }

  async getUser(id: number): Promise<User> {
    const row = await this.repo.userById(id);
    if (!row) throw new NotFoundError(`No user ${id}.`);
    return toUser(row);
  }

  async listUsers(): Promise<User[]> {
    return (await this.repo.listUsers()).map(toUser);
  }

  /** Changes a role (admins only). The last active admin cannot be demoted. */
  async setRole(actor: User, userId: number, role: Role): Promise<User> {
    this.require(actor, 'users.manage');
    if (!isRole(role))
      throw new ValidationError('Unknown role.', [
        { where: 'role', message: `not a role: ${role}` },
      ]);
    const user = await this.getUser(userId);
    if (user.role === role) return user;
    if (user.role === 'admin' && !user.disabledAt && (await this.repo.countActiveAdmins()) <= 1)
      throw new ConflictError('The last active admin cannot be given another role.');
    await this.repo.setRole(userId, role);
    await this.record(actor, 'user.role', `user:${userId}`, { from: user.role, to: role });
    return { ...user, role };
  }

  /**
   * Disables or enables an account (admins only). A disabled account cannot sign in, its
   * sessions end at once and its API tokens stop working until it is enabled again. Nobody
   * disables themselves, and the last active admin cannot be disabled.
   */
  async setDisabled(actor: User, userId: number, disabled: boolean): Promise<User> {
    this.require(actor, 'users.manage');
    const user = await this.getUser(userId);
    if (!!user.disabledAt === disabled) return user;
    if (disabled && user.id === actor.id)
      throw new ConflictError('You cannot disable your own account.');
    if (disabled && user.role === 'admin' && (await this.repo.countActiveAdmins()) <= 1)
      throw new ConflictError('The last active admin cannot be disabled.');
    const at = disabled ? this.repo.now().toISOString() : null;
    await this.repo.setDisabled(userId, at);
    if (disabled) await this.repo.deleteUserSessions(userId);
    await this.record(actor, disabled ? 'user.disable' : 'user.enable', `user:${userId}`, {
      username: user.username,
    });
    return { ...user, disabledAt: at };
  }

  /** Changes one's own password; every session of the user ends (sign in again). */
  async changePassword(userId: number, current: string, next: string): Promise<void> {
    const row = await this.repo.userById(userId);
    if (!row || !(await argonVerify(row.password_hash, current)))
      throw new UnauthorizedError('The current password is wrong.');
    const problems = passwordProblems(next);
    if (problems.length) throw new ValidationError('The new password is not accepted.', problems);
    await this.repo.setPasswordHash(userId, await this.hashPassword(next));
    await this.repo.deleteUserSessions(userId);
    await this.record(toUser(row), 'user.password', `user:${userId}`, {});
  }

  /** Throws Unauthorized for nobody, Forbidden for too small a role. */
  require(user: User | null | undefined, action: Action): asserts user is User {
    if (!user) throw new UnauthorizedError('Sign in first.');
    if (!can(user, action)) throw new ForbiddenError(`Your role (${user.role}) cannot do this.`);
  }

  // sign-in

  /**
   * Signs in by email or username. Refused (RateLimitedError, before the password is even
   * checked) after too many recent failures for the account or from the address. A success
   * clears the account's failures but not the address's, so one good account cannot be used
   * to reset the count while guessing others. Any session token the browser already had is
   * ended: the session id is rotated at sign-in (session fixation).
   */
  async signIn(input: {
    login: string;
    password: string;
    address: string;
    previousSessionToken?: string | undefined;
  }): Promise<SignInResult> {
    const accountKey = identityKey(input.login);
    const now = this.repo.now().getTime();
    const since = new Date(now - this.o.failureWindowMs).toISOString();
    const [byAccount, byAddress] = await Promise.all([
      this.repo.accountFailures(accountKey, since),
      this.repo.addressFailures(input.address, since),
    ]);
    const blockedUntil = (times: string[], max: number) =>
      times.length >= max
        ? Date.parse(times[times.length - max]!) + this.o.failureWindowMs
        : undefined;
    const until = Math.max(
      blockedUntil(byAccount, this.o.maxAccountFailures) ?? 0,
      blockedUntil(byAddress, this.o.maxAddressFailures) ?? 0,
    );
    if (until > now) {
      const minutes = minutesUntil(now, until);
      await this.record(
        { id: null, username: accountKey },
        'signin.throttled',
        `login:${accountKey}`,
        {
          address: input.address,
        },
      );
      throw new RateLimitedError(
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        Math.ceil((until - now) / 1000),
      );
    }

    const row = await this.repo.userByKey(accountKey);
    // Verify against a fixed hash when there is no such user, so timing does not tell.
    const ok = row
      ? await argonVerify(row.password_hash, input.password)
      : await this.verifyDummy(input.password);
    if (!row || !ok) {
      await this.repo.recordFailure(accountKey, input.address);
      await this.record(
        row ? toUser(row) : { id: null, username: accountKey },
        'signin.failure',
        row ? `user:${row.id}` : `login:${accountKey}`,
        { address: input.address },
      );
      throw new UnauthorizedError('Wrong email, username or password.');
    }
    if (row.disabled_at) {
      await this.record(toUser(row), 'signin.disabled', `user:${row.id}`, {
        address: input.address,
      });
      throw new UnauthorizedError('This account is disabled. Ask an admin to enable it.');
    }
    await this.repo.clearAccountFailures(accountKey);
    if (input.previousSessionToken) await this.signOut(input.previousSessionToken);
    const user = toUser(row);
    const session = await this.openSession(user);
    await this.record(user, 'signin.success', `user:${user.id}`, { address: input.address });
    return session;
  }

  private async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hashPassword('not a password of anyone here');
    await argonVerify(await this.dummyHash, password);
    return false;
  }

  private async openSession(user: User): Promise<SignInResult> {
    const sessionToken = this.secret();
    const csrfToken = this.secret();
    const expiresAt = new Date(this.repo.now().getTime() + this.o.sessionIdleMs).toISOString();
    await this.repo.insertSession({
      idHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    return { user, csrfToken, expiresAt, sessionToken };
  }

  /**
   * The session behind a cookie value, or null when unknown or expired. Using a session slides
   * its expiry forward (written at most every `sessionTouchMs`), never past `sessionMaxMs`
   * after sign-in.
   */
  async session(sessionToken: string | undefined): Promise<Session | null> {
    if (!sessionToken) return null;
    const idHash = sha256(sessionToken);
    const row = await this.repo.sessionByHash(idHash);
    if (!row) return null;
    const now = this.repo.now().getTime();
    if (Date.parse(row.expires_at) <= now) {
      await this.repo.deleteSession(idHash);
      return null;
    }
    const userRow = await this.repo.userById(row.user_id);
    if (!userRow || userRow.disabled_at) return null;
    let expiresAt = row.expires_at;
    if (now - Date.parse(row.last_seen_at) >= this.o.sessionTouchMs) {
      const cap = Date.parse(row.created_at) + this.o.sessionMaxMs;
      expiresAt = new Date(Math.min(now + this.o.sessionIdleMs, cap)).toISOString();
      await this.repo.touchSession(idHash, new Date(now).toISOString(), expiresAt);
    }
    return { user: toUser(userRow), csrfToken: row.csrf_token, expiresAt };
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.repo.deleteSession(sha256(sessionToken));
  }

  /**
   * The synchronizer-token check for a write: the token sent with the form or in the
   * `X-CSRF-Token` header must equal the session's, compared in constant time.
   */
  checkCsrf(session: Pick<Session, 'csrfToken'>, sent: string | undefined | null): void {
    if (!sent || !safeEqual(session.csrfToken, sent))
      throw new ForbiddenError(
        'The form has expired or did not come from this site. Reload it and try again.',
      );
  }

  async pruneExpired(): Promise<{ sessions: number }> {
    const sessions = await this.repo.deleteExpiredSessions();
    await this.repo.pruneFailures(
      new Date(this.repo.now().getTime() - this.o.failureWindowMs).toISOString(),
    );
    return { sessions };
  }

  // API tokens

  /** Creates a personal API token; the returned `token` is shown once and never again. */
  async createApiToken(user: User, name: string): Promise<ApiTokenInfo & { token: string }> {
    const clean = name.trim();
    if (clean.length < 1 || clean.length > 100)
      throw new ValidationError('The token needs a name.', [
        { where: 'name', message: 'must be 1–100 characters' },
      ]);
    const token = API_TOKEN_PREFIX + this.secret();
    const row = await this.repo.insertApiToken({
      userId: user.id,
      name: clean,
      tokenHash: sha256(token),
    });
    await this.record(user, 'token.create', `token:${row.id}`, { name: clean });
    return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: null, token };
  }

  async listApiTokens(user: User): Promise<ApiTokenInfo[]> {
    return (await this.repo.apiTokensOf(user.id)).map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** Revokes one of one's own tokens (an admin may revoke anyone's). */
  async revokeApiToken(actor: User, tokenId: number): Promise<void> {
    const row = await this.repo.apiTokenById(tokenId);
    if (
      !row ||
      row.revoked_at !== null ||
      (row.user_id !== actor.id && !can(actor, 'users.manage'))
    )
      throw new NotFoundError(`No token ${tokenId}.`);
    await this.repo.revokeApiToken(tokenId);
    await this.record(actor, 'token.revoke', `token:${tokenId}`, {
      name: row.name,
      owner: row.user_id,
    });
  }

  /** The user a bearer token belongs to, or null (unknown, revoked, or not a `kt_` token). */
  async authenticate(token: string | undefined): Promise<User | null> {
    if (!token?.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.repo.liveApiTokenByHash(sha256(token));
    if (!row) return null;
    const user = await this.repo.userById(row.user_id);
    if (!user || user.disabled_at) return null;
    await this.repo.touchApiToken(row.id);
    return toUser(user);
  }

  // first admin

  async needsSetup(): Promise<boolean> {
    return (await this.repo.countAdmins()) === 0;
  }

  /** A setup token for the first admin, or null when an admin exists already. */
  async createSetupToken(): Promise<{ token: string; expiresAt: string } | null> {
    if (!(await this.needsSetup())) return null;
    const token = this.secret();
    const expiresAt = new Date(this.repo.now().getTime() + this.o.setupTokenMs).toISOString();
    await this.repo.insertSetupToken(sha256(token), expiresAt);
    return { token, expiresAt };
  }

  /**
   * Creates the first admin with a setup token. Works once: the token is consumed in the same
   * transaction as the user is created, and refused once any admin exists.
   */
  async completeSetup(token: string, input: Omit<NewUser, 'role'>): Promise<User> {
    return this.repo.transaction(async (repo) => {
      if ((await repo.countAdmins()) > 0) throw new ForbiddenError('Setup is already done.');
      if (!(await repo.consumeSetupToken(sha256(token))))
        throw new ForbiddenError('This setup link is unknown, used or expired.');
      return this.createUserWith(
        repo,
        { ...input, role: 'admin' },
        { id: null, username: 'setup' },
      );
    });
  }

  // audit log

  async record(
    actor: Actor,
    action: string,
    subject: string,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.recordWith(this.repo, actor, action, subject, detail);
  }

  private async recordWith(
    repo: AccountsRepository,
    actor: Actor,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
  ) {
    await repo.insertAudit({
      actorId: actor.id,
      actor: actor.username,
      action,
      subject,
      detail: JSON.stringify(detail),
    });
  }

  /** Newest first; `before` is an entry id for the next page. */
  async listAudit(opts: { limit?: number; before?: number } = {}): Promise<AuditEntry[]> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    return (await this.repo.listAudit(limit, opts.before)).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
