/** The workspace: one's collections, and the editor of one collection with its claims checked. */
import type { FC } from 'hono/jsx';
import { type User, can } from '../../../modules/accounts/index.ts';
import type { Draft, DraftEdit, DraftSummary } from '../../../modules/collections/index.ts';
import {
  type CheckedText,
  describeEvidence,
  evidenceSources,
} from '../../../modules/facts/index.ts';
import type { SearchResult } from '../../../modules/search/index.ts';
import { urls } from '../../../presenters/index.ts';
import { VERDICT_LABEL } from '../FactCheck.tsx';
import { Csrf, WorkspaceNav } from './parts.tsx';

const STATUS_LABEL: Record<DraftSummary['status'], string> = {
  draft: 'Draft',
  review: 'Waiting for review',
  published: 'Published',
};

const DraftTable: FC<{ caption: string; rows: DraftSummary[] }> = ({ caption, rows }) => (
  <div class="table-scroll" tabindex={0} role="region" aria-label={caption}>
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Films</th>
          <th scope="col">Curator</th>
          <th scope="col">Last change (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr>
            <td>
              <a href={`/workspace/collections/${d.slug}`}>{d.title}</a>
            </td>
            <td>{STATUS_LABEL[d.status]}</td>
            <td>{d.filmCount}</td>
            <td>{d.curator}</td>
            <td>{d.updatedAt.slice(0, 16).replace('T', ' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const WorkspaceHome: FC<{
  user: User;
  csrf: string;
  lists: { mine: DraftSummary[]; review: DraftSummary[]; published: DraftSummary[] };
}> = ({ user, csrf, lists }) => (
  <section class="workspace">
    <WorkspaceNav user={user} csrf={csrf} />
    <h1>Workspace</h1>
    <p>
      <a href="/workspace/films">Film corrections</a>: titles, credits and English access offers,
      through the same review.
    </p>
    {can(user, 'review.decide') ? (
      lists.review.length ? (
        <DraftTable caption="Waiting for your review" rows={lists.review} />
      ) : (
        <p>Nothing is waiting for review.</p>
      )
    ) : null}
    {lists.mine.length ? (
      <DraftTable caption="Your drafts" rows={lists.mine} />
    ) : (
      <p>You have no drafts yet.</p>
    )}
    {lists.published.length ? (
      <DraftTable caption="Your published collections" rows={lists.published} />
    ) : null}
    <h2>New collection</h2>
    <form method="post" action="/workspace/collections" class="stack">
      <Csrf token={csrf} />
      <label for="new-title">Title</label>
      <input id="new-title" name="title" required maxlength={200} />
      <label for="new-intro">Introduction</label>
      <textarea id="new-intro" name="intro" rows={4}></textarea>
      <button type="submit">Create draft</button>
    </form>
  </section>
);

/** The verdict of every checkable claim in a note, with the evidence behind it. */
export const Verdicts: FC<{ check: CheckedText; id: string }> = ({ check, id }) => {
  const claims = check.claims.filter((c) => c.judgement.verdict !== 'not-checkable');
  return (
    <div class="verdicts" id={id} aria-live="polite">
      {claims.length === 0 ? (
        <p class="muted small">No checkable claim in this note.</p>
      ) : (
        <ul class="claims">
          {claims.map((c) => (
            <li class={`claim-item claim-item-${c.judgement.verdict}`}>
              <p>
                <span class={`verdict verdict-${c.judgement.verdict}`}>
                  {VERDICT_LABEL[c.judgement.verdict]}
                </span>{' '}
                <q>{c.text}</q>
              </p>
              <p class="small">{c.judgement.explanation}</p>
              {c.judgement.evidence.length ? (
                <ul class="evidence small">
                  {c.judgement.evidence.map((e) => (
                    <li>
                      {describeEvidence(e)}.{' '}
                      {evidenceSources(e).map((s) => (
                        <>
                          <a href={s.url} rel="noopener nofollow external">
                            {s.publisher ?? s.title ?? new URL(s.url).hostname}
                          </a>{' '}
                        </>
                      ))}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

export interface EditorProps {
  user: User;
  csrf: string;
  draft: Draft;
  query: string;
  results: SearchResult[];
  /** Which button to give focus back to after a move (`up-12`, `down-12`). */
  focus?: string;
  message?: string;
  error?: string;
  /** Today (YYYY-MM-DD), the default accessed date of a new source. */
  today: string;
  /** A stale save: what the editor sent, shown beside the saved version. */
  conflict?: DraftEdit;
}

const Conflict: FC<{ draft: Draft; mine: DraftEdit }> = ({ draft, mine }) => {
  const rows: { what: string; yours: string; saved: string }[] = [];
  if (mine.title !== undefined && mine.title.trim() !== draft.title)
    rows.push({ what: 'Title', yours: mine.title, saved: draft.title });
  if (mine.intro !== undefined && mine.intro.trim() !== draft.intro)
    rows.push({ what: 'Introduction', yours: mine.intro, saved: draft.intro });
  for (const [id, note] of Object.entries(mine.notes ?? {})) {
    const e = draft.entries.find((x) => x.id === Number(id));
    if (!e) rows.push({ what: `Note (entry removed since)`, yours: note, saved: '' });
    else if (note.trim() !== e.note)
      rows.push({ what: `Note on ${e.film.englishTitle}`, yours: note, saved: e.note });
  }
  for (const [id, fact] of Object.entries(mine.facts ?? {})) {
    const e = draft.entries.find((x) => x.id === Number(id));
    if (e && fact.trim() !== e.fact)
      rows.push({ what: `Fact on ${e.film.englishTitle}`, yours: fact, saved: e.fact });
  }
  return (
    <section class="conflict notice notice-error" aria-labelledby="conflict-h">
      <h2 id="conflict-h">Not saved: this draft changed while you were editing</h2>
      <p>
        You edited version {mine.version}; the saved version is {draft.version}. Below is what you
        wrote beside what is saved. The form shows the saved version: copy what you want to keep
        into it and save again.
      </p>
      {rows.length ? (
        <div
          class="table-scroll"
          tabindex={0}
          role="region"
          aria-label="Your text and the saved text"
        >
          <table>
            <caption class="visually-hidden">Your text and the saved text</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Your version</th>
                <th scope="col">Saved version {draft.version}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.what}</th>
                  <td class="conflict-yours">{r.yours}</td>
                  <td class="conflict-saved">{r.saved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Your text was the same as the saved text; only the order or the films changed.</p>
      )}
    </section>
  );
};

export const EditorPage: FC<EditorProps> = (p) => {
  const d = p.draft;
  const editable = d.status === 'draft';
  const path = `/workspace/collections/${d.slug}`;
  const n = d.entries.length;
  return (
    <section class="workspace editor" data-editor>
      <WorkspaceNav user={p.user} csrf={p.csrf} />
      <p class="eyebrow">
        {STATUS_LABEL[d.status]} · version {d.version} · curator {d.curator}
        {d.status === 'published' ? (
          <>
            {' '}
            · <a href={urls.collection(d.slug)}>Public page</a>
          </>
        ) : null}
      </p>
      <h1>{d.title}</h1>
      <p class="entry-actions">
        <a href={`${path}/history`}>History</a>
        {d.status !== 'published' ? (
          <a href={`${path}/review`}>Changes and fact-check summary</a>
        ) : null}
        {editable ? (
          <a href={`/workspace/import?into=${d.slug}`}>Import a list into this draft</a>
        ) : null}
        <a href={`${path}/export/letterboxd.csv`} download>
          Export as Letterboxd CSV
        </a>
        <a href={`${path}/export/content.yaml`} download>
          Export as a content file
        </a>
      </p>
      {d.revises ? (
        <p class="notice">
          A working copy of <a href={`/workspace/collections/${d.revises}`}>{d.revises}</a>: readers
          see the published version until this one is reviewed and published.
        </p>
      ) : null}
      {d.status === 'published' ? (
        d.workingCopy ? (
          <p class="notice">
            Being edited in the working copy{' '}
            <a href={`/workspace/collections/${d.workingCopy}`}>{d.workingCopy}</a>.
          </p>
        ) : (
          <form method="post" action={`${path}/reopen`} class="inline">
            <Csrf token={p.csrf} />
            <button type="submit">Edit this collection (opens a working copy)</button>
          </form>
        )
      ) : null}
      {d.sentBack ? (
        <section class="notice notice-error" aria-labelledby="sent-back-h" role="status">
          <h2 id="sent-back-h">Sent back by {d.sentBack.by}</h2>
          <p class="conflict-saved">{d.sentBack.comment}</p>
          <p class="small muted">
            <time datetime={d.sentBack.at}>{d.sentBack.at.slice(0, 16).replace('T', ' ')}</time> UTC
          </p>
        </section>
      ) : null}
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
      {p.conflict ? <Conflict draft={d} mine={p.conflict} /> : null}
      <p>
        {d.contradicted > 0 ? (
          <strong class="verdict verdict-contradicted">
            {d.contradicted} claim{d.contradicted === 1 ? '' : 's'} contradicted by the record
          </strong>
        ) : (
          <span>No claim is contradicted.</span>
        )}
      </p>

      <form method="post" action={path} id="draft-form" class="stack">
        <Csrf token={p.csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        <label for="title">Title</label>
        <input
          id="title"
          name="title"
          value={d.title}
          required
          maxlength={200}
          disabled={!editable}
        />
        <label for="intro">Introduction</label>
        <textarea id="intro" name="intro" rows={5} disabled={!editable}>
          {d.intro}
        </textarea>
        <h2>Films</h2>
        {n === 0 ? <p>No films yet: search for one below.</p> : null}
        <ol class="draft-entries">
          {d.entries.map((e, i) => (
            <li id={`entry-${e.id}`} class="draft-entry">
              <h3>
                {e.film.englishTitle} <span class="year">({e.film.year})</span>
              </h3>
              <label for={`note-${e.id}`}>Note on {e.film.englishTitle}</label>
              <textarea
                id={`note-${e.id}`}
                name={`note-${e.id}`}
                rows={4}
                disabled={!editable}
                data-film={e.film.slug}
                data-check={`check-${e.id}`}
              >
                {e.note}
              </textarea>
              <Verdicts check={e.check} id={`check-${e.id}`} />
              <label for={`fact-${e.id}`}>Fact on {e.film.englishTitle} (cite a source)</label>
              <textarea
                id={`fact-${e.id}`}
                name={`fact-${e.id}`}
                rows={2}
                disabled={!editable}
                data-film={e.film.slug}
                data-check={`fact-check-${e.id}`}
              >
                {e.fact}
              </textarea>
              <Verdicts check={e.factCheck} id={`fact-check-${e.id}`} />
              {e.sources.length ? (
                <ul
                  class="sources small"
                  aria-label={`Sources for the fact on ${e.film.englishTitle}`}
                >
                  {e.sources.map((src) => (
                    <li>
                      <a href={src.url} rel="noopener nofollow external">
                        {src.title}
                      </a>
                      {src.publisher ? `, ${src.publisher}` : ''} (accessed {src.accessedOn})
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted small">No source cited for this fact yet.</p>
              )}
              {editable ? (
                <details class="attach-source">
                  <summary>Attach a source to this fact</summary>
                  {/* These fields belong to a form outside this one (forms cannot nest). */}
                  <div class="stack">
                    <label for={`src-url-${e.id}`}>URL</label>
                    <input
                      id={`src-url-${e.id}`}
                      name="url"
                      type="url"
                      form={`source-${e.id}`}
                      required
                    />
                    <label for={`src-title-${e.id}`}>Title</label>
                    <input id={`src-title-${e.id}`} name="title" form={`source-${e.id}`} required />
                    <label for={`src-publisher-${e.id}`}>Publisher</label>
                    <input id={`src-publisher-${e.id}`} name="publisher" form={`source-${e.id}`} />
                    <label for={`src-accessed-${e.id}`}>Accessed on</label>
                    <input
                      id={`src-accessed-${e.id}`}
                      name="accessed_on"
                      type="date"
                      form={`source-${e.id}`}
                      value={p.today}
                      required
                    />
                    <button type="submit" form={`source-${e.id}`}>
                      Attach source
                    </button>
                  </div>
                </details>
              ) : null}
              {editable ? (
                <div class="entry-actions">
                  <button
                    type="submit"
                    name="op"
                    value={`up:${e.id}`}
                    disabled={i === 0}
                    autofocus={
                      p.focus === `up-${e.id}` || (p.focus === `down-${e.id}` && i === n - 1)
                    }
                    aria-label={`Move up: ${e.film.englishTitle}`}
                  >
                    Move up
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`down:${e.id}`}
                    disabled={i === n - 1}
                    autofocus={p.focus === `down-${e.id}` || (p.focus === `up-${e.id}` && i === 0)}
                    aria-label={`Move down: ${e.film.englishTitle}`}
                  >
                    Move down
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`remove:${e.id}`}
                    aria-label={`Remove ${e.film.englishTitle}`}
                  >
                    Remove
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        {editable ? (
          <div class="entry-actions">
            <button type="submit" name="op" value="save">
              Save draft
            </button>
            <button type="submit" name="op" value="submit">
              Submit for review
            </button>
          </div>
        ) : null}
      </form>

      {editable
        ? d.entries.map((e) => (
            <form id={`source-${e.id}`} method="post" action={`${path}/sources`} hidden>
              <Csrf token={p.csrf} />
              <input type="hidden" name="version" value={String(d.version)} />
              <input type="hidden" name="entry" value={String(e.id)} />
            </form>
          ))
        : null}
      {editable ? (
        <section aria-labelledby="add-h">
          <h2 id="add-h">Add a film</h2>
          <form method="get" action={path} class="search-inline" role="search">
            <label for="film-q">Search in any script</label>
            <input id="film-q" name="q" type="search" value={p.query} placeholder="Летят журавли" />
            <button type="submit">Search</button>
          </form>
          {p.query && p.results.length === 0 ? <p>No film matches “{p.query}”.</p> : null}
          {p.results.length ? (
            <ul class="search-results">
              {p.results.map((r) => (
                <li>
                  <form method="post" action={`${path}/add`} class="inline">
                    <Csrf token={p.csrf} />
                    <input type="hidden" name="version" value={String(d.version)} />
                    <input type="hidden" name="film" value={r.film.slug} />
                    <span>
                      {r.film.englishTitle} ({r.film.year})
                      {r.matchedTitle !== r.film.englishTitle ? ` · ${r.matchedTitle}` : ''}
                    </span>{' '}
                    <button
                      type="submit"
                      aria-label={`Add ${r.film.englishTitle} (${r.film.year})`}
                    >
                      Add
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {d.status === 'review' && can(p.user, 'collection.publish') ? (
        <section aria-labelledby="review-h" class="review">
          <h2 id="review-h">Review</h2>
          <p>
            <a href={`${path}/review`}>
              See the changes against the published version and the fact-check summary
            </a>
            {d.revises ? ' (the corrections readers will see need their reasons there)' : ''}.
          </p>
          <form method="post" action={`${path}/publish`} class="stack">
            <Csrf token={p.csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
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
            <Csrf token={p.csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            <label for="comment">Comment for the curator (required)</label>
            <textarea id="comment" name="comment" rows={3} required></textarea>
            <button type="submit">Send back for changes</button>
          </form>
        </section>
      ) : null}
      {d.overrideReason ? (
        <p class="notice">
          Published over contradicted claims. Reason given: <q>{d.overrideReason}</q>
        </p>
      ) : null}
      <script src="/assets/workspace.js" defer></script>
    </section>
  );
};
