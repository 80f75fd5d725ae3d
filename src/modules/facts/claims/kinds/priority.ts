/**
 * Priority and uniqueness: "one of the first Soviet films to be shown at Cannes", "the only film
 * to win …". Contradicted by known earlier occurrences; supported only by a recorded "first" edition.
 */
import type { AwardEdition } from '../../kb/kb.ts';
import { joinWords, normalize } from '../../../../lib/text/index.ts';
import { compareAwards, sameEvent } from '../../kb/vocabulary.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { detectEvent } from '../core/patterns.ts';
import {
  type Decision,
  type Evidence,
  editionName,
  type FilmContext,
  stmt,
} from '../core/verdict.ts';
import { parseAwardObject } from './award.ts';

export interface PriorityClaim extends ClaimBase {
  kind: 'priority';
  scope: 'first' | 'one-of-the-first' | 'only' | 'last';
  /** "ever": of all films, not only those of the group's time. */
  ever: boolean;
  /** Country the claim is about, from an adjective: "Soviet" → Soviet Union. */
  country?: string;
  /** Other qualifiers of the group ("sound", "colour"): the base cannot check those. */
  qualifiers: string[];
  /** What was done first: "be shown at the Cannes Film Festival". */
  predicate: string;
  action: 'screened' | 'won' | 'other';
  event?: string;
  award?: string;
}

const COUNTRY_ADJECTIVES: Readonly<Record<string, string>> = {
  soviet: 'Soviet Union',
  russian: 'Russia',
  ukrainian: 'Ukraine',
  georgian: 'Georgia',
  belarusian: 'Belarus',
  french: 'France',
  italian: 'Italy',
  american: 'United States',
  british: 'United Kingdom',
  german: 'Germany',
  polish: 'Poland',
  hungarian: 'Hungary',
  czech: 'Czechoslovakia',
  czechoslovak: 'Czechoslovakia',
  swedish: 'Sweden',
  spanish: 'Spain',
  japanese: 'Japan',
  indian: 'India',
  bulgarian: 'Bulgaria',
};

const GROUP_NOUN = String.raw`(?:films?|movies?|pictures?|features?|works?|productions?|entr(?:y|ies))`;
const PRIORITY = new RegExp(
  String.raw`\b(?:(one of)\s+)?the\s+(?:very\s+)?(first|earliest|only|sole|last|final)\s+((?:[\p{L}-]+\s+){0,4}?)(?:${GROUP_NOUN}\b\s*)(.*)$`,
  'iu',
);
const PRIORITY_NO_NOUN =
  /\b(?:(one of)\s+)?the\s+(?:very\s+)?(first|earliest|only|sole|last|final)\s+((?:[\p{L}-]+\s+){0,4}?)(?:ever\s+)?to\s+(.+)$/iu;
// What follows the group's noun before the predicate: "by a woman director", "from Georgia".
const GROUP_TAIL =
  /^((?:by|from|of|about|made\s+by|directed\s+by)\s+.+?)\s+(?=(?:ever\s+)?to\s|(?:ever\s+)?(?:in|at|shown|screened|presented|selected|entered|released|made)\b)/iu;

export function matchPriority(c: string): Found<PriorityClaim>[] {
  const m = PRIORITY.exec(c) ?? PRIORITY_NO_NOUN.exec(c);
  if (!m?.[2] || m[4] === undefined) return [];
  const words = (m[3] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  // "the first part of a trilogy" is a series claim, not a priority claim.
  if (words.some((w) => /^(part|instal?l?ment|chapter|episode|of|film|films)$/i.test(w))) return [];
  let country: string | undefined;
  const qualifiers: string[] = [];
  for (const w of words) {
    const c2 = COUNTRY_ADJECTIVES[w.toLowerCase()];
    if (c2 && country === undefined) country = c2;
    else qualifiers.push(w);
  }
  let rest = m[4].trim();
  const tail = GROUP_TAIL.exec(rest);
  if (tail?.[1]) {
    qualifiers.push(tail[1]);
    rest = rest.slice(tail[0].length);
  }
  const ever = /^ever\s+/i.test(rest);
  const predicate = rest
    .replace(/^ever\s+/i, '')
    .replace(/^to\s+/i, '')
    .trim();
  // "the first film of Donskoy's trilogy", "the last film Pudovkin made": not about an event.
  if (predicate === '' || /^of\b/i.test(predicate)) return [];
  const first = m[2].toLowerCase();
  const scope: PriorityClaim['scope'] =
    first === 'only' || first === 'sole'
      ? 'only'
      : first === 'last' || first === 'final'
        ? 'last'
        : m[1]
          ? 'one-of-the-first'
          : 'first';
  const event = detectEvent(predicate);
  let action: PriorityClaim['action'] = 'other';
  let award: string | undefined;
  if (
    /^(?:be\s+)?(?:(?:shown|screened|presented|premiered?|compete|competed|competing|entered|selected|invited|in\s+competition|in\s+the\s+(?:official\s+)?(?:competition|selection))\b|(?:at|in)\s+(?:the\s+)?(?:\d+\w*\s+)?\p{Lu})/iu.test(
      predicate,
    ) &&
    event
  ) {
    action = 'screened';
  } else if (/^(?:win|won|receive|received|be awarded|take|get)\b/i.test(predicate)) {
    const obj =
      /^(?:win|won|receive|received|be awarded|take|get)\s+(.+)$/i.exec(predicate)?.[1] ?? '';
    const generic = /^(?:an?|any)\s+(?:prize|award)\b/i.test(obj);
    const parsed = generic ? { award: undefined, event: detectEvent(obj) } : parseAwardObject(obj);
    award = parsed.award;
    action = award || parsed.event ? 'won' : 'other';
  }
  const found: Found<PriorityClaim> = {
    kind: 'priority',
    scope,
    qualifiers,
    predicate,
    action,
    ever,
    start: m.index,
    end: c.length,
    ...(country ? { country } : {}),
    ...(event ? { event } : {}),
    ...(award ? { award } : {}),
  };
  return [found];
}

function sameCountry(a: string, b: string): boolean {
  const alias = (s: string) => {
    const n = normalize(s);
    return n === 'ussr' || n === 'soviet' ? 'soviet union' : n;
  };
  return alias(a) === alias(b);
}

export function judgePriority(claim: PriorityClaim, film: FilmContext): Decision {
  if (claim.scope === 'last') {
    return {
      verdict: 'unsupported',
      explanation: `A "last" claim needs a statement that nothing of the kind came later; the knowledge base holds none for "${claim.predicate}".`,
      evidence: [],
    };
  }
  if (claim.action === 'other' || claim.event === undefined) {
    return {
      verdict: 'unsupported',
      explanation: `A "${claim.scope === 'only' ? 'only' : 'first'}" claim the knowledge base cannot test: it records festival screenings and awards, not who first did "${claim.predicate}". It needs its own source.`,
      evidence: [],
    };
  }
  const event = claim.event;
  const country = claim.country;
  const ofGroup = (countries: readonly string[]) =>
    country === undefined || countries.some((c) => sameCountry(c, country));
  const canContradict = claim.qualifiers.length === 0;
  const awardMatches = (name: string) =>
    claim.action !== 'won' ||
    claim.award === undefined ||
    compareAwards(claim.award, name) === 'same';

  // When this film did it.
  const ownStatements = film.kb
    .statements(film.key, 'award')
    .filter(
      (s) =>
        sameEvent(s.value.event, event) &&
        s.value.year !== undefined &&
        (claim.action === 'won'
          ? s.value.result === 'won' && awardMatches(s.value.award)
          : s.value.result !== 'submitted-not-nominated'),
    );
  const ownListings = film.kb
    .listings(film.key)
    .filter(
      (l) =>
        sameEvent(l.edition.event, event) &&
        (claim.action !== 'won' || (l.role === 'winner' && awardMatches(l.edition.award))),
    );
  const ownYears = [
    ...ownStatements.map((s) => s.value.year ?? Infinity),
    ...ownListings.map((l) => l.edition.year),
  ];
  const ownYear = ownYears.length > 0 ? Math.min(...ownYears) : undefined;
  // Without its own date, a film cannot have taken part before it was made (a year's grace).
  const bound = ownYear ?? (film.year !== undefined ? film.year - 1 : undefined);

  // Other films of the group at the same event, with their years.
  const others = new Map<string, { title: string; year: number; edition: AwardEdition }>();
  const firstFor: AwardEdition[] = [];
  for (const e of film.kb.editions({ event })) {
    if (e.firstFor && country !== undefined && sameCountry(e.firstFor.country, country))
      firstFor.push(e);
    if (claim.action === 'won' && (e.kind !== 'award' || !awardMatches(e.award))) continue;
    const entries = claim.action === 'won' ? e.winners : [...e.winners, ...e.nominees];
    for (const entry of entries) {
      if (film.kb.entryMightBeFilm(entry, film.key, e.year) || !ofGroup(entry.countries)) continue;
      const k = normalize(entry.title);
      const prev = others.get(k);
      if (!prev || e.year < prev.year)
        others.set(k, { title: entry.title, year: e.year, edition: e });
    }
  }
  const earlier = [...others.values()]
    .filter((o) => bound !== undefined && o.year < bound)
    .sort((a, b) => a.year - b.year);
  const group = `${country ? `${country === 'Soviet Union' ? 'Soviet' : country} ` : ''}films`;
  const doing =
    claim.action === 'won'
      ? `won ${claim.award ?? 'a prize'} at the ${event}`
      : `were shown at the ${event}`;
  const ownText =
    ownYear !== undefined
      ? ` ${film.title} ${claim.action === 'won' ? 'won it' : 'was there'} in ${ownYear}.`
      : '';
  const earliestYear = earlier[0]?.year;
  const editionEvidence = (list: typeof earlier): Evidence[] =>
    [...new Set(list.map((o) => o.edition))].map((edition) => ({ type: 'edition', edition }));

  if (canContradict && earliestYear !== undefined && bound !== undefined) {
    const sample = joinWords(earlier.slice(0, 3).map((o) => `${o.title} (${o.year})`));
    if (claim.scope === 'first') {
      return {
        verdict: 'contradicted',
        explanation: `${sample} ${earlier.length === 1 ? 'was' : 'were'} ${claim.action === 'won' ? 'among the winners there' : 'there'} earlier.${ownText}`,
        evidence: [...editionEvidence(earlier), ...ownStatements.map(stmt)],
      };
    }
    if (claim.scope === 'one-of-the-first' && earlier.length >= 3 && bound - earliestYear >= 5) {
      const firstNote =
        firstFor.length > 0
          ? ` ${group[0]?.toUpperCase()}${group.slice(1)} first ${claim.action === 'won' ? 'won there' : 'took part'} in ${Math.min(...firstFor.map((e) => e.year))}.`
          : '';
      return {
        verdict: 'contradicted',
        explanation: `At least ${earlier.length} ${group} ${doing} before ${film.title}, the earliest in ${earliestYear}: ${sample}.${ownText}${firstNote}`,
        evidence: [
          ...editionEvidence(earlier),
          ...firstFor
            .filter((e) => !earlier.some((o) => o.edition === e))
            .map((edition) => ({ type: 'edition' as const, edition })),
          ...ownStatements.map(stmt),
        ],
      };
    }
  }
  if (claim.scope === 'only' && canContradict) {
    const rivals = [...others.values()];
    if (rivals.length > 0) {
      return {
        verdict: 'contradicted',
        explanation: `Other ${group} also ${doing}: ${joinWords(rivals.slice(0, 3).map((o) => `${o.title} (${o.year})`))}.`,
        evidence: editionEvidence(rivals),
      };
    }
  }
  // Supported only by a recorded priority: the edition at which films of this country first took
  // part, with this film in it. "The first" needs it to be the only film of the group there.
  const inFirst =
    claim.action === 'screened' && claim.qualifiers.length === 0 && !claim.ever
      ? firstFor.filter((e) =>
          [...e.winners, ...e.nominees].some((entry) =>
            film.kb.entryIsFilm(entry, film.key, e.year),
          ),
        )
      : [];
  const alone = (e: AwardEdition) =>
    [...e.winners, ...e.nominees].filter((entry) => ofGroup(entry.countries)).length === 1;
  if (
    inFirst.length > 0 &&
    (claim.scope === 'one-of-the-first' || (claim.scope === 'first' && inFirst.every(alone)))
  ) {
    return {
      verdict: 'supported',
      explanation: `${film.title} was among the first ${group} at the ${event}, at the ${editionName(inFirst[0] ?? { event, year: 0 })}, the first time ${group} took part.`,
      evidence: inFirst.map((edition) => ({ type: 'edition', edition })),
    };
  }
  return {
    verdict: 'unsupported',
    explanation: `The knowledge base cannot confirm that ${film.title} was ${claim.scope === 'only' ? 'the only one of the' : claim.scope === 'first' ? 'the first of the' : 'one of the first'} ${group} that ${doing}.${ownText}`,
    evidence: ownStatements.map(stmt),
  };
}
