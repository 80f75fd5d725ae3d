import {
  type AliasedRawBuilder,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  sql,
} from 'kysely';
import type { Database } from '../../db/index.ts';
import { type AccessKind, isAccessKind } from '../access/index.ts';
import { countryName } from '../../lib/countries.ts';
import type { Source } from '../facts/index.ts';
import {
  type PersonProfile,
  profileColumns,
  profileFrom,
  readFilmCreditSources,
  readPersonProfile,
} from './people.repository.ts';
import { jsonAgg, jsonRows } from './json-rows.ts';
import {
  type CreditRole,
  type FilmFilter,
  type ListKey,
  type PersonRef,
  type Title,
  type TitleKind,
  decadeRange,
  summaryFrom,
} from './catalog.ts';

/** How a list query finds its rows; see `CatalogRepository.listFilms`. */
export type ListPlan = 'walk' | 'pick';

/** The films with a copy in the media library, and those whose copies give the access kind. */
export interface OnServer {
  withCopy: readonly string[];
  withKind: readonly string[];
}

// A subquery naming film ids (the filter's own index): `select film_id from ... where ...`.
type IdsQuery = SelectQueryBuilder<Database, any, { film_id: number }>;

/** Whether the filter has a condition with an index of its own, which can drive a `pick` plan. */
export function hasDriver(filter: FilmFilter): boolean {
  return !!(
    filter.director ||
    filter.country ||
    filter.language ||
    (filter.access && filter.access !== 'none')
  );
}

export interface FilmRecord {
  id: number;
  slug: string;
  year: number;
  runtimeMinutes: number | null;
  runtimeNote: string | null;
  silent: boolean;
  languages: string[];
  synopsis: string;
  accessNote: string | null;
  studio: { name: string; nameOriginal: string | null } | null;
}

export interface FilmListRow {
  id: number;
  slug: string;
  year: number;
  runtimeMinutes: number | null;
  englishTitle: string;
  originalTitle: Title | null;
  transliteration: string | null;
  /**
   * The directors and the kinds of English access the offers give, when the row was read with
   * them (the repository reads them in the same statement as the row; a reader without them
   * leaves them out and the service asks for them).
   */
  directors?: PersonRef[];
  offerKinds?: AccessKind[];
}

/** What the summary subqueries return beside a film row: JSON arrays, as text on SQLite. */
interface SummaryColumns {
  titles_json: unknown;
  directors_json: unknown;
  kinds_json: unknown;
}

/** Just what a cover draws: no synopsis, credits beyond directors, facts or access. */
export interface FilmCover {
  slug: string;
  year: number;
  englishTitle: string;
  originalTitle: string | null;
  directors: string[];
}

/**
 * Ids in lists short enough for one `in (…)`: SQLite binds at most 32,766 values a statement,
 * and a big catalogue asks for more films than that at once.
 */
function chunks(ids: readonly number[], size = 10_000): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

export class CatalogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findFilm(slug: string): Promise<FilmRecord | undefined> {
    const r = await this.db
      .selectFrom('films')
      .leftJoin('studios', 'studios.id', 'films.studio_id')
      .select([
        'films.id',
        'films.slug',
        'films.year',
        'films.runtime_minutes',
        'films.runtime_note',
        'films.silent',
        'films.languages',
        'films.synopsis',
        'films.access_note',
        'studios.name as studio_name',
        'studios.name_original as studio_name_original',
      ])
      .where('films.slug', '=', slug)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      slug: r.slug,
      year: r.year,
      runtimeMinutes: r.runtime_minutes,
      runtimeNote: r.runtime_note,
      silent: r.silent === 1,
      languages: r.languages.split(',').filter(Boolean),
      synopsis: r.synopsis,
      accessNote: r.access_note,
      studio: r.studio_name ? { name: r.studio_name, nameOriginal: r.studio_name_original } : null,
    };
  }

  /** The cover of one film: its titles and directors' names, in three small queries. */
  async findFilmCover(slug: string): Promise<FilmCover | undefined> {
    const film = await this.db
      .selectFrom('films')
      .select(['id', 'slug', 'year'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!film) return undefined;
    const [titles, directors] = await Promise.all([
      this.db
        .selectFrom('titles')
        .select(['kind', 'text', 'language', 'script', 'note'])
        .where('film_id', '=', film.id)
        .where('kind', 'in', ['english', 'original'])
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('credits')
        .innerJoin('people', 'people.id', 'credits.person_id')
        .select('people.name')
        .where('credits.film_id', '=', film.id)
        .where('credits.role', '=', 'director')
        .orderBy('credits.position')
        .execute(),
    ]);
    const summary = summaryFrom(titles.map((t) => ({ ...t, kind: t.kind as TitleKind })));
    return {
      slug: film.slug,
      year: film.year,
      englishTitle: summary.englishTitle,
      originalTitle: summary.originalTitle?.text ?? null,
      directors: directors.map((d) => d.name),
    };
  }

  /**
   * Every decade that has at least one film (1920, 1950, ...), ascending. A loose index scan
   * (one seek on films (year, slug) per decade), not a `distinct` over every film.
   */
  async decades(): Promise<number[]> {
    const { rows } = await sql<{ decade: number }>`
      with recursive d(y) as (
        select min(year) from films
        union all
        select (select min(year) from films where year >= (d.y / 10 + 1) * 10) from d
        where d.y is not null
      )
      select (y / 10) * 10 as decade from d where y is not null order by decade`.execute(this.db);
    return rows.map((r) => Number(r.decade));
  }

  /** Every country and language some film has, for the film list's menus (loose index scans). */
  async filterValues(): Promise<{ countries: string[]; languages: string[] }> {
    const distinct = async (table: 'film_countries' | 'film_languages', column: string) => {
      const t = sql.table(table);
      const c = sql.ref(column);
      const { rows } = await sql<{ v: string }>`
        with recursive s(v) as (
          select min(${c}) from ${t}
          union all
          select (select min(${c}) from ${t} where ${c} > s.v) from s where s.v is not null
        )
        select v from s where v is not null order by v`.execute(this.db);
      return rows.map((r) => r.v);
    };
    return {
      countries: await distinct('film_countries', 'country_code'),
      languages: await distinct('film_languages', 'language'),
    };
  }

  /**
   * One page of films matching the filter, ordered by year then slug, by keyset: the page
   * after (or before) a (year, slug) key, so a deep page costs what the first one does.
   * `onServer` names the films with a copy in the media library (`withCopy`) and those whose
   * copies give the filtered access kind (`withKind`); the access filter counts them beside
   * the offers.
   *
   * `plan` says how the database finds the rows (docs/operating.md, "Large catalogues"):
   * `walk` follows the films (year, slug) index and checks each film against the filter (cheap
   * when many films match); `pick` takes the matching film ids from the filter's own index and
   * sorts just those (cheap when few match). The service chooses by the filter's count.
   */
  async listFilms(
    filter: FilmFilter,
    page: { limit: number; offset?: number; key?: ListKey<number>; plan?: ListPlan },
    onServer?: OnServer,
  ): Promise<{ rows: FilmListRow[]; more: boolean }> {
    const plan = page.plan ?? 'walk';
    let q = this.filtered(filter, plan, onServer);
    const key = page.key;
    const backwards = key?.dir === 'before';
    if (key) {
      q = q.where((eb) =>
        eb(eb.refTuple('films.year', 'films.slug'), backwards ? '<' : '>', eb.tuple(key.a, key.b)),
      );
    }
    const order = backwards ? 'desc' : 'asc';
    const offset = !key && !!page.offset;
    const ordered = q
      .select(['films.id', 'films.slug', 'films.year', 'films.runtime_minutes'])
      .orderBy('films.year', order)
      .orderBy('films.slug', order)
      .$if(offset, (qb) => qb.offset(page.offset ?? 0))
      .limit(page.limit + 1);
    // One statement per page: the rows with their titles, directors and access kinds, each a
    // small correlated subquery (on PostgreSQL every statement is a round trip). In the walk
    // they are evaluated for the page's rows only, as the index hands them over; where the
    // database sorts (pick) or skips (OFFSET) rows first, the page is cut in a subquery and
    // only its rows get them, or SQLite would compute them for every row it sorts or skips.
    let films: ({
      id: number;
      slug: string;
      year: number;
      runtime_minutes: number | null;
    } & SummaryColumns)[];
    if (plan === 'walk' && !offset) {
      films = await ordered.select(this.summaryColumns('films')).execute();
    } else {
      films = await this.db
        .selectFrom(ordered.as('page'))
        .selectAll('page')
        .select(this.summaryColumns('page'))
        .orderBy('page.year', order)
        .orderBy('page.slug', order)
        .execute();
    }
    const more = films.length > page.limit;
    films = films.slice(0, page.limit);
    if (backwards) films.reverse();
    return { more, rows: films.map(listRow) };
  }

  /**
   * The subqueries that read a film's summary beside its row (titles of the three kinds a
   * summary shows, directors, offers' access kinds), each as a JSON array of arrays with the
   * position first; `from` names the films row (a table or the page's subquery). No ORDER BY
   * inside (the rows are put in order by position here), so no sort per film.
   */
  private summaryColumns(from: string): AliasedRawBuilder<unknown, keyof SummaryColumns>[] {
    const agg = (...values: string[]) => jsonAgg(this.db, values);
    const id = sql.ref(`${from}.id`);
    return [
      sql`(select ${agg('t.position', 't.kind', 't.text', 't.language', 't.script', 't.note')}
        from titles t
        where t.film_id = ${id} and t.kind in ('english', 'original', 'transliteration'))`.as(
        'titles_json',
      ),
      sql`(select ${agg('c.position', 'd.slug', 'd.name', 'd.name_original')}
        from credits c inner join people d on d.id = c.person_id
        where c.film_id = ${id} and c.role = 'director')`.as('directors_json'),
      sql`(select ${agg('a.position', 'a.kind')}
        from access_offers a where a.film_id = ${id})`.as('kinds_json'),
    ];
  }

  /** How many films match the filter (the `pick` form when the filter has an index of its own). */
  async countFilms(filter: FilmFilter, onServer?: OnServer): Promise<number> {
    const row = await this.filtered(filter, hasDriver(filter) ? 'pick' : 'walk', onServer)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The films query with the filter's conditions; see `listFilms` for the two plans. */
  private filtered(filter: FilmFilter, plan: ListPlan, onServer?: OnServer) {
    let q = this.db.selectFrom('films');
    const range =
      filter.decade !== undefined
        ? decadeRange(filter.decade)
        : { from: filter.yearFrom, to: filter.yearTo };
    if (range.from !== undefined) q = q.where('films.year', '>=', range.from);
    if (range.to !== undefined) q = q.where('films.year', '<=', range.to);
    // In the `pick` plan the first filter that has an index of its own drives (`films.id in`);
    // every other one is checked per film (`exists`), which the same indexes answer.
    let driving = plan === 'pick';
    const cond = (ids: (eb: ExpressionBuilder<Database, 'films'>) => IdsQuery) => {
      const drive = driving;
      driving = false;
      return (eb: ExpressionBuilder<Database, 'films'>) =>
        drive
          ? eb('films.id', 'in', ids(eb))
          : // `limit 1` keeps the check a probe per film: without it SQLite (3.38+) turns the
            // EXISTS into a join and first builds a Bloom filter over every matching id.
            eb.exists(ids(eb).whereRef(sql.ref('film_id'), '=', sql.ref('films.id')).limit(1));
    };
    if (filter.director) {
      const director = filter.director;
      q = q.where(
        cond((eb) =>
          eb
            .selectFrom('credits')
            .innerJoin('people', 'people.id', 'credits.person_id')
            .select('credits.film_id')
            .where('credits.role', '=', 'director')
            .where('people.slug', '=', director),
        ),
      );
    }
    if (filter.country) {
      const country = filter.country;
      q = q.where(
        cond((eb) =>
          eb
            .selectFrom('film_countries')
            .select('film_countries.film_id')
            .where('film_countries.country_code', '=', country),
        ),
      );
    }
    if (filter.language) {
      const language = filter.language;
      q = q.where(
        cond((eb) =>
          eb
            .selectFrom('film_languages')
            .select('film_languages.film_id')
            .where('film_languages.language', '=', language),
        ),
      );
    }
    const copies = onServer ?? { withCopy: [], withKind: [] };
    if (filter.access === 'none') {
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('access_offers')
              .select('access_offers.film_id')
              .whereRef('access_offers.film_id', '=', 'films.id')
              .limit(1),
          ),
        ),
      );
      if (copies.withCopy.length) q = q.where('films.slug', 'not in', [...copies.withCopy]);
    } else if (filter.access === 'on-server') {
      q = copies.withCopy.length
        ? q.where('films.slug', 'in', [...copies.withCopy])
        : q.where(sql<boolean>`1 = 0`);
    } else if (filter.access) {
      const kind = filter.access;
      const offered = cond((eb) =>
        eb
          .selectFrom('access_offers')
          .select('access_offers.film_id')
          .where('access_offers.kind', '=', kind),
      );
      q = q.where((eb) =>
        copies.withKind.length
          ? eb.or([offered(eb), eb('films.slug', 'in', [...copies.withKind])])
          : offered(eb),
      );
    }
    return q;
  }

  async filmRowsBySlugs(slugs: readonly string[]): Promise<FilmListRow[]> {
    if (slugs.length === 0) return [];
    const films = await this.db
      .selectFrom('films')
      .select(['films.id', 'films.slug', 'films.year', 'films.runtime_minutes'])
      .select(this.summaryColumns('films'))
      .where('films.slug', 'in', [...slugs])
      .execute();
    return films.map(listRow);
  }

  async titlesForFilms(filmIds: readonly number[]): Promise<Map<number, Title[]>> {
    const out = new Map<number, Title[]>();
    if (filmIds.length === 0) return out;
    const rows = [];
    for (const ids of chunks(filmIds)) {
      rows.push(
        ...(await this.db
          .selectFrom('titles')
          .select(['film_id', 'kind', 'text', 'language', 'script', 'note'])
          .where('film_id', 'in', ids)
          .orderBy('film_id')
          .orderBy('position')
          .execute()),
      );
    }
    for (const r of rows) {
      const list = out.get(r.film_id) ?? [];
      list.push({
        kind: r.kind as TitleKind,
        text: r.text,
        language: r.language,
        script: r.script,
        note: r.note,
      });
      out.set(r.film_id, list);
    }
    return out;
  }

  async creditsForFilms(
    filmIds: readonly number[],
    role?: CreditRole,
  ): Promise<Map<number, { person: PersonRef; role: CreditRole; character: string | null }[]>> {
    const out = new Map<
      number,
      { person: PersonRef; role: CreditRole; character: string | null }[]
    >();
    if (filmIds.length === 0) return out;
    const query = (ids: number[]) => {
      let q = this.db
        .selectFrom('credits')
        .innerJoin('people', 'people.id', 'credits.person_id')
        .select([
          'credits.film_id',
          'credits.role',
          'credits.character',
          'people.slug',
          'people.name',
          'people.name_original',
        ])
        .where('credits.film_id', 'in', ids);
      if (role) q = q.where('credits.role', '=', role);
      return q;
    };
    const rows = [];
    for (const ids of chunks(filmIds)) {
      rows.push(
        ...(await query(ids).orderBy('credits.film_id').orderBy('credits.position').execute()),
      );
    }
    for (const r of rows) {
      const list = out.get(r.film_id) ?? [];
      list.push({
        person: { slug: r.slug, name: r.name, nameOriginal: r.name_original },
        role: r.role as CreditRole,
        character: r.character,
      });
      out.set(r.film_id, list);
    }
    return out;
  }

  async countriesForFilm(filmId: number): Promise<{ code: string; name: string }[]> {
    const rows = await this.db
      .selectFrom('film_countries')
      .select('country_code')
      .where('film_id', '=', filmId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      code: r.country_code,
      name: countryName(r.country_code) ?? r.country_code,
    }));
  }

  async findPerson(slug: string): Promise<(PersonRef & { id: number }) | undefined> {
    const r = await this.db
      .selectFrom('people')
      .select(['id', 'slug', 'name', 'name_original'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return r && { id: r.id, slug: r.slug, name: r.name, nameOriginal: r.name_original };
  }

  /** A person with their profile (people.repository.ts), in one statement. */
  async findPersonWithProfile(
    slug: string,
  ): Promise<(PersonRef & { id: number; profile: PersonProfile }) | undefined> {
    const r = await this.db
      .selectFrom('people')
      .select(['people.id', 'people.slug', 'people.name', 'people.name_original'])
      .select(profileColumns(this.db, sql.ref<number>('people.id')))
      .where('people.slug', '=', slug)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        slug: r.slug,
        name: r.name,
        nameOriginal: r.name_original,
        profile: profileFrom(r),
      }
    );
  }

  async creditsOfPerson(
    personId: number,
  ): Promise<{ filmSlug: string; role: CreditRole; character: string | null }[]> {
    const rows = await this.db
      .selectFrom('credits')
      .innerJoin('films', 'films.id', 'credits.film_id')
      .select(['films.slug', 'credits.role', 'credits.character'])
      .where('credits.person_id', '=', personId)
      .orderBy('films.year')
      .orderBy('films.slug')
      .orderBy('credits.role')
      .execute();
    return rows.map((r) => ({
      filmSlug: r.slug,
      role: r.role as CreditRole,
      character: r.character,
    }));
  }

  /**
   * A person's credits with each film's list row and summary, in one statement (year, slug,
   * role order): the person page's films without a statement per part. By slug, so that it
   * can run beside `findPersonWithProfile` rather than after it.
   */
  async filmsOfPerson(
    personSlug: string,
  ): Promise<{ film: FilmListRow; role: CreditRole; character: string | null }[]> {
    const rows = await this.db
      .selectFrom('credits')
      .innerJoin('films', 'films.id', 'credits.film_id')
      .select([
        'films.id',
        'films.slug',
        'films.year',
        'films.runtime_minutes',
        'credits.role',
        'credits.character',
      ])
      .select(this.summaryColumns('films'))
      .where('credits.person_id', '=', (eb) =>
        eb.selectFrom('people').select('people.id').where('people.slug', '=', personSlug),
      )
      .orderBy('films.year')
      .orderBy('films.slug')
      .orderBy('credits.role')
      .execute();
    return rows.map((r) => ({
      film: listRow(r),
      role: r.role as CreditRole,
      character: r.character,
    }));
  }

  async countPeople(): Promise<number> {
    const row = await this.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One page of people by name then slug, by keyset on (name, slug) like `listFilms`. */
  async listPeople(page: {
    limit: number;
    offset?: number;
    key?: ListKey<string>;
  }): Promise<{ rows: (PersonRef & { roles: CreditRole[]; films: number })[]; more: boolean }> {
    const key = page.key;
    const backwards = key?.dir === 'before';
    const order = backwards ? 'desc' : 'asc';
    // Each person's credits (role, film) read with the row, in the same statement; past an
    // OFFSET the page is cut in a subquery first, as for films (PostgreSQL would otherwise
    // read the credits of every row it skips).
    const offset = !key && !!page.offset;
    const credits = (from: string) =>
      sql<unknown>`(select ${jsonAgg(this.db, ['c.id', 'c.film_id', 'c.role'])}
        from credits c where c.person_id = ${sql.ref(`${from}.id`)})`.as('credits_json');
    const ordered = this.db
      .selectFrom('people')
      .select(['people.id', 'people.slug', 'people.name', 'people.name_original'])
      .$if(!!key, (qb) =>
        qb.where((eb) =>
          eb(eb.refTuple('name', 'slug'), backwards ? '<' : '>', eb.tuple(key!.a, key!.b)),
        ),
      )
      .orderBy('name', order)
      .orderBy('slug', order)
      .$if(offset, (qb) => qb.offset(page.offset ?? 0))
      .limit(page.limit + 1);
    let people = offset
      ? await this.db
          .selectFrom(ordered.as('page'))
          .selectAll('page')
          .select(credits('page'))
          .orderBy('page.name', order)
          .orderBy('page.slug', order)
          .execute()
      : await ordered.select(credits('people')).execute();
    const more = people.length > page.limit;
    people = people.slice(0, page.limit);
    if (backwards) people.reverse();
    return {
      more,
      rows: people.map((p) => {
        const mine = jsonRows(p.credits_json) as [number, number, string][];
        return {
          slug: p.slug,
          name: p.name,
          nameOriginal: p.name_original,
          roles: [...new Set(mine.map(([, , role]) => role as CreditRole))],
          films: new Set(mine.map(([, film]) => film)).size,
        };
      }),
    };
  }

  /** Every film with its titles and credited people: for search and list matching. */
  async allFilmsWithNames(): Promise<
    { slug: string; year: number; titles: Title[]; people: (PersonRef & { role: CreditRole })[] }[]
  > {
    const films = await this.db
      .selectFrom('films')
      .select(['id', 'slug', 'year'])
      .orderBy('slug')
      .execute();
    const ids = films.map((f) => f.id);
    const titles = await this.titlesForFilms(ids);
    const credits = await this.creditsForFilms(ids);
    return films.map((f) => ({
      slug: f.slug,
      year: f.year,
      titles: titles.get(f.id) ?? [],
      people: (credits.get(f.id) ?? []).map((c) => ({ ...c.person, role: c.role })),
    }));
  }

  /** Birth, death, other names and the sources of each credit (people.repository.ts). */
  personProfile(personId: number): Promise<PersonProfile> {
    return readPersonProfile(this.db, personId);
  }

  /** The sources of each credit of a film, by `filmCreditKey` (people.repository.ts). */
  filmCreditSources(filmId: number): Promise<Map<string, Source[]>> {
    return readFilmCreditSources(this.db, filmId);
  }
}

/** A films row read with `summaryColumns` as a list row with its summary. */
function listRow(
  f: { id: number; slug: string; year: number; runtime_minutes: number | null } & SummaryColumns,
): FilmListRow {
  const titles = jsonRows(f.titles_json).map(
    ([, kind, text, language, script, note]) =>
      ({
        kind: kind as TitleKind,
        text: text as string,
        language: language as string,
        script: script as string | null,
        note: note as string | null,
      }) satisfies Title,
  );
  const kinds = new Set<AccessKind>();
  for (const [, kind] of jsonRows(f.kinds_json)) {
    if (typeof kind === 'string' && isAccessKind(kind)) kinds.add(kind);
  }
  return {
    id: f.id,
    slug: f.slug,
    year: f.year,
    runtimeMinutes: f.runtime_minutes,
    ...summaryFrom(titles),
    directors: jsonRows(f.directors_json).map(([, slug, name, nameOriginal]) => ({
      slug: slug as string,
      name: name as string,
      nameOriginal: nameOriginal as string | null,
    })),
    offerKinds: [...kinds],
  };
}
