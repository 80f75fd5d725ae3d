/**
 * The catalogue's read rules: film lists, film and person pages, covers. A film's facts and
 * English access belong to other modules; they are read through those modules' services.
 */
import { NotFoundError } from '../../lib/errors.ts';
import { hasCyrillic, romanize } from '../../lib/text/index.ts';
import { type AccessKind, type AccessService, accessKinds } from '../access/index.ts';
import type { FactsService } from '../facts/index.ts';
import {
  type CreditRole,
  type FilmDetail,
  type FilmFilter,
  type FilmSummary,
  type Page,
  type PersonDetail,
  type PersonName,
  type PersonRef,
  summaryFrom,
} from './catalog.ts';
import type { CatalogRepository, FilmCover, FilmListRow } from './catalog.repository.ts';

/** What the service reads from the catalogue's own tables; a test may pass an in-memory fake. */
export type CatalogReader = Pick<
  CatalogRepository,
  | 'findFilm'
  | 'findFilmCover'
  | 'listFilms'
  | 'decades'
  | 'filmRowsBySlugs'
  | 'titlesForFilms'
  | 'creditsForFilms'
  | 'countriesForFilm'
  | 'findPerson'
  | 'creditsOfPerson'
  | 'listPeople'
  | 'allFilmsWithNames'
>;
/** The parts of the facts and access services the catalogue uses. */
export type FilmFactsSource = Pick<FactsService, 'forFilm'>;
export type FilmAccessSource = Pick<AccessService, 'forFilm' | 'kindsOf'>;
/**
 * The films with a copy on this server, each with the English access its copies give. The
 * media library answers it; the composition root passes it in (catalog never imports media,
 * which depends on catalog).
 */
export type SelfHostedAccess = () => Promise<ReadonlyMap<string, readonly AccessKind[]>>;

export class CatalogService {
  constructor(
    private readonly catalog: CatalogReader,
    private readonly facts: FilmFactsSource,
    private readonly access: FilmAccessSource,
    private readonly selfHosted?: SelfHostedAccess,
  ) {}

  async listFilms(
    filter: FilmFilter,
    paging: { page: number; perPage: number },
  ): Promise<Page<FilmSummary>> {
    const { rows, total } = await this.catalog.listFilms(
      filter,
      { offset: (paging.page - 1) * paging.perPage, limit: paging.perPage },
      await this.onServer(filter),
    );
    return { items: await this.summaries(rows), total, page: paging.page, perPage: paging.perPage };
  }

  /** Summaries of the given films, in the order of the slugs given; unknown slugs are skipped. */
  async summariesBySlugs(slugs: readonly string[]): Promise<FilmSummary[]> {
    const rows = await this.catalog.filmRowsBySlugs(slugs);
    const bySlug = new Map((await this.summaries(rows)).map((s) => [s.slug, s]));
    return slugs.flatMap((s) => bySlug.get(s) ?? []);
  }

  async getFilm(slug: string): Promise<FilmDetail> {
    const film = await this.catalog.findFilm(slug);
    if (!film) throw new NotFoundError(`No film with the slug "${slug}".`);
    const [titles, credits, countries, { facts, synopsisSources }, access] = await Promise.all([
      this.catalog.titlesForFilms([film.id]),
      this.catalog.creditsForFilms([film.id]),
      this.catalog.countriesForFilm(film.id),
      this.facts.forFilm(film.id),
      this.access.forFilm(film.id),
    ]);
    const filmTitles = titles.get(film.id) ?? [];
    const filmCredits = credits.get(film.id) ?? [];
    const summary = (await this.summaries([{ ...film, ...summaryFrom(filmTitles) }]))[0]!;
    return {
      ...summary,
      titles: filmTitles,
      countries,
      studio: film.studio,
      runtimeNote: film.runtimeNote,
      silent: film.silent,
      languages: film.languages,
      credits: filmCredits,
      synopsis: film.synopsis,
      synopsisSources,
      facts,
      access,
      accessKinds: accessKinds(access),
      accessNote: film.accessNote,
    };
  }

  /** What a film's cover draws, without loading the whole film. */
  async getFilmCover(slug: string): Promise<FilmCover> {
    const cover = await this.catalog.findFilmCover(slug);
    if (!cover) throw new NotFoundError(`No film with the slug "${slug}".`);
    return cover;
  }

  /** Every decade with at least one film, ascending: the film list's decade filter. */
  decades(): Promise<number[]> {
    return this.catalog.decades();
  }

  async getPerson(slug: string): Promise<PersonDetail> {
    const person = await this.catalog.findPerson(slug);
    if (!person) throw new NotFoundError(`No person with the slug "${slug}".`);
    const credits = await this.catalog.creditsOfPerson(person.id);
    const films = new Map(
      (await this.summariesBySlugs([...new Set(credits.map((c) => c.filmSlug))])).map((f) => [
        f.slug,
        f,
      ]),
    );
    const roles: CreditRole[] = [...new Set(credits.map((c) => c.role))];
    const rows = credits.flatMap((c) => {
      const film = films.get(c.filmSlug);
      return film ? [{ film, role: c.role, character: c.character }] : [];
    });
    const byFilm = new Map<string, PersonDetail['byFilm'][number]>();
    for (const r of rows) {
      const entry = byFilm.get(r.film.slug) ?? { film: r.film, credits: [] };
      entry.credits.push({ role: r.role, character: r.character });
      byFilm.set(r.film.slug, entry);
    }
    const ordered = [...byFilm.values()].sort(
      (a, b) => a.film.year - b.film.year || a.film.slug.localeCompare(b.film.slug),
    );
    return {
      slug: person.slug,
      name: person.name,
      nameOriginal: person.nameOriginal,
      roles,
      films: rows,
      byFilm: ordered,
      years: ordered.length
        ? { first: ordered[0]!.film.year, last: ordered.at(-1)!.film.year }
        : null,
      names: personNames(person.name, person.nameOriginal),
    };
  }

  async listPeople(paging: {
    page: number;
    perPage: number;
  }): Promise<Page<PersonRef & { roles: CreditRole[]; films: number }>> {
    const { rows, total } = await this.catalog.listPeople({
      offset: (paging.page - 1) * paging.perPage,
      limit: paging.perPage,
    });
    return { items: rows, total, page: paging.page, perPage: paging.perPage };
  }

  /** Every film with its titles and people, for search indexing and list matching. */
  allFilmsWithNames() {
    return this.catalog.allFilmsWithNames();
  }

  /** For an access filter: the films with a copy here, and those whose copies give the kind. */
  private async onServer(
    filter: FilmFilter,
  ): Promise<{ withCopy: string[]; withKind: string[] } | undefined> {
    const wanted = filter.access;
    if (!wanted || !this.selfHosted) return undefined;
    const copies = await this.selfHosted();
    return {
      withCopy: [...copies.keys()],
      withKind: [...copies].filter(([, kinds]) => kinds.some((k) => k === wanted)).map(([s]) => s),
    };
  }

  private async summaries(rows: readonly FilmListRow[]): Promise<FilmSummary[]> {
    const ids = rows.map((r) => r.id);
    const [directors, kinds] = await Promise.all([
      this.catalog.creditsForFilms(ids, 'director'),
      this.access.kindsOf(ids),
    ]);
    return rows.map((r) => ({
      slug: r.slug,
      year: r.year,
      englishTitle: r.englishTitle,
      originalTitle: r.originalTitle,
      transliteration: r.transliteration,
      runtimeMinutes: r.runtimeMinutes,
      directors: (directors.get(r.id) ?? []).map((c) => c.person),
      accessKinds: accessKinds((kinds.get(r.id) ?? []).map((kind) => ({ kind }))),
    }));
  }
}

/** The standard romanizations shown on a person's page, with their names. */
const NAME_SYSTEMS = [
  ['bgn', 'BGN/PCGN'],
  ['lc', 'ALA-LC'],
  ['iso9', 'ISO 9'],
  ['icao', 'ICAO (passports)'],
] as const;

/** The credited name, the original, and each distinct romanization of the original. */
export function personNames(name: string, original: string | null): PersonName[] {
  const scriptOf = (t: string): PersonName['script'] =>
    hasCyrillic(t) ? 'Cyrillic' : /^[\p{Script=Latin}\p{P}\p{Zs}]+$/u.test(t) ? 'Latin' : 'other';
  const names: PersonName[] = [{ text: name, kind: 'credited', script: scriptOf(name) }];
  if (!original || original === name) return names;
  names.push({
    text: original,
    kind: 'original',
    script: scriptOf(original),
    ...(hasCyrillic(original) ? { language: 'ru' } : {}),
  });
  if (!hasCyrillic(original)) return names;
  const seen = new Set([name.toLowerCase()]);
  for (const [system, label] of NAME_SYSTEMS) {
    const text = romanize(original, system);
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    names.push({ text, kind: 'romanization', script: 'Latin', language: 'ru-Latn', system: label });
  }
  return names;
}
