import type { FC } from 'hono/jsx';
import type { CreditRole, PersonDetail } from '../../modules/catalog/index.ts';
import { FilmCard } from '../components/parts.tsx';

const ROLE_LABEL: Record<CreditRole, string> = {
  director: 'Director',
  writer: 'Writer',
  cast: 'Actor',
};

export const PersonPage: FC<{ person: PersonDetail }> = ({ person: p }) => (
  <article class="person">
    <header class="page-header">
      <p class="eyebrow">{p.roles.map((r) => ROLE_LABEL[r]).join(' · ')}</p>
      <h1>{p.name}</h1>
      {p.nameOriginal ? (
        <p class="original-title big" lang="ru">
          {p.nameOriginal}
        </p>
      ) : null}
    </header>
    <section aria-labelledby="films-heading">
      <h2 id="films-heading">Films in the catalogue</h2>
      <ul class="film-list">
        {p.films.map((x) => (
          <li>
            <FilmCard film={x.film} />
            <p class="muted credit-line">
              {ROLE_LABEL[x.role]}
              {x.character ? <>: {x.character}</> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  </article>
);
