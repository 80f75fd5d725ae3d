import type { FC } from 'hono/jsx';
import { type AccessKind, accessKindLabel } from '../../modules/access/index.ts';
import type { FilmSummary, PersonRef } from '../../modules/catalog/index.ts';
import {
  type Source,
  type SourceKind,
  SOURCE_KIND_LABEL,
  sourceKind,
} from '../../modules/facts/index.ts';
import { urls } from '../../presenters/index.ts';

/**
 * Badges for the kinds of English access a film has, or the honest absence of any, and, when
 * this server holds a copy, what that copy gives.
 */
export const AccessBadges: FC<{
  kinds: readonly AccessKind[];
  onServer?: readonly AccessKind[] | null | undefined;
}> = ({ kinds, onServer }) => (
  <ul class="badges" aria-label="English access">
    {kinds.length === 0 && !onServer ? (
      <li class="badge badge-none">No English release known</li>
    ) : (
      kinds.map((k) => <li class={`badge badge-${k}`}>{accessKindLabel(k)}</li>)
    )}
    {onServer ? (
      <li class="badge badge-server">
        {onServer.length
          ? `On this server: ${onServer.map((k) => accessKindLabel(k)).join(', ')}`
          : 'On this server, no English track'}
      </li>
    ) : null}
  </ul>
);

export const PersonLinks: FC<{ people: readonly PersonRef[] }> = ({ people }) => (
  <>
    {people.map((p, i) => (
      <>
        {i > 0 ? (i === people.length - 1 ? ' and ' : ', ') : ''}
        <a href={urls.person(p.slug)}>{p.name}</a>
      </>
    ))}
  </>
);

/** The original title in Cyrillic (marked as Russian) with its transliteration. */
export const OriginalTitle: FC<{ film: FilmSummary }> = ({ film }) =>
  film.originalTitle ? (
    <span class="original-title">
      <span lang={film.originalTitle.language}>{film.originalTitle.text}</span>
      {film.transliteration ? (
        <>
          {' '}
          <span class="translit" lang={`${film.originalTitle.language}-Latn`}>
            ({film.transliteration})
          </span>
        </>
      ) : null}
    </span>
  ) : null;

/** A small label saying what kind of source a citation is: "encyclopedia", "mirror copy". */
export const SourceKindLabel: FC<{ url: string }> = ({ url }) => {
  const kind: SourceKind = sourceKind({ url });
  return <span class={`source-kind source-kind-${kind}`}>{SOURCE_KIND_LABEL[kind]}</span>;
};

/** Inline citation links: [1] [2], each pointing at the source itself. */
export const SourceLinks: FC<{ sources: readonly Source[]; numbers?: Map<string, number> }> = ({
  sources,
  numbers,
}) => (
  <span class="cites">
    {sources.map((s) => {
      const n = numbers?.get(s.url);
      return (
        <>
          {' '}
          {n !== undefined ? (
            <a
              class="cite"
              href={`#source-${n}`}
              aria-label={`Source ${n} (${SOURCE_KIND_LABEL[sourceKind(s)]}): ${s.title}`}
            >
              [{n}]
            </a>
          ) : (
            <a class="cite" href={s.url} rel="noopener nofollow external">
              {s.publisher ?? s.title}
            </a>
          )}
          {n === undefined ? (
            <>
              {' '}
              <SourceKindLabel url={s.url} />
            </>
          ) : null}
        </>
      );
    })}
  </span>
);

/** The numbered list of every source a page cites, under its own heading. */
export const SourcesSection: FC<{
  numbers: Map<string, number>;
  groups: readonly (readonly Source[])[];
}> = ({ numbers, groups }) => {
  const byUrl = new Map(groups.flat().map((s) => [s.url, s]));
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      <ol class="sources">
        {[...numbers.entries()].map(([url, n]) => {
          const s = byUrl.get(url)!;
          return (
            <li id={`source-${n}`} value={String(n)}>
              <a href={s.url} rel="noopener nofollow external">
                {s.title}
              </a>
              {s.publisher ? <>, {s.publisher}</> : null}. Accessed {s.accessedOn}.{' '}
              <SourceKindLabel url={s.url} />
            </li>
          );
        })}
      </ol>
    </section>
  );
};

export const FilmCard: FC<{ film: FilmSummary }> = ({ film }) => (
  <article class="film-card">
    <a href={urls.film(film.slug)} class="film-card-cover" tabindex={-1} aria-hidden="true">
      <img src={urls.filmCover(film.slug)} alt="" width={120} height={180} loading="lazy" />
    </a>
    <div>
      <h3>
        <a href={urls.film(film.slug)}>{film.englishTitle}</a>{' '}
        <span class="year">({film.year})</span>
      </h3>
      <p class="muted">
        <OriginalTitle film={film} />
      </p>
      {film.directors.length ? (
        <p>
          Directed by <PersonLinks people={film.directors} />
        </p>
      ) : null}
      <AccessBadges kinds={film.accessKinds} onServer={film.onServer} />
    </div>
  </article>
);

/** Splits curator prose into paragraphs on blank lines. */
export const Prose: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (
        <p>{p}</p>
      ))}
  </>
);
