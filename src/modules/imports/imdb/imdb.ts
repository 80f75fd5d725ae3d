/**
 * The IMDb non-commercial datasets (https://developer.imdb.com/non-commercial-datasets/): the
 * five files we read, their header rows as published, and the pure mapping of one line to a
 * staging row. Bad values throw `ImdbFormatError` with the file and line.
 */
import { slugify } from '../../../lib/text/index.ts';
import { field, ImdbFormatError } from './tsv.ts';

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

const TCONST = /^tt(\d{7,9})$/;
const NCONST = /^nm(\d{7,9})$/;

export function idNumber(
  id: string,
  kind: 'tt' | 'nm',
  file: string,
  line: number,
  column: string,
): number {
  const m = (kind === 'tt' ? TCONST : NCONST).exec(id);
  if (!m) throw new ImdbFormatError(file, line, `${column} "${id}" is not an IMDb ${kind} id`);
  return Number(m[1]);
}

function int(
  value: string | undefined,
  file: string,
  line: number,
  column: string,
  opts: { min?: number; max?: number } = {},
): number | null {
  const v = field(value);
  if (v === null) return null;
  if (!/^\d{1,9}$/.test(v))
    throw new ImdbFormatError(file, line, `${column} "${v}" is not a number`);
  const n = Number(v);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new ImdbFormatError(file, line, `${column} ${n} is out of range`);
  }
  return n;
}

function text(value: string | undefined, file: string, line: number, column: string): string {
  const v = field(value);
  if (v === null || v.trim() === '') throw new ImdbFormatError(file, line, `${column} is empty`);
  return v;
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

/** A title.basics row as a film, or null when its type is not imported / it has no year. */
export function mapBasics(
  parts: readonly string[],
  file: string,
  line: number,
  types: ReadonlySet<string>,
): { row: StageTitle; id: number } | 'skip' | 'no-year' {
  const tconst = parts[0]!;
  const id = idNumber(tconst, 'tt', file, line, 'tconst');
  const type = text(parts[1], file, line, 'titleType');
  const adult = field(parts[4]);
  if (adult !== null && adult !== '0' && adult !== '1') {
    throw new ImdbFormatError(file, line, `isAdult "${adult}" is not 0 or 1`);
  }
  const year = int(parts[5], file, line, 'startYear', { min: 1850, max: 2200 });
  const runtime = int(parts[7], file, line, 'runtimeMinutes');
  const primary = text(parts[2], file, line, 'primaryTitle');
  const original = field(parts[3]) ?? primary;
  if (!types.has(type) || adult === '1') return 'skip';
  if (year === null) return 'no-year';
  const slug = `${slugify(primary) || 'film'}-${year}-${tconst}`;
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

export function mapAka(
  parts: readonly string[],
  file: string,
  line: number,
  titles: IdSet,
): StageAka | null {
  const id = idNumber(parts[0]!, 'tt', file, line, 'titleId');
  const ordering = int(parts[1], file, line, 'ordering') ?? 0;
  const isOriginal = field(parts[7]);
  if (isOriginal !== null && isOriginal !== '0' && isOriginal !== '1') {
    throw new ImdbFormatError(file, line, `isOriginalTitle "${isOriginal}" is not 0 or 1`);
  }
  if (!titles.has(id)) return null;
  const title = field(parts[2]);
  if (title === null || title.trim() === '') return null;
  return [
    parts[0]!,
    ordering,
    title,
    field(parts[3]),
    field(parts[4]),
    field(parts[5]),
    isOriginal === '1' ? 1 : 0,
  ];
}

export type StageCredit = [
  tconst: string,
  nconst: string,
  role: string,
  position: number,
  character: string | null,
];

/** title.crew: one credit per director and writer, in the order IMDb lists them. */
export function mapCrew(
  parts: readonly string[],
  file: string,
  line: number,
  titles: IdSet,
  people: IdSet,
): StageCredit[] {
  const id = idNumber(parts[0]!, 'tt', file, line, 'tconst');
  const out: StageCredit[] = [];
  const roles = [
    ['director', parts[1]],
    ['writer', parts[2]],
  ] as const;
  for (const [role, list] of roles) {
    const v = field(list);
    if (v === null) continue;
    const ids = v.split(',');
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      const n = idNumber(ids[i]!, 'nm', file, line, `${role}s`);
      if (!titles.has(id) || seen.has(ids[i]!)) continue;
      seen.add(ids[i]!);
      people.add(n);
      out.push([parts[0]!, ids[i]!, role, i + 1, null]);
    }
  }
  return out;
}

/** `["Pavel Vlasov","Narrator"]` → `Pavel Vlasov / Narrator`; anything else as written. */
export function characters(value: string | null): string | null {
  if (value === null) return null;
  if (value.startsWith('[')) {
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
  parts: readonly string[],
  file: string,
  line: number,
  titles: IdSet,
  people: IdSet,
): StageCredit | null {
  const id = idNumber(parts[0]!, 'tt', file, line, 'tconst');
  const ordering = int(parts[1], file, line, 'ordering') ?? 0;
  const n = idNumber(parts[2]!, 'nm', file, line, 'nconst');
  const category = text(parts[3], file, line, 'category');
  if (!titles.has(id) || !CAST_CATEGORIES.has(category)) return null;
  people.add(n);
  return [parts[0]!, parts[2]!, 'cast', ordering, characters(field(parts[5]))];
}

export type StageName = [nconst: string, slug: string, name: string];

export function mapName(
  parts: readonly string[],
  file: string,
  line: number,
  people: IdSet,
): StageName | null {
  const n = idNumber(parts[0]!, 'nm', file, line, 'nconst');
  if (!people.has(n)) return null;
  const name = text(parts[1], file, line, 'primaryName');
  return [parts[0]!, `${slugify(name) || 'person'}-${parts[0]!}`, name];
}
