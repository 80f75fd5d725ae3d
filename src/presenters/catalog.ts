/**
 * Presenters: the only fields of films, people and collections that leave the server as JSON
 * (the API and the CLI's --json). Domain objects in, DTOs out.
 */
import type { CollectionDetail, CollectionSummary } from '../modules/collections/index.ts';
import type {
  FilmDetail,
  FilmSummary,
  PersonDetail,
  PersonRef,
  CreditRole,
} from '../modules/catalog/index.ts';
import { type Source, sourceKind } from '../modules/facts/index.ts';
import type {
  CollectionDto,
  CollectionSummaryDto,
  FilmDto,
  FilmSummaryDto,
  PersonDto,
  PersonListItemDto,
  SourceDto,
} from './dto.ts';
import { urls } from './urls.ts';

export function presentSource(s: Source): SourceDto {
  return {
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    accessed_on: s.accessedOn,
    kind: sourceKind(s),
  };
}

export function presentPersonRef(p: PersonRef) {
  return { slug: p.slug, name: p.name, name_original: p.nameOriginal, url: urls.person(p.slug) };
}

export function presentFilmSummary(f: FilmSummary): FilmSummaryDto {
  return {
    slug: f.slug,
    url: urls.film(f.slug),
    year: f.year,
    title: f.englishTitle,
    original_title: f.originalTitle?.text ?? null,
    transliteration: f.transliteration,
    directors: f.directors.map(presentPersonRef),
    runtime_minutes: f.runtimeMinutes,
    english_access: f.accessKinds,
    on_server: f.onServer,
  };
}

export function presentFilm(
  f: FilmDetail,
  collections: { slug: string; title: string; position: number }[],
): FilmDto {
  return {
    ...presentFilmSummary(f),
    titles: f.titles.map((t) => ({ ...t })),
    countries: f.countries,
    studio: f.studio && { name: f.studio.name, name_original: f.studio.nameOriginal },
    runtime_note: f.runtimeNote,
    silent: f.silent,
    languages: f.languages,
    credits: f.credits.map((c) => ({
      person: presentPersonRef(c.person),
      role: c.role,
      character: c.character,
      sources: c.sources.map(presentSource),
    })),
    synopsis: { text: f.synopsis, sources: f.synopsisSources.map(presentSource) },
    facts: f.facts.map((x) => ({
      key: x.key,
      text: x.text,
      sources: x.sources.map(presentSource),
    })),
    access: {
      offers: f.access.map((o) => ({
        kind: o.kind,
        medium: o.medium,
        provider: o.provider,
        edition: o.edition,
        region: o.region,
        year: o.year,
        url: o.url,
        source: presentSource(o.source),
        checked_on: o.checkedOn,
        note: o.note,
      })),
      note: f.accessNote,
    },
    collections: collections.map((c) => ({ ...c, url: urls.collection(c.slug) })),
  };
}

export function presentCollectionSummary(c: CollectionSummary): CollectionSummaryDto {
  return {
    slug: c.slug,
    url: urls.collection(c.slug),
    title: c.title,
    subtitle: c.subtitle,
    curator: c.curator,
    status: c.status,
    published_on: c.publishedOn,
    intro_excerpt: c.introExcerpt,
    film_count: c.filmCount,
  };
}

export function presentCollection(c: CollectionDetail): CollectionDto {
  return {
    ...presentCollectionSummary(c),
    intro: c.intro,
    origin: c.origin,
    published_corrections: c.publishedCorrections.map((x) => ({
      film: presentFilmSummary(x.film),
      field: x.field,
      was: x.was,
      now: x.now,
      reason: x.reason,
      corrected_on: x.correctedOn,
    })),
    entries: c.entries.map((e) => ({
      position: e.position,
      film: presentFilmSummary(e.film),
      listed_as: e.listedAs,
      description: e.description,
      fact: { text: e.fact.text, sources: e.fact.sources.map(presentSource) },
      corrections: e.corrections.map((x) => ({
        field: x.field,
        listed: x.listed,
        reason: x.reason,
        sources: x.sources.map(presentSource),
      })),
    })),
  };
}

export function presentPerson(p: PersonDetail): PersonDto {
  return {
    slug: p.slug,
    url: urls.person(p.slug),
    name: p.name,
    name_original: p.nameOriginal,
    roles: p.roles,
    films: p.films.map((x) => ({
      film: presentFilmSummary(x.film),
      role: x.role,
      character: x.character,
      sources: x.sources.map(presentSource),
    })),
    born: p.born && { ...p.born, sources: p.born.sources.map(presentSource) },
    died: p.died && { ...p.died, sources: p.died.sources.map(presentSource) },
    other_names: p.otherNames.map((n) => ({ ...n, sources: n.sources.map(presentSource) })),
  };
}

export function presentPersonListItem(
  p: PersonRef & { roles: CreditRole[]; films: number },
): PersonListItemDto {
  return { ...presentPersonRef(p), roles: p.roles, film_count: p.films };
}
