import type { FC } from 'hono/jsx';
import { accessKindLabel, accessMediumLabel } from '../../modules/access/index.ts';
import type { FilmCredit, FilmDetail } from '../../modules/catalog/index.ts';
import type { MediaAccessSummary } from '../../modules/media/index.ts';
import { numberSources } from '../../modules/facts/index.ts';
import {
  AccessBadges,
  PersonLinks,
  Prose,
  SourceLinks,
  SourcesSection,
} from '../components/parts.tsx';
import { urls } from '../../presenters/index.ts';

const TITLE_KIND_LABEL = {
  english: 'English',
  original: 'Original',
  transliteration: 'Transliteration',
  alternative: 'Also known as',
} as const;

const LANGUAGE_NAMES: Record<string, string> = { ru: 'Russian', en: 'English', uk: 'Ukrainian' };

/** Directors or writers, each named with the footnotes of their credit. */
const CreditedPeople: FC<{ credits: readonly FilmCredit[]; numbers: Map<string, number> }> = ({
  credits,
  numbers,
}) => (
  <>
    {credits.map((c, i) => (
      <>
        {i > 0 ? (i === credits.length - 1 ? ' and ' : ', ') : ''}
        <a href={urls.person(c.person.slug)}>{c.person.name}</a>
        <SourceLinks sources={c.sources} numbers={numbers} />
      </>
    ))}
  </>
);

export const FilmPage: FC<{
  film: FilmDetail;
  collections: { slug: string; title: string; position: number }[];
  /** What the server's media library holds, and the player's URL once a copy can be played. */
  onServer?: { summary: MediaAccessSummary; watch: string | null } | undefined;
}> = ({ film: f, collections, onServer }) => {
  const directorCredits = f.credits.filter((c) => c.role === 'director');
  const writerCredits = f.credits.filter((c) => c.role === 'writer');
  const cast = f.credits.filter((c) => c.role === 'cast');
  const directors = directorCredits.map((c) => c.person);
  // Footnotes in reading order: synopsis, facts, access, then the credits as the page lists them.
  const sourceGroups = [
    f.synopsisSources,
    ...f.facts.map((x) => x.sources),
    ...f.access.map((o) => [o.source]),
    ...[...directorCredits, ...writerCredits, ...cast].map((c) => c.sources),
  ];
  const numbers = numberSources(sourceGroups);
  const original = f.originalTitle;
  return (
    <article class="film">
      <header class="film-header">
        <img class="film-cover" src={urls.filmCover(f.slug)} alt="" width={200} height={300} />
        <div>
          <p class="eyebrow">Film · {f.year}</p>
          <h1>{f.englishTitle}</h1>
          {original ? (
            <p class="original-title big">
              <span lang={original.language}>{original.text}</span>
              {f.transliteration ? (
                <span class="translit" lang={`${original.language}-Latn`}>
                  {' '}
                  ({f.transliteration})
                </span>
              ) : null}
            </p>
          ) : null}
          <p>
            Directed by <PersonLinks people={directors} />
          </p>
          <AccessBadges kinds={f.accessKinds} onServer={f.onServer} />
        </div>
      </header>

      <dl class="facts-grid">
        <dt>Year</dt>
        <dd>{f.year}</dd>
        <dt>Country</dt>
        <dd>{f.countries.map((c) => c.name).join(', ')}</dd>
        {f.studio ? (
          <>
            <dt>Studio</dt>
            <dd>
              {f.studio.name}
              {f.studio.nameOriginal ? (
                <>
                  {' '}
                  (<span lang="ru">{f.studio.nameOriginal}</span>)
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {f.runtimeMinutes ? (
          <>
            <dt>Runtime</dt>
            <dd>
              {f.runtimeMinutes} minutes
              {f.runtimeNote ? <span class="muted"> ({f.runtimeNote})</span> : null}
            </dd>
          </>
        ) : null}
        <dt>Language</dt>
        <dd>
          {f.silent ? 'Silent, with ' : ''}
          {f.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')}
          {f.silent ? ' intertitles' : ''}
        </dd>
      </dl>

      <section aria-labelledby="titles-heading">
        <h2 id="titles-heading">Titles</h2>
        <table class="titles">
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Title</th>
              <th scope="col">Language</th>
            </tr>
          </thead>
          <tbody>
            {f.titles.map((t) => (
              <tr>
                <td>{TITLE_KIND_LABEL[t.kind]}</td>
                <td lang={t.language}>
                  {t.text}
                  {t.note ? <span class="muted"> ({t.note})</span> : null}
                </td>
                <td>{t.language}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="synopsis-heading">
        <h2 id="synopsis-heading">Synopsis</h2>
        <div class="prose">
          <Prose text={f.synopsis} />
          <p class="muted">
            Sources:
            <SourceLinks sources={f.synopsisSources} numbers={numbers} />
          </p>
        </div>
      </section>

      {f.facts.length ? (
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading">Facts</h2>
          <ul class="fact-list">
            {f.facts.map((x) => (
              <li id={`fact-${x.key}`}>
                {x.text}
                <SourceLinks sources={x.sources} numbers={numbers} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {onServer && onServer.summary.copies > 0 ? (
        <section aria-labelledby="on-server-heading" class="on-server">
          <h2 id="on-server-heading">On this server</h2>
          <p>{onServer.summary.text}</p>
          {onServer.watch ? (
            <p>
              <a class="watch-link" href={onServer.watch}>
                Watch {f.englishTitle}
              </a>
            </p>
          ) : (
            <p class="muted">
              The copy is being prepared; it can be watched when its probe is done.
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="access-heading" class="access">
        <h2 id="access-heading">How to watch in English</h2>
        {f.access.length ? (
          <div class="table-scroll">
            {/* On phones each offer is a card, every cell labelled by its column (site.css). */}
            <table class="stack">
              <caption class="visually-hidden">
                Releases and streams of {f.englishTitle} with English subtitles, dubbing, voice-over
                or intertitles
              </caption>
              <thead>
                <tr>
                  <th scope="col">English access</th>
                  <th scope="col">Release or stream</th>
                  <th scope="col">Provider or label</th>
                  <th scope="col">Region</th>
                  <th scope="col">Year</th>
                  <th scope="col">Source</th>
                  <th scope="col">Checked</th>
                </tr>
              </thead>
              <tbody>
                {f.access.map((o) => (
                  <tr>
                    <td data-label="English access">{accessKindLabel(o.kind)}</td>
                    <td data-label="Release or stream">
                      {accessMediumLabel(o.medium)}
                      {o.edition ? <>: {o.edition}</> : null}
                      {o.note ? <div class="muted small">{o.note}</div> : null}
                    </td>
                    <td data-label="Provider or label">
                      {o.url ? (
                        <a href={o.url} rel="noopener nofollow external">
                          {o.provider}
                        </a>
                      ) : (
                        o.provider
                      )}
                    </td>
                    <td data-label="Region">{o.region ?? '—'}</td>
                    <td data-label="Year">{o.year ?? '—'}</td>
                    <td data-label="Source">
                      <SourceLinks sources={[o.source]} numbers={numbers} />
                    </td>
                    <td data-label="Checked">
                      <time datetime={o.checkedOn}>{o.checkedOn}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>
            <strong>No English release known.</strong>
          </p>
        )}
        {f.accessNote ? <p class="muted">{f.accessNote}</p> : null}
      </section>

      <section aria-labelledby="credits-heading">
        <h2 id="credits-heading">Credits</h2>
        <dl class="credits">
          <dt>{directorCredits.length > 1 ? 'Directors' : 'Director'}</dt>
          <dd>
            <CreditedPeople credits={directorCredits} numbers={numbers} />
          </dd>
          {writerCredits.length ? (
            <>
              <dt>{writerCredits.length > 1 ? 'Writers' : 'Writer'}</dt>
              <dd>
                <CreditedPeople credits={writerCredits} numbers={numbers} />
              </dd>
            </>
          ) : null}
        </dl>
        {cast.length ? (
          <table class="cast">
            <caption>Cast</caption>
            <thead>
              <tr>
                <th scope="col">Actor</th>
                <th scope="col">Character</th>
              </tr>
            </thead>
            <tbody>
              {cast.map((c) => (
                <tr>
                  <td>
                    <a href={urls.person(c.person.slug)}>{c.person.name}</a>
                    {c.person.nameOriginal ? (
                      <span class="muted" lang="ru">
                        {' '}
                        {c.person.nameOriginal}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {c.character ?? '—'}
                    <SourceLinks sources={c.sources} numbers={numbers} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      {collections.length ? (
        <section aria-labelledby="in-collections-heading">
          <h2 id="in-collections-heading">In collections</h2>
          <ul>
            {collections.map((c) => (
              <li>
                <a href={`${urls.collection(c.slug)}#entry-${c.position}`}>{c.title}</a>{' '}
                <span class="muted">(no. {c.position})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <SourcesSection numbers={numbers} groups={sourceGroups} />
    </article>
  );
};
