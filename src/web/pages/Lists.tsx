import type { FC } from 'hono/jsx';
import { ACCESS_KINDS, accessKindLabel } from '../../modules/access/index.ts';
import type { CreditRole, FilmSummary, Page, PersonRef } from '../../modules/catalog/index.ts';
import { FilmCard } from '../components/parts.tsx';
import { urls } from '../../presenters/index.ts';

export const FilmsPage: FC<{
  page: Page<FilmSummary>;
  filter: { decade?: number | undefined; access?: string | undefined };
  decades: number[];
  pageHref: (page: number) => string;
}> = ({ page, filter, decades, pageHref }) => {
  const pages = Math.max(1, Math.ceil(page.total / page.perPage));
  return (
    <>
      <header class="page-header">
        <h1>Films</h1>
        <p class="muted">
          {page.total} {page.total === 1 ? 'film' : 'films'} in the catalogue
        </p>
      </header>
      <form class="filters" method="get" action={urls.films()}>
        <label>
          Decade{' '}
          <select name="decade">
            <option value="">Any</option>
            {decades.map((d) => (
              <option value={String(d)} selected={filter.decade === d}>
                {d}s
              </option>
            ))}
          </select>
        </label>
        <label>
          English access{' '}
          <select name="access">
            <option value="">Any</option>
            {ACCESS_KINDS.map((k) => (
              <option value={k} selected={filter.access === k}>
                {accessKindLabel(k)}
              </option>
            ))}
            <option value="on-server" selected={filter.access === 'on-server'}>
              A copy on this server
            </option>
            <option value="none" selected={filter.access === 'none'}>
              No English release or copy known
            </option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <ul class="film-list">
        {page.items.map((f) => (
          <li>
            <FilmCard film={f} />
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {page.page > 1 ? <a href={pageHref(page.page - 1)}>Previous</a> : null}
          <span>
            Page {page.page} of {pages}
          </span>
          {page.page < pages ? <a href={pageHref(page.page + 1)}>Next</a> : null}
        </nav>
      ) : null}
    </>
  );
};

export const PeoplePage: FC<{
  people: (PersonRef & { roles: CreditRole[]; films: number })[];
}> = ({ people }) => (
  <>
    <header class="page-header">
      <h1>People</h1>
    </header>
    <ul class="people-list">
      {people.map((p) => (
        <li>
          <a href={urls.person(p.slug)}>{p.name}</a>
          {p.nameOriginal ? (
            <span class="muted" lang="ru">
              {' '}
              {p.nameOriginal}
            </span>
          ) : null}{' '}
          <span class="muted small">
            {p.roles.join(', ')} · {p.films} {p.films === 1 ? 'film' : 'films'}
          </span>
        </li>
      ))}
    </ul>
  </>
);

export const ErrorPage: FC<{ status: number; message: string }> = ({ status, message }) => (
  <section class="error-page">
    <h1>{status === 404 ? 'Not found' : 'Something went wrong'}</h1>
    <p>{message}</p>
    <p>
      <a href="/">Back to the collections</a> or <a href="/films">browse all films</a>.
    </p>
  </section>
);
