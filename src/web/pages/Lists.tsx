import type { FC } from 'hono/jsx';
import { ACCESS_KINDS, accessKindLabel } from '../../modules/access/index.ts';
import type { CreditRole, FilmSummary, Page, PersonRef } from '../../modules/catalog/index.ts';
import { FilmCard } from '../components/parts.tsx';
import { urls } from '../../presenters/index.ts';

/** Previous and next links of a keyset-paged list (and the page count on a numbered page). */
const Pager: FC<{ page: Page<unknown>; pageHref: (cursor: string) => string }> = ({
  page,
  pageHref,
}) => {
  const pages = Math.max(1, Math.ceil(page.total / page.perPage));
  if (!page.next && !page.prev) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {page.prev ? (
        <a href={pageHref(page.prev)} rel="prev">
          Previous
        </a>
      ) : null}
      <span>
        {page.items.length} of {page.total.toLocaleString('en')}
        {page.prev ? '' : ` · page 1 of ${pages}`}
      </span>
      {page.next ? (
        <a href={pageHref(page.next)} rel="next">
          Next
        </a>
      ) : null}
    </nav>
  );
};

/** One end of the film list's year range. */
const YearInput: FC<{ label: string; name: string; value: number | undefined }> = ({
  label,
  name,
  value,
}) => (
  <label>
    {label}{' '}
    <input
      type="number"
      name={name}
      min="1880"
      max="2100"
      inputmode="numeric"
      value={value !== undefined ? String(value) : ''}
    />
  </label>
);

export const FilmsPage: FC<{
  page: Page<FilmSummary>;
  filter: {
    decade?: number | undefined;
    yearFrom?: number | undefined;
    yearTo?: number | undefined;
    access?: string | undefined;
    country?: string | undefined;
    language?: string | undefined;
    director?: string | undefined;
  };
  decades: number[];
  countries: { code: string; name: string }[];
  languages: string[];
  pageHref: (cursor: string) => string;
}> = ({ page, filter, decades, countries, languages, pageHref }) => {
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
        <fieldset class="year-range">
          <legend>Years</legend>
          <YearInput label="From" name="year_from" value={filter.yearFrom} />
          <YearInput label="to" name="year_to" value={filter.yearTo} />
        </fieldset>
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
        <label>
          Country{' '}
          <select name="country">
            <option value="">Any</option>
            {countries.map((c) => (
              <option value={c.code} selected={filter.country === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language{' '}
          <select name="language">
            <option value="">Any</option>
            {languages.map((l) => (
              <option value={l} selected={filter.language === l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {filter.director ? <input type="hidden" name="director" value={filter.director} /> : null}
        <button type="submit">Filter</button>
      </form>
      <ul class="film-list">
        {page.items.map((f) => (
          <li>
            <FilmCard film={f} />
          </li>
        ))}
      </ul>
      <Pager page={page} pageHref={pageHref} />
    </>
  );
};

export const PeoplePage: FC<{
  page: Page<PersonRef & { roles: CreditRole[]; films: number }>;
  pageHref: (cursor: string) => string;
}> = ({ page, pageHref }) => (
  <>
    <header class="page-header">
      <h1>People</h1>
    </header>
    <ul class="people-list">
      {page.items.map((p) => (
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
    <Pager page={page} pageHref={pageHref} />
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
