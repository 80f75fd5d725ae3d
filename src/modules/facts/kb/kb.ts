/**
 * The knowledge base: films, sourced statements about them, and award editions. Everything here is
 * plain JSON so it can be stored as rows (statements with a JSON value, editions as JSON) and
 * loaded back with `KnowledgeBase.fromJSON`. Loaders (content files, Wikidata) produce a
 * `KnowledgeData` batch; `KnowledgeBase.add` merges batches.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  editDistance,
  normalize,
  sameName,
  skeleton,
  spellingTolerance,
  stripArticle,
} from '../../../lib/text/index.ts';
import { eventKey, sameEvent } from './vocabulary.ts';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL');

export const sourceSchema = z.strictObject({
  url: httpUrl,
  title: z.string().min(1).optional(),
  publisher: z.string().min(1).optional(),
});

export const personSchema = z.strictObject({
  /** As English-language sources write it. */
  name: z.string().min(1),
  /** In the original script. */
  original: z.string().min(1).optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
});

export const AWARD_RESULTS = [
  'won',
  'nominated',
  'in-competition',
  'special-mention',
  'submitted-not-nominated',
  // Beyond the competition results: shown out of competition, or placed in a poll.
  'screened',
  'ranked',
] as const;
export const awardResultSchema = z.enum(AWARD_RESULTS);

/**
 * The kinds of a film's title. The catalog module has the same list (catalog.ts); facts cannot
 * import it, since catalog imports facts, so the catalog should take this one (catalog → facts).
 */
export const TITLE_KINDS = ['original', 'english', 'transliteration', 'alternative'] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];
export const titleFormSchema = z.strictObject({
  text: z.string().min(1),
  kind: z.enum(TITLE_KINDS),
  /** BCP 47 tag of the title's language, where known. */
  language: z.string().min(2).optional(),
});

const versionValue = z.strictObject({
  title: z.string().min(1),
  year: z.int().optional(),
  directors: z.array(z.string().min(1)).default([]),
  /** A stage or television version is recorded but never counts as a film remake. */
  medium: z.enum(['film', 'tv', 'stage']).default('film'),
  wikidata: z.string().optional(),
});

const statementBase = {
  /** Stable id derived from subject, property and value (see `statementId`). */
  id: z.string().min(1),
  /** A film key: a catalogue slug, or a Wikidata QID for a film outside the catalogue. */
  subject: z.string().min(1),
  sources: z.array(sourceSchema).min(1, 'a statement needs at least one source'),
  /** Our own words: a caveat a curator should see next to the statement. */
  note: z.string().min(1).optional(),
  /** Where the statement was loaded from ("content/knowledge/the-ascent-1977.yaml:12", "wikidata"). */
  origin: z.string().min(1).optional(),
};

export const statementSchema = z.discriminatedUnion('property', [
  z.strictObject({ ...statementBase, property: z.literal('director'), value: personSchema }),
  z.strictObject({ ...statementBase, property: z.literal('writer'), value: personSchema }),
  z.strictObject({
    ...statementBase,
    property: z.literal('cast'),
    value: z.strictObject({
      person: personSchema,
      character: z.string().min(1).optional(),
      /** Who the character is, briefly ("her son"). */
      characterNote: z.string().min(1).optional(),
    }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('releaseYear'),
    value: z.strictObject({ year: z.int(), date: z.string().optional() }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('country'),
    value: z.strictObject({ name: z.string().min(1), wikidata: z.string().optional() }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('studio'),
    value: z.strictObject({
      name: z.string().min(1),
      original: z.string().optional(),
      wikidata: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('runtime'),
    value: z.strictObject({ minutes: z.number().positive() }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('basedOn'),
    value: z.strictObject({
      work: z.string().min(1),
      author: z.string().min(1).optional(),
      /** novel, novella, play, story… */
      form: z.string().min(1).optional(),
      wikidata: z.string().optional(),
    }),
  }),
  /** This film is a remake of an earlier film. */
  z.strictObject({ ...statementBase, property: z.literal('remakeOf'), value: versionValue }),
  /** This film was remade as a later film. */
  z.strictObject({ ...statementBase, property: z.literal('remadeAs'), value: versionValue }),
  /** Another adaptation of the same source, earlier or later, that is not a remake of this one. */
  z.strictObject({ ...statementBase, property: z.literal('otherVersion'), value: versionValue }),
  z.strictObject({
    ...statementBase,
    property: z.literal('seriesPart'),
    value: z.strictObject({
      series: z.string().min(1),
      ordinal: z.int().positive().optional(),
      /** How many parts the series has, when it is finished and known (3 for a trilogy). */
      of: z.int().positive().optional(),
      wikidata: z.string().optional(),
    }),
  }),
  z.strictObject({
    ...statementBase,
    property: z.literal('award'),
    value: z.strictObject({
      event: z.string().min(1),
      /** Edition number: 11 for the 11th Cannes Film Festival. */
      edition: z.int().positive().optional(),
      year: z.int().optional(),
      award: z.string().min(1),
      result: awardResultSchema,
      /** The person honoured, when the prize went to someone for this film. */
      person: z.string().min(1).optional(),
      rank: z.int().positive().optional(),
    }),
  }),
]);

export const filmRecordSchema = z.strictObject({
  key: z.string().min(1),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  year: z.int().optional(),
  titles: z.array(titleFormSchema).min(1),
  directors: z.array(z.string().min(1)).default([]),
  /** The film's IMDb id (Wikidata P345), which links it to the catalogue film that has it. */
  imdb: z
    .string()
    .regex(/^tt\d+$/)
    .optional(),
});

export const editionEntrySchema = z.strictObject({
  title: z.string().min(1),
  originalTitle: z.string().min(1).optional(),
  transliteration: z.string().min(1).optional(),
  year: z.int().optional(),
  countries: z.array(z.string().min(1)).default([]),
  directors: z.array(z.string().min(1)).default([]),
  writers: z.array(z.string().min(1)).default([]),
  /** The person the prize named, where it went to a person. */
  person: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
  /** The film's key when the loader already knows it. */
  film: z.string().min(1).optional(),
  sources: z.array(sourceSchema).default([]),
});

export const awardEditionSchema = z.strictObject({
  id: z.string().min(1),
  event: z.string().min(1),
  edition: z.int().positive().optional(),
  year: z.int(),
  award: z.string().min(1),
  /**
   * `award`: winners won the prize, nominees were nominated or competed for it. `selection`: a
   * list of films shown at the event, with winners those that won anything there.
   */
  kind: z.enum(['award', 'selection']).default('award'),
  /** True only when the winners and nominees lists are known to be complete. */
  complete: z.boolean(),
  /**
   * Set when this edition is the earliest time films of this country took part in the event, so a
   * later film cannot be "one of the first" from that country there.
   */
  firstFor: z.strictObject({ country: z.string().min(1) }).optional(),
  winners: z.array(editionEntrySchema).default([]),
  nominees: z.array(editionEntrySchema).default([]),
  notes: z.string().min(1).optional(),
  sources: z.array(sourceSchema).min(1, 'an edition needs at least one source'),
});

export const knowledgeDataSchema = z.strictObject({
  films: z.array(filmRecordSchema).default([]),
  statements: z.array(statementSchema).default([]),
  editions: z.array(awardEditionSchema).default([]),
});

export type Source = z.infer<typeof sourceSchema>;
export type Person = z.infer<typeof personSchema>;
export type AwardResult = z.infer<typeof awardResultSchema>;
export type TitleForm = z.infer<typeof titleFormSchema>;
export type Statement = z.infer<typeof statementSchema>;
export type Property = Statement['property'];
export type StatementOf<P extends Property> = Extract<Statement, { property: P }>;
export type VersionProperty = 'remakeOf' | 'remadeAs' | 'otherVersion';
export type FilmRecord = z.infer<typeof filmRecordSchema>;
export type EditionEntry = z.infer<typeof editionEntrySchema>;
export type AwardEdition = z.infer<typeof awardEditionSchema>;
export type KnowledgeData = z.infer<typeof knowledgeDataSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A statement before it has an id (loaders build these). */
export type StatementInput = DistributiveOmit<Statement, 'id'> & { id?: string | undefined };

// Wikidata ids are left out of a statement's identity: "directed by Mikhail Kalatozov" is the
// same fact whether or not a loader knew his item id.
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && k !== 'wikidata')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The id of a statement: the same subject, property and value always give the same id, so the
 * same fact from two loaders (content and Wikidata) merges into one statement with both sources.
 */
export function statementId(subject: string, property: Property, value: unknown): string {
  const hash = createHash('sha1').update(stableJson(value)).digest('hex').slice(0, 12);
  return `${subject}/${property}/${hash}`;
}

/** Fills in the id of a statement built by a loader. */
export function withId(input: StatementInput): Statement {
  const id = input.id ?? statementId(input.subject, input.property, input.value);
  return { ...input, id } as Statement;
}

export function editionId(event: string, year: number, award: string, edition?: number): string {
  const slug = normalize(award).replace(/ /g, '-').slice(0, 60);
  return `${eventKey(event)}/${year}${edition === undefined ? '' : `-${edition}`}/${slug}`;
}

function titleVariants(text: string): { plain: string; bare: string; skel: string } {
  const plain = normalize(text);
  const bare = stripArticle(plain);
  return { plain, bare, skel: skeleton(bare) };
}

/** Whether two titles are the same up to articles, case, punctuation, script and spelling. */
export function sameTitle(a: string, b: string): boolean {
  const x = titleVariants(a);
  const y = titleVariants(b);
  if (x.bare.length === 0 || y.bare.length === 0) return false;
  if (x.bare === y.bare || x.skel === y.skel) return true;
  return (
    editDistance(x.skel, y.skel, 3) <= spellingTolerance(Math.min(x.skel.length, y.skel.length))
  );
}

function dedupeSources(sources: readonly Source[]): Source[] {
  const seen = new Map<string, Source>();
  for (const s of sources) {
    const prev = seen.get(s.url);
    seen.set(s.url, prev ? { ...s, ...prev } : s);
  }
  return [...seen.values()];
}

export interface AddSummary {
  films: number;
  statements: number;
  editions: number;
  /** External films recognised as catalogue films and stored under the catalogue key. */
  linked: Array<{ from: string; to: string }>;
}

export interface Listing {
  edition: AwardEdition;
  entry: EditionEntry;
  role: 'winner' | 'nominee';
}

export class KnowledgeBase {
  readonly #films = new Map<string, FilmRecord>();
  readonly #statements = new Map<string, Statement>();
  readonly #bySubject = new Map<string, Statement[]>();
  readonly #editions = new Map<string, AwardEdition>();

  constructor(data?: Partial<KnowledgeData>) {
    if (data) this.add(data);
  }

  /** Validates data read back from storage and builds a knowledge base from it. */
  static fromJSON(data: unknown): KnowledgeBase {
    return new KnowledgeBase(knowledgeDataSchema.parse(data));
  }

  toJSON(): KnowledgeData {
    return {
      films: [...this.#films.values()],
      statements: [...this.#statements.values()],
      editions: [...this.#editions.values()],
    };
  }

  /**
   * Merges a batch. Films already known keep their key; an external film (a Wikidata QID) that is
   * recognisably a known film — by its Wikidata id, or by the same original title and year — is
   * merged into it and its statements move to the known key.
   */
  add(
    data: Partial<KnowledgeData>,
    opts: {
      /** Catalogue film slugs by IMDb id: a film with one of these ids takes that key. */
      catalogueByImdb?: ReadonlyMap<string, string>;
    } = {},
  ): AddSummary {
    const summary: AddSummary = { films: 0, statements: 0, editions: 0, linked: [] };
    const rekey = new Map<string, string>();
    for (const film of data.films ?? []) {
      const byImdb = film.imdb !== undefined ? opts.catalogueByImdb?.get(film.imdb) : undefined;
      const target = this.#films.has(film.key) ? film.key : (byImdb ?? this.#linkTarget(film));
      if (target !== undefined && target !== film.key) {
        rekey.set(film.key, target);
        summary.linked.push({ from: film.key, to: target });
      }
      const key = target ?? film.key;
      const prev = this.#films.get(key);
      if (prev) {
        const titles = [...prev.titles];
        for (const t of film.titles) {
          if (!titles.some((u) => u.text === t.text))
            titles.push({
              ...t,
              kind: t.kind === 'english' || t.kind === 'original' ? 'alternative' : t.kind,
            });
        }
        this.#films.set(key, {
          ...prev,
          wikidata: prev.wikidata ?? film.wikidata,
          ...((prev.imdb ?? film.imdb) ? { imdb: prev.imdb ?? film.imdb } : {}),
          year: prev.year ?? film.year,
          titles,
          directors: prev.directors.length > 0 ? prev.directors : film.directors,
        });
      } else {
        this.#films.set(key, { ...film, key });
        summary.films++;
      }
    }
    for (const raw of data.statements ?? []) {
      const subject = rekey.get(raw.subject) ?? raw.subject;
      const st =
        subject === raw.subject
          ? raw
          : withId({ ...raw, id: undefined, subject } as StatementInput);
      const prev = this.#statements.get(st.id);
      if (prev) {
        this.#statements.set(st.id, {
          ...prev,
          sources: dedupeSources([...prev.sources, ...st.sources]),
        });
        const list = this.#bySubject.get(subject) ?? [];
        const i = list.findIndex((s) => s.id === st.id);
        if (i >= 0) list[i] = this.#statements.get(st.id) as Statement;
      } else {
        this.#statements.set(st.id, st);
        const list = this.#bySubject.get(subject) ?? [];
        list.push(st);
        this.#bySubject.set(subject, list);
        summary.statements++;
      }
    }
    for (const ed of data.editions ?? []) {
      if (!this.#editions.has(ed.id)) summary.editions++;
      this.#editions.set(ed.id, ed);
    }
    return summary;
  }

  #linkTarget(film: FilmRecord): string | undefined {
    if (film.imdb !== undefined) {
      for (const known of this.#films.values()) if (known.imdb === film.imdb) return known.key;
    }
    if (film.wikidata !== undefined) {
      for (const known of this.#films.values())
        if (known.wikidata === film.wikidata) return known.key;
    }
    if (film.year === undefined) return undefined;
    const originals = film.titles
      .filter((t) => t.kind === 'original')
      .map((t) => normalize(t.text));
    if (originals.length === 0) return undefined;
    const hits = [...this.#films.values()].filter(
      (known) =>
        known.year === film.year &&
        known.titles.some((t) => t.kind === 'original' && originals.includes(normalize(t.text))),
    );
    return hits.length === 1 ? hits[0]?.key : undefined;
  }

  film(key: string): FilmRecord | undefined {
    return this.#films.get(key);
  }

  films(): FilmRecord[] {
    return [...this.#films.values()];
  }

  statements(subject: string): Statement[];
  statements<P extends Property>(subject: string, property: P): StatementOf<P>[];
  statements(subject: string, property?: Property): Statement[] {
    const all = this.#bySubject.get(subject) ?? [];
    return property === undefined ? [...all] : all.filter((s) => s.property === property);
  }

  allStatements(): Statement[] {
    return [...this.#statements.values()];
  }

  editions(filter: { event?: string; year?: number; edition?: number } = {}): AwardEdition[] {
    return [...this.#editions.values()].filter(
      (e) =>
        (filter.event === undefined || sameEvent(e.event, filter.event)) &&
        (filter.year === undefined || e.year === filter.year) &&
        (filter.edition === undefined || e.edition === filter.edition),
    );
  }

  /** Films whose title (any form) is the given title, optionally within a year of `year`. */
  findFilms(title: string, year?: number): FilmRecord[] {
    return this.films().filter(
      (f) =>
        f.titles.some((t) => sameTitle(t.text, title)) &&
        (year === undefined || f.year === undefined || Math.abs(f.year - year) <= 1),
    );
  }

  /**
   * Whether an edition's entry is this film: the same title in any form, and no conflicting year or
   * directors. Deliberately generous, because a missed match could turn into a wrong
   * "contradicted".
   */
  entryIsFilm(entry: EditionEntry, filmKey: string, editionYear?: number): boolean {
    if (entry.film !== undefined) return entry.film === filmKey;
    const film = this.#films.get(filmKey);
    if (!film) return false;
    const forms = [entry.title, entry.originalTitle, entry.transliteration].filter(
      (t): t is string => t !== undefined,
    );
    const titleOk = forms.some((f) => film.titles.some((t) => sameTitle(f, t.text)));
    if (!titleOk) return false;
    return !this.#conflicts(entry, film, editionYear);
  }

  /**
   * Whether an entry could be this film under a title we do not know: same director and a
   * compatible year. Used only to hold back a "contradicted".
   */
  entryMightBeFilm(entry: EditionEntry, filmKey: string, editionYear?: number): boolean {
    if (this.entryIsFilm(entry, filmKey, editionYear)) return true;
    const film = this.#films.get(filmKey);
    if (!film || entry.film !== undefined) return false;
    const directorsMatch =
      entry.directors.length > 0 &&
      entry.directors.some((d) => film.directors.some((e) => sameName(d, e)));
    return directorsMatch && !this.#conflicts(entry, film, editionYear);
  }

  #conflicts(entry: EditionEntry, film: FilmRecord, editionYear?: number): boolean {
    if (entry.year !== undefined && film.year !== undefined && Math.abs(entry.year - film.year) > 1)
      return true;
    // A film cannot compete before it exists (one year's grace for production vs release year).
    if (editionYear !== undefined && film.year !== undefined && editionYear < film.year - 1)
      return true;
    if (entry.directors.length > 0 && film.directors.length > 0) {
      return !entry.directors.some((d) => film.directors.some((e) => sameName(d, e)));
    }
    return false;
  }

  /** Every edition list that names this film. */
  listings(filmKey: string): Listing[] {
    const out: Listing[] = [];
    for (const edition of this.#editions.values()) {
      for (const entry of edition.winners) {
        if (this.entryIsFilm(entry, filmKey, edition.year))
          out.push({ edition, entry, role: 'winner' });
      }
      for (const entry of edition.nominees) {
        if (this.entryIsFilm(entry, filmKey, edition.year))
          out.push({ edition, entry, role: 'nominee' });
      }
    }
    return out;
  }

  /** The title to show for a film: its first English title, else its first title. */
  displayTitle(filmKey: string): string {
    const film = this.#films.get(filmKey);
    if (!film) return filmKey;
    return (film.titles.find((t) => t.kind === 'english') ?? film.titles[0])?.text ?? filmKey;
  }
}
