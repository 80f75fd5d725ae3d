/**
 * The format of `content/knowledge/*.yaml`: one file of sourced statements per film, and
 * `events.yaml` with award editions. See docs/fact-checking.md for an example of each.
 *
 * Sources are written once in a file's `sources:` map and referred to by key, as in the film and
 * collection files; a full http(s) URL may stand in for a key where a source is used only once.
 */
import { z } from 'zod';
import {
  AWARD_RESULTS,
  editionId,
  withId,
  type AwardEdition,
  type EditionEntry,
  type FilmRecord,
  type KnowledgeData,
  type Person,
  type Source,
  type Statement,
  type StatementInput,
  type TitleForm,
} from './kb.ts';
import { parseOrdinal } from '../../../lib/text/index.ts';
import { KnowledgeFileError, parseYamlFile, type FileIssue } from './yaml-file.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const text = z.string().trim().min(1);
const year = z.int().min(1880).max(2100);
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

const sourceDef = z.union(
  [httpUrl, z.strictObject({ url: httpUrl, title: text.optional(), publisher: text.optional() })],
  { error: 'must be an http(s) URL, or { url, title, publisher }' },
);
/** A key of the file's `sources:` map, or a URL. */
const sourceRef = z.string().min(1);
const sourceRefs = z.array(sourceRef).min(1, 'needs at least one source');

const personInput = z.union(
  [
    text,
    z.strictObject({
      name: text,
      original: text.optional(),
      wikidata: z
        .string()
        .regex(/^Q\d+$/)
        .optional(),
    }),
  ],
  { error: 'must be a name, or { name, original }' },
);

const editionNumber = z.union([z.int().positive(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : parseOrdinal(v);
  if (n === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${String(v)}" is not an edition number like 10 or 10th`,
    });
    return z.NEVER;
  }
  return n;
});

const versionInput = z.strictObject({
  title: text,
  year: year.optional(),
  directors: z.array(text).default([]),
  medium: z.enum(['film', 'tv', 'stage']).default('film'),
});

const PROPERTY_INPUTS = {
  director: personInput,
  writer: personInput,
  cast: z.strictObject({
    actor: text,
    original: text.optional(),
    character: text.optional(),
    about: text.optional(),
  }),
  releaseYear: z.union([year, z.strictObject({ year, date: z.iso.date().optional() })], {
    error: 'must be a year like 1957, or { year, date }',
  }),
  country: text,
  studio: z.union([text, z.strictObject({ name: text, original: text.optional() })], {
    error: 'must be a name, or { name, original }',
  }),
  runtime: z.union([z.number().positive(), z.strictObject({ minutes: z.number().positive() })], {
    error: 'must be a number of minutes',
  }),
  basedOn: z.strictObject({ work: text, author: text.optional(), form: text.optional() }),
  remakeOf: versionInput,
  remadeAs: versionInput,
  otherVersion: versionInput,
  seriesPart: z.strictObject({
    series: text,
    part: z.int().positive().optional(),
    of: z.int().positive().optional(),
  }),
  award: z.strictObject({
    event: text,
    edition: editionNumber.optional(),
    year: year.optional(),
    award: text,
    result: z.enum(AWARD_RESULTS),
    person: text.optional(),
    rank: z.int().positive().optional(),
  }),
} as const;
type PropertyName = keyof typeof PROPERTY_INPUTS;
const PROPERTY_NAMES = Object.keys(PROPERTY_INPUTS) as PropertyName[];

const statementInput = z
  .strictObject({
    director: PROPERTY_INPUTS.director.optional(),
    writer: PROPERTY_INPUTS.writer.optional(),
    cast: PROPERTY_INPUTS.cast.optional(),
    releaseYear: PROPERTY_INPUTS.releaseYear.optional(),
    country: PROPERTY_INPUTS.country.optional(),
    studio: PROPERTY_INPUTS.studio.optional(),
    runtime: PROPERTY_INPUTS.runtime.optional(),
    basedOn: PROPERTY_INPUTS.basedOn.optional(),
    remakeOf: PROPERTY_INPUTS.remakeOf.optional(),
    remadeAs: PROPERTY_INPUTS.remadeAs.optional(),
    otherVersion: PROPERTY_INPUTS.otherVersion.optional(),
    seriesPart: PROPERTY_INPUTS.seriesPart.optional(),
    award: PROPERTY_INPUTS.award.optional(),
    sources: sourceRefs,
    note: text.optional(),
  })
  .superRefine((value, ctx) => {
    const present = PROPERTY_NAMES.filter((p) => value[p] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `a statement needs one of: ${PROPERTY_NAMES.join(', ')}`
            : `a statement holds one fact, but this one has ${present.join(' and ')}`,
      });
    }
  });

const titleInput = z.union(
  [text, z.strictObject({ text, language: z.string().min(2).optional() })],
  { error: 'must be a title, or { text, language }' },
);

export const filmKnowledgeFileSchema = z.strictObject({
  film: slug,
  wikidata: z
    .string()
    .regex(/^Q\d+$/, 'must be a Wikidata item id like Q123')
    .optional(),
  year,
  titles: z.strictObject({
    english: z.array(text).min(1),
    original: titleInput,
    transliteration: z.array(text).default([]),
    alternative: z.array(titleInput).default([]),
  }),
  sources: z.record(slug, sourceDef).default({}),
  statements: z.array(statementInput).min(1),
});

const editionEntryInput = z.strictObject({
  title: text,
  original: text.optional(),
  transliteration: text.optional(),
  year: year.optional(),
  countries: z.array(text).default([]),
  directors: z.array(text).default([]),
  writers: z.array(text).default([]),
  person: text.optional(),
  note: text.optional(),
  film: slug.optional(),
  sources: z.array(sourceRef).default([]),
});

export const eventsFileSchema = z.strictObject({
  sources: z.record(slug, sourceDef).default({}),
  editions: z
    .array(
      z.strictObject({
        event: text,
        edition: editionNumber.optional(),
        year,
        award: text,
        kind: z.enum(['award', 'selection']).default('award'),
        complete: z.boolean({
          error: 'complete must be true or false: is the list of winners and nominees complete?',
        }),
        firstFor: z.strictObject({ country: text }).optional(),
        winners: z.array(editionEntryInput).default([]),
        nominees: z.array(editionEntryInput).default([]),
        notes: text.optional(),
        sources: sourceRefs,
      }),
    )
    .min(1),
});

export type FilmKnowledgeFile = z.infer<typeof filmKnowledgeFileSchema>;
export type EventsFile = z.infer<typeof eventsFileSchema>;
type SourceMap = Record<string, z.infer<typeof sourceDef>>;

class IssueList {
  readonly issues: FileIssue[] = [];
  constructor(readonly file: string) {}
  add(line: number, message: string): void {
    this.issues.push({ file: this.file, line, column: 1, message });
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new KnowledgeFileError(this.issues);
  }
}

function resolveSources(
  refs: readonly string[],
  map: SourceMap,
  issues: IssueList,
  line: number,
): Source[] {
  const out: Source[] = [];
  for (const ref of refs) {
    if (/^https?:\/\//.test(ref)) {
      out.push({ url: ref });
      continue;
    }
    const def = map[ref];
    if (def === undefined) {
      issues.add(line, `unknown source "${ref}" (not in this file's sources:)`);
    } else {
      out.push(typeof def === 'string' ? { url: def } : def);
    }
  }
  return out;
}

function toPerson(p: z.infer<typeof personInput>): Person {
  return typeof p === 'string' ? { name: p } : p;
}

function toTitle(t: z.infer<typeof titleInput>, kind: TitleForm['kind']): TitleForm {
  return typeof t === 'string'
    ? { text: t, kind }
    : { text: t.text, kind, ...(t.language ? { language: t.language } : {}) };
}

type Item = z.infer<typeof statementInput>;

function toValue(item: Item): Pick<Statement, 'property' | 'value'> {
  if (item.director !== undefined) return { property: 'director', value: toPerson(item.director) };
  if (item.writer !== undefined) return { property: 'writer', value: toPerson(item.writer) };
  if (item.cast !== undefined) {
    const c = item.cast;
    return {
      property: 'cast',
      value: {
        person: { name: c.actor, ...(c.original ? { original: c.original } : {}) },
        ...(c.character ? { character: c.character } : {}),
        ...(c.about ? { characterNote: c.about } : {}),
      },
    };
  }
  if (item.releaseYear !== undefined) {
    const r = item.releaseYear;
    return { property: 'releaseYear', value: typeof r === 'number' ? { year: r } : r };
  }
  if (item.country !== undefined) return { property: 'country', value: { name: item.country } };
  if (item.studio !== undefined) {
    const s = item.studio;
    return { property: 'studio', value: typeof s === 'string' ? { name: s } : s };
  }
  if (item.runtime !== undefined) {
    const r = item.runtime;
    return { property: 'runtime', value: typeof r === 'number' ? { minutes: r } : r };
  }
  if (item.basedOn !== undefined) return { property: 'basedOn', value: item.basedOn };
  if (item.remakeOf !== undefined) return { property: 'remakeOf', value: item.remakeOf };
  if (item.remadeAs !== undefined) return { property: 'remadeAs', value: item.remadeAs };
  if (item.otherVersion !== undefined)
    return { property: 'otherVersion', value: item.otherVersion };
  if (item.seriesPart !== undefined) {
    const s = item.seriesPart;
    return {
      property: 'seriesPart',
      value: {
        series: s.series,
        ...(s.part ? { ordinal: s.part } : {}),
        ...(s.of ? { of: s.of } : {}),
      },
    };
  }
  if (item.award !== undefined) {
    const a = item.award;
    const value: Extract<Statement, { property: 'award' }>['value'] = {
      event: a.event,
      award: a.award,
      result: a.result,
    };
    if (a.edition !== undefined) value.edition = a.edition;
    if (a.year !== undefined) value.year = a.year;
    if (a.person !== undefined) value.person = a.person;
    if (a.rank !== undefined) value.rank = a.rank;
    return { property: 'award', value };
  }
  // The schema guarantees exactly one property, so this is unreachable.
  throw new Error('statement without a property');
}

/**
 * Parses one film's knowledge file. Throws `KnowledgeFileError` listing every problem with its
 * line; returns the whole batch only when the file is entirely valid.
 */
export function parseFilmKnowledge(source: string, file: string): KnowledgeData {
  const { data, lineOf } = parseYamlFile(source, file, filmKnowledgeFileSchema);
  const issues = new IssueList(file);
  const base = file
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.ya?ml$/, '');
  if (base !== undefined && /^[a-z0-9-]+$/.test(base) && base !== data.film) {
    issues.add(lineOf(['film']), `film is "${data.film}" but the file is named ${base}.yaml`);
  }
  const statements: Statement[] = [];
  data.statements.forEach((item, i) => {
    const line = lineOf(['statements', i]);
    const sources = resolveSources(item.sources, data.sources, issues, line);
    const input = {
      subject: data.film,
      ...toValue(item),
      sources,
      ...(item.note ? { note: item.note } : {}),
      origin: `${file}:${line}`,
    } as StatementInput;
    statements.push(withId(input));
  });
  const titles: TitleForm[] = [
    ...data.titles.english.map((t) => toTitle(t, 'english')),
    toTitle(data.titles.original, 'original'),
    ...data.titles.transliteration.map((t) => toTitle(t, 'transliteration')),
    ...data.titles.alternative.map((t) => toTitle(t, 'alternative')),
  ];
  const years = statements.flatMap((s) => (s.property === 'releaseYear' ? [s.value.year] : []));
  if (years.length > 0 && !years.includes(data.year)) {
    issues.add(
      lineOf(['year']),
      `year ${data.year} differs from every releaseYear statement (${years.join(', ')})`,
    );
  }
  issues.throwIfAny();
  const film: FilmRecord = {
    key: data.film,
    year: data.year,
    titles,
    directors: statements.flatMap((s) => (s.property === 'director' ? [s.value.name] : [])),
    ...(data.wikidata ? { wikidata: data.wikidata } : {}),
  };
  return { films: [film], statements, editions: [] };
}

/** Parses `events.yaml`: award editions with their winners and nominees. */
export function parseEventsFile(source: string, file: string): KnowledgeData {
  const { data, lineOf } = parseYamlFile(source, file, eventsFileSchema);
  const issues = new IssueList(file);
  const seen = new Map<string, number>();
  const editions: AwardEdition[] = data.editions.map((ed, i) => {
    const line = lineOf(['editions', i]);
    const entries = (list: typeof ed.winners, role: 'winners' | 'nominees'): EditionEntry[] =>
      list.map((e, j) => {
        const entry: EditionEntry = {
          title: e.title,
          countries: e.countries,
          directors: e.directors,
          writers: e.writers,
          sources: resolveSources(
            e.sources,
            data.sources,
            issues,
            lineOf(['editions', i, role, j]),
          ),
        };
        if (e.original) entry.originalTitle = e.original;
        if (e.transliteration) entry.transliteration = e.transliteration;
        if (e.year !== undefined) entry.year = e.year;
        if (e.person) entry.person = e.person;
        if (e.note) entry.note = e.note;
        if (e.film) entry.film = e.film;
        return entry;
      });
    const id = editionId(ed.event, ed.year, ed.award, ed.edition);
    const dup = seen.get(id);
    if (dup !== undefined) issues.add(line, `the same edition and award as line ${dup}`);
    seen.set(id, line);
    const edition: AwardEdition = {
      id,
      event: ed.event,
      year: ed.year,
      award: ed.award,
      kind: ed.kind,
      complete: ed.complete,
      winners: entries(ed.winners, 'winners'),
      nominees: entries(ed.nominees, 'nominees'),
      sources: resolveSources(ed.sources, data.sources, issues, line),
    };
    if (ed.edition !== undefined) edition.edition = ed.edition;
    if (ed.firstFor) edition.firstFor = ed.firstFor;
    if (ed.notes) edition.notes = ed.notes;
    return edition;
  });
  issues.throwIfAny();
  return { films: [], statements: [], editions };
}

/** Concatenates batches (the files of a knowledge folder) into one. */
export function mergeBatches(batches: readonly KnowledgeData[]): KnowledgeData {
  return {
    films: batches.flatMap((b) => b.films),
    statements: batches.flatMap((b) => b.statements),
    editions: batches.flatMap((b) => b.editions),
  };
}
