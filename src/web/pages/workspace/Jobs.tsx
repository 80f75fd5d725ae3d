/** Background jobs, for admins: state, progress, failure message, and retry for failed ones. */
import type { FC } from 'hono/jsx';
import type { User } from '../../../modules/accounts/index.ts';
import type { JobView } from '../../deps.ts';
import { Csrf, WorkspaceNav } from './parts.tsx';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

const STATE_LABEL: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
};

/** The table alone: the page's script fetches the page again and swaps this part in. */
export const JobsTable: FC<{ jobs: JobView[]; csrf: string; state: string | undefined }> = (p) => (
  <div id="jobs-table" class="table-scroll" tabindex={0} role="region" aria-label="Jobs">
    <table>
      <caption>
        {p.jobs.length} job{p.jobs.length === 1 ? '' : 's'}
        {p.state ? ` ${STATE_LABEL[p.state]?.toLowerCase()}` : ''}, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Kind</th>
          <th scope="col">What</th>
          <th scope="col">State</th>
          <th scope="col">Progress</th>
          <th scope="col">Attempts</th>
          <th scope="col">Updated (UTC)</th>
          <th scope="col">Failure</th>
        </tr>
      </thead>
      <tbody>
        {p.jobs.map((j) => {
          const pct = Math.round(j.progress * 100);
          return (
            <tr data-state={j.state}>
              <th scope="row">{j.id}</th>
              <td>
                <code>{j.kind}</code>
              </td>
              <td>{j.subject}</td>
              <td>{STATE_LABEL[j.state] ?? j.state}</td>
              <td>
                <progress
                  max={100}
                  value={pct}
                  aria-label={`Progress of job ${j.id}`}
                  aria-valuetext={`${pct}%`}
                />{' '}
                {pct}%
              </td>
              <td>
                {j.attempts} of {j.maxAttempts}
              </td>
              <td>
                <time dateTime={j.updatedAt}>{j.updatedAt.replace('T', ' ').slice(0, 19)}</time>
              </td>
              <td>
                {j.error ? <span class="job-error">{j.error}</span> : null}
                {j.state === 'failed' ? (
                  <form method="post" action={`/workspace/jobs/${j.id}/retry`} class="inline">
                    <Csrf token={p.csrf} />{' '}
                    <button type="submit" aria-label={`Retry job ${j.id}`}>
                      Retry
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

export const JobsPage: FC<{
  user: User;
  csrf: string;
  jobs: JobView[];
  counts: Record<string, number>;
  state: string | undefined;
  message?: string;
}> = (p) => (
  <section class="workspace">
    <WorkspaceNav user={p.user} csrf={p.csrf} />
    <h1>Background jobs</h1>
    <p>
      Probing, subtitle extraction, covers and HLS preparation of the media library run here, a few
      at a time, and survive a restart. A failed job keeps its message; Retry queues it again.
    </p>
    {p.message ? (
      <p class="notice" role="status">
        {p.message}
      </p>
    ) : null}
    <form method="get" action="/workspace/jobs" class="inline">
      <label for="jobs-state">Show</label>{' '}
      <select id="jobs-state" name="state">
        <option value="" selected={!p.state}>
          all ({Object.values(p.counts).reduce((a, b) => a + b, 0)})
        </option>
        {JOB_STATES.map((s) => (
          <option value={s} selected={p.state === s}>
            {STATE_LABEL[s]!.toLowerCase()} ({p.counts[s] ?? 0})
          </option>
        ))}
      </select>{' '}
      <button type="submit">Show</button>
    </form>{' '}
    <button type="button" id="jobs-pause" aria-pressed="false">
      Pause updates
    </button>
    <p class="muted" id="jobs-updated" aria-live="off">
      Updated every 3 seconds while the page is open.
    </p>
    <JobsTable jobs={p.jobs} csrf={p.csrf} state={p.state} />
    <script src="/assets/jobs.js" defer />
  </section>
);
