/** Sign-in, first-admin setup, the account page (API tokens) and the audit log. */
import type { FC } from 'hono/jsx';
import type { ApiTokenInfo, AuditEntry, User } from '../../../modules/accounts/index.ts';
import type { Problem } from '../../../lib/errors.ts';
import { Csrf, Problems, WorkspaceNav } from './parts.tsx';

export const SignInPage: FC<{
  next: string;
  login?: string;
  error?: string;
  throttled?: boolean;
  /** When a session exists already (signing in again needs its CSRF token). */
  csrf?: string;
}> = ({ next, login, error, throttled, csrf }) => (
  <section class="workspace narrow">
    <h1>Sign in</h1>
    <p class="muted">For curators, reviewers and admins. Readers need no account.</p>
    {error ? (
      <p class="notice notice-error" role="alert" data-throttled={throttled ? 'true' : undefined}>
        {error}
      </p>
    ) : null}
    <form method="post" action="/sign-in" class="stack">
      {csrf ? <Csrf token={csrf} /> : null}
      <input type="hidden" name="next" value={next} />
      <label for="login">Email or username</label>
      <input id="login" name="login" autocomplete="username" required value={login ?? ''} />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
      />
      <button type="submit">Sign in</button>
    </form>
  </section>
);

export const SetupPage: FC<{ token: string; problems?: readonly Problem[]; error?: string }> = ({
  token,
  problems,
  error,
}) => (
  <section class="workspace narrow">
    <h1>Create the first admin</h1>
    <p>This link works once. The account made here manages users and roles.</p>
    {error ? (
      <p class="notice notice-error" role="alert">
        {error}
      </p>
    ) : null}
    <Problems problems={problems} />
    <form method="post" action="/setup" class="stack">
      <input type="hidden" name="token" value={token} />
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="email" required />
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required />
      <label for="password">Password (at least 10 characters)</label>
      <input id="password" name="password" type="password" autocomplete="new-password" required />
      <button type="submit">Create admin</button>
    </form>
  </section>
);

export const AccountPage: FC<{
  user: User;
  csrf: string;
  tokens: ApiTokenInfo[];
  created?: { name: string; token: string };
}> = ({ user, csrf, tokens, created }) => (
  <section class="workspace">
    <WorkspaceNav user={user} csrf={csrf} />
    <h1>Your account</h1>
    <p>
      Signed in as <strong>{user.username}</strong> ({user.email}), role{' '}
      <strong>{user.role}</strong>.
    </p>
    <h2>Personal API tokens</h2>
    <p class="muted">
      For scripts: send <code>Authorization: Bearer kt_…</code>. A token is shown once, when it is
      made; only its hash is kept.
    </p>
    {created ? (
      <div class="notice" role="status">
        <p>
          Your new token <strong>{created.name}</strong>. Copy it now: it will not be shown again.
        </p>
        <p>
          <code class="token" id="new-token">
            {created.token}
          </code>
        </p>
      </div>
    ) : null}
    {tokens.length ? (
      <div class="table-scroll" tabindex={0} role="region" aria-label="Your API tokens">
        <table>
          <caption class="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never'}</td>
                <td>
                  <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                    <Csrf token={csrf} />
                    <button type="submit" aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>No tokens yet.</p>
    )}
    <form method="post" action="/account/tokens" class="stack">
      <Csrf token={csrf} />
      <label for="token-name">Name of a new token</label>
      <input
        id="token-name"
        name="name"
        required
        maxlength={100}
        placeholder="e.g. import script"
      />
      <button type="submit">Create token</button>
    </form>
  </section>
);

export const AuditPage: FC<{ user: User; csrf: string; entries: AuditEntry[] }> = ({
  user,
  csrf,
  entries,
}) => (
  <section class="workspace">
    <WorkspaceNav user={user} csrf={csrf} />
    <h1>Audit log</h1>
    <p class="muted">Newest first: sign-ins, account changes, edits and publications.</p>
    <div class="table-scroll" tabindex={0} role="region" aria-label="Audit log">
      <table>
        <caption class="visually-hidden">Audit log</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);
