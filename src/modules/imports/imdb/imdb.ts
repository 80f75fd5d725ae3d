/**
 * The IMDb non-commercial datasets (https://developer.imdb.com/non-commercial-datasets/): the
 * five files we read, their header rows as published, and the pure mapping of one line to a
 * staging row. Bad values throw `ImdbFormatError` with the file and line.
 */
import { slugify } from '../../../lib/text/index.ts';
import { ImdbFormatError, type TsvRow } from './tsv.ts';

export const IMDB_FILES = {
  basics: {
    file: 'title.basics.tsv.gz',
    header: [
      'tconst',
      'titleType',
      'primaryTitle',
      'originalTitle',
      'isAdult',
      'startYear',
      'endYear',
      'runtimeMinutes',
      'genres',
    ],
  },
  akas: {
    file: 'title.akas.tsv.gz',
    header: [
      'titleId',
      'ordering',
      'title',
      'region',
      'language',
      'types',
      'attributes',
      'isOriginalTitle',
    ],
  },
  crew: { file: 'title.crew.tsv.gz', header: ['tconst', 'directors', 'writers'] },
  principals: {
    file: 'title.principals.tsv.gz',
    header: ['tconst', 'ordering', 'nconst', 'category', 'job', 'characters'],
  },
  names: {
    file: 'name.basics.tsv.gz',
    header: [
      'nconst',
      'primaryName',
      'birthYear',
      'deathYear',
      'primaryProfession',
      'knownForTitles',
    ],
  },
} as const;

export type ImdbFileKey = keyof typeof IMDB_FILES;
/** The order a run stages the files in: titles first (they decide what else is kept). */
export const STAGE_ORDER: readonly ImdbFileKey[] = [
  'basics',
  'akas',
  'crew',
  'principals',
  'names',
];

export const DEFAULT_TYPES = ['movie', 'tvMovie', 'short'] as const;
/** Principal categories imported as cast. */
const CAST_CATEGORIES = new Set(['actor', 'actress', 'self']);

/**
 * A set of IMDb ids (`tt0017128`, `nm0700214`) as bits by their number: memory follows the
 * highest id (a few megabytes for IMDb's whole range), not the number of rows read.
 */
export class IdSet {
  private bits = new Uint8Array(1 << 20);
  size = 0;
  add(n: number): void {
    const byte = n >>> 3;
    if (byte >= this.bits.length) {
      let len = this.bits.length;
      while (len <= byte) len *= 2;
      const next = new Uint8Array(len);
      next.set(this.bits);
      this.bits = next;
    }
    const mask = 1 << (n & 7);
    if ((this.bits[byte]! & mask) === 0) {
      this.bits[byte]! |= mask;
      this.size++;
    }
  }
  has(n: number): boolean {
    const byte = n >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (n & 7))) !== 0;
  }
}

export function idNumber(
  row: TsvRow,
  k: number,
  kind: 'tt' | 'nm',
  file: string,
  line: number,
  column: string,
): number {
  const n = row.id(k, kind);
  if (n < 0)
    throw new ImdbFormatError(file, line, `${column} "${row.raw(k)}" is not an IMDb ${kind} id`);
  return n;
}

function int(
  row: TsvRow,
  k: number,
  file: string,
  line: number,
  column: string,
  opts: { min?: number; max?: number } = {},
): number | null {
  const n = row.int(k);
  if (n === null) return null;
  if (Number.isNaN(n))
    throw new ImdbFormatError(file, line, `${column} "${row.raw(k)}" is not a number`);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new ImdbFormatError(file, line, `${column} ${n} is out of range`);
  }
  return n;
}

function text(row: TsvRow, k: number, file: string, line: number, column: string): string {
  const v = row.get(k);
  if (v === null || v.trim() === '') throw new ImdbFormatError(file, line, `${column} is empty`);
  return v;
}

/** `0`, `1` or `\N` in field `k`, else an error naming the column. */
function flag(row: TsvRow, k: number, file: string, line: number, column: string): 0 | 1 | null {
  if (row.is(k, '0')) return 0;
  if (row.is(k, '1')) return 1;
  if (row.isNull(k)) return null;
  throw new ImdbFormatError(file, line, `${column} "${row.raw(k)}" is not 0 or 1`);
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** `slugify`, with a quick way for plain ASCII text (most IMDb titles and names). */
export function slugOf(text: string): string {
  if (PLAIN_ASCII.test(text)) {
    const quick = text
      .toLowerCase()
      .replace(/'/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (quick !== '') return quick;
  }
  return slugify(text);
}

export type StageTitle = [
  tconst: string,
  slug: string,
  titleType: string,
  primaryTitle: string,
  originalTitle: string,
  year: number,
  runtime: number | null,
];

// Columns of each file, by position in IMDb's header.
const B = { tconst: 0, type: 1, primary: 2, original: 3, adult: 4, start: 5, runtime: 7 };
const A = { id: 0, ordering: 1, title: 2, region: 3, language: 4, types: 5, original: 7 };
const P = { tconst: 0, ordering: 1, nconst: 2, category: 3, characters: 5 };

/** A title.basics row as a film, or null when its type is not imported / it has no year. */
export function mapBasics(
  row: TsvRow,
  file: string,
  line: number,
  types: ReadonlySet<string>,
): { row: StageTitle; id: number } | 'skip' | 'no-year' {
  const id = idNumber(row, B.tconst, 'tt', file, line, 'tconst');
  const type = text(row, B.type, file, line, 'titleType');
  const adult = flag(row, B.adult, file, line, 'isAdult');
  const year = int(row, B.start, file, line, 'startYear', { min: 1850, max: 2200 });
  const runtime = int(row, B.runtime, file, line, 'runtimeMinutes');
  const primary = text(row, B.primary, file, line, 'primaryTitle');
  if (!types.has(type) || adult === 1) return 'skip';
  if (year === null) return 'no-year';
  const original = row.get(B.original) ?? primary;
  const tconst = row.raw(B.tconst);
  const slug = `${slugOf(primary) || 'film'}-${year}-${tconst}`;
  return { row: [tconst, slug, type, primary, original, year, runtime], id };
}

export type StageAka = [
  tconst: string,
  ordering: number,
  title: string,
  region: string | null,
  language: string | null,
  types: string | null,
  isOriginal: number,
];

export function mapAka(row: TsvRow, file: string, line: number, titles: IdSet): StageAka | null {
  const id = idNumber(row, A.id, 'tt', file, line, 'titleId');
  const ordering = int(row, A.ordering, file, line, 'ordering') ?? 0;
  const isOriginal = flag(row, A.original, file, line, 'isOriginalTitle');
  if (!titles.has(id)) return null;
  const title = row.get(A.title);
  if (title === null || title.trim() === '') return null;
  return [
    row.raw(A.id),
    ordering,
    title,
    row.get(A.region),
    row.get(A.language),
    row.get(A.types),
    isOriginal === 1 ? 1 : 0,
  ];
}

export type StageCredit = [
  tconst: string,
  nconst: string,
  role: string,
  position: number,
  character: string | null,
];

const CREW_ROLES = [
  [1, 'director'],
  [2, 'writer'],
] as const;

/** title.crew: one credit per director and writer, in the order IMDb lists them. */
export function mapCrew(
  row: TsvRow,
  file: string,
  line: number,
  titles: IdSet,
  people: IdSet,
  out: StageCredit[],
): void {
  const id = idNumber(row, 0, 'tt', file, line, 'tconst');
  const kept = titles.has(id);
  const tconst = kept ? row.raw(0) : '';
  for (const [k, role] of CREW_ROLES) {
    if (row.isNull(k)) continue;
    const [from, to] = row.span(k);
    const seen: number[] = [];
    let at = from;
    let i = 0;
    for (;;) {
      let comma = row.text.indexOf(',', at);
      if (comma < 0 || comma > to) comma = to;
      const n = row.id(k, 'nm', at, comma);
      if (n < 0) {
        throw new ImdbFormatError(
          file,
          line,
          `${role}s "${row.text.slice(at, comma)}" is not an IMDb nm id`,
        );
      }
      i++;
      if (kept && !seen.includes(n)) {
        seen.push(n);
        people.add(n);
        out.push([tconst, row.text.slice(at, comma), role, i, null]);
      }
      if (comma >= to) break;
      at = comma + 1;
    }
  }
}

/** `["Pavel Vlasov","Narrator"]` → `Pavel Vlasov / Narrator`; anything else as written. */
export function characters(value: string | null): string | null {
  if (value === null) return null;
  if (value.startsWith('[')) {
    // IMDb's usual form, a list of plain strings, read without the JSON parser.
    if (
      value.startsWith('["') &&
      value.endsWith('"]') &&
      value.length >= 4 &&
      !value.includes('\\')
    ) {
      const parts = value.slice(2, -2).split('","');
      if (parts.every((p) => !p.includes('"'))) return parts.join(' / ');
    }
    try {
      const list = JSON.parse(value) as unknown;
      if (Array.isArray(list) && list.every((c) => typeof c === 'string')) {
        return list.length ? list.join(' / ') : null;
      }
    } catch {
      // IMDb writes JSON here; a value that is not is kept as it stands.
    }
  }
  return value;
}

/** title.principals: the cast (actor, actress, self), in IMDb's order. */
export function mapPrincipal(
  row: TsvRow,
  file: string,
  line: number,
  titles: IdSet,
  people: IdSet,
): StageCredit | null {
  const id = idNumber(row, P.tconst, 'tt', file, line, 'tconst');
  const ordering = int(row, P.ordering, file, line, 'ordering') ?? 0;
  const n = idNumber(row, P.nconst, 'nm', file, line, 'nconst');
  const category = text(row, P.category, file, line, 'category');
  if (!titles.has(id) || !CAST_CATEGORIES.has(category)) return null;
  people.add(n);
  return [
    row.raw(P.tconst),
    row.raw(P.nconst),
    'cast',
    ordering,
    characters(row.get(P.characters)),
  ];
}

export type StageName = [nconst: string, slug: string, name: string];

export function mapName(row: TsvRow, file: string, line: number, people: IdSet): StageName | null {
  const n = idNumber(row, 0, 'nm', file, line, 'nconst');
  if (!people.has(n)) return null;
  const name = text(row, 1, file, line, 'primaryName');
  const nconst = row.raw(0);
  return [nconst, `${slugOf(name) || 'person'}-${nconst}`, name];
}
