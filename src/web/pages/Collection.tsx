import type { FC } from 'hono/jsx';
import type { CollectionDetail } from '../../modules/collections/index.ts';
import { numberSources } from '../../modules/facts/index.ts';
import {
  AccessBadges,
  OriginalTitle,
  PersonLinks,
  Prose,
  SourceLinks,
  SourcesSection,
} from '../components/parts.tsx';
import { urls } from '../../presenters/index.ts';

/** `2026-12-02` as a newspaper prints it: 2 December 2026. */
function printedDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
}

const STATEMENT = { note: 'note', fact: 'fact' } as const;

/** A full stop after a quotation, unless the quoted sentence ends with its own. */
const stop = (quoted: string) => (/[.!?…]$/.test(quoted.trim()) ? '' : '.');

const FIELD_LABEL = {
  film: 'Film',
  title: 'Title',
  description: 'Description',
  fact: 'Fact',
} as const;

export const CollectionPage: FC<{ collection: CollectionDetail }> = ({ collection: c }) => {
  const corrected = c.entries.filter((e) => e.corrections.length > 0);
  const sourceGroups = [
    ...c.entries.map((e) => e.fact.sources),
    ...corrected.flatMap((e) => e.corrections.map((x) => x.sources)),
  ];
  const numbers = numberSources(sourceGroups);
  return (
    <article class="collection">
      <header class="page-header">
        <p class="eyebrow">Collection</p>
        <h1>{c.title}</h1>
        {c.subtitle ? <p class="subtitle">{c.subtitle}</p> : null}
        <p class="muted">
          Curated by {c.curator}
          {c.publishedOn ? <> · published {c.publishedOn}</> : null} · {c.entries.length} films
          {corrected.length ? (
            <>
              {' '}
              · <a href="#corrections">{corrected.length} entries corrected</a>
            </>
          ) : null}
          {c.publishedCorrections.length ? (
            <>
              {' '}
              ·{' '}
              <a href="#published-corrections">
                {c.publishedCorrections.length} correction
                {c.publishedCorrections.length === 1 ? '' : 's'} since publication
              </a>
            </>
          ) : null}{' '}
          · <a href={urls.factCheck(c.slug)}>Fact check</a> · Feed:{' '}
          <a href={urls.collectionFeed(c.slug, 'rss')}>RSS</a>,{' '}
          <a href={urls.collectionFeed(c.slug, 'atom')}>Atom</a>
        </p>
      </header>
      <div class="prose">
        <Prose text={c.intro} />
      </div>
      <ol class="entries">
        {c.entries.map((e) => (
          <li class="entry" id={`entry-${e.position}`}>
            <article aria-labelledby={`entry-title-${e.position}`}>
              <a href={urls.film(e.film.slug)} class="entry-cover" tabindex={-1} aria-hidden="true">
                <img
                  src={urls.filmCover(e.film.slug)}
                  alt=""
                  width={120}
                  height={180}
                  loading="lazy"
                />
              </a>
              <div class="entry-body">
                <p class="entry-number" aria-hidden="true">
                  {e.position}
                </p>
                <h2 id={`entry-title-${e.position}`}>
                  <a href={urls.film(e.film.slug)}>{e.film.englishTitle}</a>{' '}
                  <span class="year">({e.film.year})</span>
                </h2>
                <p class="muted">
                  <OriginalTitle film={e.film} />
                  {e.film.directors.length ? (
                    <>
                      {' '}
                      · directed by <PersonLinks people={e.film.directors} />
                    </>
                  ) : null}
                </p>
                <AccessBadges kinds={e.film.accessKinds} onServer={e.film.onServer} />
                <p>{e.description}</p>
                {e.fact.text ? (
                  <p class="fact">
                    <strong>Fact.</strong> {e.fact.text}
                    <SourceLinks sources={e.fact.sources} numbers={numbers} />
                  </p>
                ) : null}
                {c.publishedCorrections.some((x) => x.film.slug === e.film.slug) ? (
                  <p class="correction-flag">
                    <a href="#published-corrections">Corrected since publication</a>
                  </p>
                ) : null}
                {e.corrections.length ? (
                  <p class="correction-flag">
                    <a href={`#correction-${e.position}`}>Corrected from the original list</a>
                  </p>
                ) : null}
              </div>
            </article>
          </li>
        ))}
      </ol>
      {c.publishedCorrections.length ? (
        <section
          id="published-corrections"
          class="corrections published-corrections"
          aria-labelledby="published-corrections-heading"
        >
          <h2 id="published-corrections-heading">Corrections since publication</h2>
          {c.publishedCorrections.map((x) => (
            <p class="printed-correction">
              <strong>
                Correction, <time datetime={x.correctedOn}>{printedDate(x.correctedOn)}</time>:
              </strong>{' '}
              An earlier version of the {STATEMENT[x.field]} on{' '}
              <a href={urls.film(x.film.slug)}>{x.film.englishTitle}</a> ({x.film.year}) said{' '}
              <q>{x.was}</q>
              {stop(x.was)}{' '}
              {x.now ? (
                <>
                  It now says <q>{x.now}</q>
                  {stop(x.now)}
                </>
              ) : (
                <>That {STATEMENT[x.field]} has been withdrawn.</>
              )}{' '}
              {x.reason}
            </p>
          ))}
        </section>
      ) : null}
      {corrected.length ? (
        <section id="corrections" class="corrections" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">Corrections</h2>
          <p>
            {c.origin
              ? `${c.origin.note} Original list: “${c.origin.title}”.`
              : 'Where this collection departs from the list it came from, and why.'}
          </p>
          {corrected.map((e) => (
            <section id={`correction-${e.position}`} class="correction">
              <h3>
                {e.position}. {e.listedAs ?? e.film.englishTitle}
                {e.listedAs && e.listedAs !== `${e.film.englishTitle} (${e.film.year})` ? (
                  <span class="muted">
                    {' '}
                    → {e.film.englishTitle} ({e.film.year})
                  </span>
                ) : null}
              </h3>
              <dl>
                {e.corrections.map((x) => (
                  <>
                    <dt>
                      {FIELD_LABEL[x.field]}: the list said <q>{x.listed}</q>
                    </dt>
                    <dd>
                      {x.reason}
                      <SourceLinks sources={x.sources} numbers={numbers} />
                    </dd>
                  </>
                ))}
              </dl>
            </section>
          ))}
        </section>
      ) : null}
      <SourcesSection numbers={numbers} groups={sourceGroups} />
    </article>
  );
};
