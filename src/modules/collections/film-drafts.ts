/**
 * A film draft: a curator's proposed correction of a film's titles (original, transliterated,
 * English, alternatives), credits and English access offers, resting on a source, taken through
 * the same review as a collection. The lists are written one per line with `|` between fields
 * (text-friendly, the same in a form and in a script); parsing names the list and line of every
 * problem. Pure functions only.
 */
import type { Problem } from '../../lib/errors.ts';
import { ACCESS_KINDS, ACCESS_MEDIA } from '../access/index.ts';
import { CREDIT_ROLES, type CreditRole } from '../catalog/index.ts';
import type { NewSource } from './drafts.repository.ts';
import { type DiffPart, wordDiff } from './revisions.ts';

export interface FilmFields {
  original: string;
  /** BCP 47 language of the original title (`ru`, `uk`, `ka`). */
  originalLanguage: string;
  transliteration: string;
  english: string;
  alternatives: { text: string; language: string }[];
  credits: { role: CreditRole; name: string; character: string | null }[];
  offers: {
    kind: (typeof ACCESS_KINDS)[number];
    medium: (typeof ACCESS_MEDIA)[number];
    provider: string;
    url: string | null;
    region: string | null;
  }[];
}

export interface FilmProposal extends FilmFields {
  /** What the correction rests on; required to submit. */
  source: NewSource | null;
  /** The curator's word to the reviewer: what is corrected and why. */
  note: string;
}

/** The form's text for each list, one entry per line. */
export interface FilmForm {
  original: string;
  original_language: string;
  transliteration: string;
  english: string;
  alternatives: string;
  credits: string;
  offers: string;
  note: string;
  source_url: string;
  source_title: string;
  source_publisher: string;
  source_accessed_on: string;
}

const cells = (line: string) => line.split('|').map((c) => c.trim());
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l, i) => ({ n: i + 1, l: l.trim() }))
    .filter((x) => x.l !== '');

export function alternativesText(f: FilmFields): string {
  return f.alternatives.map((a) => `${a.text} | ${a.language}`).join('\n');
}
export function creditsText(f: FilmFields): string {
  return f.credits
    .map((c) => [c.role, c.name, ...(c.character ? [c.character] : [])].join(' | '))
    .join('\n');
}
export function offersText(f: FilmFields): string {
  return f.offers
    .map((o) =>
      [o.kind, o.medium, o.provider, o.url ?? '', o.region ?? '']
        .join(' | ')
        .replace(/( \| )+$/, ''),
    )
    .join('\n');
}

/** Reads the form; every problem says which list, which line and what is wrong. */
export function parseFilmForm(form: FilmForm): { proposal: FilmProposal; problems: Problem[] } {
  const problems: Problem[] = [];
  const need = (where: string, v: string, max: number) => {
    if (!v.trim() || v.length > max)
      problems.push({ where, message: `must be 1–${max} characters` });
  };
  need('original', form.original, 300);
  need('english', form.english, 300);
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(form.original_language.trim()))
    problems.push({
      where: 'original_language',
      message: 'must be a language code such as ru or uk',
    });
  if (form.transliteration.length > 300)
    problems.push({ where: 'transliteration', message: 'must be at most 300 characters' });

  const alternatives: FilmFields['alternatives'] = [];
  for (const { n, l } of lines(form.alternatives)) {
    const [text = '', language = ''] = cells(l);
    if (!text || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language))
      problems.push({
        where: `alternatives line ${n}`,
        message: 'write "title | language code", e.g. "Журавли | ru"',
      });
    else alternatives.push({ text, language });
  }
  const credits: FilmFields['credits'] = [];
  for (const { n, l } of lines(form.credits)) {
    const [role = '', name = '', character = ''] = cells(l);
    if (!(CREDIT_ROLES as readonly string[]).includes(role))
      problems.push({
        where: `credits line ${n}`,
        message: `the role must be one of ${CREDIT_ROLES.join(', ')} (write "role | name | character")`,
      });
    else if (!name || name.length > 200)
      problems.push({ where: `credits line ${n}`, message: 'needs a name (1–200 characters)' });
    else credits.push({ role: role as CreditRole, name, character: character || null });
  }
  const offers: FilmFields['offers'] = [];
  for (const { n, l } of lines(form.offers)) {
    const [kind = '', medium = '', provider = '', url = '', region = ''] = cells(l);
    if (!(ACCESS_KINDS as readonly string[]).includes(kind))
      problems.push({
        where: `offers line ${n}`,
        message: `the kind must be one of ${ACCESS_KINDS.join(', ')} (write "kind | medium | provider | URL | region")`,
      });
    else if (!(ACCESS_MEDIA as readonly string[]).includes(medium))
      problems.push({
        where: `offers line ${n}`,
        message: `the medium must be one of ${ACCESS_MEDIA.join(', ')}`,
      });
    else if (!provider) problems.push({ where: `offers line ${n}`, message: 'needs a provider' });
    else if (url && !/^https?:\/\/\S+$/.test(url))
      problems.push({ where: `offers line ${n}`, message: 'the URL must be http(s)' });
    else
      offers.push({
        kind: kind as FilmFields['offers'][number]['kind'],
        medium: medium as FilmFields['offers'][number]['medium'],
        provider,
        url: url || null,
        region: region || null,
      });
  }
  const sourceGiven = [form.source_url, form.source_title].some((v) => v.trim());
  let source: NewSource | null = null;
  if (sourceGiven) {
    if (!/^https?:\/\/\S+$/.test(form.source_url.trim()))
      problems.push({ where: 'source.url', message: 'must be an http(s) URL' });
    if (!form.source_title.trim())
      problems.push({ where: 'source.title', message: 'must be 1–300 characters' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.source_accessed_on.trim()))
      problems.push({ where: 'source.accessed_on', message: 'must be a date (YYYY-MM-DD)' });
    source = {
      url: form.source_url.trim(),
      title: form.source_title.trim(),
      publisher: form.source_publisher.trim() || null,
      accessedOn: form.source_accessed_on.trim(),
    };
  }
  if (form.note.length > 5000)
    problems.push({ where: 'note', message: 'must be at most 5000 characters' });
  return {
    proposal: {
      original: form.original.trim(),
      originalLanguage: form.original_language.trim(),
      transliteration: form.transliteration.trim(),
      english: form.english.trim(),
      alternatives,
      credits,
      offers,
      source,
      note: form.note.trim(),
    },
    problems,
  };
}

export interface FilmChange {
  what: string;
  /** A word diff for a title; line lists for credits, offers and alternatives. */
  parts?: DiffPart[];
  removed?: string[];
  added?: string[];
}

/** What a film draft changes against the film as it was when the draft began. */
export function filmChanges(base: FilmFields, next: FilmFields): FilmChange[] {
  const out: FilmChange[] = [];
  const text = (what: string, a: string, b: string) => {
    if (a !== b) out.push({ what, parts: wordDiff(a, b) });
  };
  text('Original title', base.original, next.original);
  text('Original language', base.originalLanguage, next.originalLanguage);
  text('Transliterated title', base.transliteration, next.transliteration);
  text('English title', base.english, next.english);
  const list = (what: string, a: string, b: string) => {
    const la = a.split('\n').filter(Boolean);
    const lb = b.split('\n').filter(Boolean);
    const removed = la.filter((l) => !lb.includes(l));
    const added = lb.filter((l) => !la.includes(l));
    if (removed.length || added.length) out.push({ what, removed, added });
    else if (a !== b) out.push({ what: `${what} (order)`, removed: [], added: [] });
  };
  list('Alternative titles', alternativesText(base), alternativesText(next));
  list('Credits', creditsText(base), creditsText(next));
  list('English access offers', offersText(base), offersText(next));
  return out;
}

/** Two film states say the same (the film did not change under a draft). */
export function sameFilm(a: FilmFields, b: FilmFields): boolean {
  return filmChanges(a, b).length === 0;
}
