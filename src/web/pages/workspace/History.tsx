/**
 * Revision history of a collection (who, when, what), a readable diff between two revisions,
 * one revision read back with its Restore button, and the reviewer's page: the submitted draft
 * against what readers see now, the fact-check summary, and approve / send back.
 */
import type { FC } from 'hono/jsx';
import { type User, can } from '../../../modules/accounts/index.ts';
import type {
  DiffPart,
  Draft,
  FilmNames,
  History,
  ReviewView,
  Revision,
  RevisionComparison,
  RevisionKind,
  SnapshotDiff,
} from '../../../modules/collections/index.ts';
import { VERDICT_LABEL } from '../FactCheck.tsx';
import { Verdicts } from './Editor.tsx';
import { Csrf, WorkspaceNav } from './parts.tsx';

const KIND_LABEL: Record<RevisionKind, string> = {
  create: 'Created',
  save: 'Saved',
  submit: 'Submitted for review',
  send_back: 'Sent back',
  publish: 'Published',
  restore: 'Restored',
  reopen: 'Working copy opened',
};

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const filmName = (films: FilmNames, slug: string) => {
  const f = films[slug];
  return f ? `${f.title} (${f.year})` : slug;
};

/** A word-level diff: removed words struck through, added words underlined, labelled for AT. */
export const Words: FC<{ parts: DiffPart[] }> = ({ parts }) => (
  <p class="diff-text">
    {parts.map((p) =>
      p.op === 'same' ? (
        p.text
      ) : p.op === 'del' ? (
        <del>
          <span class="visually-hidden">[removed: </span>
          {p.text}
          <span class="visually-hidden">]</span>
        </del>
      ) : (
        <ins>
          <span class="visually-hidden">[added: </span>
          {p.text}
          <span class="visually-hidden">]</span>
        </ins>
      ),
    )}
  </p>
);

export const DiffView: FC<{ diff: SnapshotDiff; films: FilmNames }> = ({ diff, films }) => {
  if (diff.same) return <p class="diff-same">No difference.</p>;
  return (
    <div class="diff">
      <p class="muted small">
        Removed words are <del>struck through</del>, added words <ins>underlined</ins>.
      </p>
      {diff.title ? (
        <>
          <h3>Title</h3>
          <Words parts={diff.title.parts} />
        </>
      ) : null}
      {diff.intro ? (
        <>
          <h3>Introduction</h3>
          <Words parts={diff.intro.parts} />
        </>
      ) : null}
      {diff.added.length || diff.removed.length || diff.moved.length ? (
        <>
          <h3>Films</h3>
          <ul class="diff-entries">
            {diff.added.map((a) => (
              <li class="diff-added">
                Added {filmName(films, a.film)} at {a.position}
              </li>
            ))}
            {diff.removed.map((r) => (
              <li class="diff-removed">
                Removed {filmName(films, r.film)} (was {r.position})
              </li>
            ))}
            {diff.moved.map((m) => (
              <li class="diff-moved">
                Moved {filmName(films, m.film)} from {m.from} to {m.to}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.changed.map((c) => (
        <section class="diff-entry">
          <h3>{filmName(films, c.film)}</h3>
          {c.note ? (
            <>
              <h4>Note</h4>
              <Words parts={c.note.parts} />
            </>
          ) : null}
          {c.fact ? (
            <>
              <h4>Fact</h4>
              <Words parts={c.fact.parts} />
            </>
          ) : null}
          {c.sourcesAdded.length || c.sourcesRemoved.length ? (
            <ul class="small">
              {c.sourcesAdded.map((s) => (
                <li>
                  Source cited: <a href={s.url}>{s.title}</a>
                </li>
              ))}
              {c.sourcesRemoved.map((s) => (
                <li>
                  Source dropped: <a href={s.url}>{s.title}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
};

export const HistoryPage: FC<{
  user: User;
  csrf: string;
  history: History;
  comparison?: RevisionComparison;
}> = ({ user, csrf, history: h, comparison }) => {
  const path = `/workspace/collections/${h.slug}`;
  const numbers = h.revisions.map((r) => r.number);
  const select = (name: string, label: string, chosen: number | undefined) => (
    <>
      <label for={`cmp-${name}`}>{label}</label>
      <select id={`cmp-${name}`} name={name}>
        {numbers.map((n) => (
          <option value={String(n)} selected={n === chosen}>
            Revision {n}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <section class="workspace">
      <WorkspaceNav user={user} csrf={csrf} />
      <p class="eyebrow">
        <a href={path}>{h.title}</a>
        {h.revises ? (
          <>
            {' '}
            · working copy of <a href={`/workspace/collections/${h.revises}`}>{h.revises}</a>
          </>
        ) : null}
      </p>
      <h1>History of “{h.title}”</h1>
      <p>
        Every save, submission, send-back, restore and publication is kept. Restoring a revision
        makes a new revision; nothing here is ever rewritten.
      </p>
      <div class="table-scroll" tabindex={0} role="region" aria-label="Revisions">
        <table>
          <caption>Revisions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">When (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {h.revisions.map((r) => (
              <tr>
                <td>
                  <a href={`${path}/revisions/${r.number}`}>{r.number}</a>
                </td>
                <td>
                  {KIND_LABEL[r.kind]}: {r.summary}
                </td>
                <td>{r.author}</td>
                <td>
                  <time datetime={r.at}>{when(r.at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {numbers.length > 1 ? (
        <section aria-labelledby="compare-h">
          <h2 id="compare-h">Compare two revisions</h2>
          <form method="get" action={`${path}/history`} class="search-inline">
            {select('from', 'From', comparison?.from.number ?? numbers[1])}
            {select('to', 'To', comparison?.to.number ?? numbers[0])}
            <button type="submit">Compare</button>
          </form>
          {comparison ? (
            <>
              <h3>
                Revision {comparison.from.number} → revision {comparison.to.number}
              </h3>
              <DiffView diff={comparison.diff} films={comparison.films} />
            </>
          ) : null}
        </section>
      ) : null}
    </section>
  );
};

export const RevisionPage: FC<{
  user: User;
  csrf: string;
  history: History;
  revision: Revision;
  films: FilmNames;
}> = ({ user, csrf, history: h, revision: r, films }) => {
  const path = `/workspace/collections/${h.slug}`;
  return (
    <section class="workspace">
      <WorkspaceNav user={user} csrf={csrf} />
      <p class="eyebrow">
        <a href={`${path}/history`}>History of {h.title}</a>
      </p>
      <h1>
        Revision {r.number}: {r.snapshot.title}
      </h1>
      <p>
        {KIND_LABEL[r.kind]} by {r.author}, <time datetime={r.at}>{when(r.at)}</time> UTC:{' '}
        {r.summary}
      </p>
      {h.status !== 'review' ? (
        <form method="post" action={`${path}/restore`} class="stack">
          <Csrf token={csrf} />
          <input type="hidden" name="version" value={String(h.version)} />
          <input type="hidden" name="revision" value={String(r.number)} />
          <button type="submit">Restore revision {r.number} as a new draft revision</button>
        </form>
      ) : (
        <p class="muted">This collection is waiting for review; it cannot be restored now.</p>
      )}
      <h2>Introduction</h2>
      <p class="diff-text">{r.snapshot.intro || '(none)'}</p>
      <h2>Films</h2>
      {r.snapshot.entries.length === 0 ? <p>No films in this revision.</p> : null}
      <ol>
        {r.snapshot.entries.map((e) => (
          <li>
            <strong>{filmName(films, e.film)}</strong>
            {e.note ? <p>{e.note}</p> : null}
            {e.fact ? (
              <p>
                <strong>Fact.</strong> {e.fact}{' '}
                {e.sources.map((s) => (
                  <>
                    [<a href={s.url}>{s.title}</a>]{' '}
                  </>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
};

const FIELD_WORD = { note: 'Note', fact: 'Fact' } as const;

/** The reviewer's page: what changes for readers, what the checker found, and the decision. */
export const ReviewPage: FC<{
  user: User;
  csrf: string;
  draft: Draft;
  review: ReviewView;
  error?: string;
}> = ({ user, csrf, draft: d, review, error }) => {
  const path = `/workspace/collections/${d.slug}`;
  const totals = { supported: 0, contradicted: 0, unsupported: 0 };
  for (const e of d.entries)
    for (const c of [e.check, e.factCheck]) {
      totals.supported += c.counts.supported;
      totals.contradicted += c.counts.contradicted;
      totals.unsupported += c.counts.unsupported;
    }
  const flagged = d.entries.filter(
    (e) =>
      e.check.counts.contradicted +
        e.check.counts.unsupported +
        e.factCheck.counts.contradicted +
        e.factCheck.counts.unsupported >
      0,
  );
  const decide = d.status === 'review' && can(user, 'collection.publish');
  return (
    <section class="workspace review-page">
      <WorkspaceNav user={user} csrf={csrf} />
      <p class="eyebrow">
        <a href={path}>{d.title}</a> · version {d.version} · curator {d.curator}
      </p>
      <h1>Review: {d.title}</h1>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {d.status !== 'review' ? (
        <p class="notice" role="status">
          This draft is not submitted for review yet; this is what a reviewer will see.
        </p>
      ) : null}
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">
          {review.against === 'published'
            ? `Changes against the published collection (${d.revises})`
            : 'Everything is new: this collection has not been published before'}
        </h2>
        <DiffView diff={review.diff} films={review.films} />
      </section>
      <section aria-labelledby="summary-h">
        <h2 id="summary-h">Fact-check summary</h2>
        <ul class="fact-summary">
          <li>
            <span class="verdict verdict-supported">{VERDICT_LABEL.supported}</span>:{' '}
            {totals.supported}
          </li>
          <li>
            <span class="verdict verdict-contradicted">{VERDICT_LABEL.contradicted}</span>:{' '}
            {totals.contradicted}
          </li>
          <li>
            <span class="verdict verdict-unsupported">{VERDICT_LABEL.unsupported}</span>:{' '}
            {totals.unsupported}
          </li>
        </ul>
        {flagged.map((e) => (
          <section class="review-flagged">
            <h3>{e.film.englishTitle}</h3>
            {e.check.counts.contradicted + e.check.counts.unsupported ? (
              <Verdicts check={e.check} id={`review-note-${e.id}`} />
            ) : null}
            {e.factCheck.counts.contradicted + e.factCheck.counts.unsupported ? (
              <Verdicts check={e.factCheck} id={`review-fact-${e.id}`} />
            ) : null}
          </section>
        ))}
      </section>
      {decide ? (
        <section aria-labelledby="decide-h">
          <h2 id="decide-h">Decision</h2>
          <form method="post" action={`${path}/publish`} class="stack">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            {review.corrections.length ? (
              <fieldset>
                <legend>
                  Corrections readers will see: say why each published statement changes
                </legend>
                {review.corrections.map((c) => (
                  <div class="stack">
                    <p>
                      {FIELD_WORD[c.field]} on {filmName(review.films, c.film)}: it said{' '}
                      <q>{c.was}</q>,{' '}
                      {c.now ? (
                        <>
                          it will say <q>{c.now}</q>
                        </>
                      ) : (
                        'it will be withdrawn'
                      )}
                      .
                    </p>
                    <label for={`reason-${c.key}`}>Reason (printed with the correction)</label>
                    <textarea
                      id={`reason-${c.key}`}
                      name={`reason:${c.key}`}
                      rows={2}
                      required
                    ></textarea>
                  </div>
                ))}
              </fieldset>
            ) : null}
            {d.contradicted > 0 ? (
              <>
                <label for="override">
                  Reason to publish although {d.contradicted} claim
                  {d.contradicted === 1 ? ' is' : 's are'} contradicted (kept with the collection)
                </label>
                <textarea id="override" name="override_reason" rows={3}></textarea>
              </>
            ) : null}
            <button type="submit">Approve and publish</button>
          </form>
          <form method="post" action={`${path}/send-back`} class="stack">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            <label for="comment">Comment for the curator (required)</label>
            <textarea id="comment" name="comment" rows={3} required></textarea>
            <button type="submit">Send back for changes</button>
          </form>
        </section>
      ) : null}
    </section>
  );
};
