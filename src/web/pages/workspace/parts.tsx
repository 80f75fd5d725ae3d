/** Pieces every workspace page shares: the CSRF field, the workspace menu, problem lists. */
import type { FC } from 'hono/jsx';
import type { Problem } from '../../../lib/errors.ts';
import { type User, can } from '../../../modules/accounts/index.ts';

export const Csrf: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="_csrf" value={token} />
);

export const WorkspaceNav: FC<{ user: User; csrf: string }> = ({ user, csrf }) => (
  <nav aria-label="Workspace" class="workspace-nav">
    <ul>
      <li>
        <a href="/workspace">Workspace</a>
      </li>
      <li>
        <a href="/workspace/import">Import a list</a>
      </li>
      <li>
        <a href="/workspace/films">Film corrections</a>
      </li>
      <li>
        <a href="/account">Account</a>
      </li>
      {can(user, 'users.manage') ? (
        <li>
          <a href="/workspace/users">Users</a>
        </li>
      ) : null}
      {can(user, 'settings.manage') ? (
        <li>
          <a href="/workspace/jobs">Jobs</a>
        </li>
      ) : null}
      {can(user, 'audit.read') ? (
        <li>
          <a href="/workspace/audit">Audit log</a>
        </li>
      ) : null}
      <li>
        <form method="post" action="/sign-out" class="inline">
          <Csrf token={csrf} />
          <button type="submit">Sign out {user.username}</button>
        </form>
      </li>
    </ul>
  </nav>
);

export const Problems: FC<{ problems?: readonly Problem[] | undefined }> = ({ problems }) =>
  problems?.length ? (
    // The alert role on a wrapper: on the <ul> itself it would hide the list's items.
    <div class="notice notice-error" role="alert">
      <ul>
        {problems.map((p) => (
          <li>
            {p.where}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  ) : null;
