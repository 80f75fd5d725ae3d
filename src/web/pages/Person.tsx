import type { FC } from 'hono/jsx';
import type {
  CreditRole,
  PersonDetail,
  PersonLifeEvent,
  PersonOtherName,
} from '../../modules/catalog/index.ts';
import { numberSources } from '../../modules/facts/index.ts';
import { urls } from '../../presenters/index.ts';
import { FilmCard, SourceLinks, SourcesSection } from '../components/parts.tsx';

const ROLE_LABEL: Record<CreditRole, string> = {
  director: 'Director',
  writer: 'Writer',
  cast: 'Actor',
};

const credit = (c: { role: CreditRole; character: string | null }) =>
  c.role === 'cast' && c.character ? `Actor as ${c.character}` : ROLE_LABEL[c.role];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "16 February 1893", "February 1893" or "1893", as precise as the date is written. */
export function formatPartialDate(date: string): string {
  const [y, m, d] = date.split('-');
  if (!m) return y!;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

const LANGUAGE_LABEL: Record<string, string> = {
  ru: 'Russian',
  uk: 'Ukrainian',
  ka: 'Georgian',
  be: 'Belarusian',
  en: 'English',
};
const SCRIPT_LABEL: Record<string, string> = {
  Cyrl: 'Cyrillic',
  Latn: 'Latin',
  Geor: 'Georgian script',
  Armn: 'Armenian script',
};

/** The label of another name: its note, else its language and script. */
const otherNameLabel = (n: PersonOtherName) =>
  n.note ??
  [LANGUAGE_LABEL[n.language.split('-')[0]!] ?? n.language, n.script && SCRIPT_LABEL[n.script]]
    .filter(Boolean)
    .join(', ');

const LifeEvent: FC<{ e: PersonLifeEvent; numbers: Map<string, number> }> = ({ e, numbers }) => (
  <>
    {e.date ? <time datetime={e.date}>{formatPartialDate(e.date)}</time> : null}
    {e.date && e.place ? ', ' : null}
    {e.place ?? null}
    {e.note ? <span class="muted"> ({e.note})</span> : null}
    <SourceLinks sources={e.sources} numbers={numbers} />
  </>
);

export const PersonPage: FC<{ person: PersonDetail }> = ({ person: p }) => {
  const romanized = p.names.filter((n) => n.kind === 'romanization');
  // Footnotes in reading order: life, other names, then each credit.
  const groups = [
    p.born?.sources ?? [],
    p.died?.sources ?? [],
    ...p.otherNames.map((n) => n.sources),
    ...p.byFilm.flatMap((x) => x.credits.map((c) => c.sources)),
  ];
  const numbers = numberSources(groups);
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

      {p.born || p.died ? (
        <section aria-labelledby="life-heading">
          <h2 id="life-heading">Life</h2>
          <dl class="facts-grid person-life">
            {p.born ? (
              <>
                <dt>Born</dt>
                <dd>
                  <LifeEvent e={p.born} numbers={numbers} />
                </dd>
              </>
            ) : null}
            {p.died ? (
              <>
                <dt>Died</dt>
                <dd>
                  <LifeEvent e={p.died} numbers={numbers} />
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

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
          {p.otherNames.map((n) => (
            <>
              <dt>{otherNameLabel(n)}</dt>
              <dd>
                <span lang={n.language}>{n.text}</span>
                <SourceLinks sources={n.sources} numbers={numbers} />
              </dd>
            </>
          ))}
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
          {p.otherNames.length ? '; the other names cite their own sources' : ''}
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
                {x.credits.map((c, i) => (
                  <>
                    {i > 0 ? ' · ' : null}
                    {credit(c)}
                    <SourceLinks sources={c.sources} numbers={numbers} />
                  </>
                ))}{' '}
                <a href={`${urls.film(x.film.slug)}#credits-heading`}>all credits and sources</a>
              </p>
            </li>
          ))}
        </ul>
      </section>

      {numbers.size ? <SourcesSection numbers={numbers} groups={groups} /> : null}
    </article>
  );
};
