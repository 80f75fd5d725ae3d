import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { countryName } from '../../lib/countries.ts';
import {
  type CreditRole,
  type FilmFilter,
  type PersonRef,
  type Title,
  type TitleKind,
  decadeRange,
  summaryFrom,
} from './catalog.ts';

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
}

/** Just what a cover draws: no synopsis, credits beyond directors, facts or access. */
export interface FilmCover {
  slug: string;
  year: number;
  englishTitle: string;
  originalTitle: string | null;
  directors: string[];
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

  /** Every decade that has at least one film (1920, 1950, ...), ascending. */
  async decades(): Promise<number[]> {
    // Integer division truncates on both SQLite and PostgreSQL (years are positive integers).
    const decade = sql<number>`(${sql.ref('year')} / 10) * 10`;
    const rows = await this.db
      .selectFrom('films')
      .select(decade.as('decade'))
      .distinct()
      .orderBy('decade')
      .execute();
    return rows.map((r) => Number(r.decade));
  }

  /**
   * One page of films matching the filter, ordered by year then slug. `onServer` names the
   * films with a copy in the media library (`withCopy`) and those whose copies give the
   * filtered access kind (`withKind`); the access filter counts them beside the offers.
   */
  async listFilms(
    filter: FilmFilter,
    page: { offset: number; limit: number },
    onServer?: { withCopy: readonly string[]; withKind: readonly string[] },
  ): Promise<{ rows: FilmListRow[]; total: number }> {
    let q = this.db.selectFrom('films');
    const range =
      filter.decade !== undefined
        ? decadeRange(filter.decade)
        : { from: filter.yearFrom, to: filter.yearTo };
    if (range.from !== undefined) q = q.where('films.year', '>=', range.from);
    if (range.to !== undefined) q = q.where('films.year', '<=', range.to);
    if (filter.director) {
      const director = filter.director;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('credits')
            .innerJoin('people', 'people.id', 'credits.person_id')
            .select('credits.id')
            .whereRef('credits.film_id', '=', 'films.id')
            .where('credits.role', '=', 'director')
            .where('people.slug', '=', director),
        ),
      );
    }
    const copies = onServer ?? { withCopy: [], withKind: [] };
    if (filter.access === 'none') {
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('access_offers').select('id').whereRef('film_id', '=', 'films.id'),
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
      q = q.where((eb) => {
        const offered = eb.exists(
          eb
            .selectFrom('access_offers')
            .select('id')
            .whereRef('film_id', '=', 'films.id')
            .where('kind', '=', kind),
        );
        return copies.withKind.length
          ? eb.or([offered, eb('films.slug', 'in', [...copies.withKind])])
          : offered;
      });
    }
    const countRow = await q
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const films = await q
      .select(['films.id', 'films.slug', 'films.year', 'films.runtime_minutes'])
      .orderBy('films.year')
      .orderBy('films.slug')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    const titles = await this.titlesForFilms(films.map((f) => f.id));
    return {
      total: Number(countRow.n),
      rows: films.map((f) => ({
        id: f.id,
        slug: f.slug,
        year: f.year,
        runtimeMinutes: f.runtime_minutes,
        ...summaryFrom(titles.get(f.id) ?? []),
      })),
    };
  }

  async filmRowsBySlugs(slugs: readonly string[]): Promise<FilmListRow[]> {
    if (slugs.length === 0) return [];
    const films = await this.db
      .selectFrom('films')
      .select(['id', 'slug', 'year', 'runtime_minutes'])
      .where('slug', 'in', [...slugs])
      .execute();
    const titles = await this.titlesForFilms(films.map((f) => f.id));
    return films.map((f) => ({
      id: f.id,
      slug: f.slug,
      year: f.year,
      runtimeMinutes: f.runtime_minutes,
      ...summaryFrom(titles.get(f.id) ?? []),
    }));
  }

  async titlesForFilms(filmIds: readonly number[]): Promise<Map<number, Title[]>> {
    const out = new Map<number, Title[]>();
    if (filmIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('titles')
      .select(['film_id', 'kind', 'text', 'language', 'script', 'note'])
      .where('film_id', 'in', [...filmIds])
      .orderBy('film_id')
      .orderBy('position')
      .execute();
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
      .where('credits.film_id', 'in', [...filmIds]);
    if (role) q = q.where('credits.role', '=', role);
    const rows = await q.orderBy('credits.film_id').orderBy('credits.position').execute();
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

  async listPeople(page: {
    offset: number;
    limit: number;
  }): Promise<{ rows: (PersonRef & { roles: CreditRole[]; films: number })[]; total: number }> {
    const total = await this.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const people = await this.db
      .selectFrom('people')
      .select(['id', 'slug', 'name', 'name_original'])
      .orderBy('name')
      .orderBy('slug')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    const credits = people.length
      ? await this.db
          .selectFrom('credits')
          .select(['person_id', 'role', 'film_id'])
          .where(
            'person_id',
            'in',
            people.map((p) => p.id),
          )
          .execute()
      : [];
    return {
      total: Number(total.n),
      rows: people.map((p) => {
        const mine = credits.filter((c) => c.person_id === p.id);
        return {
          slug: p.slug,
          name: p.name,
          nameOriginal: p.name_original,
          roles: [...new Set(mine.map((c) => c.role as CreditRole))],
          films: new Set(mine.map((c) => c.film_id)).size,
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
}
