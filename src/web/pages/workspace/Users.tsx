/** Users and roles, for admins: the list, a new account, a role change, disable and enable. */
import type { FC } from 'hono/jsx';
import type { Problem } from '../../../lib/errors.ts';
import { ROLES, type User } from '../../../modules/accounts/index.ts';
import { Csrf, Problems, WorkspaceNav } from './parts.tsx';

export const UsersPage: FC<{
  user: User;
  csrf: string;
  users: User[];
  message?: string;
  error?: string;
  problems?: readonly Problem[];
  draft?: { email: string; username: string; role: string };
}> = (p) => (
  <section class="workspace">
    <WorkspaceNav user={p.user} csrf={p.csrf} />
    <h1>Users and roles</h1>
    <p>
      A curator writes drafts, a reviewer approves and publishes them, an admin also manages users
      and reads the audit log. Every change here is written to the audit log.
    </p>
    {p.message ? (
      <p class="notice" role="status">
        {p.message}
      </p>
    ) : null}
    {p.error ? (
      <p class="notice notice-error" role="alert">
        {p.error}
      </p>
    ) : null}
    <Problems problems={p.problems} />
    <div class="table-scroll" tabindex={0} role="region" aria-label="Users">
      <table>
        <caption>Users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {p.users.map((u) => (
            <tr>
              <th scope="row">{u.username}</th>
              <td>{u.email}</td>
              <td>
                <form method="post" action={`/workspace/users/${u.id}/role`} class="inline">
                  <Csrf token={p.csrf} />
                  <label class="visually-hidden" for={`role-${u.id}`}>
                    Role of {u.username}
                  </label>
                  <select id={`role-${u.id}`} name="role">
                    {ROLES.map((r) => (
                      <option value={r} selected={r === u.role}>
                        {r}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" aria-label={`Change role of ${u.username}`}>
                    Change role
                  </button>
                </form>
              </td>
              <td>
                <form method="post" action={`/workspace/users/${u.id}/disable`} class="inline">
                  <Csrf token={p.csrf} />
                  <input type="hidden" name="disabled" value={u.disabledAt ? '0' : '1'} />
                  {u.disabledAt ? `Disabled ${u.disabledAt.slice(0, 10)}` : 'Active'}{' '}
                  {u.id === p.user.id ? null : (
                    <button
                      type="submit"
                      aria-label={`${u.disabledAt ? 'Enable' : 'Disable'} ${u.username}`}
                    >
                      {u.disabledAt ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </form>
              </td>
              <td>{u.createdAt.slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <h2>Add a user</h2>
    <form method="post" action="/workspace/users" class="stack">
      <Csrf token={p.csrf} />
      <label for="new-email">Email</label>
      <input id="new-email" name="email" type="email" required value={p.draft?.email ?? ''} />
      <label for="new-username">Username</label>
      <input id="new-username" name="username" required value={p.draft?.username ?? ''} />
      <label for="new-role">Role</label>
      <select id="new-role" name="role">
        {ROLES.map((r) => (
          <option value={r} selected={r === (p.draft?.role ?? 'curator')}>
            {r}
          </option>
        ))}
      </select>
      <label for="new-password">First password (at least 10 characters; they change it)</label>
      <input
        id="new-password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength={10}
      />
      <button type="submit">Add the user</button>
    </form>
  </section>
);
