/** CatalogService over in-memory fakes of its repository and of the facts and access services. */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../lib/errors.ts';
import type { AccessKind, AccessOffer } from '../access/index.ts';
import type { Fact, Source } from '../facts/index.ts';
import type { CreditRole, PersonRef, Title } from './catalog.ts';
import type { FilmCover, FilmListRow, FilmRecord } from './catalog.repository.ts';
import {
  type CatalogReader,
  CatalogService,
  personNames,
  type FilmAccessSource,
  type FilmFactsSource,
} from './catalog.service.ts';

interface FakeFilm {
  id: number;
  slug: string;
  year: number;
  titles: Title[];
  credits: { person: PersonRef; role: CreditRole; character: string | null }[];
}

const title = (kind: Title['kind'], text: string, language = 'ru'): Title => ({
  kind,
  text,
  language,
  script: null,
  note: null,
});
const person = (slug: string, name: string): PersonRef => ({ slug, name, nameOriginal: null });
const source: Source = {
  url: 'https://example.org/ascent',
  title: 'The Ascent',
  publisher: null,
  accessedOn: '2026-11-27',
};

const shepitko = person('larisa-shepitko', 'Larisa Shepitko');
const FILMS: FakeFilm[] = [
  {
    id: 1,
    slug: 'wings-1966',
    year: 1966,
    titles: [title('original', 'Крылья'), title('english', 'Wings', 'en')],
    credits: [{ person: shepitko, role: 'director', character: null }],
  },
  {
    id: 2,
    slug: 'the-ascent-1977',
    year: 1977,
    titles: [title('original', 'Восхождение'), title('english', 'The Ascent', 'en')],
    credits: [
      { person: person('boris-plotnikov', 'Boris Plotnikov'), role: 'cast', character: 'Sotnikov' },
      { person: shepitko, role: 'director', character: null },
      { person: shepitko, role: 'writer', character: null },
    ],
  },
];

/** The catalogue's tables as arrays; records the paging it was asked for. */
class FakeCatalog implements CatalogReader {
  readonly pages: { offset?: number; limit: number; plan?: string }[] = [];
  private row(f: FakeFilm): FilmListRow {
    const english = f.titles.find((t) => t.kind === 'english');
    const original = f.titles.find((t) => t.kind === 'original') ?? null;
    return {
      id: f.id,
      slug: f.slug,
      year: f.year,
      runtimeMinutes: null,
      englishTitle: english?.text ?? '',
      originalTitle: original,
      transliteration: null,
    };
  }
  async findFilm(slug: string): Promise<FilmRecord | undefined> {
    const f = FILMS.find((x) => x.slug === slug);
    return (
      f && {
        id: f.id,
        slug: f.slug,
        year: f.year,
        runtimeMinutes: 90,
        runtimeNote: null,
        silent: false,
        languages: ['ru'],
        synopsis: `About ${f.slug}.`,
        accessNote: null,
        studio: null,
      }
    );
  }
  async findFilmCover(slug: string): Promise<FilmCover | undefined> {
    const f = FILMS.find((x) => x.slug === slug);
    return (
      f && {
        slug: f.slug,
        year: f.year,
        englishTitle: this.row(f).englishTitle,
        originalTitle: this.row(f).originalTitle?.text ?? null,
        directors: f.credits.filter((c) => c.role === 'director').map((c) => c.person.name),
      }
    );
  }
  async listFilms(_filter: unknown, page: { offset?: number; limit: number; plan?: string }) {
    this.pages.push(page);
    const offset = page.offset ?? 0;
    const all = FILMS.map((f) => this.row(f));
    return { rows: all.slice(offset, offset + page.limit), more: all.length > offset + page.limit };
  }
  async filterValues() {
    return { countries: ['SU'], languages: ['ru'] };
  }
  async countFilms() {
    return FILMS.length;
  }
  async countPeople() {
    return 0;
  }
  async decades() {
    return [...new Set(FILMS.map((f) => Math.floor(f.year / 10) * 10))].sort();
  }
  async filmRowsBySlugs(slugs: readonly string[]) {
    return FILMS.filter((f) => slugs.includes(f.slug)).map((f) => this.row(f));
  }
  async titlesForFilms(ids: readonly number[]) {
    return new Map(FILMS.filter((f) => ids.includes(f.id)).map((f) => [f.id, f.titles]));
  }
  async creditsForFilms(ids: readonly number[], role?: CreditRole) {
    return new Map(
      FILMS.filter((f) => ids.includes(f.id)).map((f) => [
        f.id,
        f.credits.filter((c) => !role || c.role === role),
      ]),
    );
  }
  async countriesForFilm() {
    return [{ code: 'SU', name: 'Soviet Union' }];
  }
  async findPerson(slug: string) {
    const p = FILMS.flatMap((f) => f.credits.map((c) => c.person)).find((x) => x.slug === slug);
    return p && { ...p, id: 7 };
  }
  async creditsOfPerson() {
    // Shepitko's credits, including one for a film the catalogue no longer has.
    return [
      { filmSlug: 'wings-1966', role: 'director' as const, character: null },
      { filmSlug: 'lost-1970', role: 'director' as const, character: null },
      { filmSlug: 'the-ascent-1977', role: 'director' as const, character: null },
      { filmSlug: 'the-ascent-1977', role: 'writer' as const, character: null },
    ];
  }
  async listPeople() {
    return { rows: [], more: false };
  }
  async allFilmsWithNames() {
    return [];
  }
}

class FakeFacts implements FilmFactsSource {
  readonly asked: number[] = [];
  async forFilm(filmId: number): Promise<{ facts: Fact[]; synopsisSources: Source[] }> {
    this.asked.push(filmId);
    return {
      facts: filmId === 2 ? [{ key: 'award', text: 'Golden Bear, 1977.', sources: [source] }] : [],
      synopsisSources: [source],
    };
  }
}

class FakeAccess implements FilmAccessSource {
  private readonly offers = new Map<number, AccessOffer[]>([
    [
      2,
      (['intertitles', 'subtitles', 'subtitles'] as AccessKind[]).map((kind) => ({
        kind,
        medium: 'disc' as const,
        provider: 'Criterion',
        edition: null,
        region: null,
        year: 2008,
        url: null,
        source,
        checkedOn: '2026-11-27',
        note: null,
      })),
    ],
  ]);
  async forFilm(filmId: number) {
    return this.offers.get(filmId) ?? [];
  }
  async kindsOf(filmIds: readonly number[]) {
    return new Map(
      filmIds.map((id) => [id, [...new Set((this.offers.get(id) ?? []).map((o) => o.kind))]]),
    );
  }
}

function service() {
  const catalog = new FakeCatalog();
  const facts = new FakeFacts();
  return { catalog, facts, service: new CatalogService(catalog, facts, new FakeAccess()) };
}

describe('CatalogService', () => {
  it('composes a film from its own tables and the facts and access services', async () => {
    const { service: s, facts } = service();
    const film = await s.getFilm('the-ascent-1977');
    expect(facts.asked).toEqual([2]);
    expect(film).toMatchObject({
      englishTitle: 'The Ascent',
      originalTitle: { text: 'Восхождение' },
      directors: [shepitko],
      facts: [{ key: 'award' }],
      synopsisSources: [source],
      countries: [{ code: 'SU' }],
    });
    expect(film.access).toHaveLength(3);
    // Kinds are distinct and in the canonical order, not the offers' order.
    expect(film.accessKinds).toEqual(['subtitles', 'intertitles']);
    expect(film.credits.map((c) => c.role)).toEqual(['cast', 'director', 'writer']);
  });

  it('says which slug it could not find', async () => {
    const { service: s } = service();
    await expect(s.getFilm('mother-1975')).rejects.toThrow(NotFoundError);
    await expect(s.getFilmCover('mother-1975')).rejects.toThrow(
      'No film with the slug "mother-1975".',
    );
  });

  it('turns pages into offsets and badges every film with its access kinds', async () => {
    const { service: s, catalog } = service();
    const page = await s.listFilms({}, { page: 2, perPage: 1 });
    expect(catalog.pages).toEqual([{ offset: 1, limit: 1, plan: 'walk' }]);
    expect(page).toMatchObject({ total: 2, page: 2, perPage: 1 });
    expect(page.items.map((f) => [f.slug, f.accessKinds])).toEqual([
      ['the-ascent-1977', ['subtitles', 'intertitles']],
    ]);
    const first = await s.listFilms({}, { page: 1, perPage: 1 });
    expect(first.items.map((f) => [f.slug, f.accessKinds])).toEqual([['wings-1966', []]]);
  });

  it("lists a person's films in credit order with distinct roles, skipping unknown films", async () => {
    const { service: s } = service();
    const p = await s.getPerson('larisa-shepitko');
    expect(p.roles).toEqual(['director', 'writer']);
    expect(p.films.map((f) => [f.film.slug, f.role])).toEqual([
      ['wings-1966', 'director'],
      ['the-ascent-1977', 'director'],
      ['the-ascent-1977', 'writer'],
    ]);
    await expect(s.getPerson('nobody')).rejects.toThrow(NotFoundError);
  });

  it("groups a person's roles by film, oldest first, with the years of the first and last", async () => {
    const { service: s } = service();
    const p = await s.getPerson('larisa-shepitko');
    expect(p.byFilm.map((f) => [f.film.slug, f.credits.map((c) => c.role)])).toEqual([
      ['wings-1966', ['director']],
      ['the-ascent-1977', ['director', 'writer']],
    ]);
    expect(p.years).toEqual({ first: 1966, last: 1977 });
  });

  it('draws a cover from the light cover record', async () => {
    const { service: s } = service();
    expect(await s.getFilmCover('wings-1966')).toEqual({
      slug: 'wings-1966',
      year: 1966,
      englishTitle: 'Wings',
      originalTitle: 'Крылья',
      directors: ['Larisa Shepitko'],
    });
    expect(await s.decades()).toEqual([1960, 1970]);
  });
});

describe('personNames', () => {
  it('gives the credited name, the Cyrillic original and its distinct romanizations', () => {
    const names = personNames('Larisa Shepitko', 'Лариса Шепитько');
    expect(names.slice(0, 2)).toEqual([
      { text: 'Larisa Shepitko', kind: 'credited', script: 'Latin' },
      { text: 'Лариса Шепитько', kind: 'original', script: 'Cyrillic', language: 'ru' },
    ]);
    const romanized = names.filter((n) => n.kind === 'romanization');
    expect(romanized.length).toBeGreaterThan(0);
    expect(romanized.find((n) => n.system === 'ISO 9')?.text).toBe('Larisa Šepitʹko');
    // No spelling twice, and never the credited one again.
    const texts = names.map((n) => n.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });
  it('a name with no original is just the credited one', () => {
    expect(personNames('Jean Vigo', null)).toEqual([
      { text: 'Jean Vigo', kind: 'credited', script: 'Latin' },
    ]);
  });
});
