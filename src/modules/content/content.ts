/**
 * Pure rules of the content files: validation (schema and cross-file references) and the
 * plan that `content load` writes. Every problem is reported as `file:line: message`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import type { Problem } from '../../lib/errors.ts';
import { slugify } from '../../lib/text/index.ts';
import { urlProblem } from '../facts/index.ts';
import type { YamlFile } from './content.files.ts';
import { keyLineOf, lineOf } from './content.files.ts';
import {
  type CollectionFile,
  type FilmFile,
  type PersonFile,
  type PersonRef,
  type SourceDef,
  collectionFileSchema,
  filmFileSchema,
  personFileSchema,
} from './content.schema.ts';

export interface PlannedPerson {
  slug: string;
  name: string;
  nameOriginal: string | null;
  /** The person's own file (`people/<slug>.yaml`), when there is one. */
  details?: PlannedPersonFile;
}

export interface PlannedPersonFile {
  file: string;
  data: PersonFile;
  hash: string;
}

export interface PlannedFilm {
  file: string;
  data: FilmFile;
  hash: string;
}

export interface PlannedCollection {
  file: string;
  data: CollectionFile;
  hash: string;
}

export interface ContentPlan {
  films: PlannedFilm[];
  collections: PlannedCollection[];
  people: PlannedPerson[];
  /** Every source, deduplicated by URL (first declaration wins). */
  sources: SourceDef[];
}

export function personSlug(p: PersonRef): string {
  return p.slug ?? slugify(p.name);
}

function validate<T>(
  f: YamlFile,
  schema: z.ZodType<T>,
  problems: Problem[],
): T | undefined {
  const result = schema.safeParse(f.doc.toJS());
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const line =
      issue.code === 'unrecognized_keys'
        ? keyLineOf(f, [...issue.path, issue.keys[0] ?? ''])
        : keyLineOf(f, issue.path);
    const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
    const extra = issue.code === 'unrecognized_keys' ? '' : '';
    problems.push({ where: `${f.file}:${line}`, message: `${at}${issue.message}${extra}` });
  }
  return undefined;
}

/** Checks that every source key used in a file is declared in its `sources:` map. */
function checkSourceKeys(
  f: YamlFile,
  declared: Record<string, unknown>,
  uses: { path: (string | number)[]; key: string }[],
  problems: Problem[],
): void {
  for (const use of uses) {
    if (!(use.key in declared)) {
      problems.push({
        where: `${f.file}:${lineOf(f, use.path)}`,
        message: `${use.path.join('.')}: source "${use.key}" is not declared under sources:`,
      });
    }
  }
}

/**
 * Reports source URLs that are malformed though the schema accepts them (two hosts run
 * together, a host that is not a name), without going online.
 */
function checkSourceUrls(
  f: YamlFile,
  declared: Record<string, SourceDef>,
  problems: Problem[],
): void {
  for (const [key, def] of Object.entries(declared)) {
    const problem = urlProblem(def.url);
    if (problem) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['sources', key, 'url'])}`,
        message: `sources.${key}.url: ${problem} (${def.url})`,
      });
    }
  }
}

function filmSourceUses(film: FilmFile): { path: (string | number)[]; key: string }[] {
  return [
    ...film.synopsisSources.map((key, i) => ({ path: ['synopsisSources', i], key })),
    ...film.facts.flatMap((fact, i) =>
      fact.sources.map((key, j) => ({ path: ['facts', i, 'sources', j], key })),
    ),
    ...film.access.map((o, i) => ({ path: ['access', i, 'source'], key: o.source })),
    ...(['directors', 'writers'] as const).flatMap((role) =>
      film[role].flatMap((p, i) => p.sources.map((key, j) => ({ path: [role, i, 'sources', j], key }))),
    ),
    ...film.cast.flatMap((c, i) => c.sources.map((key, j) => ({ path: ['cast', i, 'sources', j], key }))),
  ];
}

function personSourceUses(p: PersonFile): { path: (string | number)[]; key: string }[] {
  return [
    ...p.names.flatMap((n, i) => n.sources.map((key, j) => ({ path: ['names', i, 'sources', j], key }))),
    ...(['born', 'died'] as const).flatMap((event) =>
      (p[event]?.sources ?? []).map((key, j) => ({ path: [event, 'sources', j], key })),
    ),
  ];
}

/** Whether `died` comes before `born`, compared at the precision both dates share. */
function diedBeforeBorn(born: string | undefined, died: string | undefined): boolean {
  if (!born || !died) return false;
  const n = Math.min(born.length, died.length);
  return died.slice(0, n) < born.slice(0, n);
}

function collectionSourceUses(c: CollectionFile): { path: (string | number)[]; key: string }[] {
  return c.entries.flatMap((e, i) => [
    ...(e.fact?.sources ?? []).map((key, j) => ({ path: ['entries', i, 'fact', 'sources', j], key })),
    ...e.corrections.flatMap((corr, k) =>
      corr.sources.map((key, j) => ({ path: ['entries', i, 'corrections', k, 'sources', j], key })),
    ),
  ]);
}

function hashOf(kind: string, data: unknown): string {
  return createHash('sha256').update(kind).update(JSON.stringify(data)).digest('hex').slice(0, 32);
}

/**
 * Validates every file and the references between them, and builds the plan to load.
 * Returns problems instead of a plan when anything is wrong: a load is all or nothing.
 */
export function planContent(input: {
  films: YamlFile[];
  collections: YamlFile[];
  /** `people/<slug>.yaml` files; none when the folder has no people/. */
  people?: YamlFile[];
  /** The content folder as it was passed, for messages. */
  dir?: string;
}): { plan: ContentPlan; problems: [] } | { plan?: undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const films: PlannedFilm[] = [];
  const collections: PlannedCollection[] = [];
  const people = new Map<string, PlannedPerson & { where: string }>();
  const sources = new Map<string, SourceDef>();
  const filmSlugs = new Map<string, string>();

  const addPerson = (f: YamlFile, p: PersonRef, at: (string | number)[]) => {
    const slug = personSlug(p);
    const where = `${f.file}:${lineOf(f, at)}`;
    const known = people.get(slug);
    if (!known) {
      people.set(slug, { slug, name: p.name, nameOriginal: p.original ?? null, where });
      return;
    }
    if (known.name !== p.name) {
      problems.push({
        where,
        message: `person "${slug}" is named "${p.name}" here but "${known.name}" at ${known.where}`,
      });
    }
    if (p.original && known.nameOriginal && p.original !== known.nameOriginal) {
      problems.push({
        where,
        message: `person "${slug}" is written "${p.original}" here but "${known.nameOriginal}" at ${known.where}`,
      });
    }
    if (p.original && !known.nameOriginal) known.nameOriginal = p.original;
  };

  for (const f of input.films) {
    const expected = f.file.replace(/^films\//, '').replace(/\.ya?ml$/, '');
    const film = validate(f, filmFileSchema, problems);
    if (!film) {
      // Count the film as present anyway, so one bad file yields one problem, not a cascade.
      filmSlugs.set(expected, f.file);
      continue;
    }
    if (expected !== film.slug) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['slug'])}`,
        message: `slug "${film.slug}" does not match the file name (expected "${expected}")`,
      });
    }
    const other = filmSlugs.get(film.slug);
    if (other) {
      problems.push({ where: f.file, message: `film "${film.slug}" is also defined in ${other}` });
    }
    filmSlugs.set(film.slug, f.file);
    checkSourceKeys(f, film.sources, filmSourceUses(film), problems);
    checkSourceUrls(f, film.sources, problems);
    film.directors.forEach((p, i) => addPerson(f, p, ['directors', i]));
    film.writers.forEach((p, i) => addPerson(f, p, ['writers', i]));
    film.cast.forEach((c, i) => addPerson(f, c.person, ['cast', i, 'person']));
    for (const s of Object.values(film.sources)) if (!sources.has(s.url)) sources.set(s.url, s);
    films.push({ file: f.file, data: film, hash: hashOf('film', film) });
  }

  for (const f of input.people ?? []) {
    const expected = f.file.replace(/^people\//, '').replace(/\.ya?ml$/, '');
    const p = validate(f, personFileSchema, problems);
    if (!p) continue;
    if (expected !== p.slug) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['slug'])}`,
        message: `slug "${p.slug}" does not match the file name (expected "${expected}")`,
      });
      continue;
    }
    const credited = people.get(p.slug);
    // A film file that failed validation credits nobody yet: one problem, not a cascade.
    if (!credited && films.length < input.films.length) continue;
    if (!credited) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['slug'])}`,
        message: `no film credits a person "${p.slug}" (a person's slug is the kebab case of the credited name, or the credit's slug:)`,
      });
      continue;
    }
    if (credited.name !== p.name) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['name'])}`,
        message: `name: "${p.name}" here but the credits write "${credited.name}" (${credited.where})`,
      });
    }
    checkSourceKeys(f, p.sources, personSourceUses(p), problems);
    checkSourceUrls(f, p.sources, problems);
    if (diedBeforeBorn(p.born?.date, p.died?.date)) {
      problems.push({
        where: `${f.file}:${keyLineOf(f, ['died', 'date'])}`,
        message: `died.date: ${p.died!.date} is before born.date ${p.born!.date}`,
      });
    }
    for (const s of Object.values(p.sources)) if (!sources.has(s.url)) sources.set(s.url, s);
    credited.details = { file: f.file, data: p, hash: hashOf('person', p) };
  }

  for (const f of input.collections) {
    const c = validate(f, collectionFileSchema, problems);
    if (!c) continue;
    checkSourceKeys(f, c.sources, collectionSourceUses(c), problems);
    checkSourceUrls(f, c.sources, problems);
    const seen = new Set<string>();
    c.entries.forEach((e, i) => {
      if (!filmSlugs.has(e.film)) {
        problems.push({
          where: `${f.file}:${lineOf(f, ['entries', i, 'film'])}`,
          message: `entries.${i}.film: no film "${e.film}" in ${path.join(input.dir ?? 'content', 'films')}/`,
        });
      }
      if (seen.has(e.film)) {
        problems.push({
          where: `${f.file}:${lineOf(f, ['entries', i, 'film'])}`,
          message: `entries.${i}.film: "${e.film}" appears twice in this collection`,
        });
      }
      seen.add(e.film);
    });
    for (const s of Object.values(c.sources)) if (!sources.has(s.url)) sources.set(s.url, s);
    collections.push({ file: f.file, data: c, hash: hashOf('collection', c) });
  }

  const collectionSlugs = new Map<string, string>();
  for (const c of collections) {
    const other = collectionSlugs.get(c.data.slug);
    if (other) {
      problems.push({ where: c.file, message: `collection "${c.data.slug}" is also defined in ${other}` });
    }
    collectionSlugs.set(c.data.slug, c.file);
  }

  if (problems.length > 0) return { problems };
  return {
    problems: [],
    plan: {
      films,
      collections,
      people: [...people.values()].map(({ slug, name, nameOriginal, details }) => ({
        slug,
        name,
        nameOriginal,
        ...(details ? { details } : {}),
      })),
      sources: [...sources.values()],
    },
  };
}
