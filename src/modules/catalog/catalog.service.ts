/**
 * The catalogue's read rules: film lists, film and person pages, covers. A film's facts and
 * English access belong to other modules; they are read through those modules' services.
 */
import { countryName } from '../../lib/countries.ts';
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
  type ListKey,
  type Paging,
  decodeCursor,
  encodeCursor,
  summaryFrom,
} from './catalog.ts';
import {
  type CatalogRepository,
  type FilmCover,
  type FilmListRow,
  type OnServer,
  hasDriver,
} from './catalog.repository.ts';
import { type PersonProfile, creditKey, filmCreditKey } from './people.repository.ts';
import { ValidationError } from '../../lib/errors.ts';

/** What the service reads from the catalogue's own tables; a test may pass an in-memory fake. */
export type CatalogReader = Pick<
  CatalogRepository,
  | 'findFilm'
  | 'findFilmCover'
  | 'listFilms'
  | 'countFilms'
  | 'filterValues'
  | 'decades'
  | 'filmRowsBySlugs'
  | 'titlesForFilms'
  | 'creditsForFilms'
  | 'countriesForFilm'
  | 'findPerson'
  | 'creditsOfPerson'
  | 'listPeople'
  | 'countPeople'
  | 'allFilmsWithNames'
> &
  // Optional, so a reader without people's files (a test's fake) still serves person pages.
  Partial<
    Pick<
      CatalogRepository,
      'personProfile' | 'filmCreditSources' | 'filmsOfPerson' | 'findPersonWithProfile'
    >
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

/** Reads the catalogue version (the counts are kept until it moves). */
export type CatalogVersion = () => Promise<string>;

export class CatalogService {
  /** Counts by filter, for the catalogue version they were counted at. */
  private counts = new Map<string, unknown>();
  private countsVersion: string | undefined;

  constructor(
    private readonly catalog: CatalogReader,
    private readonly facts: FilmFactsSource,
    private readonly access: FilmAccessSource,
    private readonly selfHosted?: SelfHostedAccess,
    private readonly version?: CatalogVersion,
  ) {}

  /**
   * One page of films, by cursor (keyset) or page number. A cursor that is not one of ours is
   * a ValidationError naming `cursor`; the pages catch it and show the first page.
   */
  async listFilms(filter: FilmFilter, paging: Paging): Promise<Page<FilmSummary>> {
    const key = paging.cursor !== undefined ? filmCursor(paging.cursor) : undefined;
    const page = key ? 1 : (paging.page ?? 1);
    const onServer = await this.onServer(filter);
    const filterKey = JSON.stringify(['films', filter, onServer]);
    const total = await this.counted(filterKey, () => this.catalog.countFilms(filter, onServer));
    const all = hasDriver(filter)
      ? await this.counted('films-all', () => this.catalog.countFilms({}))
      : total;
    // Few matches: take them from the filter's index and sort them; many: walk the films in
    // order and keep the matching ones. Either reads about sqrt(perPage × films) rows at worst.
    const plan = hasDriver(filter) && total * total <= paging.perPage * all ? 'pick' : 'walk';
    const { rows, more } = await this.catalog.listFilms(
      filter,
      {
        limit: paging.perPage,
        offset: (page - 1) * paging.perPage,
        ...(key ? { key } : {}),
        plan,
      },
      onServer,
    );
    const filmKey = (r: FilmListRow, dir: ListKey['dir']) =>
      encodeCursor({ a: r.year, b: r.slug, dir });
    const { next, prev } = neighbours(rows, more, key, page > 1, filmKey);
    return {
      items: await this.summaries(rows),
      total,
      page,
      perPage: paging.perPage,
      next,
      prev,
    };
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
    const [titles, credits, creditSources, countries, { facts, synopsisSources }, access] =
      await Promise.all([
        this.catalog.titlesForFilms([film.id]),
        this.catalog.creditsForFilms([film.id]),
        this.catalog.filmCreditSources?.(film.id),
        this.catalog.countriesForFilm(film.id),
        this.facts.forFilm(film.id),
        this.access.forFilm(film.id),
      ]);
    const filmTitles = titles.get(film.id) ?? [];
    const filmCredits = (credits.get(film.id) ?? []).map((c) => ({
      ...c,
      sources: creditSources?.get(filmCreditKey(c)) ?? [],
    }));
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
      accessKinds: withServerKinds(accessKinds(access), summary.onServer),
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
    return this.remembered('decades', () => this.catalog.decades());
  }

  /** The countries (code and name) and languages some film has: the film list's menus. */
  filterValues(): Promise<{ countries: { code: string; name: string }[]; languages: string[] }> {
    return this.remembered('filter-values', async () => {
      const v = await this.catalog.filterValues();
      return {
        countries: v.countries.map((code) => ({ code, name: countryName(code) ?? code })),
        languages: v.languages,
      };
    });
  }

  async getPerson(slug: string): Promise<PersonDetail> {
    const { person, profile, credits } = await this.personParts(slug);
    if (!person) throw new NotFoundError(`No person with the slug "${slug}".`);
    const roles: CreditRole[] = [...new Set(credits.map((c) => c.role))];
    const rows = credits.map(({ film, role, character }) => ({
      film,
      role,
      character,
      sources:
        profile?.creditSources.get(creditKey({ filmSlug: film.slug, role, character })) ?? [],
    }));
    const byFilm = new Map<string, PersonDetail['byFilm'][number]>();
    for (const r of rows) {
      const entry = byFilm.get(r.film.slug) ?? { film: r.film, credits: [] };
      entry.credits.push({ role: r.role, character: r.character, sources: r.sources });
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
      born: profile?.born ?? null,
      died: profile?.died ?? null,
      otherNames: profile?.otherNames ?? [],
    };
  }

  /**
   * A person, their profile and their credits with each film's summary. Where the reader can,
   * two statements side by side (the person with the profile; the credits with their films),
   * else the person, then the profile and credits, then the films.
   */
  private async personParts(slug: string): Promise<{
    person: PersonRef | undefined;
    profile: PersonProfile | undefined;
    credits: { film: FilmSummary; role: CreditRole; character: string | null }[];
  }> {
    const { findPersonWithProfile, filmsOfPerson } = this.catalog;
    if (findPersonWithProfile && filmsOfPerson) {
      const [person, rows] = await Promise.all([
        findPersonWithProfile.call(this.catalog, slug),
        filmsOfPerson.call(this.catalog, slug),
      ]);
      const films = await this.summaries([
        ...new Map(rows.map((c) => [c.film.id, c.film])).values(),
      ]);
      const bySlug = new Map(films.map((f) => [f.slug, f]));
      return {
        person,
        profile: person?.profile,
        credits: rows.map((c) => ({
          film: bySlug.get(c.film.slug)!,
          role: c.role,
          character: c.character,
        })),
      };
    }
    const person = await this.catalog.findPerson(slug);
    if (!person) return { person, profile: undefined, credits: [] };
    const [credits, profile] = await Promise.all([
      this.catalog.creditsOfPerson(person.id),
      this.catalog.personProfile?.(person.id),
    ]);
    const films = new Map(
      (await this.summariesBySlugs([...new Set(credits.map((c) => c.filmSlug))])).map((f) => [
        f.slug,
        f,
      ]),
    );
    return {
      person,
      profile,
      credits: credits.flatMap((c) => {
        const film = films.get(c.filmSlug);
        return film ? [{ film, role: c.role, character: c.character }] : [];
      }),
    };
  }

  async listPeople(
    paging: Paging,
  ): Promise<Page<PersonRef & { roles: CreditRole[]; films: number }>> {
    let key: ListKey<string> | undefined;
    if (paging.cursor !== undefined) {
      key = decodeCursor(paging.cursor, 'string');
      if (!key) throw badCursor();
    }
    const page = key ? 1 : (paging.page ?? 1);
    const total = await this.counted('people', () => this.catalog.countPeople());
    const { rows, more } = await this.catalog.listPeople({
      limit: paging.perPage,
      offset: (page - 1) * paging.perPage,
      ...(key ? { key } : {}),
    });
    const { next, prev } = neighbours(rows, more, key, page > 1, (p, dir) =>
      encodeCursor({ a: p.name, b: p.slug, dir }),
    );
    return { items: rows, total, page, perPage: paging.perPage, next, prev };
  }

  /**
   * A count (or a menu) kept until the catalogue version moves; every node learns of that at
   * once (LISTEN/NOTIFY) or within a second (the poll). Without a version, never kept.
   */
  private async remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.version) return compute();
    const v = await this.version();
    if (v !== this.countsVersion) {
      this.counts = new Map();
      this.countsVersion = v;
    }
    if (this.counts.has(key)) return this.counts.get(key) as T;
    const value = await compute();
    if (this.counts.size >= 1000) this.counts.delete(this.counts.keys().next().value!);
    if (this.countsVersion === v) this.counts.set(key, value);
    return value;
  }

  private counted(key: string, count: () => Promise<number>): Promise<number> {
    return this.remembered(key, count);
  }

  /** Every film with its titles and people, for search indexing and list matching. */
  allFilmsWithNames() {
    return this.catalog.allFilmsWithNames();
  }

  /**
   * The films with a copy here and what each copy gives, kept until the catalogue version moves
   * (the media library moves it whenever that changes), so a list page does not read the whole
   * library on every request. Undefined without a media library.
   */
  private copiesHere(): Promise<ReadonlyMap<string, readonly AccessKind[]>> | undefined {
    const selfHosted = this.selfHosted;
    return selfHosted ? this.remembered('self-hosted copies', () => selfHosted()) : undefined;
  }

  /** For an access filter: the films with a copy here, and those whose copies give the kind. */
  private async onServer(filter: FilmFilter): Promise<OnServer | undefined> {
    const wanted = filter.access;
    if (!wanted) return undefined;
    const copies = await this.copiesHere();
    if (!copies) return undefined;
    return {
      withCopy: [...copies.keys()],
      withKind: [...copies].filter(([, kinds]) => kinds.some((k) => k === wanted)).map(([s]) => s),
    };
  }

  private async summaries(rows: readonly FilmListRow[]): Promise<FilmSummary[]> {
    // Rows read with their directors and access kinds need no more statements (see
    // CatalogRepository.summaryColumns); others (a reader without them) are completed here.
    const missing = rows.filter((r) => !r.directors || !r.offerKinds).map((r) => r.id);
    const [directors, kinds, copies] = await Promise.all([
      missing.length
        ? this.catalog.creditsForFilms(missing, 'director')
        : (new Map() as Awaited<ReturnType<CatalogReader['creditsForFilms']>>),
      missing.length ? this.access.kindsOf(missing) : new Map<number, AccessKind[]>(),
      rows.length ? this.copiesHere() : undefined,
    ]);
    return rows.map((r) => {
      const onServer = copies?.get(r.slug);
      return {
        slug: r.slug,
        year: r.year,
        englishTitle: r.englishTitle,
        originalTitle: r.originalTitle,
        transliteration: r.transliteration,
        runtimeMinutes: r.runtimeMinutes,
        directors: r.directors ?? (directors.get(r.id) ?? []).map((c) => c.person),
        accessKinds: withServerKinds(
          accessKinds((r.offerKinds ?? kinds.get(r.id) ?? []).map((kind) => ({ kind }))),
          onServer ? [...onServer] : null,
        ),
        onServer: onServer ? [...onServer] : null,
      };
    });
  }
}

/** The offers' kinds joined with the server copies' kinds, in the one order kinds are shown. */
function withServerKinds(
  kinds: AccessKind[],
  onServer: readonly AccessKind[] | null,
): AccessKind[] {
  if (!onServer?.length) return kinds;
  const present = new Set<AccessKind>([...kinds, ...onServer]);
  return accessKinds([...present].map((kind) => ({ kind })));
}

function badCursor(): ValidationError {
  return new ValidationError('The cursor is not one this list gave out.', [
    { where: 'cursor', message: 'use the `next` or `prev` value of a page, unchanged' },
  ]);
}

function filmCursor(text: string): ListKey<number> {
  const key = decodeCursor(text, 'number');
  if (!key) throw badCursor();
  return key;
}

/**
 * The cursors of the pages either side of this one. Going forwards (or from a page number),
 * `more` says whether a next page exists and a previous one exists past the first page; going
 * backwards, `more` says whether a previous one exists and the next one always does.
 */
function neighbours<R>(
  rows: readonly R[],
  more: boolean,
  key: ListKey | undefined,
  pastFirst: boolean,
  keyOf: (row: R, dir: ListKey['dir']) => string,
): { next: string | null; prev: string | null } {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) {
    // Past either end: offer the way back.
    if (!key) return { next: null, prev: null };
    const back = encodeCursor({ ...key, dir: key.dir === 'after' ? 'before' : 'after' });
    return key.dir === 'after' ? { next: null, prev: back } : { next: back, prev: null };
  }
  const backwards = key?.dir === 'before';
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : !!key || pastFirst;
  return {
    next: hasNext ? keyOf(last, 'after') : null,
    prev: hasPrev ? keyOf(first, 'before') : null,
  };
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
