/**
 * Importing a list into a draft, in two steps: the upload form (a file or pasted text: a plain,
 * numbered or Markdown list, or a Letterboxd CSV), then the preview, where every entry shows how
 * it resolved and the curator picks the film for those that resolved ambiguously or not at all
 * (or skips them). Nothing is saved until the preview is confirmed.
 */
import type { FC } from 'hono/jsx';
import type { Problem } from '../../../lib/errors.ts';
import type { User } from '../../../modules/accounts/index.ts';
import type { DraftSummary } from '../../../modules/collections/index.ts';
import type { Candidate, ImportedList, MatchEvidence } from '../../../modules/imports/index.ts';
import { Csrf, Problems, WorkspaceNav } from './parts.tsx';

const FORMAT_LABEL: Record<ImportedList['format'], string> = {
  plain: 'a plain-text list',
  numbered: 'a numbered list',
  markdown: 'a Markdown list',
  letterboxd: 'a Letterboxd CSV',
};

const STATUS_LABEL = {
  resolved: 'Found',
  ambiguous: 'Several films match',
  unresolved: 'Not found',
} as const;

function evidenceText(e: MatchEvidence): string {
  const parts = [
    `${e.match} match on “${e.matchedTitle}”${e.titleKind ? ` (${e.titleKind} title)` : ''}`,
  ];
  if (e.yearDelta) parts.push(`year off by ${Math.abs(e.yearDelta)}`);
  if (e.directorNamed) parts.push(`names ${e.directorNamed}`);
  return parts.join(', ');
}

function filmLabel(slug: string, candidates: readonly Candidate[]): string {
  const c = candidates.find((x) => x.slug === slug);
  return c ? `${c.title} (${c.year})` : slug;
}

export const ImportForm: FC<{
  user: User;
  csrf: string;
  drafts: DraftSummary[];
  into?: string;
  text?: string;
  error?: string;
  problems?: readonly Problem[];
}> = (p) => (
  <section class="workspace">
    <WorkspaceNav user={p.user} csrf={p.csrf} />
    <h1>Import a list</h1>
    <p>
      Upload or paste a list: plain text (“Title (Year)” lines with “Description:” and “Fact:”
      paragraphs), a numbered or bulleted list, Markdown with “## Title (Year)” headings, or a
      Letterboxd list export (CSV). You will see how each film was matched before anything is saved.
    </p>
    {p.error ? (
      <p class="notice notice-error" role="alert">
        {p.error}
      </p>
    ) : null}
    <Problems problems={p.problems} />
    <form
      method="post"
      action="/workspace/import"
      enctype="multipart/form-data"
      class="stack"
      id="import-form"
    >
      <Csrf token={p.csrf} />
      <label for="import-file">List file (.txt, .md or .csv, UTF-8)</label>
      <input id="import-file" name="file" type="file" accept=".txt,.md,.markdown,.csv,text/*" />
      <label for="import-text">Or paste the list</label>
      <textarea id="import-text" name="text" rows={10}>
        {p.text ?? ''}
      </textarea>
      <label for="import-into">Import into</label>
      <select id="import-into" name="into">
        <option value="">A new draft</option>
        {p.drafts.map((d) => (
          <option value={d.slug} selected={d.slug === p.into}>
            {d.title}
          </option>
        ))}
      </select>
      <button type="submit">Read the list</button>
    </form>
  </section>
);

export const ImportPreview: FC<{
  user: User;
  csrf: string;
  file: string;
  list: ImportedList;
  into: DraftSummary | null;
}> = ({ user, csrf, file, list, into }) => {
  const { resolved, ambiguous, unresolved } = list.counts;
  return (
    <section class="workspace import-preview">
      <WorkspaceNav user={user} csrf={csrf} />
      <h1>Check the import</h1>
      <p role="status">
        Read {file} as {FORMAT_LABEL[list.format]}: {list.entries.length} entries, {resolved} found,{' '}
        {ambiguous} with several matching films, {unresolved} not found. Choose a film for each
        entry that needs one, or skip it.
      </p>
      <form method="post" action="/workspace/import/confirm" class="stack">
        <Csrf token={csrf} />
        <input type="hidden" name="count" value={String(list.entries.length)} />
        {into ? (
          <>
            <input type="hidden" name="into" value={into.slug} />
            <input type="hidden" name="version" value={String(into.version)} />
            <p>
              The films will be added to the end of <strong>{into.title}</strong> (version{' '}
              {into.version}).
            </p>
          </>
        ) : (
          <>
            <label for="import-title">Title of the new draft</label>
            <input
              id="import-title"
              name="title"
              required
              maxlength={200}
              value={list.title ?? file.replace(/\.[^.]+$/, '')}
            />
            <label for="import-intro">Introduction</label>
            <textarea id="import-intro" name="intro" rows={4}>
              {list.intro}
            </textarea>
          </>
        )}
        <ol class="import-entries">
          {list.entries.map((e, i) => {
            const r = e.resolution;
            const note = [e.description?.text, ...e.notes.map((n) => n.text)]
              .filter(Boolean)
              .join('\n\n');
            const fact = e.facts.map((f) => f.text).join(' ');
            const choices =
              r.status === 'resolved'
                ? [
                    {
                      slug: r.slug,
                      label: filmLabel(r.slug, r.candidates),
                      evidence: evidenceText(r.evidence),
                    },
                    ...r.candidates
                      .filter((c) => c.slug !== r.slug)
                      .slice(0, 3)
                      .map((c) => ({
                        slug: c.slug,
                        label: `${c.title} (${c.year})`,
                        evidence: c.evidence ? evidenceText(c.evidence) : 'a near title',
                      })),
                  ]
                : r.candidates.slice(0, 5).map((c) => ({
                    slug: c.slug,
                    label: `${c.title} (${c.year})`,
                    evidence: c.evidence ? evidenceText(c.evidence) : 'a near title',
                  }));
            return (
              <li class={`import-entry import-${r.status}`}>
                <fieldset>
                  <legend>
                    <span class={`import-status import-status-${r.status}`}>
                      {STATUS_LABEL[r.status]}
                    </span>{' '}
                    {e.heading} <span class="muted small">(line {e.line})</span>
                  </legend>
                  <input type="hidden" name={`heading-${i}`} value={e.heading} />
                  <input type="hidden" name={`note-${i}`} value={note} />
                  <input type="hidden" name={`fact-${i}`} value={fact} />
                  {note ? <p class="small">{note}</p> : null}
                  <ul class="import-choices">
                    {choices.map((c, k) => (
                      <li>
                        <input
                          type="radio"
                          id={`film-${i}-${k}`}
                          name={`film-${i}`}
                          value={c.slug}
                          checked={r.status === 'resolved' && k === 0}
                        />{' '}
                        <label for={`film-${i}-${k}`}>
                          {c.label}{' '}
                          <span class="muted small">
                            {c.slug} · {c.evidence}
                          </span>
                        </label>
                      </li>
                    ))}
                    <li>
                      <input
                        type="radio"
                        id={`film-${i}-skip`}
                        name={`film-${i}`}
                        value=""
                        checked={r.status !== 'resolved'}
                      />{' '}
                      <label for={`film-${i}-skip`}>Skip this entry</label>
                    </li>
                  </ul>
                  {r.status !== 'resolved' && choices.length === 0 ? (
                    <p class="muted small">No catalogue film is near this title.</p>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="submit">{into ? 'Add the chosen films' : 'Create the draft'}</button>
      </form>
      <p>
        <a href="/workspace/import">Start again</a>
      </p>
    </section>
  );
};
