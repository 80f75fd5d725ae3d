/**
 * A synthetic film catalogue and a judged query set for the search benchmark.
 *
 * Russian titles are built from Debian's Russian hunspell dictionary (its words inflected by
 * the dictionary's own suffix rules, so titles read like "Летят журавли", not like lemma
 * lists), English titles from a title vocabulary, people from Russian given names and
 * surnames grown from dictionary stems, written in Cyrillic and in the romanization an
 * English source would use. Every number comes from one seeded generator: the same
 * arguments give the same catalogue and the same queries.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SearchDocument } from '../../src/modules/search/index.ts';
import { fold, romanize, ROMANIZATIONS } from '../../src/lib/text/index.ts';
import type { Romanization } from '../../src/lib/text/index.ts';
import {
  ENGLISH_ADJECTIVES,
  ENGLISH_NOUNS,
  ENGLISH_VERBS_ING,
  RUSSIAN_GIVEN_NAMES,
} from './english.ts';
import { rng as seeded } from '../../test/helpers/random.ts';

const DIC = '/usr/share/hunspell/ru_RU.dic';
const AFF = '/usr/share/hunspell/ru_RU.aff';

export type Rng = () => number;

export { seeded };

const pick = <T>(rng: Rng, arr: readonly T[]): T => arr[Math.floor(rng() * arr.length)] as T;

interface Rule {
  strip: string;
  add: string;
  cond: RegExp;
}

/** Russian words, each with the inflected forms its hunspell flags allow. */
export interface Lexicon {
  words: string[][];
  surnameStems: string[];
}

export function loadLexicon(): Lexicon {
  if (!existsSync(DIC) || !existsSync(AFF)) {
    throw new Error(
      `the Russian hunspell dictionary is missing (${DIC}); apt-get install hunspell-ru`,
    );
  }
  const rules = new Map<string, Rule[]>();
  for (const line of readFileSync(AFF, 'utf8').split('\n')) {
    const m = /^SFX (\S) (\S+) (\S+) (\S+)/.exec(line);
    if (!m || m[2] === 'Y' || m[2] === 'N') continue;
    const [, flag, strip, add, cond] = m as unknown as [string, string, string, string, string];
    let list = rules.get(flag);
    if (!list) rules.set(flag, (list = []));
    list.push({
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : (add.split('/')[0] as string),
      cond: new RegExp(`${cond === '.' ? '' : cond}$`),
    });
  }
  const words: string[][] = [];
  const surnameStems: string[] = [];
  const lines = readFileSync(DIC, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const [stem, flags = ''] = line.trim().split('/') as [string, string?];
    if (!stem || !/^[а-яё]{3,}$/.test(stem)) continue;
    const forms = [stem];
    for (const flag of flags) {
      for (const r of rules.get(flag) ?? []) {
        if (forms.length >= 12) break;
        if (!r.cond.test(stem) || !stem.endsWith(r.strip)) continue;
        const form = stem.slice(0, stem.length - r.strip.length) + r.add;
        if (!forms.includes(form)) forms.push(form);
      }
    }
    words.push(forms);
    if (stem.length >= 4 && stem.length <= 8 && /[бвгджзклмнпрстфхцчшщ]$/.test(stem)) {
      surnameStems.push(stem);
    }
  }
  return { words, surnameStems };
}

const PREPOSITIONS = ['в', 'на', 'о', 'и', 'с', 'под', 'за', 'до', 'из', 'по'];
const SURNAME_ENDINGS = ['ов', 'ев', 'ин', 'ский', 'енко', 'ук', 'ович', 'ых', 'ёв', 'цкий'];
const FEMALE: Record<string, string> = {
  ов: 'ова',
  ев: 'ева',
  ин: 'ина',
  ский: 'ская',
  ёв: 'ёва',
  цкий: 'цкая',
};

/** The romanizations English-language sources use for names and titles, by frequency. */
const SOURCE_SYSTEMS: [Romanization, number][] = [
  ['bgn-simple', 0.55],
  ['bgn', 0.15],
  ['lc-plain', 0.12],
  ['informal', 0.1],
  ['iso9', 0.04],
  ['icao', 0.04],
];

function sourceSystem(rng: Rng): Romanization {
  let x = rng();
  for (const [s, p] of SOURCE_SYSTEMS) {
    if ((x -= p) < 0) return s;
  }
  return 'bgn-simple';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface Person {
  cyrillic: string;
  latin: string;
  surnameCyr: string;
}

/** A film as generated, with what the query generator needs to know about it. */
export interface Film {
  doc: SearchDocument;
  original: string;
  english: string | null;
  people: Person[];
}

function makePerson(rng: Rng, lex: Lexicon): Person {
  const given = pick(rng, RUSSIAN_GIVEN_NAMES);
  const female = /[ая]$/.test(given) && given !== 'Илья';
  const stem = pick(rng, lex.surnameStems);
  let ending = pick(rng, SURNAME_ENDINGS);
  if (female) ending = FEMALE[ending] ?? ending;
  const surname = capitalize(stem + ending);
  const cyrillic = `${given} ${surname}`;
  return { cyrillic, latin: romanize(cyrillic, sourceSystem(rng), rng), surnameCyr: surname };
}

function russianTitle(rng: Rng, lex: Lexicon): string {
  const n = rng() < 0.25 ? 1 : rng() < 0.6 ? 2 : rng() < 0.8 ? 3 : 4;
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i < n - 1 && rng() < 0.25) {
      words.push(pick(rng, PREPOSITIONS));
      continue;
    }
    words.push(pick(rng, pick(rng, lex.words)));
  }
  return capitalize(words.join(' '));
}

function englishTitle(rng: Rng): string {
  const noun = (): string => pick(rng, ENGLISH_NOUNS);
  const adj = (): string => pick(rng, ENGLISH_ADJECTIVES);
  const cap = (s: string): string => s.split(' ').map(capitalize).join(' ');
  switch (Math.floor(rng() * 9)) {
    case 0:
      return cap(`the ${noun()}`);
    case 1:
      return cap(`${adj()} ${noun()}`);
    case 2:
      return cap(`the ${noun()} of the ${noun()}`);
    case 3:
      return cap(`${noun()} and ${noun()}`);
    case 4:
      return cap(`the ${noun()}s are ${pick(rng, ENGLISH_VERBS_ING)}`);
    case 5:
      return cap(`a ${noun()} for the ${adj()} ${noun()}`);
    case 6:
      return cap(`the ${adj()} ${noun()} of ${noun()}`);
    case 7:
      return cap(`${noun()} in the ${noun()}`);
    default:
      return cap(`the ${adj()} ${noun()}`);
  }
}

function slugify(s: string): string {
  return (
    fold(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'film'
  );
}

/** Generates `count` films. */
export function generateCatalogue(count: number, seed: number, lex = loadLexicon()): Film[] {
  const rng = seeded(seed);
  const directors: Person[] = [];
  const actors: Person[] = [];
  const directorPool = Math.max(10, Math.floor(count / 8));
  const actorPool = Math.max(20, Math.floor(count / 3));
  for (let i = 0; i < directorPool; i++) directors.push(makePerson(rng, lex));
  for (let i = 0; i < actorPool; i++) actors.push(makePerson(rng, lex));
  const films: Film[] = [];
  for (let i = 0; i < count; i++) {
    const year = 1920 + Math.floor(rng() * 105);
    // a few films remake an earlier one's title, as the three Mothers do
    const remakeOf = i > 10 && rng() < 0.03 ? films[Math.floor(rng() * films.length)] : undefined;
    const original = remakeOf ? remakeOf.original : russianTitle(rng, lex);
    const english = remakeOf ? remakeOf.english : rng() < 0.6 ? englishTitle(rng) : null;
    const system = sourceSystem(rng);
    const titles: SearchDocument['titles'] = [{ text: original, kind: 'original' }];
    if (english) titles.push({ text: english, kind: 'english' });
    titles.push({ text: romanize(original, system, rng), kind: 'transliteration' });
    if (rng() < 0.15) titles.push({ text: englishTitle(rng), kind: 'alternative' });
    const people = [pick(rng, directors)];
    const cast = Math.floor(rng() * 3);
    for (let c = 0; c < cast; c++) people.push(pick(rng, actors));
    const names: string[] = [];
    for (const p of people) names.push(p.latin, p.cyrillic);
    const slug = `${slugify(english ?? titles[titles.length - 1]?.text ?? 'film')}-${year}-${i.toString(36)}`;
    films.push({ doc: { slug, titles, people: names, year }, original, english, people });
  }
  return films;
}

// ------------------------------------------------------------------ queries

export interface JudgedQuery {
  q: string;
  category: string;
  /** Slugs that answer the query; a hit in the top 10 counts. */
  relevant: string[];
}

const CYR_LETTERS = [...'абвгдежзийклмнопрстуфхцчшщыэюя'];
const LAT_LETTERS = [...'abcdefghijklmnoprstuvyz'];

/** One typing slip: substitution, deletion, insertion or transposition of adjacent letters. */
function typo(rng: Rng, word: string): string {
  const chars = [...word];
  const letters = /[а-яё]/.test(word) ? CYR_LETTERS : LAT_LETTERS;
  const i = 1 + Math.floor(rng() * (chars.length - 1)); // first letters are rarely wrong
  switch (Math.floor(rng() * 4)) {
    case 0:
      chars[i] = pick(rng, letters);
      break;
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      chars.splice(i, 0, pick(rng, letters));
      break;
    default:
      if (i < chars.length - 1)
        [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
      else chars[i] = pick(rng, letters);
  }
  return chars.join('');
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/**
 * Draws `count` queries over the catalogue, in fixed proportions per category. Relevance is
 * by equal folded title (remakes and namesakes all count), and by year where one is typed.
 */
export function generateQueries(films: Film[], count: number, seed: number): JudgedQuery[] {
  const rng = seeded(seed);
  const byOriginal = new Map<string, Film[]>();
  const byEnglish = new Map<string, Film[]>();
  const byPerson = new Map<string, Film[]>();
  const englishFilms = films.filter((f) => f.english);
  for (const f of films) {
    const k = fold(f.original);
    (byOriginal.get(k) ?? byOriginal.set(k, []).get(k))?.push(f);
    if (f.english) {
      const e = fold(f.english);
      (byEnglish.get(e) ?? byEnglish.set(e, []).get(e))?.push(f);
    }
    for (const p of f.people) {
      (byPerson.get(p.cyrillic) ?? byPerson.set(p.cyrillic, []).get(p.cyrillic))?.push(f);
    }
  }
  const withYo = films.filter((f) => f.original.includes('ё') || f.original.includes('е'));
  const remakes = films.filter((f) => (byOriginal.get(fold(f.original))?.length ?? 0) > 1);
  const sameOriginal = (f: Film): string[] =>
    (byOriginal.get(fold(f.original)) ?? [f]).map((x) => x.doc.slug);
  const categories: [string, number, () => JudgedQuery | null][] = [
    [
      'cyrillic',
      1,
      () => {
        const f = pick(rng, films);
        return {
          q: rng() < 0.5 ? f.original : f.original.toLowerCase(),
          category: 'cyrillic',
          relevant: sameOriginal(f),
        };
      },
    ],
    [
      'romanized',
      3,
      () => {
        const f = pick(rng, films);
        const system = pick(rng, ROMANIZATIONS);
        return {
          q: romanize(f.original, system, rng).toLowerCase(),
          category: `romanized`,
          relevant: sameOriginal(f),
        };
      },
    ],
    [
      'english',
      1,
      () => {
        const f = pick(rng, englishFilms);
        const english = f.english as string;
        return {
          q: english.toLowerCase(),
          category: 'english',
          relevant: (byEnglish.get(fold(english)) ?? [f]).map((x) => x.doc.slug),
        };
      },
    ],
    [
      'typo',
      2,
      () => {
        const f = pick(rng, films);
        const base =
          rng() < 0.5
            ? f.original.toLowerCase()
            : romanize(f.original, pick(rng, ROMANIZATIONS), rng).toLowerCase();
        const ws = words(base);
        const long = ws.map((w, i) => [w, i] as const).filter(([w]) => [...w].length >= 4);
        if (long.length === 0) return null;
        const [w, i] = pick(rng, long);
        let t = typo(rng, w);
        if ([...w].length >= 8 && rng() < 0.5) t = typo(rng, t);
        ws[i] = t;
        return { q: ws.join(' '), category: 'typo', relevant: sameOriginal(f) };
      },
    ],
    [
      'prefix',
      2,
      () => {
        const f = pick(rng, films);
        const base =
          rng() < 0.5
            ? f.original.toLowerCase()
            : romanize(f.original, pick(rng, ROMANIZATIONS), rng).toLowerCase();
        const ws = words(base);
        const last = ws[ws.length - 1] as string;
        if ([...last].length < 5) return null;
        ws[ws.length - 1] = [...last]
          .slice(0, Math.max(3, Math.ceil([...last].length * 0.6)))
          .join('');
        return { q: ws.join(' '), category: 'prefix', relevant: sameOriginal(f) };
      },
    ],
    [
      'yo',
      1,
      () => {
        const f = pick(rng, withYo);
        const q = f.original.includes('ё')
          ? f.original.replaceAll('ё', 'е')
          : f.original.replace('е', 'ё');
        return { q: q.toLowerCase(), category: 'yo', relevant: sameOriginal(f) };
      },
    ],
    [
      'mixed-script',
      1,
      () => {
        const f = pick(rng, films);
        const ws = words(f.original.toLowerCase());
        if (ws.length < 2) return null;
        const system = pick(rng, ROMANIZATIONS);
        const q = ws.map((w, i) => (i % 2 === 1 ? romanize(w, system, rng) : w)).join(' ');
        return { q, category: 'mixed-script', relevant: sameOriginal(f) };
      },
    ],
    [
      'reordered',
      1,
      () => {
        const f = pick(rng, films);
        const ws = words(
          rng() < 0.5
            ? f.original.toLowerCase()
            : romanize(f.original, 'bgn-simple', rng).toLowerCase(),
        );
        if (ws.length < 2) return null;
        ws.reverse();
        return { q: ws.join(' '), category: 'reordered', relevant: sameOriginal(f) };
      },
    ],
    [
      'person+title',
      1,
      () => {
        const f = pick(rng, films);
        const p = pick(rng, f.people);
        const surname =
          rng() < 0.5 ? p.surnameCyr : romanize(p.surnameCyr, pick(rng, ROMANIZATIONS), rng);
        const ws = words(f.original.toLowerCase()).filter((w) => [...w].length >= 4);
        if (ws.length === 0) return null;
        const q = `${surname} ${pick(rng, ws)}`.toLowerCase();
        const relevant = (byOriginal.get(fold(f.original)) ?? [f])
          .filter((x) => x.people.some((y) => y.surnameCyr === p.surnameCyr))
          .map((x) => x.doc.slug);
        return { q, category: 'person+title', relevant };
      },
    ],
    [
      'title+year',
      1,
      () => {
        if (remakes.length === 0) return null;
        const f = pick(rng, remakes);
        const title = rng() < 0.5 ? f.original : romanize(f.original, 'bgn-simple', rng);
        const year = f.doc.year as number;
        const relevant = (byOriginal.get(fold(f.original)) ?? [f])
          .filter((x) => x.doc.year === year)
          .map((x) => x.doc.slug);
        return { q: `${title.toLowerCase()} ${year}`, category: 'title+year', relevant };
      },
    ],
    [
      'person',
      0.5,
      () => {
        const f = pick(rng, films);
        const p = pick(rng, f.people);
        const q = rng() < 0.5 ? p.latin : p.cyrillic;
        const relevant = (byPerson.get(p.cyrillic) ?? [f]).map((x) => x.doc.slug);
        return { q: q.toLowerCase(), category: 'person', relevant };
      },
    ],
  ];
  const weight = categories.reduce((s, c) => s + c[1], 0);
  const out: JudgedQuery[] = [];
  for (const [, w, make] of categories) {
    const n = Math.round((count * w) / weight);
    let made = 0;
    let tries = 0;
    while (made < n && tries++ < n * 20) {
      const q = make();
      if (!q || q.q.trim() === '' || q.relevant.length === 0) continue;
      out.push(q);
      made++;
    }
  }
  // interleave categories so that any prefix of the list is a fair sample
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as JudgedQuery, out[i] as JudgedQuery];
  }
  return out;
}
