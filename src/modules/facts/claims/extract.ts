/**
 * Finds the checkable claims in a description or fact about a film, each with its character span:
 * awards and nominations, festival screenings, who directed, wrote or starred, the release year,
 * what it is based on, remakes and other versions, series membership and "first" (priority)
 * claims. Everything else (plot, opinion) comes back as `none` segments, so a reader can see the
 * whole text with each part marked.
 *
 * The subject of every claim is the film the text is about ("It was…", "The film won…"). The
 * extractor is a set of patterns over English prose, tuned to curators' notes; it prefers missing
 * a claim to inventing one.
 */
import { findEvent } from '../kb/vocabulary.ts';
import { parseOrdinal } from '../../../lib/text/index.ts';
import type { AwardResult } from '../kb/kb.ts';

export interface Span {
  start: number;
  end: number;
}

interface ClaimBase {
  /** Position in the text's claim list: c1, c2, … */
  id: string;
  /** The claim's words, as written. */
  text: string;
  span: Span;
  /** The whole sentence the claim is in. */
  sentence: Span;
  /** "was not nominated", "never won". */
  negated: boolean;
}

export type ClaimedAwardResult =
  Extract<AwardResult, 'won' | 'nominated' | 'in-competition' | 'special-mention'> | 'submitted';

export interface AwardClaim extends ClaimBase {
  kind: 'award';
  result: ClaimedAwardResult;
  event?: string;
  edition?: number;
  year?: number;
  /** The prize as written, without its event: "Best Original Screenplay", "Palme d'Or". */
  award?: string;
  /**
   * The prize read on past a comma, when the comma may belong to its name ("Best Writing, Story
   * and Screenplay"); the judge accepts either reading.
   */
  awardLong?: string;
}
export interface ScreeningClaim extends ClaimBase {
  kind: 'screening';
  event: string;
  edition?: number;
  year?: number;
  /** "in competition at" rather than "shown at". */
  competition: boolean;
}
export interface PeopleClaim extends ClaimBase {
  kind: 'director' | 'writer';
  people: string[];
}
export interface CastClaim extends ClaimBase {
  kind: 'cast';
  people: string[];
  character?: string;
}
export interface ReleaseYearClaim extends ClaimBase {
  kind: 'releaseYear';
  year: number;
}
export interface BasedOnClaim extends ClaimBase {
  kind: 'basedOn';
  work?: string;
  author?: string;
  form?: string;
}
export interface VersionClaim extends ClaimBase {
  kind: 'version';
  /** remadeAs: a later remake of this film; remakeOf: this film remakes an earlier one. */
  relation: 'remadeAs' | 'remakeOf' | 'otherVersion';
  year?: number;
  title?: string;
  director?: string;
}
export interface SeriesClaim extends ClaimBase {
  kind: 'series';
  /** 1 for "first part"; undefined for "part of a trilogy". */
  ordinal?: number;
  /** "final part". */
  last: boolean;
  /** Parts in the series, from the word used: trilogy 3. */
  of?: number;
  /** trilogy, series, saga… */
  seriesWord: string;
  about?: string;
}
export interface PriorityClaim extends ClaimBase {
  kind: 'priority';
  scope: 'first' | 'one-of-the-first' | 'only';
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
export interface StudioClaim extends ClaimBase {
  kind: 'studio';
  name: string;
}
export interface UncheckableSegment extends ClaimBase {
  kind: 'none';
  /** Why it is not checkable: an opinion, a plot description, or something the base does not cover. */
  reason: 'opinion' | 'plot' | 'outside';
}

export type Claim =
  | AwardClaim
  | ScreeningClaim
  | PeopleClaim
  | CastClaim
  | ReleaseYearClaim
  | BasedOnClaim
  | VersionClaim
  | SeriesClaim
  | PriorityClaim
  | StudioClaim
  | UncheckableSegment;
export type ClaimKind = Claim['kind'];

type Found = { start: number; end: number } & (
  | Omit<AwardClaim, keyof ClaimBase>
  | Omit<ScreeningClaim, keyof ClaimBase>
  | Omit<PeopleClaim, keyof ClaimBase>
  | Omit<CastClaim, keyof ClaimBase>
  | Omit<ReleaseYearClaim, keyof ClaimBase>
  | Omit<BasedOnClaim, keyof ClaimBase>
  | Omit<VersionClaim, keyof ClaimBase>
  | Omit<SeriesClaim, keyof ClaimBase>
  | Omit<PriorityClaim, keyof ClaimBase>
  | Omit<StudioClaim, keyof ClaimBase>
) & { negated?: boolean };

// --- sentences and clauses -----------------------------------------------------------------

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'no',
  'nos',
  'vs',
  'etc',
  'approx',
  'dir',
  'vol',
  'pp',
  'ca',
  'cf',
  'prof',
  'gen',
  'col',
  'lt',
  'sgt',
  'mt',
  'ft',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'u.s.s.r',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Sentence spans: ends at . ! ? followed by a capital, digit, quote or the end of the text. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const re = /[.!?]+["”’)\]]*(?=\s|$)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const before = text.slice(start, m.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
    const next = /\S/.exec(text.slice(end));
    const nextChar = next?.[0];
    if (m[0].startsWith('.')) {
      if (/^\p{Lu}$/u.test(lastWord)) continue; // an initial: "V. Pudovkin"
      if (ABBREVIATIONS.has(lastWord.toLowerCase())) continue;
    }
    if (nextChar !== undefined && !/[\p{Lu}\d"“‘'(]/u.test(nextChar)) continue;
    pushTrimmed(text, start, end, out);
    start = end;
  }
  pushTrimmed(text, start, text.length, out);
  return out;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}

const CLAUSE_BREAKS: readonly RegExp[] = [
  /;\s+/g,
  /\s+—\s+|\s+--\s+/g,
  /,\s+(?=(?:who|which|whose|where|whereas|while|although|though|but|yet|so|making|highlighting|showcasing|cementing|earning|marking|reflecting|securing|becoming|solidifying|establishing|underscoring|demonstrating|proving|with|as well as|something|this|it|the film|the movie|a topic|a theme|an? [a-z]+ (?:that|which|who))\b)/gi,
  /\s+(?=and\s+(?:was|were|is|has|had|won|received|earned|became|got|went|also|later|based|adapted|starring|shot|produced|directed|written|released|made|filmed|premiered|remains|it|the film)\b)/gi,
  /\s+(?=but\s)/gi,
];
const LEADING_PHRASE =
  /^(?:Directed|Co-directed|Written|Based|Adapted|Made|Shot|Produced|Starring|Released|Set|Filmed|Another adaptation|An adaptation|A remake|Although|Though|While|Despite|Unlike|Like|As|In \d{4})\b[^,]*,\s+/i;

/** Clause spans within a sentence, so that "won X, making it the most acclaimed…" splits in two. */
export function splitClauses(text: string, sentence: Span): Span[] {
  const s = text.slice(sentence.start, sentence.end);
  const cuts = new Set<number>();
  for (const re of CLAUSE_BREAKS) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      cuts.add(m.index);
      cuts.add(-(m.index + m[0].length) - 1); // encoded: where the next clause begins
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  const lead = LEADING_PHRASE.exec(s);
  if (lead && !/^In \d{4}/i.test(lead[0])) {
    const comma = lead[0].lastIndexOf(',');
    cuts.add(comma);
    cuts.add(-lead[0].length - 1);
  }
  const ends = [...cuts].filter((c) => c >= 0).sort((a, b) => a - b);
  const begins = [...cuts]
    .filter((c) => c < 0)
    .map((c) => -c - 1)
    .sort((a, b) => a - b);
  const pieces: Span[] = [];
  let from = 0;
  for (const end of ends) {
    if (end <= from) continue;
    const next = begins.find((b) => b >= end) ?? end;
    pieces.push({ start: from, end });
    from = next;
  }
  pieces.push({ start: from, end: s.length });
  // Trim, drop the sentence's closing punctuation, and fold tiny pieces into a neighbour.
  const trimmed = pieces
    .map((p) => {
      let a = p.start;
      let b = p.end;
      while (a < b && /[\s,;:—–]/.test(s[a] ?? '')) a++;
      while (b > a && /[\s.,;:!?—–]/.test(s[b - 1] ?? '')) b--;
      return { start: a, end: b };
    })
    .filter((p) => p.end > p.start);
  const merged: Span[] = [];
  for (const p of trimmed) {
    const words = s.slice(p.start, p.end).split(/\s+/).length;
    const prev = merged.at(-1);
    if (prev && words < 3) prev.end = p.end;
    else merged.push({ ...p });
  }
  const first = merged[0];
  const second = merged[1];
  if (first && second && s.slice(first.start, first.end).split(/\s+/).length < 3) {
    merged.splice(0, 2, { start: first.start, end: second.end });
  }
  return merged.map((p) => ({ start: sentence.start + p.start, end: sentence.start + p.end }));
}

// --- pieces of patterns ---------------------------------------------------------------------

const NAME_WORD = String.raw`(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’\-]*\.?`;
const PARTICLE = String.raw`(?:de|da|del|della|di|van|von|der|le|la|du|dos|bin|al|y)`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,3}`;
const NAME_AT = new RegExp(NAME, 'uy');
const NAME_SEP = /(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+with\s+)/uy;
const NOT_NAMES = new Set(['The', 'This', 'It', 'In', 'His', 'Her', 'Its', 'A', 'An', 'At', 'For']);

/** Reads "A", "A and B", "A, B and C" starting at `pos` (after optional spaces). */
function readNames(text: string, pos: number): { names: string[]; end: number } | null {
  let at = pos;
  while (/\s/.test(text[at] ?? '')) at++;
  const names: string[] = [];
  let end = at;
  for (;;) {
    NAME_AT.lastIndex = at;
    const m = NAME_AT.exec(text);
    if (!m) break;
    const name = m[0]
      .replace(/[.,]$/, '')
      .replace(/^(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?\s+/, '')
      .trim();
    if (NOT_NAMES.has(name.split(/\s+/)[0] ?? '')) break;
    names.push(name);
    end = m.index + m[0].length;
    NAME_SEP.lastIndex = end;
    const sep = NAME_SEP.exec(text);
    if (!sep) break;
    at = sep.index + sep[0].length;
  }
  return names.length > 0 ? { names, end } : null;
}

const YEAR = /\b(18[89]\d|19\d\d|20\d\d)\b/;
const EDITION = /\b(\d{1,3})(?:st|nd|rd|th)\b(?!\s+century)/i;
const WEAK_EVENT =
  /\b(?:at|in|to|for)\s+(?:the\s+)?(Cannes|Berlin|Venice|Moscow|Karlovy Vary|Locarno|San Sebasti[aá]n|San Francisco)\b/u;
const FESTIVAL_NAME =
  /(?:the\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+|\d{4}\s+)?((?:\p{Lu}[\p{L}'’.-]*\s+){1,5}(?:[Ff]ilm\s+)?(?:[Ff]estival|Awards|Film Awards))\b/u;

/** The event named in a piece of text: a known festival or ceremony, or a "… Festival" name. */
function detectEvent(text: string): string | undefined {
  const strong = findEvent(text, { weak: false });
  if (strong) return strong.name;
  const weak = WEAK_EVENT.exec(text);
  if (weak?.[1]) return findEvent(weak[1])?.name;
  // "at the International festival of agricultural films (Rome) in 1953": the whole name.
  const at =
    /\b(?:at|in)\s+the\s+((?:\d{1,3}(?:st|nd|rd|th)\s+)?\p{Lu}[^,;]*?\b(?:[Ff]estival|Awards)\b[^,;]*?)(?=\s+in\s+\d{4}|\s+(?:and|but|where|when)\s|[,;.]|$)/u.exec(
      text,
    );
  if (at?.[1]) return at[1].replace(/^\d{1,3}(?:st|nd|rd|th)\s+/, '').trim();
  const generic = FESTIVAL_NAME.exec(text);
  return generic?.[1]?.trim();
}

function yearIn(text: string): number | undefined {
  const m = YEAR.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

function editionIn(text: string): number | undefined {
  const m = EDITION.exec(text);
  return m?.[1] ? Number(m[1]) : undefined;
}

const NEGATION = /\b(?:not|never|n't|failed to|without)\b/i;

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

// --- matchers -------------------------------------------------------------------------------

function matchPriority(c: string): Found[] {
  const m =
    /\b(?:(one of)\s+)?the\s+(?:very\s+)?(first|earliest|only)\s+((?:[\p{L}-]+\s+){0,4}?)(?:(?:films?|movies?|pictures?|features?|works?|productions?)\s+)?(?:ever\s+)?to\s+(.+)$/iu.exec(
      c,
    );
  if (!m?.[2] || m[4] === undefined) return [];
  const words = (m[3] ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  // "the first part of a trilogy" is a series claim, not a priority claim.
  if (words.some((w) => /^(part|instal?l?ment|chapter|episode|of)$/i.test(w))) return [];
  let country: string | undefined;
  const qualifiers: string[] = [];
  for (const w of words) {
    const c2 = COUNTRY_ADJECTIVES[w.toLowerCase()];
    if (c2 && country === undefined) country = c2;
    else qualifiers.push(w);
  }
  const predicate = m[4].trim();
  const scope = m[2].toLowerCase() === 'only' ? 'only' : m[1] ? 'one-of-the-first' : 'first';
  const event = detectEvent(predicate);
  let action: PriorityClaim['action'] = 'other';
  let award: string | undefined;
  if (
    /\b(?:be\s+)?(?:shown|screened|presented|premiered?|compete|competed|entered|selected|invited)\b/i.test(
      predicate,
    ) &&
    event
  ) {
    action = 'screened';
  } else if (/\b(?:win|won|receive|received|be awarded|take)\b/i.test(predicate)) {
    const obj =
      /\b(?:win|won|receive|received|be awarded|take)\s+(.+)$/i.exec(predicate)?.[1] ?? '';
    const parsed = parseAwardObject(obj);
    award = parsed.award;
    action = award || parsed.event ? 'won' : 'other';
  }
  const found: Found = {
    kind: 'priority',
    scope,
    qualifiers,
    predicate,
    action,
    start: m.index,
    end: c.length,
    ...(country ? { country } : {}),
    ...(event ? { event } : {}),
    ...(award ? { award } : {}),
  };
  return [found];
}

const SERIES_WORDS: Readonly<Record<string, number | undefined>> = {
  trilogy: 3,
  tetralogy: 4,
  quartet: 4,
  duology: 2,
  dilogy: 2,
  series: undefined,
  saga: undefined,
  cycle: undefined,
  franchise: undefined,
  sequence: undefined,
};

function matchSeries(c: string): Found[] {
  const re =
    /\b(?:the\s+)?(?:(first|second|third|fourth|fifth|final|last|concluding|opening|\d+(?:st|nd|rd|th))\s+)?(?:part|instal?l?ment|film|chapter|entry|episode|movie|volume)(?:\s+(one|two|three|four|\d|i{1,3}|iv))?\s+(?:of|in)\s+(?:a|an|the|his|her|their|its)\s+((?:[\p{L}'’-]+\s+){0,4}?)(trilogy|tetralogy|quartet|duology|dilogy|series|saga|cycle|franchise|sequence)\b(?:\s+(?:about|on|of|based on)\s+([^,;]+))?/iu;
  const m = re.exec(c);
  if (!m?.[4]) return [];
  const word = m[4].toLowerCase();
  const position = m[1]?.toLowerCase();
  const last = position === 'final' || position === 'last' || position === 'concluding';
  let ordinal: number | undefined;
  if (position === 'opening') ordinal = 1;
  else if (position && !last)
    ordinal = parseOrdinal(position.replace(/(st|nd|rd|th)$/, '')) ?? parseOrdinal(position);
  if (ordinal === undefined && m[2]) ordinal = parseOrdinal(m[2]);
  // "part of a trilogy" without a position says only that it belongs to one.
  if (position === undefined && m[2] === undefined && !/\bpart\b/i.test(m[0])) return [];
  const found: Found = {
    kind: 'series',
    last,
    seriesWord: word,
    start: m.index,
    end: m.index + m[0].length,
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(SERIES_WORDS[word] !== undefined ? { of: SERIES_WORDS[word] } : {}),
    ...(m[5] ? { about: m[5].trim() } : {}),
  };
  return [found];
}

const EVENT_AWARD_WORDS =
  /^(academy awards?|oscars?|bafta(?: awards?)?|british academy (?:film )?awards?|golden globes?(?: awards?)?|european film awards?)\s+for\s+(.+)$/i;
const AWARD_WORD =
  /\b(prize|award|palme|bear|lion|globe|oscar|mention|medal|leopard|shell|palm|cup|grand prix|diploma|plaque|st\.? george)\b/i;

/** Splits the object of "won …" into the prize and its event. */
/** The prize's words up to where the phrase ends; `commas: false` reads past ", Capitalised". */
function cutPrize(text: string, stopAtFor: boolean, commas: boolean): string {
  const comma = commas ? ',' : ',(?!\\s*\\p{Lu})';
  const forIts = stopAtFor ? '|\\s+for\\s+(?:its|his|her|their|the film|this film)\\b' : '';
  const re = new RegExp(
    `\\s+(?:at|in|during|from)\\s+(?:the\\s+)?(?=\\d|\\p{Lu})|\\s+in\\s+\\d{4}|${comma}|;${forIts}`,
    'u',
  );
  return (text.split(re)[0] ?? '').trim().replace(/[.!?]+$/, '');
}

/** Splits the object of "won …" into the prize and its event. */
function parseAwardObject(raw: string): { award?: string; awardLong?: string; event?: string } {
  const obj = raw.trim().replace(/^(?:the|a|an|its|two|three|several|both|another)\s+/i, '');
  const event = detectEvent(raw);
  const withEvent = EVENT_AWARD_WORDS.exec(obj);
  if (withEvent?.[2]) {
    const award = cutPrize(withEvent[2], false, true);
    const awardLong = cutPrize(withEvent[2], false, false);
    const ev = findEvent(withEvent[1] ?? '')?.name;
    return {
      ...(award ? { award } : {}),
      ...(awardLong !== award ? { awardLong } : {}),
      ...(ev ? { event: ev } : {}),
    };
  }
  const short = cutPrize(obj, true, true);
  const long = cutPrize(obj, true, false);
  // A bare event ("an Academy Award", "an Oscar") names no category.
  if (
    short === '' ||
    (findEvent(short, { weak: false }) &&
      !AWARD_WORD.test(short.replace(/\b(academy awards?|oscars?)\b/gi, '')))
  ) {
    const ev = findEvent(short, { weak: false })?.name ?? event;
    return ev ? { event: ev } : {};
  }
  if (!/\p{Lu}/u.test(short) && !AWARD_WORD.test(short)) return event ? { event } : {};
  // "the Cannes Grand Prix": the event's name inside the prize's name.
  const cityFirst = /^(Cannes|Berlin|Venice|Moscow|Oscar|Academy)\s+(.+)$/u.exec(short);
  const award = cityFirst?.[2] && AWARD_WORD.test(cityFirst[2]) ? cityFirst[2] : short;
  const ev =
    event ??
    (cityFirst?.[1] ? findEvent(cityFirst[1])?.name : undefined) ??
    findEvent(award, { weak: false })?.name;
  return {
    award,
    ...(long !== short && award === short ? { awardLong: long } : {}),
    ...(ev ? { event: ev } : {}),
  };
}

function matchAward(c: string): Found[] {
  const verbs: Array<{ re: RegExp; result: ClaimedAwardResult }> = [
    {
      re: /\b(?:received|earned|got|garnered)\s+(?:a|an)\s+special\s+mention\b/i,
      result: 'special-mention',
    },
    {
      re: /\b(?:was\s+|were\s+)?(?:nominated\s+for|(?:received|earned|got|garnered)\s+(?:a|an|two|three|several)?\s*nominations?\s+(?:for|at)|shortlisted\s+for|a\s+nominee\s+for|in\s+the\s+running\s+for|up\s+for)\b/i,
      result: 'nominated',
    },
    {
      re: /\b(?:competed\s+for|competing\s+for|in\s+competition\s+for)\b/i,
      result: 'in-competition',
    },
    {
      re: /\b(?:submitted|selected|chosen)\s+as\s+(?:the\s+)?(?:[\p{L}]+\s+)?(?:entry|submission)\s+for\b/iu,
      result: 'submitted',
    },
    {
      re: /\b(?:won|win|wins|winning|the\s+winner\s+of|winner\s+of|received|receiving|was\s+awarded|were\s+awarded|awarded|earned|earning|took(?:\s+home)?|picked\s+up|collected|garnered|scooped|claimed|was\s+honou?red\s+with|shared)\b/i,
      result: 'won',
    },
  ];
  for (const { re, result } of verbs) {
    const m = re.exec(c);
    if (!m) continue;
    const after = c.slice(m.index + m[0].length);
    const parsed =
      result === 'special-mention'
        ? { award: 'Special Mention', event: detectEvent(after) }
        : parseAwardObject(after);
    if (!parsed.award && !parsed.event) continue;
    // "won the hearts of…" and "received acclaim" name no prize: not an award claim.
    if (
      result === 'won' &&
      !parsed.award &&
      !/\b(?:academy award|oscar|bafta|golden globe|award|prize)\b/i.test(after)
    )
      continue;
    const found: Found = {
      kind: 'award',
      result,
      start: m.index,
      end: c.length,
      negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
      ...(parsed.event ? { event: parsed.event } : {}),
      ...(parsed.award ? { award: parsed.award } : {}),
      ...('awardLong' in parsed && parsed.awardLong ? { awardLong: parsed.awardLong } : {}),
    };
    const edition = editionIn(c);
    const year = yearIn(c);
    if (edition !== undefined && found.kind === 'award') found.edition = edition;
    if (year !== undefined && found.kind === 'award') found.year = year;
    return [found];
  }
  return [];
}

function matchScreening(c: string): Found[] {
  const m =
    /\b(?:was\s+|were\s+)?(shown|screened|presented|premiered|premiering|selected|played|competed|entered|included|debuted|(?:shown\s+)?in\s+(?:the\s+)?(?:main\s+)?competition)\b(?:\s+(?:in|for)\s+(?:the\s+)?(?:main\s+)?competition)?\s+(?:at|in|for)\s+/i.exec(
      c,
    );
  if (!m) return [];
  const rest = c.slice(m.index);
  const event = detectEvent(rest);
  if (!event) return [];
  const competition = /competition|competed|entered/i.test(m[0]);
  const found: Found = {
    kind: 'screening',
    event,
    competition,
    start: m.index,
    end: c.length,
    negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
  };
  const edition = editionIn(rest);
  const year = yearIn(rest);
  if (edition !== undefined && found.kind === 'screening') found.edition = edition;
  if (year !== undefined && found.kind === 'screening') found.year = year;
  return [found];
}

function matchPeople(c: string): Found[] {
  const out: Found[] = [];
  const add = (kind: 'director' | 'writer', re: RegExp) => {
    const m = re.exec(c);
    if (!m) return;
    const names = readNames(c, m.index + m[0].length);
    if (!names) return;
    out.push({
      kind,
      people: names.names,
      start: m.index,
      end: names.end,
      negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
    });
  };
  add(
    'director',
    /\b(?:(?:co-)?directed\s+by|direction\s+by|(?:a|the)\s+(?:film|movie|picture)\s+by(?:\s+director)?|by\s+director)\b/i,
  );
  add(
    'writer',
    /\b(?:(?:co-)?written\s+by|(?:screenplay|script|scenario)\s+(?:was\s+)?(?:written\s+)?by|scripted\s+by)\b/i,
  );
  // "Mark Donskoy directed it."
  const subj = new RegExp(
    String.raw`(${NAME})\s+(co-directed|directed|wrote|scripted)\s+(?:it|the film|this film|the movie|the screenplay|the script)\b`,
    'u',
  ).exec(c);
  if (subj?.[1] && subj[2] && !NOT_NAMES.has(subj[1].split(/\s+/)[0] ?? '')) {
    const kind = /direct/i.test(subj[2]) ? 'director' : 'writer';
    const person = subj[1].replace(/^(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?\s+/, '');
    if (!out.some((o) => o.kind === kind)) {
      out.push({
        kind,
        people: [person],
        start: subj.index,
        end: subj.index + subj[0].length,
        negated: false,
      });
    }
  }
  return out;
}

function matchCast(c: string): Found[] {
  const m =
    /\b(?:starring|stars|starred|featuring\s+(?:actors?|actress)|with\s+(?:actors?|actress))\s+/i.exec(
      c,
    );
  if (m) {
    const names = readNames(c, m.index + m[0].length);
    if (names) return [{ kind: 'cast', people: names.names, start: m.index, end: names.end }];
  }
  const plays = new RegExp(
    String.raw`(${NAME})\s+(?:plays|played|stars\s+as|starred\s+as|portrays|portrayed)\s+(?:the\s+)?(${NAME})`,
    'u',
  ).exec(c);
  if (plays?.[1] && plays[2] && !NOT_NAMES.has(plays[1].split(/\s+/)[0] ?? '')) {
    return [
      {
        kind: 'cast',
        people: [plays[1]],
        character: plays[2],
        start: plays.index,
        end: plays.index + plays[0].length,
      },
    ];
  }
  return [];
}

function matchVersion(c: string): Found[] {
  const remade = /\b(?:was\s+|were\s+|has\s+been\s+|got\s+)?remade\b/i;
  const m = remade.exec(c);
  if (m) {
    const tail = c.slice(m.index);
    const by = /\bby\s+/i.exec(tail);
    const director = by ? readNames(tail, by.index + by[0].length)?.names[0] : undefined;
    const year = yearIn(tail.split(/,|;|\bbut\b/)[0] ?? '');
    const as = /\bas\s+["“]?(\p{Lu}[^,;"”]*?)["”]?(?=\s+(?:in|by)\b|[,;]|$)/u.exec(tail);
    return [
      {
        kind: 'version',
        relation: 'remadeAs',
        start: m.index,
        end: c.length,
        negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
        ...(year !== undefined ? { year } : {}),
        ...(as?.[1] ? { title: as[1].trim() } : {}),
        ...(director ? { director } : {}),
      },
    ];
  }
  const remakeOf = /\b(?:a|the|is\s+a|was\s+a)\s+remake\s+of\s+(.+)$/i.exec(c);
  if (remakeOf?.[1]) {
    const object = remakeOf[1];
    const year = yearIn(object);
    const by = /\bby\s+/i.exec(object);
    const director = by ? readNames(object, by.index + by[0].length)?.names[0] : undefined;
    const title =
      /^(?:the\s+)?(?:\d{4}\s+)?(?:(?:silent|original|earlier|soviet)\s+)*(?:film|movie|version)?\s*["“]?(\p{Lu}[^,;"”(]*?)["”]?(?:\s*\(\d{4}\)|\s+(?:from|by|in)\b|[,;]|$)/u.exec(
        object,
      )?.[1];
    return [
      {
        kind: 'version',
        relation: 'remakeOf',
        start: remakeOf.index,
        end: c.length,
        ...(year !== undefined ? { year } : {}),
        ...(title ? { title: title.trim() } : {}),
        ...(director ? { director } : {}),
      },
    ];
  }
  const later = /\b(?:the|a)\s+(\d{4})\s+remake\b/i.exec(c);
  if (later?.[1]) {
    return [
      {
        kind: 'version',
        relation: 'remadeAs',
        year: Number(later[1]),
        start: later.index,
        end: c.length,
      },
    ];
  }
  const version =
    /\b(?:an?|the)\s+(earlier|later|previous|subsequent|first|original|silent|sound|new)\s+(?:film\s+)?(?:version|adaptation|screen\s+version)\b(?:\s+(?:from|of|in|made\s+in)\s+(?:the\s+)?(?:same\s+\w+\s+)?(?:in\s+)?(\d{4})?)?/i.exec(
      c,
    );
  if (version?.[1]) {
    // "An earlier version" may be this film or another; only the year tells, so it is a version
    // of either direction.
    const relation = 'otherVersion';
    const year = yearIn(c.slice(version.index));
    return [
      {
        kind: 'version',
        relation,
        start: version.index,
        end: c.length,
        ...(year !== undefined ? { year } : {}),
      },
    ];
  }
  return [];
}

const FORMS =
  /\b(short story|novella|novel|play|story|book|poem|memoir|autobiography|trilogy|stories|screenplay)\b/i;

function matchBasedOn(c: string): Found[] {
  const m =
    /\b(?:based\s+on|adapted\s+from|(?:an?|another|the)\s+(?:film\s+)?adaptation\s+of|adaptation\s+of)\s+(.+)$/i.exec(
      c,
    );
  if (!m?.[1]) return [];
  const object = m[1].split(/,|;|\s+(?:this|the film|it)\b/)[0] ?? m[1];
  let author: string | undefined;
  let work: string | undefined;
  const possessive = new RegExp(String.raw`^(?:the\s+)?(${NAME})['’]s?\s+`, 'u').exec(object);
  let rest = object;
  if (possessive?.[1]) {
    author = possessive[1];
    rest = object.slice(possessive[0].length);
  }
  const form = FORMS.exec(rest)?.[1]?.toLowerCase();
  const by = /\bby\s+/i.exec(rest);
  if (!author && by) author = readNames(rest, by.index + by[0].length)?.names[0];
  const titled = new RegExp(
    String.raw`(?:novel|novella|play|story|book|poem|memoir)\s+["“]?(\p{Lu}[^,;"”]*?)["”]?(?=\s+by\b|[,;]|$)`,
    'u',
  ).exec(rest);
  if (titled?.[1]) work = titled[1].trim();
  else if (!form) {
    const lead = new RegExp(
      String.raw`^(?:the\s+)?["“]?(\p{Lu}[^,;"”]*?)["”]?(?=\s+by\b|[,;]|$)`,
      'u',
    ).exec(rest);
    if (lead?.[1]) work = lead[1].trim();
  }
  if (!author && !work && !form) return [];
  return [
    {
      kind: 'basedOn',
      start: m.index,
      end: m.index + m[0].length - (m[1].length - object.length),
      ...(author ? { author } : {}),
      ...(work ? { work } : {}),
      ...(form ? { form } : {}),
    },
  ];
}

const STUDIOS =
  /\b(Mosfilm|Lenfilm|Soyuzdetfilm|Mezhrabpom(?:-Rus|film)?|Gorky Film Studio|M\. Gorky Film Studio|Dovzhenko Film Studios?|Kiev Film Studio|Georgian-film|Gruziya-film|Belarusfilm|Sovkino|Goskino)\b/u;

function matchStudio(c: string): Found[] {
  const m =
    /\b(?:produced\s+(?:at|by)|made\s+at|shot\s+at|a\s+(?=\S+\s+production)|at\s+the)\s+/i.exec(c);
  const s = STUDIOS.exec(c);
  if (!s?.[1]) return [];
  const production = /\bproduction\b/i.test(c.slice(s.index));
  if (!m && !production) return [];
  return [
    {
      kind: 'studio',
      name: s[1],
      start: m ? Math.min(m.index, s.index) : s.index,
      end: s.index + s[0].length,
    },
  ];
}

function matchReleaseYear(c: string): Found[] {
  const released =
    /\b(?:was\s+)?(?:released|made|produced|filmed|shot|completed|came\s+out)\s+in\s+(\d{4})\b/i.exec(
      c,
    );
  if (released?.[1])
    return [
      {
        kind: 'releaseYear',
        year: Number(released[1]),
        start: released.index,
        end: released.index + released[0].length,
      },
    ];
  const adjective =
    /\b(?:a|this|the)\s+(\d{4})\s+(?:[\p{L}-]+\s+){0,3}?(?:film|movie|picture|drama|feature)\b/iu.exec(
      c,
    );
  if (adjective?.[1])
    return [
      {
        kind: 'releaseYear',
        year: Number(adjective[1]),
        start: adjective.index,
        end: adjective.index + adjective[0].length,
      },
    ];
  return [];
}

// Run in this order; a later matcher ignores text an earlier one claimed.
const MATCHERS: ReadonlyArray<(clause: string) => Found[]> = [
  matchPriority,
  matchSeries,
  matchAward,
  matchScreening,
  matchVersion,
  matchBasedOn,
  matchPeople,
  matchCast,
  matchStudio,
  matchReleaseYear,
];

const OPINION =
  /\b(considered|regarded|acclaimed|celebrated|masterpiece|classic|iconic|known for|renowned|famous|powerful|poignant|tender|touching|moving|stunning|beautiful|highlighting|showcasing|testament|universal|resonat\w*|deeply|profound|remarkable|greatest|finest|most|best|appeal|influential|beloved|unforgettable|haunting|stark|important|essential|masterful|brilliant|timeless|wave)\b/i;
const PLOT =
  /\b(tells|story|follows|features|portrays|depicts|explores|focus(?:es|ing)?|set (?:during|in)|centers|centres|plot|protagonist|subplot|scene|narrative|journey|struggles?|meets|sacrific\w*|waits|returns?|falls in love|who must|her son|his mother|grandmother|character)\b/i;

function classify(text: string): UncheckableSegment['reason'] {
  const plot = PLOT.test(text);
  const opinion = OPINION.test(text);
  if (plot && !/^(?:highlighting|showcasing|making|which|who)\b/i.test(text)) return 'plot';
  if (opinion) return 'opinion';
  return plot ? 'plot' : 'outside';
}

/** Extracts every claim from a text, checkable or not, in reading order. */
export function extractClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  let n = 0;
  const nextId = () => `c${++n}`;
  for (const sentence of splitSentences(text)) {
    for (const clause of splitClauses(text, sentence)) {
      const c = text.slice(clause.start, clause.end);
      const found: Found[] = [];
      for (const matcher of MATCHERS) {
        for (const f of matcher(c)) {
          if (!found.some((g) => f.start < g.end && g.start < f.end)) found.push(f);
        }
      }
      if (found.length === 0) {
        claims.push({
          id: nextId(),
          kind: 'none',
          reason: classify(c),
          text: c,
          span: clause,
          sentence,
          negated: false,
        });
        continue;
      }
      found.sort((a, b) => a.start - b.start);
      for (const f of found) {
        // One claim in a clause owns the whole clause; several share it by their own words.
        const span =
          found.length === 1
            ? clause
            : { start: clause.start + f.start, end: clause.start + f.end };
        const { start: _s, end: _e, negated, ...rest } = f;
        claims.push({
          ...rest,
          id: nextId(),
          text: text.slice(span.start, span.end),
          span,
          sentence,
          negated: negated ?? false,
        } as Claim);
      }
    }
  }
  return claims;
}

/** Only the claims the knowledge base can judge. */
export function checkableClaims(claims: readonly Claim[]): Claim[] {
  return claims.filter((c) => c.kind !== 'none');
}
