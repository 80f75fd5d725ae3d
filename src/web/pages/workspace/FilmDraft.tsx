/** Film corrections: the list of open film drafts, and one draft with its changes and review. */
import type { FC } from 'hono/jsx';
import type { Problem } from '../../../lib/errors.ts';
import { type User, can } from '../../../modules/accounts/index.ts';
import {
  type FilmDraft,
  type FilmDraftRow,
  alternativesText,
  creditsText,
  offersText,
} from '../../../modules/collections/index.ts';
import type { SearchResult } from '../../../modules/search/index.ts';
import { urls } from '../../../presenters/index.ts';
import { Words } from './History.tsx';
import { Csrf, Problems, WorkspaceNav } from './parts.tsx';

const STATUS = { draft: 'Draft', review: 'Waiting for review', published: 'Published' } as const;

export const FilmDraftsPage: FC<{
  user: User;
  csrf: string;
  drafts: FilmDraftRow[];
  query: string;
  results: SearchResult[];
}> = ({ user, csrf, drafts, query, results }) => (
  <section class="workspace">
    <WorkspaceNav user={user} csrf={csrf} />
    <h1>Film corrections</h1>
    <p>
      Correct a film’s titles, credits or English access offers, with the source the correction
      rests on. A reviewer publishes it; until then readers see the film as it is.
    </p>
    {drafts.length ? (
      <div class="table-scroll" tabindex={0} role="region" aria-label="Open film drafts">
        <table>
          <caption>Open film drafts</caption>
          <thead>
            <tr>
              <th scope="col">Film</th>
              <th scope="col">Status</th>
              <th scope="col">Curator</th>
              <th scope="col">Last change (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d) => (
              <tr>
                <td>
                  <a href={`/workspace/film-drafts/${d.id}`}>{d.proposal.english || d.filmSlug}</a>{' '}
                  <span class="muted small">{d.filmSlug}</span>
                </td>
                <td>{STATUS[d.status]}</td>
                <td>{d.curator}</td>
                <td>{d.updatedAt.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>No film draft is open.</p>
    )}
    <h2>Correct a film</h2>
    <form method="get" action="/workspace/films" class="search-inline" role="search">
      <label for="film-q">Search in any script</label>
      <input id="film-q" name="q" type="search" value={query} placeholder="Летят журавли" />
      <button type="submit">Search</button>
    </form>
    {query && results.length === 0 ? <p>No film matches “{query}”.</p> : null}
    <ul class="search-results">
      {results.map((r) => (
        <li>
          <form method="post" action="/workspace/films/start" class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="film" value={r.film.slug} />
            <span>
              {r.film.englishTitle} ({r.film.year})
            </span>{' '}
            <button type="submit" aria-label={`Correct ${r.film.englishTitle} (${r.film.year})`}>
              Correct
            </button>
          </form>
        </li>
      ))}
    </ul>
  </section>
);

export const FilmDraftPage: FC<{
  user: User;
  csrf: string;
  draft: FilmDraft;
  today: string;
  problems?: readonly Problem[];
  error?: string;
}> = ({ user, csrf, draft: d, today, problems, error }) => {
  const p = d.proposal;
  const editable = d.status === 'draft';
  const path = `/workspace/film-drafts/${d.id}`;
  const field = (id: string, label: string, value: string, hint?: string) => (
    <>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="small muted" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        value={value}
        disabled={!editable}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
    </>
  );
  const area = (id: string, label: string, value: string, hint: string) => (
    <>
      <label for={id}>{label}</label>
      <p class="small muted" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea id={id} name={id} rows={5} disabled={!editable} aria-describedby={`${id}-hint`}>
        {value}
      </textarea>
    </>
  );
  return (
    <section class="workspace editor">
      <WorkspaceNav user={user} csrf={csrf} />
      <p class="eyebrow">
        <a href="/workspace/films">Film corrections</a> · {STATUS[d.status]} · version {d.version} ·
        curator {d.curator} · <a href={urls.film(d.filmSlug)}>Film page</a>
      </p>
      <h1>Correct: {d.base.english || d.filmSlug}</h1>
      <p class="muted">{d.filmSlug}</p>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <Problems problems={problems} />
      {d.reviewComment && d.status === 'draft' ? (
        <section class="notice notice-error" aria-labelledby="fd-sent-back-h">
          <h2 id="fd-sent-back-h">Sent back by the reviewer</h2>
          <p class="conflict-saved">{d.reviewComment}</p>
        </section>
      ) : null}
      {d.stale ? (
        <p class="notice notice-error" role="alert">
          The film changed since this draft began (a content load or another correction); it cannot
          be published as it is. Compare with the film page.
        </p>
      ) : null}
      <section aria-labelledby="fd-changes-h">
        <h2 id="fd-changes-h">What this changes</h2>
        {d.changes.length === 0 ? <p>Nothing yet.</p> : null}
        {d.changes.map((c) => (
          <div class="diff">
            <h3>{c.what}</h3>
            {c.parts ? <Words parts={c.parts} /> : null}
            {c.removed?.length || c.added?.length ? (
              <ul class="diff-entries">
                {(c.removed ?? []).map((l) => (
                  <li class="diff-removed">
                    <del>{l}</del>
                  </li>
                ))}
                {(c.added ?? []).map((l) => (
                  <li class="diff-added">
                    <ins>{l}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
        {p.source ? (
          <p>
            Source:{' '}
            <a href={p.source.url} rel="noopener nofollow external">
              {p.source.title}
            </a>
            {p.source.publisher ? `, ${p.source.publisher}` : ''} (accessed {p.source.accessedOn})
          </p>
        ) : (
          <p class="muted">No source cited yet: a correction needs one to be submitted.</p>
        )}
        {p.note ? (
          <p>
            Curator’s note: <q>{p.note}</q>
          </p>
        ) : null}
      </section>

      <form method="post" action={path} class="stack">
        <Csrf token={csrf} />
        <input type="hidden" name="version" value={String(d.version)} />
        <h2>Titles</h2>
        {field('original', 'Original title', p.original)}
        {field(
          'original_language',
          'Language of the original title',
          p.originalLanguage,
          'A code: ru, uk, ka, hy…',
        )}
        {field('transliteration', 'Transliterated title', p.transliteration)}
        {field('english', 'English title', p.english)}
        {area(
          'alternatives',
          'Alternative titles',
          alternativesText(p),
          'One per line: title | language code',
        )}
        <h2>Credits</h2>
        {area(
          'credits',
          'Credits',
          creditsText(p),
          'One per line: role (director, writer, cast) | name | character',
        )}
        <h2>English access</h2>
        {area(
          'offers',
          'English access offers',
          offersText(p),
          'One per line: kind (subtitles, dub, voice-over, intertitles) | medium (disc, stream, broadcast, self-hosted) | provider | URL | region',
        )}
        <h2>Source and note</h2>
        {field('source_url', 'Source URL', p.source?.url ?? '')}
        {field('source_title', 'Source title', p.source?.title ?? '')}
        {field('source_publisher', 'Source publisher', p.source?.publisher ?? '')}
        {field('source_accessed_on', 'Accessed on (YYYY-MM-DD)', p.source?.accessedOn ?? today)}
        <label for="note">Note for the reviewer</label>
        <textarea id="note" name="note" rows={3} disabled={!editable}>
          {p.note}
        </textarea>
        {editable ? <button type="submit">Save film draft</button> : null}
      </form>
      {editable ? (
        <form method="post" action={`${path}/submit`} class="stack">
          <Csrf token={csrf} />
          <input type="hidden" name="version" value={String(d.version)} />
          <button type="submit">Submit for review</button>
        </form>
      ) : null}
      {d.status === 'review' && can(user, 'collection.publish') ? (
        <section aria-labelledby="fd-review-h" class="review">
          <h2 id="fd-review-h">Review</h2>
          <form method="post" action={`${path}/publish`} class="stack">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            <button type="submit">Approve and publish</button>
          </form>
          <form method="post" action={`${path}/send-back`} class="stack">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            <label for="fd-comment">Comment for the curator (required)</label>
            <textarea id="fd-comment" name="comment" rows={3} required></textarea>
            <button type="submit">Send back for changes</button>
          </form>
        </section>
      ) : null}
    </section>
  );
};
