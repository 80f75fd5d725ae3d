/**
 * Loads films from Wikidata's JSON entity dump format
 * (https://www.wikidata.org/wiki/Wikidata:Database_download#JSON_dumps_(recommended)): a JSON
 * array with one entity per line, each line but the last ending in ",". Plain JSON lines (one
 * entity per line, no brackets) are accepted too, and `.gz` and `.bz2` files are decompressed on
 * the fly (`.bz2` by the system's `bzip2 -dc`, piped).
 *
 * Memory stays independent of the dump's size: the file is read line by line, several times.
 * Pass 1 maps the selected films (`only`, or every film) and notes which other entities they
 * refer to; pass 2 reads those entities' labels and the few facts we need from them (a source
 * work's author, a remake's year and directors, an award's festival); pass 3 reads the labels
 * that pass 2 asked for. Entities never referred to are parsed and dropped.
 *
 * Nothing is returned unless the whole file parses: a malformed line throws an error naming it.
 */
import { ValidationError } from '../../../lib/errors.ts';
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  withId,
  type FilmRecord,
  type KnowledgeData,
  type Source,
  type Statement,
  type StatementInput,
  type TitleForm,
} from './kb.ts';
import { findEvent, splitAwardName } from './vocabulary.ts';
import { parseOrdinal } from '../../../lib/text/index.ts';

// Classes whose instances we treat as films (film, feature, TV film, animated, documentary, short,
// silent film, 3D film). A thing with a director and a publication date counts as well.
const FILM_CLASSES = new Set([
  'Q11424',
  'Q24869',
  'Q506240',
  'Q202866',
  'Q93204',
  'Q24862',
  'Q226730',
  'Q229390',
]);
const TV_CLASSES = new Set(['Q5398426', 'Q506240', 'Q1259759', 'Q21191270']);
// Literary forms for "based on": novel, novella, play, short story, literary work, poem.
const FORMS: Readonly<Record<string, string>> = {
  Q8261: 'novel',
  Q149537: 'novella',
  Q25379: 'play',
  Q49084: 'short story',
  Q7725634: 'literary work',
  Q5185279: 'poem',
};
// Units of P2047 duration.
const MINUTES_PER_UNIT: Readonly<Record<string, number>> = { Q7727: 1, Q11574: 1 / 60, Q25235: 60 };

export interface WikidataProgress {
  /** 1, 2 or 3: the file is read up to three times. */
  pass: number;
  bytesRead: number;
  /** Size of the file (compressed size for .gz); undefined when unknown. */
  totalBytes: number | undefined;
}

export interface WikidataOptions {
  /** Load only these items (QIDs). Without it, every film in the file is loaded. */
  only?: readonly string[];
  /** Label languages in order of preference; titles are kept in all of them. */
  languages?: readonly string[];
  onProgress?: (progress: WikidataProgress) => void;
  /** Name used in error messages and statement origins. */
  fileName?: string;
}

export interface WikidataResult extends KnowledgeData {
  stats: { entities: number; films: number; passes: number; missingLabels: number };
}

export class WikidataFormatError extends ValidationError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`, [
      { where: line === undefined ? file : `${file}:${line}`, message: detail },
    ]);
    this.name = 'WikidataFormatError';
  }
}

// --- the parts of the entity JSON we read -------------------------------------------------

interface DataValue {
  type: string;
  value: unknown;
}
interface Snak {
  snaktype: string;
  property: string;
  datavalue?: DataValue;
}
interface Claim {
  mainsnak: Snak;
  qualifiers?: Record<string, Snak[]>;
  references?: Array<{ snaks?: Record<string, Snak[]> }>;
  rank?: string;
  id?: string;
}
interface Entity {
  id: string;
  type?: string;
  labels?: Record<string, { language: string; value: string }>;
  aliases?: Record<string, Array<{ language: string; value: string }>>;
  claims?: Record<string, Claim[]>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the structure we rely on, so a damaged entity is reported rather than half-read. */
function checkEntity(value: unknown): string | undefined {
  if (!isRecord(value)) return 'expected a JSON object for an entity';
  if (typeof value.id !== 'string' || !/^[QPL]\d+$/.test(value.id))
    return 'entity has no valid "id"';
  if (value.claims !== undefined) {
    if (!isRecord(value.claims)) return `${value.id}: "claims" is not an object`;
    for (const [prop, list] of Object.entries(value.claims)) {
      if (!Array.isArray(list)) return `${value.id}: claims.${prop} is not an array`;
      for (const c of list) {
        if (!isRecord(c) || !isRecord(c.mainsnak))
          return `${value.id}: a ${prop} claim has no mainsnak`;
        const snak = c.mainsnak;
        if (snak.snaktype === 'value' && !isRecord(snak.datavalue)) {
          return `${value.id}: a ${prop} value snak has no datavalue`;
        }
      }
    }
  }
  return undefined;
}

function itemId(snak: Snak | undefined): string | undefined {
  const v = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  if (!isRecord(v)) return undefined;
  if (typeof v.id === 'string') return v.id;
  return typeof v['numeric-id'] === 'number' ? `Q${v['numeric-id']}` : undefined;
}

function stringValue(snak: Snak | undefined): string | undefined {
  const v = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A Wikidata time ("+1957-10-12T00:00:00Z", precision 11 = day, 9 = year). */
function timeValue(snak: Snak | undefined): { year: number; date?: string } | undefined {
  const v = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  if (!isRecord(v) || typeof v.time !== 'string') return undefined;
  const m = /^([+-]\d{1,16})-(\d\d)-(\d\d)T/.exec(v.time);
  if (!m?.[1]) return undefined;
  const year = Number(m[1]);
  const precision = typeof v.precision === 'number' ? v.precision : 9;
  return precision >= 11
    ? { year, date: `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}` }
    : { year };
}

function quantityMinutes(snak: Snak | undefined): number | undefined {
  const v = snak?.snaktype === 'value' ? snak.datavalue?.value : undefined;
  if (!isRecord(v) || typeof v.amount !== 'string') return undefined;
  const amount = Number(v.amount);
  const unit = typeof v.unit === 'string' ? (v.unit.split('/').pop() ?? '') : '';
  const factor = MINUTES_PER_UNIT[unit];
  if (!Number.isFinite(amount) || factor === undefined) return undefined;
  return Math.round(amount * factor * 10) / 10;
}

function claims(entity: Entity, property: string): Claim[] {
  return (entity.claims?.[property] ?? []).filter((c) => c.rank !== 'deprecated');
}

function qualifier(claim: Claim, property: string): Snak | undefined {
  return claim.qualifiers?.[property]?.[0];
}

function claimItems(entity: Entity, property: string): string[] {
  return claims(entity, property).flatMap((c) => {
    const id = itemId(c.mainsnak);
    return id ? [id] : [];
  });
}

function isFilmEntity(entity: Entity): boolean {
  if (claimItems(entity, 'P31').some((c) => FILM_CLASSES.has(c))) return true;
  return claims(entity, 'P57').length > 0 && claims(entity, 'P577').length > 0;
}

// --- reading the file ------------------------------------------------------------------------

interface LineSource {
  open(): Readable;
  totalBytes: number | undefined;
}

async function forEachEntity(
  source: LineSource,
  file: string,
  pass: number,
  onProgress: WikidataOptions['onProgress'],
  visit: (entity: Entity, line: number) => void,
): Promise<number> {
  const raw = source.open();
  let bytesRead = 0;
  let reported = 0;
  raw.on('data', (chunk: Buffer | string) => {
    bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (onProgress && bytesRead - reported >= 1 << 20) {
      reported = bytesRead;
      onProgress({ pass, bytesRead, totalBytes: source.totalBytes });
    }
  });
  // .bz2: no bzip2 stream package is installed, so the system's bzip2 decompresses, piped.
  const bunzip = file.endsWith('.bz2')
    ? spawn('bzip2', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] })
    : undefined;
  let bunzipError = '';
  const bunzipDone = bunzip
    ? new Promise<number | null>((resolve) => {
        bunzip.on('error', (e) => {
          bunzipError = `cannot run bzip2 (${e.message}); install bzip2 or decompress the dump first`;
          resolve(-1);
        });
        bunzip.stderr.on('data', (b: Buffer) => {
          bunzipError += b.toString();
        });
        bunzip.on('close', (code) => resolve(code));
      })
    : undefined;
  if (bunzip) {
    raw.pipe(bunzip.stdin);
    bunzip.stdin.on('error', () => {}); // bzip2 quit early: its exit status says why
  }
  const input = bunzip ? bunzip.stdout : file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  // readline ends quietly when its input fails; remember the failure so a truncated or corrupt
  // file is an error rather than a partial load.
  let streamError: Error | undefined;
  const fail = (err: Error) => {
    streamError ??= err;
    lines.close();
  };
  raw.on('error', fail);
  if (input !== raw) input.on('error', fail);
  let lineNo = 0;
  let count = 0;
  let completed = false;
  try {
    for await (const rawLine of lines) {
      lineNo++;
      let line = rawLine.trim();
      if (line === '' || line === '[' || line === ']') continue;
      if (line.endsWith(',')) line = line.slice(0, -1);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new WikidataFormatError(file, lineNo, `not valid JSON (${(err as Error).message})`);
      }
      const problem = checkEntity(value);
      if (problem) throw new WikidataFormatError(file, lineNo, problem);
      count++;
      visit(value as Entity, lineNo);
    }
    completed = true;
  } catch (err) {
    if (err instanceof WikidataFormatError) throw err;
    streamError ??= err instanceof Error ? err : new Error(String(err));
  } finally {
    lines.close();
    raw.destroy();
    if (bunzip && !completed && bunzip.exitCode === null) bunzip.kill();
  }
  if (bunzipDone) {
    const code = await bunzipDone;
    if (code !== 0 && !streamError) {
      streamError = new Error(bunzipError.trim() || `bzip2 exited with status ${code}`);
    }
  }
  if (streamError) {
    throw new WikidataFormatError(
      file,
      lineNo + 1,
      `cannot read the file (${streamError.message})`,
    );
  }
  onProgress?.({ pass, bytesRead, totalBytes: source.totalBytes });
  return count;
}

// --- mapping ---------------------------------------------------------------------------------

/** What pass 2 learns about an entity a film refers to. */
interface Related {
  label?: string;
  classes: string[];
  year?: number;
  directors: string[];
  authors: string[];
  /** Edition entities: their number and the festival they belong to. */
  editionNumber?: number;
  partOf: string[];
  conferredBy: string[];
}

interface FilmDraft {
  entity: Entity;
  line: number;
}

/** Every property the mapping reads; a kept film keeps only these claims. */
const USED_PROPERTIES = new Set([
  'P31',
  'P50',
  'P57',
  'P58',
  'P144',
  'P161',
  'P166',
  'P179',
  'P272',
  'P345',
  'P361',
  'P393',
  'P453',
  'P495',
  'P577',
  'P580',
  'P585',
  'P805',
  'P1027',
  'P1411',
  'P1476',
  'P1545',
  'P2047',
  'P4633',
  'P4969',
]);

/**
 * A film entity cut down to what `Mapper.map` reads: labels and aliases in the chosen languages
 * (and `mul`, and the first label as the last resort), the claims of the used properties. A
 * full dump's film entity carries hundreds of external ids and labels in every language; the
 * films are held until the last pass, so this is what keeps memory to the films' count.
 */
function slim(entity: Entity, languages: readonly string[]): Entity {
  const keep = new Set([...languages, 'mul', 'en']);
  const labels: NonNullable<Entity['labels']> = {};
  const all = entity.labels ?? {};
  for (const [lang, l] of Object.entries(all)) if (keep.has(lang)) labels[lang] = l;
  const first = Object.entries(all)[0];
  if (first && Object.keys(labels).length === 0) labels[first[0]] = first[1];
  const aliases: NonNullable<Entity['aliases']> = {};
  for (const [lang, a] of Object.entries(entity.aliases ?? {}))
    if (keep.has(lang)) aliases[lang] = a;
  const claims: NonNullable<Entity['claims']> = {};
  for (const [p, c] of Object.entries(entity.claims ?? {}))
    if (USED_PROPERTIES.has(p)) claims[p] = c;
  return { id: entity.id, ...(entity.type ? { type: entity.type } : {}), labels, aliases, claims };
}

function pickLabel(entity: Entity, languages: readonly string[]): string | undefined {
  for (const lang of [...languages, 'mul']) {
    const l = entity.labels?.[lang]?.value;
    if (l) return l;
  }
  const any = entity.labels ? Object.values(entity.labels)[0] : undefined;
  return any?.value;
}

/** Item ids a film's claims refer to, whose labels we need. */
function referencedIds(entity: Entity): string[] {
  const ids: string[] = [];
  for (const list of Object.values(entity.claims ?? {})) {
    for (const claim of list) {
      const main = itemId(claim.mainsnak);
      if (main) ids.push(main);
      for (const snaks of Object.values(claim.qualifiers ?? {})) {
        for (const s of snaks) {
          const q = itemId(s);
          if (q) ids.push(q);
        }
      }
      for (const ref of claim.references ?? []) {
        for (const s of ref.snaks?.P248 ?? []) {
          const q = itemId(s);
          if (q) ids.push(q);
        }
      }
    }
  }
  return ids;
}

function relatedFrom(entity: Entity, languages: readonly string[]): Related {
  const related: Related = {
    classes: claimItems(entity, 'P31'),
    directors: claimItems(entity, 'P57'),
    authors: claimItems(entity, 'P50'),
    partOf: [...claimItems(entity, 'P179'), ...claimItems(entity, 'P361')],
    conferredBy: claimItems(entity, 'P1027'),
  };
  const label = pickLabel(entity, languages);
  if (label !== undefined) related.label = label;
  const years = [...claims(entity, 'P577'), ...claims(entity, 'P585'), ...claims(entity, 'P580')]
    .map((c) => timeValue(c.mainsnak)?.year)
    .filter((y): y is number => y !== undefined);
  if (years.length > 0) related.year = Math.min(...years);
  const editionNo = stringValue(claims(entity, 'P393')[0]?.mainsnak);
  const n = editionNo === undefined ? undefined : parseOrdinal(editionNo);
  if (n !== undefined) related.editionNumber = n;
  return related;
}

class Mapper {
  readonly related = new Map<string, Related>();
  missingLabels = 0;

  constructor(
    readonly file: string,
    readonly languages: readonly string[],
  ) {}

  label(id: string): string {
    const l = this.related.get(id)?.label;
    if (l === undefined) this.missingLabels++;
    // Falling back to the id keeps the statement checkable and shows the curator what is missing.
    return l ?? id;
  }

  sources(filmId: string, claim: Claim): Source[] {
    const out: Source[] = [];
    for (const ref of claim.references ?? []) {
      const url = stringValue(ref.snaks?.P854?.[0]);
      const statedIn = itemId(ref.snaks?.P248?.[0]);
      const title = statedIn ? this.label(statedIn) : undefined;
      if (url && /^https?:\/\//.test(url)) out.push(title ? { url, title } : { url });
      else if (statedIn)
        out.push({ url: `https://www.wikidata.org/wiki/${statedIn}`, ...(title ? { title } : {}) });
    }
    if (out.length === 0) {
      // An unreferenced Wikidata claim is still Wikidata's statement; cite the item itself.
      out.push({
        url: `https://www.wikidata.org/wiki/${filmId}`,
        title: `Wikidata ${filmId}`,
        publisher: 'Wikidata',
      });
    }
    return out;
  }

  map(draft: FilmDraft): { film: FilmRecord; statements: Statement[] } {
    const { entity } = draft;
    const id = entity.id;
    const origin = `wikidata:${this.file}:${draft.line}`;
    const statements: Statement[] = [];
    const push = (claim: Claim, input: Omit<StatementInput, 'subject' | 'sources' | 'origin'>) => {
      statements.push(
        withId({
          ...input,
          subject: id,
          sources: this.sources(id, claim),
          origin,
        } as StatementInput),
      );
    };
    const person = (q: string) => ({ name: this.label(q), wikidata: q });

    for (const c of claims(entity, 'P57')) {
      const q = itemId(c.mainsnak);
      if (q) push(c, { property: 'director', value: person(q) });
    }
    for (const c of claims(entity, 'P58')) {
      const q = itemId(c.mainsnak);
      if (q) push(c, { property: 'writer', value: person(q) });
    }
    for (const c of claims(entity, 'P161')) {
      const q = itemId(c.mainsnak);
      if (!q) continue;
      const roleId = itemId(qualifier(c, 'P453'));
      const character = roleId ? this.label(roleId) : stringValue(qualifier(c, 'P4633'));
      push(c, {
        property: 'cast',
        value: { person: person(q), ...(character ? { character } : {}) },
      });
    }
    // Several publication dates (one per country) are common; the film's year is the earliest.
    let earliest: { claim: Claim; year: number; date?: string } | undefined;
    for (const c of claims(entity, 'P577')) {
      const t = timeValue(c.mainsnak);
      if (t && (earliest === undefined || t.year < earliest.year)) earliest = { claim: c, ...t };
    }
    if (earliest) {
      push(earliest.claim, {
        property: 'releaseYear',
        value: { year: earliest.year, ...(earliest.date ? { date: earliest.date } : {}) },
      });
    }
    for (const c of claims(entity, 'P495')) {
      const q = itemId(c.mainsnak);
      if (q) push(c, { property: 'country', value: { name: this.label(q), wikidata: q } });
    }
    for (const c of claims(entity, 'P272')) {
      const q = itemId(c.mainsnak);
      if (q) push(c, { property: 'studio', value: { name: this.label(q), wikidata: q } });
    }
    for (const c of claims(entity, 'P2047')) {
      const minutes = quantityMinutes(c.mainsnak);
      if (minutes !== undefined && minutes > 0)
        push(c, { property: 'runtime', value: { minutes } });
    }
    for (const c of claims(entity, 'P144')) {
      const q = itemId(c.mainsnak);
      if (!q) continue;
      const r = this.related.get(q);
      if (r && (r.classes.some((k) => FILM_CLASSES.has(k)) || r.directors.length > 0)) {
        push(c, { property: 'remakeOf', value: this.version(q, r) });
      } else {
        const author = r?.authors[0];
        const form = r?.classes.map((k) => FORMS[k]).find((f) => f !== undefined);
        push(c, {
          property: 'basedOn',
          value: {
            work: this.label(q),
            wikidata: q,
            ...(author ? { author: this.label(author) } : {}),
            ...(form ? { form } : {}),
          },
        });
      }
    }
    for (const c of claims(entity, 'P4969')) {
      const q = itemId(c.mainsnak);
      const r = q ? this.related.get(q) : undefined;
      if (!q || !r) continue;
      const isTv = r.classes.some((k) => TV_CLASSES.has(k));
      const isFilm = r.classes.some((k) => FILM_CLASSES.has(k)) || r.directors.length > 0;
      // Derivative works also include novelisations and games, which are not versions of the film.
      if (isFilm || isTv)
        push(c, {
          property: 'remadeAs',
          value: { ...this.version(q, r), medium: isTv ? 'tv' : 'film' },
        });
    }
    for (const c of claims(entity, 'P179')) {
      const q = itemId(c.mainsnak);
      if (!q) continue;
      const ordinal = parseOrdinal(stringValue(qualifier(c, 'P1545')) ?? '');
      push(c, {
        property: 'seriesPart',
        value: { series: this.label(q), wikidata: q, ...(ordinal ? { ordinal } : {}) },
      });
    }
    for (const [prop, result] of [
      ['P166', 'won'],
      ['P1411', 'nominated'],
    ] as const) {
      for (const c of claims(entity, prop)) {
        const q = itemId(c.mainsnak);
        if (q) push(c, { property: 'award', value: this.award(q, c, result) });
      }
    }

    const titles: TitleForm[] = [];
    const add = (text: string, kind: TitleForm['kind'], language?: string) => {
      if (!titles.some((t) => t.text === text))
        titles.push({ text, kind, ...(language ? { language } : {}) });
    };
    const en = entity.labels?.en?.value;
    if (en) add(en, 'english', 'en');
    for (const c of claims(entity, 'P1476')) {
      const v = c.mainsnak.datavalue?.value;
      if (isRecord(v) && typeof v.text === 'string')
        add(v.text, 'original', typeof v.language === 'string' ? v.language : undefined);
    }
    for (const lang of this.languages) {
      const l = entity.labels?.[lang]?.value;
      if (l) add(l, 'alternative', lang);
      for (const a of entity.aliases?.[lang] ?? []) add(a.value, 'alternative', lang);
    }
    if (titles.length === 0) add(pickLabel(entity, this.languages) ?? id, 'alternative');

    const imdb = claims(entity, 'P345')
      .map((c) => stringValue(c.mainsnak))
      .find((v) => v !== undefined && /^tt\d+$/.test(v));
    const film: FilmRecord = {
      key: id,
      wikidata: id,
      ...(imdb ? { imdb } : {}),
      titles,
      directors: statements.flatMap((s) => (s.property === 'director' ? [s.value.name] : [])),
      ...(earliest ? { year: earliest.year } : {}),
    };
    return { film, statements };
  }

  version(q: string, r: Related) {
    return {
      title: this.label(q),
      directors: r.directors.map((d) => this.label(d)),
      medium: 'film' as const,
      wikidata: q,
      ...(r.year !== undefined ? { year: r.year } : {}),
    };
  }

  award(q: string, claim: Claim, result: 'won' | 'nominated') {
    const split = splitAwardName(this.label(q));
    const editionId = itemId(qualifier(claim, 'P805'));
    const edition = editionId ? this.related.get(editionId) : undefined;
    let event = split.event;
    let editionNumber = edition?.editionNumber;
    let year = timeValue(qualifier(claim, 'P585'))?.year ?? edition?.year;
    if (edition?.label) {
      // "11th Cannes Film Festival", "1958 Cannes Film Festival", "31st Academy Awards".
      const m = /^(?:(\d+)(?:st|nd|rd|th)|(\d{4}))\s+(.+)$/.exec(edition.label);
      if (m?.[3]) {
        event ??= findEvent(m[3])?.name ?? m[3];
        if (m[1]) editionNumber ??= Number(m[1]);
        if (m[2]) year ??= Number(m[2]);
      }
      event ??= edition.partOf.map((p) => this.label(p))[0];
    }
    event ??= this.related.get(q)?.conferredBy.map((p) => this.label(p))[0] ?? split.award;
    return {
      event,
      award: split.award,
      result,
      ...(editionNumber !== undefined ? { edition: editionNumber } : {}),
      ...(year !== undefined ? { year } : {}),
    };
  }
}

/** The ids pass 2 must go back for: authors, directors, festivals of what the films refer to. */
function secondLevelIds(related: Related): string[] {
  return [...related.directors, ...related.authors, ...related.partOf, ...related.conferredBy];
}

/**
 * Loads films from an already opened dump. `open` is called once per pass and must return a
 * fresh stream of the same bytes each time.
 */
export async function loadWikidata(
  open: () => Readable,
  options: WikidataOptions & { totalBytes?: number } = {},
): Promise<WikidataResult> {
  const file = options.fileName ?? 'wikidata.json';
  const languages = options.languages ?? ['en', 'ru', 'uk', 'fr', 'de', 'it', 'es'];
  const only = options.only ? new Set(options.only) : undefined;
  const source: LineSource = { open, totalBytes: options.totalBytes };
  const mapper = new Mapper(file, languages);

  // Pass 1: the films, and the ids they refer to.
  const drafts: FilmDraft[] = [];
  const wanted = new Set<string>();
  const entities = await forEachEntity(source, file, 1, options.onProgress, (entity, line) => {
    const selected = only ? only.has(entity.id) : isFilmEntity(entity);
    if (!selected) return;
    drafts.push({ entity: slim(entity, languages), line });
    for (const id of referencedIds(entity)) wanted.add(id);
  });
  if (only) {
    const found = new Set(drafts.map((d) => d.entity.id));
    const missing = [...only].filter((q) => !found.has(q));
    if (missing.length > 0) {
      throw new WikidataFormatError(file, undefined, `not in the file: ${missing.join(', ')}`);
    }
  }
  // Films refer to each other (a remake and its original): those are already in hand.
  for (const d of drafts) {
    mapper.related.set(d.entity.id, relatedFrom(d.entity, languages));
    wanted.delete(d.entity.id);
  }

  // Pass 2: labels and facts of the referenced entities; note what they refer to in turn.
  let passes = 1;
  const second = new Set<string>();
  if (wanted.size > 0) {
    passes++;
    await forEachEntity(source, file, 2, options.onProgress, (entity) => {
      if (!wanted.has(entity.id)) return;
      const r = relatedFrom(entity, languages);
      mapper.related.set(entity.id, r);
      for (const id of secondLevelIds(r)) second.add(id);
    });
  }
  for (const id of [...second]) if (mapper.related.has(id)) second.delete(id);

  // Pass 3: labels of the second-level ids.
  if (second.size > 0) {
    passes++;
    await forEachEntity(source, file, 3, options.onProgress, (entity) => {
      if (second.has(entity.id)) mapper.related.set(entity.id, relatedFrom(entity, languages));
    });
  }

  const films: FilmRecord[] = [];
  const statements: Statement[] = [];
  for (const d of drafts) {
    const mapped = mapper.map(d);
    films.push(mapped.film);
    statements.push(...mapped.statements);
  }
  return {
    films,
    statements,
    editions: [],
    stats: { entities, films: films.length, passes, missingLabels: mapper.missingLabels },
  };
}

/** Loads films from a dump file on disk (`.json`, `.jsonl`, or either gzipped). */
export async function loadWikidataFile(
  path: string,
  options: WikidataOptions = {},
): Promise<WikidataResult> {
  const { size } = await stat(path);
  return loadWikidata(() => createReadStream(path), {
    fileName: path,
    ...options,
    totalBytes: size,
  });
}
