/**
 * Users and roles in the browser, for admins: list, add, change a role, disable and enable.
 * Each change goes through AccountsService (which checks the role again and writes the audit
 * log); the forms carry the CSRF token, checked by src/http/auth before any route runs.
 */
import { type Context, Hono } from 'hono';
import { AppError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { type AccountsService, type Role, can } from '../../modules/accounts/index.ts';
import type { PageDeps, WebAuth } from '../deps.ts';
import { SignInPage } from '../pages/workspace/Account.tsx';
import { UsersPage } from '../pages/workspace/Users.tsx';

type Deps = Pick<PageDeps, 'render'> & { accounts: AccountsService; auth: WebAuth };

const str = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v : '';
};

const MESSAGES: Record<string, string> = {
  added: 'The user was added.',
  role: 'The role was changed.',
  disabled: 'The account was disabled; its sessions have ended.',
  enabled: 'The account was enabled.',
};

export function workspaceUsersPages({ render, accounts, auth }: Deps): Hono {
  const app = new Hono();
  const page = (c: Context, body: unknown, status: 200 | 400 | 401 | 409 = 200) =>
    render(
      { title: 'Users and roles', description: 'Users and roles', path: c.req.path, noindex: true },
      body as never,
    ).then((html) => c.html(html, status));

  const guard = async (c: Context, next: () => Promise<void>) => {
    const { user } = auth.current(c);
    if (!user)
      return page(
        c,
        <SignInPage
          next={c.req.method === 'GET' ? c.req.path : '/workspace/users'}
          error="Sign in to open this page."
        />,
        401,
      );
    if (!can(user, 'users.manage'))
      throw new ForbiddenError(`Your role (${user.role}) cannot open this page.`);
    await next();
    c.header('cache-control', 'private, no-store');
  };
  app.use('/workspace/users', guard);
  app.use('/workspace/users/*', guard);

  const show = async (
    c: Context,
    extra: Partial<Parameters<typeof UsersPage>[0]> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const { user, session } = auth.current(c);
    const done = MESSAGES[c.req.query('done') ?? ''];
    return page(
      c,
      <UsersPage
        user={user!}
        csrf={session?.csrfToken ?? ''}
        users={await accounts.listUsers()}
        {...(done ? { message: done } : {})}
        {...extra}
      />,
      status,
    );
  };
  /** A refused change shows the page again with the reason; other errors go to the error page. */
  const attempt = async (
    c: Context,
    run: () => Promise<string>,
    draft?: Record<string, string>,
  ) => {
    try {
      return c.redirect(`/workspace/users?done=${await run()}`, 303);
    } catch (e) {
      if (e instanceof ValidationError || (e instanceof AppError && e.code === 'conflict'))
        return show(
          c,
          {
            error: e.message,
            problems: e.problems,
            ...(draft ? { draft: draft as { email: string; username: string; role: string } } : {}),
          },
          e instanceof ValidationError ? 400 : 409,
        );
      throw e;
    }
  };
  const idOf = (c: Context) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1)
      throw new ValidationError('Not a user.', [{ where: 'id', message: 'must be a user id' }]);
    return id;
  };

  app.get('/workspace/users', (c) => show(c));

  app.post('/workspace/users', async (c) => {
    const actor = auth.current(c).user!;
    const form = await c.req.parseBody();
    const input = {
      email: str(form, 'email').trim(),
      username: str(form, 'username').trim(),
      role: str(form, 'role'),
    };
    return attempt(
      c,
      async () => {
        await accounts.createUser(
          {
            ...input,
            role: input.role as Role,
            password: str(form, 'password'),
          },
          actor,
        );
        return 'added';
      },
      input,
    );
  });

  app.post('/workspace/users/:id/role', async (c) => {
    const actor = auth.current(c).user!;
    const id = idOf(c);
    const role = str(await c.req.parseBody(), 'role');
    return attempt(c, async () => {
      await accounts.setRole(actor, id, role as Role);
      return 'role';
    });
  });

  app.post('/workspace/users/:id/disable', async (c) => {
    const actor = auth.current(c).user!;
    const id = idOf(c);
    const disabled = str(await c.req.parseBody(), 'disabled') !== '0';
    return attempt(c, async () => {
      await accounts.setDisabled(actor, id, disabled);
      return disabled ? 'disabled' : 'enabled';
    });
  });

  return app;
}
