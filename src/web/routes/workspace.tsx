/**
 * Sign-in and sign-out, the first-admin setup link, the account page (API tokens), the
 * workspace (drafts, editor, review) and the audit log. Every page here is per person: marked
 * `private, no-store` so the shared response cache never keeps one. Forms work without
 * JavaScript; workspace.js adds the claim check while typing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  ForbiddenError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from '../../lib/errors.ts';
import { type AccountsService, type Action, type User, can } from '../../modules/accounts/index.ts';
import {
  type DraftEdit,
  type DraftOp,
  type DraftsService,
  StaleDraftError,
} from '../../modules/collections/index.ts';
import type { PageDeps, WebAuth } from '../deps.ts';
import { pathParams, slugParams } from '../input.ts';
import { AccountPage, AuditPage, SetupPage, SignInPage } from '../pages/workspace/Account.tsx';
import { EditorPage, type EditorProps, WorkspaceHome } from '../pages/workspace/Editor.tsx';
import { historyPages } from './workspace-history.tsx';
import { filmDraftPages } from './workspace-films.tsx';

const script = fs.readFileSync(new URL('../client/workspace.js', import.meta.url), 'utf8');

type Deps = Pick<PageDeps, 'render' | 'search' | 'publicUrl'> & {
  accounts: AccountsService;
  drafts: DraftsService;
  auth: WebAuth;
};

/** Only paths on this site, so `next` cannot send a person elsewhere after signing in. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/workspace';
}

const str = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

const versionOf = (form: Record<string, unknown>): number => {
  const v = Number(str(form, 'version'));
  if (!Number.isInteger(v) || v < 1)
    throw new ValidationError('The form is missing its version.', [
      { where: 'version', message: 'must be a whole number' },
    ]);
  return v;
};

const opSchema = z.union([
  z.enum(['save', 'submit']).transform((kind) => ({ kind }) as DraftOp),
  z
    .string()
    .regex(/^(up|down|remove):\d+$/)
    .transform((v) => {
      const [kind, id] = v.split(':') as ['up' | 'down' | 'remove', string];
      return { kind, entry: Number(id) } as DraftOp;
    }),
]);

/**
 * Login CSRF: before any session exists, the sign-in form carries a token that must match a
 * cookie set with the form (double submit), so another site cannot sign a browser in to an
 * account of its choosing. Once signed in, the session's own token takes over.
 */
const LOGIN_CSRF_COOKIE = 'kt_login_csrf';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function workspacePages({ render, search, accounts, drafts, auth, publicUrl }: Deps): Hono {
  const app = new Hono();
  const authOf = (c: Context) => auth.current(c);
  const page = (
    c: Context,
    title: string,
    body: unknown,
    status: 200 | 401 | 403 | 409 | 429 = 200,
  ) =>
    render({ title, description: title, path: c.req.path, noindex: true }, body as never).then(
      (html) => c.html(html, status),
    );

  const privatePaths = [
    '/sign-in',
    '/sign-out',
    '/setup',
    '/account',
    '/account/*',
    '/workspace',
    '/workspace/*',
  ];
  for (const p of privatePaths)
    app.use(p, async (c, next) => {
      await next();
      c.header('cache-control', 'private, no-store');
    });

  /** The page needs `action`: nobody gets the sign-in form (401), too small a role a 403. */
  const needs =
    (action: Action): MiddlewareHandler =>
    async (c, next) => {
      const { user } = authOf(c);
      if (!user) {
        const next_ = c.req.method === 'GET' ? c.req.path : '/workspace';
        return page(
          c,
          'Sign in',
          <SignInPage next={next_} error="Sign in to open this page." {...csrfOf(c)} />,
          401,
        );
      }
      if (!can(user, action))
        throw new ForbiddenError(`Your role (${user.role}) cannot open this page.`);
      await next();
    };
  const signedIn = (c: Context): { user: User; csrf: string } => {
    const { user, session } = authOf(c);
    if (!user) throw new UnauthorizedError('Sign in first.');
    return { user, csrf: session?.csrfToken ?? '' };
  };

  app.get('/assets/workspace.js', (c) =>
    c.body(script, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  // sign-in, sign-out, setup

  const secure = (c: Context) =>
    publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:';
  /** The session's token, or (signed out) the login token, set in its cookie if new. */
  const csrfOf = (c: Context): { csrf: string } => {
    const token = authOf(c).session?.csrfToken;
    if (token) return { csrf: token };
    let login = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!login || !/^[\w-]{43}$/.test(login)) {
      login = randomBytes(32).toString('base64url');
      setCookie(c, LOGIN_CSRF_COOKIE, login, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: '/',
        maxAge: 60 * 60 * 2,
      });
    }
    return { csrf: login };
  };
  app.get('/sign-in', (c) =>
    page(c, 'Sign in', <SignInPage next={safeNext(c.req.query('next'))} {...csrfOf(c)} />),
  );

  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const login = str(form, 'login');
    const next = safeNext(form.next);
    // With a session, the auth middleware has checked the session's token already.
    if (!authOf(c).session && !sameToken(str(form, '_csrf'), getCookie(c, LOGIN_CSRF_COOKIE) ?? ''))
      return page(
        c,
        'Sign in',
        <SignInPage
          next={next}
          login={login}
          error="This sign-in form had expired or came from another site. Sign in again here."
          {...csrfOf(c)}
        />,
        403,
      );
    try {
      const s = await accounts.signIn({
        login,
        password: str(form, 'password'),
        address: auth.address(c),
        previousSessionToken: auth.sessionToken(c),
      });
      auth.setSession(c, s);
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/', secure: secure(c) });
      return c.redirect(next, 303);
    } catch (e) {
      if (e instanceof RateLimitedError) {
        c.header('retry-after', String(e.retryAfterSeconds));
        return page(
          c,
          'Sign in',
          <SignInPage next={next} login={login} error={e.message} throttled {...csrfOf(c)} />,
          429,
        );
      }
      if (e instanceof UnauthorizedError)
        return page(
          c,
          'Sign in',
          <SignInPage next={next} login={login} error={e.message} {...csrfOf(c)} />,
          401,
        );
      throw e;
    }
  });

  app.post('/sign-out', async (c) => {
    const token = auth.sessionToken(c);
    if (token) await accounts.signOut(token);
    auth.clearSession(c);
    return c.redirect('/', 303);
  });

  app.get('/setup', async (c) => {
    if (!(await accounts.needsSetup())) throw new ForbiddenError('Setup is already done.');
    return page(c, 'Set up Kinoteka', <SetupPage token={c.req.query('token') ?? ''} />);
  });

  app.post('/setup', async (c) => {
    const form = await c.req.parseBody();
    const token = str(form, 'token');
    try {
      await accounts.completeSetup(token, {
        email: str(form, 'email'),
        username: str(form, 'username'),
        password: str(form, 'password'),
      });
    } catch (e) {
      if (e instanceof ValidationError)
        return page(
          c,
          'Set up Kinoteka',
          <SetupPage token={token} problems={e.problems} error={e.message} />,
        );
      throw e;
    }
    return c.redirect('/sign-in?next=/workspace', 303);
  });

  // account

  app.use('/account', needs('draft.write'));
  app.use('/account/*', needs('draft.write'));

  const accountPage = async (c: Context, created?: { name: string; token: string }) => {
    const { user, csrf } = signedIn(c);
    const tokens = await accounts.listApiTokens(user);
    return page(
      c,
      'Your account',
      <AccountPage user={user} csrf={csrf} tokens={tokens} {...(created ? { created } : {})} />,
    );
  };
  app.get('/account', (c) => accountPage(c));
  app.post('/account/tokens', async (c) => {
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const t = await accounts.createApiToken(user, str(form, 'name'));
    // Shown in this response only; a reload shows the list without it.
    return accountPage(c, { name: t.name, token: t.token });
  });
  app.post('/account/tokens/:id/revoke', async (c) => {
    const { user } = signedIn(c);
    await accounts.revokeApiToken(user, Number(c.req.param('id')));
    return c.redirect('/account', 303);
  });

  // workspace

  app.use('/workspace', needs('draft.write'));
  app.use('/workspace/*', needs('draft.write'));
  app.use('/workspace/audit', needs('audit.read'));

  app.get('/workspace', async (c) => {
    const { user, csrf } = signedIn(c);
    return page(
      c,
      'Workspace',
      <WorkspaceHome user={user} csrf={csrf} lists={await drafts.workspace(user)} />,
    );
  });

  app.get('/workspace/audit', async (c) => {
    const { user, csrf } = signedIn(c);
    const entries = await accounts.listAudit({ limit: 200 });
    return page(c, 'Audit log', <AuditPage user={user} csrf={csrf} entries={entries} />);
  });

  app.post('/workspace/collections', async (c) => {
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    const slug = await drafts.create(user, {
      title: str(form, 'title'),
      intro: str(form, 'intro'),
    });
    return c.redirect(`/workspace/collections/${slug}`, 303);
  });

  const editor = async (
    c: Context,
    slug: string,
    extra: Partial<Omit<EditorProps, 'user' | 'csrf' | 'draft'>> = {},
    status: 200 | 409 = 200,
  ) => {
    const { user, csrf } = signedIn(c);
    const draft = await drafts.get(user, slug);
    const query = (extra.query ?? c.req.query('q') ?? '').trim().slice(0, 200);
    const results = query ? await search.search(query, { limit: 8 }) : [];
    const focus = c.req.query('focus');
    const message = c.req.query('saved') ? 'Saved.' : undefined;
    return page(
      c,
      `Edit: ${draft.title}`,
      <EditorPage
        user={user}
        csrf={csrf}
        draft={draft}
        query={query}
        results={results}
        today={new Date().toISOString().slice(0, 10)}
        {...(focus ? { focus } : {})}
        {...(message ? { message } : {})}
        {...extra}
      />,
      status,
    );
  };

  app.get('/workspace/collections/:slug', (c) => editor(c, pathParams(c, slugParams).slug));

  /** Runs one versioned change; a stale one answers 409 with both versions on the page. */
  const change = async (c: Context, slug: string, edit: DraftEdit, op: DraftOp) => {
    const { user } = signedIn(c);
    try {
      await drafts.apply(user, slug, edit, op);
    } catch (e) {
      if (e instanceof StaleDraftError) return editor(c, slug, { conflict: e.attempted }, 409);
      throw e;
    }
    const to = `/workspace/collections/${slug}`;
    if (op.kind === 'up' || op.kind === 'down')
      // No #fragment: browsers skip autofocus on a URL with one; autofocus scrolls to it anyway.
      return c.redirect(`${to}?focus=${op.kind}-${op.entry}`, 303);
    if (op.kind === 'submit') return c.redirect(`${to}?submitted=1`, 303);
    return c.redirect(`${to}?saved=1`, 303);
  };

  app.post('/workspace/collections/:slug', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const form = await c.req.parseBody();
    const parsed = opSchema.safeParse(str(form, 'op') || 'save');
    if (!parsed.success)
      throw new ValidationError('Unknown action.', [{ where: 'op', message: 'not an action' }]);
    const notes: Record<number, string> = {};
    const facts: Record<number, string> = {};
    for (const [k, v] of Object.entries(form)) {
      const m = /^(note|fact)-(\d+)$/.exec(k);
      if (m && typeof v === 'string') (m[1] === 'note' ? notes : facts)[Number(m[2])] = v;
    }
    return change(
      c,
      slug,
      {
        version: versionOf(form),
        title: str(form, 'title'),
        intro: str(form, 'intro'),
        notes,
        facts,
      },
      parsed.data,
    );
  });

  app.post('/workspace/collections/:slug/add', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const form = await c.req.parseBody();
    return change(c, slug, { version: versionOf(form) }, { kind: 'add', film: str(form, 'film') });
  });

  app.post('/workspace/collections/:slug/sources', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const form = await c.req.parseBody();
    const entry = Number(str(form, 'entry'));
    return change(
      c,
      slug,
      { version: versionOf(form) },
      {
        kind: 'source',
        entry,
        source: {
          url: str(form, 'url').trim(),
          title: str(form, 'title').trim(),
          publisher: str(form, 'publisher').trim() || null,
          accessedOn: str(form, 'accessed_on').trim(),
        },
      },
    );
  });

  app.use('/workspace/collections/:slug/publish', needs('collection.publish'));
  app.use('/workspace/collections/:slug/send-back', needs('review.decide'));

  app.post('/workspace/collections/:slug/publish', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    // The reason for each published statement a working copy changes (`reason:<film>:<field>`).
    const reasons: Record<string, string> = {};
    for (const [k, v] of Object.entries(form))
      if (k.startsWith('reason:') && typeof v === 'string') reasons[k.slice(7)] = v;
    try {
      await drafts.publish(user, slug, versionOf(form), str(form, 'override_reason'), reasons);
    } catch (e) {
      if (e instanceof ValidationError)
        return c.redirect(
          `/workspace/collections/${slug}/review?error=${encodeURIComponent(e.message)}`,
          303,
        );
      if (e instanceof StaleDraftError) return editor(c, slug, { conflict: e.attempted }, 409);
      if (e instanceof Error && 'code' in e && e.code === 'conflict')
        return editor(c, slug, { error: e.message }, 409);
      throw e;
    }
    return c.redirect(`/workspace/collections/${slug}?published=1`, 303);
  });

  app.post('/workspace/collections/:slug/send-back', async (c) => {
    const { slug } = pathParams(c, slugParams);
    const { user } = signedIn(c);
    const form = await c.req.parseBody();
    try {
      await drafts.sendBack(user, slug, versionOf(form), str(form, 'comment'));
    } catch (e) {
      if (e instanceof ValidationError && e.problems.some((p) => p.where === 'comment'))
        return c.redirect(
          `/workspace/collections/${slug}/review?error=${encodeURIComponent(e.message)}`,
          303,
        );
      throw e;
    }
    return c.redirect('/workspace', 303);
  });

  app.route('/', historyPages({ drafts, needs, signedIn, page }));
  app.route('/', filmDraftPages({ drafts, needs, signedIn, page, search }));

  return app;
}
