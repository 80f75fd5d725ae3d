/**
 * Who is asking: the session cookie (`kt_session`) or a personal API token
 * (`Authorization: Bearer kt_…`), resolved once per request into `c.var.auth`.
 *
 * CSRF (synchronizer token): every request other than GET/HEAD/OPTIONS that is authenticated by
 * the session cookie must carry the session's token, as the `_csrf` form field or the
 * `X-CSRF-Token` header. Bearer-token requests are exempt: a browser never attaches a bearer
 * token on its own, so another site cannot forge one.
 *
 * Any response to a request that carried credentials is marked `private, no-store`, so the
 * shared response cache (src/http/cache.ts) never keeps what one person saw for another.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { UnauthorizedError } from '../../lib/errors.ts';
import type {
  AccountsService,
  Action,
  Session,
  SignInResult,
  User,
} from '../../modules/accounts/index.ts';

export const SESSION_COOKIE = 'kt_session';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface AuthState {
  user: User | null;
  /** Present when the request came with a live session cookie. */
  session: Session | null;
  via: 'session' | 'bearer' | null;
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: AuthState;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const ANONYMOUS: AuthState = { user: null, session: null, via: null };

export function authOf(c: Context): AuthState {
  return c.get('auth') ?? ANONYMOUS;
}

/** The signed-in user allowed to do `action`; 401 for nobody, 403 for too small a role. */
export function requireAction(c: Context, accounts: AccountsService, action: Action): User {
  const { user } = authOf(c);
  accounts.require(user, action);
  return user;
}

/** Secure when the site is served over HTTPS (its public URL, or this request). */
function secure(c: Context, publicUrl: string): boolean {
  return publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, publicUrl: string, s: SignInResult): void {
  setCookie(c, SESSION_COOKIE, s.sessionToken, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c, publicUrl),
    path: '/',
    expires: new Date(s.expiresAt),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c, publicUrl) });
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** The client's address for sign-in throttling: the socket's peer, not a header it can forge. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function sentCsrf(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (
    type.startsWith('application/x-www-form-urlencoded') ||
    type.startsWith('multipart/form-data')
  ) {
    // Hono keeps the parsed body, so the handler reads the same form again.
    const form = await c.req.parseBody();
    const v = form[CSRF_FIELD];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export function authMiddleware(accounts: AccountsService, publicUrl: string): MiddlewareHandler {
  return async (c, next) => {
    let state = ANONYMOUS;
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = m ? await accounts.authenticate(m[1]) : null;
      if (!user) throw new UnauthorizedError('The API token is unknown or revoked.');
      state = { user, session: null, via: 'bearer' };
    } else {
      const token = sessionToken(c);
      if (token) {
        const session = await accounts.session(token);
        if (session) state = { user: session.user, session, via: 'session' };
        else clearSessionCookie(c, publicUrl);
      }
    }
    c.set('auth', state);
    if (state.session && !SAFE.has(c.req.method)) {
      accounts.checkCsrf(state.session, await sentCsrf(c));
    }
    await next();
    if (state.via) c.header('cache-control', 'private, no-store');
  };
}

/** The signed-in user; 401 when there is none (routes declare their action first). */
export function userOf(c: Context): User {
  const { user } = authOf(c);
  if (!user) throw new UnauthorizedError('Sign in first.');
  return user;
}

/** What the web pages need of this layer, handed to them by the composition root. */
export function webAuth(publicUrl: string) {
  return {
    current: (c: Context) => authOf(c),
    sessionToken,
    setSession: (c: Context, s: SignInResult) => setSessionCookie(c, publicUrl, s),
    clearSession: (c: Context) => clearSessionCookie(c, publicUrl),
    address: clientAddress,
  };
}
