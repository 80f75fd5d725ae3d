/**
 * What is known about a person beyond their credits, from `content/people/<slug>.yaml` (birth,
 * death, other names) and the film files (the sources of each credit). Read by
 * `CatalogRepository.personProfile`; the content module writes these tables.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { Source } from '../facts/index.ts';
import type { CreditRole, PersonLifeEvent, PersonOtherName } from './catalog.ts';

export interface PersonProfile {
  born: PersonLifeEvent | null;
  died: PersonLifeEvent | null;
  otherNames: PersonOtherName[];
  /** The sources of each of the person's credits, by `creditKey`. */
  creditSources: Map<string, Source[]>;
}

/** Identifies one credit of a person: the film, the role and the character. */
export function creditKey(c: { filmSlug: string; role: CreditRole; character: string | null }) {
  return `${c.filmSlug}\u0000${c.role}\u0000${c.character ?? ''}`;
}

const source = (r: { url: string; title: string; publisher: string | null; accessed_on: string }) =>
  ({
    url: r.url,
    title: r.title,
    publisher: r.publisher,
    accessedOn: r.accessed_on,
  }) satisfies Source;

export async function readPersonProfile(
  db: Kysely<Database>,
  personId: number,
): Promise<PersonProfile> {
  const [life, lifeSources, names, nameSources, credits] = await Promise.all([
    db
      .selectFrom('person_life')
      .select(['id', 'event', 'date', 'place', 'note'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('person_life_sources')
      .innerJoin('person_life', 'person_life.id', 'person_life_sources.life_id')
      .innerJoin('sources', 'sources.id', 'person_life_sources.source_id')
      .select(['person_life_sources.life_id as owner', 'url', 'title', 'publisher', 'accessed_on'])
      .where('person_life.person_id', '=', personId)
      .orderBy('person_life_sources.position')
      .execute(),
    db
      .selectFrom('person_names')
      .select(['id', 'text', 'language', 'script', 'note'])
      .where('person_id', '=', personId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('person_name_sources')
      .innerJoin('person_names', 'person_names.id', 'person_name_sources.name_id')
      .innerJoin('sources', 'sources.id', 'person_name_sources.source_id')
      .select(['person_name_sources.name_id as owner', 'url', 'title', 'publisher', 'accessed_on'])
      .where('person_names.person_id', '=', personId)
      .orderBy('person_name_sources.position')
      .execute(),
    db
      .selectFrom('credit_sources')
      .innerJoin('credits', 'credits.id', 'credit_sources.credit_id')
      .innerJoin('films', 'films.id', 'credits.film_id')
      .innerJoin('sources', 'sources.id', 'credit_sources.source_id')
      .select([
        'films.slug as film_slug',
        'credits.role',
        'credits.character',
        'url',
        'title',
        'publisher',
        'accessed_on',
      ])
      .where('credits.person_id', '=', personId)
      .orderBy('credits.id')
      .orderBy('credit_sources.position')
      .execute(),
  ]);
  const grouped = <T extends { owner: number }>(rows: readonly T[]) => {
    const out = new Map<number, T[]>();
    for (const r of rows) out.set(r.owner, [...(out.get(r.owner) ?? []), r]);
    return out;
  };
  const lifeBy = grouped(lifeSources);
  const namesBy = grouped(nameSources);
  const event = (kind: 'born' | 'died'): PersonLifeEvent | null => {
    const r = life.find((x) => x.event === kind);
    return r
      ? {
          date: r.date,
          place: r.place,
          note: r.note,
          sources: (lifeBy.get(r.id) ?? []).map(source),
        }
      : null;
  };
  const creditSources = new Map<string, Source[]>();
  for (const r of credits) {
    const key = creditKey({
      filmSlug: r.film_slug,
      role: r.role as CreditRole,
      character: r.character,
    });
    const list = creditSources.get(key) ?? [];
    if (!list.some((s) => s.url === r.url)) list.push(source(r));
    creditSources.set(key, list);
  }
  return {
    born: event('born'),
    died: event('died'),
    otherNames: names.map((n) => ({
      text: n.text,
      language: n.language,
      script: n.script,
      note: n.note,
      sources: (namesBy.get(n.id) ?? []).map(source),
    })),
    creditSources,
  };
}

/** Identifies one credit within a film: the person, the role and the character. */
export function filmCreditKey(c: {
  person: { slug: string };
  role: CreditRole;
  character: string | null;
}) {
  return `${c.person.slug}\u0000${c.role}\u0000${c.character ?? ''}`;
}

/** The sources of each credit of a film, by `filmCreditKey`, in the order the file gives them. */
export async function readFilmCreditSources(
  db: Kysely<Database>,
  filmId: number,
): Promise<Map<string, Source[]>> {
  const rows = await db
    .selectFrom('credit_sources')
    .innerJoin('credits', 'credits.id', 'credit_sources.credit_id')
    .innerJoin('people', 'people.id', 'credits.person_id')
    .innerJoin('sources', 'sources.id', 'credit_sources.source_id')
    .select([
      'people.slug as person_slug',
      'credits.role',
      'credits.character',
      'url',
      'title',
      'publisher',
      'accessed_on',
    ])
    .where('credits.film_id', '=', filmId)
    .orderBy('credits.position')
    .orderBy('credit_sources.position')
    .execute();
  const out = new Map<string, Source[]>();
  for (const r of rows) {
    const key = filmCreditKey({
      person: { slug: r.person_slug },
      role: r.role as CreditRole,
      character: r.character,
    });
    const list = out.get(key) ?? [];
    if (!list.some((s) => s.url === r.url)) list.push(source(r));
    out.set(key, list);
  }
  return out;
}
