import type { FC } from 'hono/jsx';
import type { CreditRole, PersonDetail } from '../../modules/catalog/index.ts';
import { urls } from '../../presenters/index.ts';
import { FilmCard } from '../components/parts.tsx';

const ROLE_LABEL: Record<CreditRole, string> = {
  director: 'Director',
  writer: 'Writer',
  cast: 'Actor',
};

const credit = (c: { role: CreditRole; character: string | null }) =>
  c.role === 'cast' && c.character ? `Actor as ${c.character}` : ROLE_LABEL[c.role];

export const PersonPage: FC<{ person: PersonDetail }> = ({ person: p }) => {
  const romanized = p.names.filter((n) => n.kind === 'romanization');
  return (
    <article class="person">
      <header class="page-header">
        <p class="eyebrow">{p.roles.map((r) => ROLE_LABEL[r]).join(' · ')}</p>
        <h1>{p.name}</h1>
        {p.nameOriginal ? (
          <p class="original-title big" lang={p.names.find((n) => n.kind === 'original')?.language}>
            {p.nameOriginal}
          </p>
        ) : null}
        {p.years ? (
          <p class="muted">
            In the catalogue:{' '}
            {p.years.first === p.years.last ? (
              <time datetime={String(p.years.first)}>{p.years.first}</time>
            ) : (
              <>
                <time datetime={String(p.years.first)}>{p.years.first}</time>–
                <time datetime={String(p.years.last)}>{p.years.last}</time>
              </>
            )}
            , {p.byFilm.length} {p.byFilm.length === 1 ? 'film' : 'films'}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="names-heading">
        <h2 id="names-heading">Names</h2>
        <dl class="facts-grid person-names">
          <dt>Credited as</dt>
          <dd>{p.name}</dd>
          {p.nameOriginal ? (
            <>
              <dt>Original script</dt>
              <dd lang={p.names.find((n) => n.kind === 'original')?.language}>{p.nameOriginal}</dd>
            </>
          ) : null}
          {romanized.map((n) => (
            <>
              <dt>{n.system}</dt>
              <dd lang={n.language}>{n.text}</dd>
            </>
          ))}
        </dl>
        <p class="muted small">
          The credited and original names are those of the film credits below, with the sources on
          each film's page
          {romanized.length
            ? '; the romanizations are computed from the original by each standard, for finding the name spelt another way.'
            : '.'}
        </p>
      </section>

      <section aria-labelledby="films-heading">
        <h2 id="films-heading">Films in the catalogue</h2>
        <ul class="film-list">
          {p.byFilm.map((x) => (
            <li>
              <FilmCard film={x.film} />
              <p class="muted credit-line">
                {x.credits.map(credit).join(' · ')}{' '}
                <a href={`${urls.film(x.film.slug)}#credits-heading`}>credits and sources</a>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
};
