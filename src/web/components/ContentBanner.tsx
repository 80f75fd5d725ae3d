/**
 * The banner an admin sees on every page while the content folder is broken: the start-up (or
 * last) content load failed, nothing was written, and the site serves what an earlier load put
 * in the database. Readers never see it: it is rendered only for a signed-in admin, whose
 * responses are `private, no-store` and bypass the shared response cache (src/http/cache.ts).
 */
import type { FC } from 'hono/jsx';
import type { ContentStatus } from '../../modules/content/index.ts';

/** How many problems the banner lists before it says how many more there are. */
const SHOWN = 5;

export const ContentBanner: FC<{ status: ContentStatus }> = ({ status }) => {
  const shown = status.problems.slice(0, SHOWN);
  const more = status.problems.length - shown.length;
  const dir = status.dir ?? 'content';
  return (
    <section class="admin-banner" role="alert" aria-labelledby="admin-banner-heading">
      <h2 id="admin-banner-heading">Content not loaded: the site shows the earlier content</h2>
      <p>
        The last load of <code>{dir}</code>
        {status.at ? (
          <>
            {' '}
            (<time datetime={status.at}>{status.at.replace('T', ' ').slice(0, 16)} UTC</time>)
          </>
        ) : null}{' '}
        stopped at {status.problems.length} {status.problems.length === 1 ? 'problem' : 'problems'},
        so nothing from it was written. Readers see the films and collections loaded before.
      </p>
      <ul>
        {shown.map((p) => (
          <li>
            <code>{p.where}</code>: {p.message}
          </li>
        ))}
        {more > 0 ? <li>and {more} more (all of them: /readyz)</li> : null}
      </ul>
      <p>
        What to do: fix the file at the line named, run{' '}
        <code>kinoteka content check --dir {dir}</code> until it reports no problem, then restart
        the server, which loads the folder again. Only admins see this banner.
      </p>
    </section>
  );
};
