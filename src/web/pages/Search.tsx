import type { FC } from 'hono/jsx';
import type { SearchResult } from '../../modules/search/index.ts';
import { FilmCard } from '../components/parts.tsx';

export const SearchPage: FC<{ query: string; results: SearchResult[] }> = ({ query, results }) => (
  <>
    <header class="page-header">
      <h1>Search</h1>
      {query ? (
        <p class="muted" role="status">
          {results.length === 0
            ? `Nothing found for “${query}”.`
            : `${results.length} ${results.length === 1 ? 'film' : 'films'} for “${query}”`}
        </p>
      ) : (
        <p>
          Type a title or a name in any script or spelling: <span lang="ru">Летят журавли</span>,
          letyat zhuravli, cranes are flying, shepitko.
        </p>
      )}
    </header>
    {results.length ? (
      <ol class="film-list search-results">
        {results.map((r) => (
          <li>
            <FilmCard film={r.film} />
            {r.matchedTitle !== r.film.englishTitle || r.matchedPerson ? (
              <p class="muted small credit-line">
                Matched {r.matchedPerson ? <>“{r.matchedPerson}”</> : <>“{r.matchedTitle}”</>}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    ) : null}
  </>
);
