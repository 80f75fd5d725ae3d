/**
 * What is known about a person beyond their credits, from `content/people/<slug>.yaml` (birth,
 * death, other names) and the film files (the sources of each credit). Read by
 * `CatalogRepository.personProfile`; the content module writes these tables.
 */
import { type Expression, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { Source } from '../facts/index.ts';
import type { CreditRole, PersonLifeEvent, PersonOtherName } from './catalog.ts';
import { jsonAgg, jsonRows } from './json-rows.ts';

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

/**
 * A person's profile read beside their row in one statement (`profileColumns`): birth and
 * death, other names, their sources and the sources of each credit.
 */
export function profileColumns(db: Kysely<Database>, personId: Expression<number>) {
  const agg = (...values: string[]) => jsonAgg(db, values);
  return [
    sql`(select ${agg('l.id', 'l.event', 'l.date', 'l.place', 'l.note')}
      from person_life l where l.person_id = ${personId})`.as('life_json'),
    sql`(select ${agg('ls.position', 'ls.life_id', 's.url', 's.title', 's.publisher', 's.accessed_on')}
      from person_life_sources ls
      inner join person_life l on l.id = ls.life_id
      inner join sources s on s.id = ls.source_id
      where l.person_id = ${personId})`.as('life_sources_json'),
    sql`(select ${agg('n.position', 'n.id', 'n.text', 'n.language', 'n.script', 'n.note')}
      from person_names n where n.person_id = ${personId})`.as('names_json'),
    sql`(select ${agg('ns.position', 'ns.name_id', 's.url', 's.title', 's.publisher', 's.accessed_on')}
      from person_name_sources ns
      inner join person_names n on n.id = ns.name_id
      inner join sources s on s.id = ns.source_id
      where n.person_id = ${personId})`.as('name_sources_json'),
    sql`(select ${agg('c.id', 'cs.position', 'f.slug', 'c.role', 'c.character', 's.url', 's.title', 's.publisher', 's.accessed_on')}
      from credit_sources cs
      inner join credits c on c.id = cs.credit_id
      inner join films f on f.id = c.film_id
      inner join sources s on s.id = cs.source_id
      where c.person_id = ${personId})`.as('credit_sources_json'),
  ];
}

/** What `profileColumns` read, as a profile. */
export function profileFrom(r: {
  life_json: unknown;
  life_sources_json: unknown;
  names_json: unknown;
  name_sources_json: unknown;
  credit_sources_json: unknown;
}): PersonProfile {
  type SourceRow = [number, number, string, string, string | null, string];
  const sourceOf = ([, , url, title, publisher, accessedOn]: SourceRow): Source => ({
    url,
    title,
    publisher,
    accessedOn,
  });
  const grouped = (rows: unknown[][]) => {
    const out = new Map<number, Source[]>();
    for (const row of rows as SourceRow[]) {
      out.set(row[1], [...(out.get(row[1]) ?? []), sourceOf(row)]);
    }
    return out;
  };
  const life = jsonRows(r.life_json) as [
    number,
    string,
    string | null,
    string | null,
    string | null,
  ][];
  const lifeBy = grouped(jsonRows(r.life_sources_json));
  const namesBy = grouped(jsonRows(r.name_sources_json));
  const event = (kind: 'born' | 'died'): PersonLifeEvent | null => {
    const row = life.find((x) => x[1] === kind);
    return row
      ? { date: row[2], place: row[3], note: row[4], sources: lifeBy.get(row[0]) ?? [] }
      : null;
  };
  const creditSources = new Map<string, Source[]>();
  type CreditSourceRow = [
    number,
    number,
    string,
    string,
    string | null,
    string,
    string,
    string | null,
    string,
  ];
  for (const [, , filmSlug, role, character, url, title, publisher, accessedOn] of jsonRows(
    r.credit_sources_json,
    2,
  ) as CreditSourceRow[]) {
    const key = creditKey({ filmSlug, role: role as CreditRole, character });
    const list = creditSources.get(key) ?? [];
    if (!list.some((x) => x.url === url)) list.push({ url, title, publisher, accessedOn });
    creditSources.set(key, list);
  }
  const names = jsonRows(r.names_json) as [
    number,
    number,
    string,
    string,
    string | null,
    string | null,
  ][];
  return {
    born: event('born'),
    died: event('died'),
    otherNames: names.map(([, id, text, language, script, note]) => ({
      text,
      language,
      script,
      note,
      sources: namesBy.get(id) ?? [],
    })),
    creditSources,
  };
}

export async function readPersonProfile(
  db: Kysely<Database>,
  personId: number,
): Promise<PersonProfile> {
  const row = await db
    .selectFrom('people')
    .select(profileColumns(db, sql.ref<number>('people.id')))
    .where('people.id', '=', personId)
    .executeTakeFirst();
  return row
    ? profileFrom(row)
    : { born: null, died: null, otherNames: [], creditSources: new Map() };
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
