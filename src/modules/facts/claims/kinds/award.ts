/**
 * Awards and nominations: "won the Palme d'Or in 1958", "was nominated for the Academy Award for
 * Best Original Screenplay". Contradicted only by a complete, pinned-down edition list without the
 * film, a recorded submission that was not nominated, or a curated outcome short of a win.
 */
import { type AwardResult, type StatementOf, type Statement } from '../../kb/kb.ts';
import { joinWords, normalize, ordinal, sameName } from '../../../../lib/text/index.ts';
import { compareAwards, findEvent, sameEvent, eventName } from '../../kb/vocabulary.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { detectEvent, editionIn, NAME, NEGATION, yearIn } from '../core/patterns.ts';
import { type FilmRef, readFilmRef, resolveFilm, unknownFilm } from '../core/films.ts';
import {
  type Decision,
  type Evidence,
  editionName,
  type FilmContext,
  negate,
  stmt,
} from '../core/verdict.ts';

export type ClaimedAwardResult =
  | Extract<AwardResult, 'won' | 'nominated' | 'in-competition' | 'special-mention' | 'ranked'>
  | 'submitted';

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
  /** The film the prize went to, when the sentence names it ("The Palme d'Or went to …"). */
  film?: FilmRef;
  /** The person the prize went to, when the claim names one ("Dmitry Pevtsov won … for his role"). */
  person?: string;
  /** A category named by a common noun ("for its screenplay"): the prize's name must hold it. */
  awardWord?: string;
}

const EVENT_AWARD_WORDS =
  /^(academy awards?|oscars?|bafta(?: awards?)?|british academy (?:film )?awards?|golden globes?(?: awards?)?|european film awards?)\s+for\s+(.+)$/i;
const AWARD_WORD =
  /\b(prize|award|palme|bear|lion|globe|oscar|mention|medal|leopard|shell|palm|cup|grand prix|diploma|plaque|st\.? george|cam[eé]ra\s+d['’]or|ear|gate)(?![\p{L}])/iu;

/** The prize's words up to where the phrase ends; `commas: false` reads past ", Capitalised". */
function cutPrize(text: string, stopAtFor: boolean, commas: boolean): string {
  const comma = commas ? ',' : ',(?!\\s*\\p{Lu})';
  const forIts = stopAtFor
    ? '|\\s+for\\s+(?:its|his|her|their|the film|this film)\\b'
    : '|\\s+for\\s+(?:his|her|their)\\s+(?:role|performance|portrayal|work)\\b';
  const re = new RegExp(
    `\\s+(?:at|in|during|from)\\s+(?:the\\s+)?(?=\\d|\\p{Lu})|\\s+in\\s+\\d{4}|\\s+(?:with|together\\s+with|alongside)\\s+(?:the\\s+)?\\p{Lu}|${comma}|;${forIts}`,
    'u',
  );
  return (text.split(re)[0] ?? '').trim().replace(/[.!?]+$/, '');
}

/** Splits the object of "won …" into the prize and its event. */
export function parseAwardObject(raw: string): {
  award?: string;
  awardLong?: string;
  event?: string;
} {
  const event = detectEvent(raw);
  // "a prize at the 1957 Cannes Film Festival": any prize there.
  if (/^\s*(?:a|an|any|one)\s+(?:prize|award)s?\b/i.test(raw)) return event ? { event } : {};
  const obj = raw
    .trim()
    .replace(/^(?:the|a|an|its|two|three|several|both|another)\s+/i, '')
    // "the award for Best Original Screenplay", "the prize for best director".
    .replace(/^(?:award|prize)\s+for\s+(?=\p{L})/iu, '');
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

/** The award's year: one after the verb, or "In 1958, …" before it; never "the 1957 film". */
function awardYear(c: string, verbAt: number): number | undefined {
  const after = yearIn(c.slice(verbAt));
  if (after !== undefined) return after;
  const before = c.slice(0, verbAt);
  const m =
    /\b(?:in|at\s+the|of)\s+(18[89]\d|19\d\d|20\d\d)\b(?!\s+(?:film|movie|picture|version|drama|silent|feature|adaptation|remake))/i.exec(
      before,
    );
  return m?.[1] ? Number(m[1]) : undefined;
}

// "received a BAFTA nomination for Best Film", "an Academy Award nomination for its screenplay".
const EVENT_NOMINATION =
  /\b(?:received|earned|got|garnered|secured|picked\s+up)\s+(?:a|an|one|two|three|several)\s+((?:\p{Lu}[\p{L}'’.-]*\s+){1,5})nominations?\b(?:\s+for\s+)?/u;

// "ranked among the twelve best films of all time in the Brussels World's Fair film poll".
const RANKED =
  /\b(?:was\s+)?(?:ranked|placed|voted|listed|named)\s+(?:\d+(?:st|nd|rd|th)|among|as\s+one\s+of|in)\b.*?\b(?:in|by)\s+(?:the\s+)?(\d{4}\s+)?((?:[\p{L}'’.-]+\s+){0,6}?(?:poll|survey|list|ranking))\b/iu;
// "The Palme d'Or of 1960 went to Ballad of a Soldier", "… was awarded to The Cranes Are Flying".
const WENT_TO =
  /^(?:In\s+\d{4},?\s+)?(?:the\s+)?(.+?)\s+(?:went|was\s+awarded|was\s+given|was\s+presented)\s+to\s+(.+?)(?=\s+(?:at|in)\s+(?:the\s+)?(?:\d|\p{Lu})|\s+for\s|[,;]|$)/iu;

export function matchAward(c: string): Found<AwardClaim>[] {
  const ranked = RANKED.exec(c);
  if (ranked?.[2]) {
    const year = awardYear(c, ranked.index);
    return [
      {
        kind: 'award',
        result: 'ranked',
        event: ranked[2].trim(),
        start: ranked.index,
        end: c.length,
        negated: NEGATION.test(c.slice(0, ranked.index)),
        ...(year !== undefined ? { year } : {}),
      },
    ];
  }
  const went = WENT_TO.exec(c);
  if (went?.[1] && went[2]) {
    const ref = readFilmRef(went[2]);
    const parsed = parseAwardObject(went[1].replace(/\s+of\s+\d{4}$/, ''));
    const event = parsed.event ?? detectEvent(c);
    if (ref?.title !== undefined && parsed.award) {
      const edition = editionIn(c);
      const year = yearIn(c);
      return [
        {
          kind: 'award',
          result: 'won',
          award: parsed.award,
          film: ref,
          start: 0,
          end: c.length,
          negated: NEGATION.test(c),
          ...(event ? { event } : {}),
          ...(edition !== undefined ? { edition } : {}),
          ...(year !== undefined ? { year } : {}),
        },
      ];
    }
  }
  const en = EVENT_NOMINATION.exec(c);
  if (en?.[1]) {
    const ev = findEvent(en[1].trim())?.name;
    if (ev) {
      const after = c.slice(en.index + en[0].length);
      const hint = /^(?:its|the film's|his|her)\s+([a-z]+)/.exec(after)?.[1];
      const parsed = hint ? {} : parseAwardObject(after);
      const found: Found<AwardClaim> = {
        kind: 'award',
        result: 'nominated',
        event: ev,
        start: en.index,
        end: c.length,
        negated: NEGATION.test(c.slice(0, en.index)),
        ...('award' in parsed && parsed.award ? { award: parsed.award } : {}),
        ...('awardLong' in parsed && parsed.awardLong ? { awardLong: parsed.awardLong } : {}),
        ...(hint ? { awardWord: hint } : {}),
      };
      const edition = editionIn(c);
      const year = awardYear(c, en.index);
      if (edition !== undefined) found.edition = edition;
      if (year !== undefined) found.year = year;
      return [found];
    }
  }
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
    // "Dmitry Pevtsov won … for his role": the prize went to that person.
    const personal = /\bfor\s+(?:his|her)\s+(?:role|performance|portrayal)\b/i.test(after);
    const subject = personal
      ? new RegExp(String.raw`^(${NAME})\s+(?:also\s+)?$`, 'u').exec(c.slice(0, m.index))?.[1]
      : undefined;
    const event = parsed.event ?? detectEvent(c.slice(0, m.index));
    const found: Found<AwardClaim> = {
      kind: 'award',
      result,
      start: m.index,
      end: c.length,
      negated: NEGATION.test(c.slice(0, m.index + m[0].length)),
      ...(event ? { event } : {}),
      ...(subject ? { person: subject } : {}),
      ...(parsed.award ? { award: parsed.award } : {}),
      ...('awardLong' in parsed && parsed.awardLong ? { awardLong: parsed.awardLong } : {}),
    };
    const edition = editionIn(c);
    const year = awardYear(c, m.index);
    if (edition !== undefined) found.edition = edition;
    if (year !== undefined) found.year = year;
    const more = morePrizes(found, c);
    const next = more[0];
    if (next)
      found.end =
        c.lastIndexOf(' and', next.start) > found.start
          ? c.lastIndexOf(' and', next.start)
          : next.start;
    return [...splitPrizes(found, c), ...more];
  }
  return [];
}

/**
 * "won the Golden Bear and the FIPRESCI Prize": two claims, each judged on its own, so that one
 * right prize never carries a wrong one. Names with "and" inside ("Story and Screenplay") stay
 * whole: both halves must look like prizes.
 */
function splitPrizes(found: Found<AwardClaim>, c: string): Found<AwardClaim>[] {
  const award = found.award;
  if (award === undefined) return [found];
  const parts = award.split(
    /\s*(?:,\s*|\s+)and\s+(?:the\s+|an?\s+)?(?=\p{Lu})|\s*,\s*(?:the\s+|an?\s+)?(?=\p{Lu})/u,
  );
  if (parts.length < 2 || !parts.every((p) => AWARD_WORD.test(p))) return [found];
  const out: Found<AwardClaim>[] = [];
  let from = found.start;
  parts.forEach((part, i) => {
    const at = c.indexOf(part, from);
    const end = i === parts.length - 1 ? found.end : at + part.length;
    const { awardLong: _l, ...rest } = found;
    const own = findEvent(part, { weak: false })?.name;
    out.push({
      ...rest,
      award: part,
      start: i === 0 ? found.start : at,
      end,
      ...(own ? { event: own } : {}),
    });
    from = at + part.length;
  });
  return out;
}

/**
 * "won the Golden Gate Award for Best Director in 1960 and the Palme d'Or": a further prize after
 * the first one's date or place is a claim of its own, never carried by the first.
 */
function morePrizes(found: Found<AwardClaim>, c: string): Found<AwardClaim>[] {
  const award = found.award ?? found.awardLong;
  if (award === undefined) return [];
  const at = c.indexOf(award, found.start);
  if (at < 0) return [];
  const rest = c.slice(at + award.length);
  const and =
    /\s(?:and|as\s+well\s+as|along\s+with|plus)\s+(?:also\s+)?(?:(?:won|received|took|earned)\s+)?(?=(?:the\s+|an?\s+)?\p{Lu})/u.exec(
      rest,
    );
  if (!and) return [];
  const from = at + award.length + and.index + and[0].length;
  const parsed = parseAwardObject(c.slice(from));
  if (!parsed.award || !AWARD_WORD.test(parsed.award)) return [];
  const event = findEvent(parsed.award, { weak: false })?.name ?? parsed.event ?? found.event;
  const year = yearIn(c.slice(from));
  const { awardLong: _l, year: _y, edition: _e, ...base } = found;
  return [
    {
      ...base,
      award: parsed.award,
      start: from,
      end: c.length,
      ...(event ? { event } : {}),
      ...(year !== undefined ? { year } : {}),
    },
  ];
}

// --- judgement ------------------------------------------------------------------------------

function awardPlace(v: { event: string; edition?: number; year?: number }): string {
  if (v.edition !== undefined)
    return `the ${ordinal(v.edition)} ${v.event}${v.year ? ` (${v.year})` : ''}`;
  return v.year !== undefined ? `the ${v.year} ${v.event}` : `the ${v.event}`;
}

const RESULT_PHRASE: Readonly<Record<AwardResult, string>> = {
  won: 'won',
  nominated: 'was nominated for',
  'in-competition': 'competed for',
  'special-mention': 'received a special mention:',
  'submitted-not-nominated': 'was submitted for, but not nominated for,',
  screened: 'was shown as',
  ranked: 'was ranked in',
};

export function describeAward(s: StatementOf<'award'>): string {
  const v = s.value;
  if (v.result === 'screened') return `was shown at ${awardPlace(v)}`;
  if (v.result === 'ranked')
    return `was ranked${v.rank ? ` ${ordinal(v.rank)}` : ''} in ${v.award} (${awardPlace(v)})`;
  if (v.event === v.award)
    return `${RESULT_PHRASE[v.result]} the ${v.award}${v.year ? ` (${v.year})` : ''}`;
  return `${RESULT_PHRASE[v.result]} the ${v.award} at ${awardPlace(v)}`;
}

// Which recorded results bear out which claimed result. A ceremony's winners were nominees; at a
// festival, "nominated for the Palme d'Or" means it competed for it.
const SUPPORTS: Readonly<Record<ClaimedAwardResult, readonly AwardResult[]>> = {
  won: ['won'],
  nominated: ['won', 'nominated', 'in-competition'],
  'in-competition': ['won', 'nominated', 'in-competition'],
  'special-mention': ['special-mention'],
  submitted: ['won', 'nominated', 'in-competition', 'submitted-not-nominated'],
  ranked: ['ranked'],
};

/**
 * Curated knowledge files record an award's outcome (a film that won is recorded as having
 * won); Wikidata's "nominated for" does not rule out a win, so its records never count here.
 */
function isCuratedOutcome(s: Statement): boolean {
  return s.origin !== undefined && !s.origin.startsWith('wikidata');
}

export function judgeAward(claim: AwardClaim, context: FilmContext): Decision {
  const film = resolveFilm(context, claim.film);
  if (film === undefined) return unknownFilm(claim.film);
  const positive = awardPositive(claim, film);
  return claim.negated ? negate(positive, claim.text) : positive;
}

function awardPositive(claim: AwardClaim, film: FilmContext): Decision {
  const event =
    claim.event ?? (claim.award ? findEvent(claim.award, { weak: false })?.name : undefined);
  const atEvent = film.kb
    .statements(film.key, 'award')
    .filter((s) => event === undefined || sameEvent(s.value.event, event));
  // Every part of the claim must agree: the edition and the year exactly. A year one off at a
  // ceremony (dated by the ceremony or by the films' year) is ambiguous, not the same claim.
  const when = (v: { edition?: number | undefined; year?: number | undefined }) =>
    (claim.edition === undefined || v.edition === undefined || v.edition === claim.edition) &&
    (claim.year === undefined || v.year === undefined || v.year === claim.year);
  const ceremony = event !== undefined && findEvent(event, { weak: false })?.kind === 'ceremony';
  const awardIs = (name: string): 'same' | 'near' | 'different' => {
    if (claim.awardWord !== undefined)
      return normalize(name).includes(normalize(claim.awardWord)) ? 'same' : 'different';
    if (claim.award === undefined) return 'same';
    const short = compareAwards(claim.award, name);
    const long = claim.awardLong === undefined ? 'different' : compareAwards(claim.awardLong, name);
    return short === 'same' || long === 'same'
      ? 'same'
      : short === 'near' || long === 'near'
        ? 'near'
        : 'different';
  };
  const accepts = SUPPORTS[claim.result];

  const personOk = (v: { person?: string | undefined }) =>
    claim.person === undefined ||
    (v.person !== undefined && v.person.split(/,\s*/).some((p) => sameName(p, claim.person ?? '')));
  const supporting = atEvent.filter(
    (s) =>
      when(s.value) &&
      awardIs(s.value.award) === 'same' &&
      accepts.includes(s.value.result) &&
      personOk(s.value),
  );
  const listed = film.kb
    .listings(film.key)
    .filter(
      (l) =>
        l.edition.kind === 'award' &&
        (event === undefined || sameEvent(l.edition.event, event)) &&
        when(l.edition) &&
        awardIs(l.edition.award) === 'same' &&
        personOk(l.entry) &&
        (claim.result === 'won' || claim.result === 'special-mention' ? l.role === 'winner' : true),
    );
  if (supporting.length > 0 || listed.length > 0) {
    const first = supporting[0];
    const listing = listed[0];
    const what = first
      ? `${film.title} ${describeAward(first)}.`
      : listing
        ? `${film.title} is listed among the ${listing.role === 'winner' ? 'winners' : 'nominees'} of ${listing.edition.award} at the ${editionName(listing.edition)}.`
        : '';
    const recordedAs =
      claim.award && first && normalize(claim.award) !== normalize(first.value.award)
        ? ` That is the recorded name of what the claim calls "${claim.award}".`
        : '';
    return {
      verdict: 'supported',
      explanation: `${what}${recordedAs}`,
      evidence: [
        ...supporting.map(stmt),
        ...listed.map((l) => ({
          type: 'edition' as const,
          edition: l.edition,
          entry: l.entry,
          role: l.role,
        })),
      ],
    };
  }

  // A prize with a similar name at the same event ("Special Prize" for "Special Jury Prize") may
  // be what the claim means: say so, and do not contradict.
  const lookAlikes = atEvent.filter(
    (s) => when(s.value) && awardIs(s.value.award) === 'near' && accepts.includes(s.value.result),
  );
  if (lookAlikes.length > 0 && !claim.negated) {
    return {
      verdict: 'unsupported',
      explanation: `${film.title} ${lookAlikes.map(describeAward).join(' and ')}; the claim's "${claim.award ?? ''}" may mean that, but the names are of different prizes.`,
      evidence: lookAlikes.map(stmt),
    };
  }

  // The same prize recorded at another edition or year: the claim is wrong on the date. At a
  // ceremony a year one off may be the films' year rather than the ceremony's: not decided.
  if (
    (claim.year !== undefined || claim.edition !== undefined) &&
    claim.award !== undefined &&
    claim.result !== 'submitted'
  ) {
    const elsewhere = atEvent.filter(
      (s) =>
        !when(s.value) &&
        awardIs(s.value.award) === 'same' &&
        accepts.includes(s.value.result) &&
        (s.value.year !== undefined || s.value.edition !== undefined),
    );
    const e = elsewhere[0];
    if (e) {
      const yearOff =
        claim.year !== undefined && e.value.year !== undefined
          ? Math.abs(e.value.year - claim.year)
          : undefined;
      const ambiguous = ceremony && claim.edition === undefined && yearOff === 1;
      const claimed =
        claim.edition !== undefined
          ? `at the ${ordinal(claim.edition)} edition`
          : `in ${claim.year}`;
      const d: Decision = {
        verdict: ambiguous ? 'unsupported' : 'contradicted',
        explanation: ambiguous
          ? `${film.title} ${describeAward(e)}; the claim's ${claim.year} may be the films' year rather than the ceremony's, so the record does not decide it.`
          : `Wrong on the date: ${film.title} ${describeAward(e)}, not ${claimed}.`,
        evidence: elsewhere.map(stmt),
      };
      return d;
    }
  }

  // A recorded submission that was not nominated rules out a nomination or a win; a recorded
  // nomination or place in competition (the base records outcomes) rules out a win.
  if (claim.result === 'won' || claim.result === 'nominated') {
    const refused = atEvent.filter(
      (s) =>
        when(s.value) &&
        awardIs(s.value.award) === 'same' &&
        (s.value.result === 'submitted-not-nominated' ||
          (claim.result === 'won' &&
            isCuratedOutcome(s) &&
            (s.value.result === 'nominated' || s.value.result === 'in-competition'))),
    );
    const contradiction = completeListContradiction(film, claim, event, awardIs, atEvent);
    if (refused.length > 0 || contradiction) {
      const r = refused[0];
      const parts = [
        r ? `${film.title} ${describeAward(r)}.` : '',
        contradiction?.explanation ?? '',
      ].filter((p) => p !== '');
      return {
        verdict: 'contradicted',
        explanation: parts.join(' '),
        evidence: [...refused.map(stmt), ...(contradiction?.evidence ?? [])],
      };
    }
  } else if (claim.result === 'special-mention') {
    const contradiction = completeListContradiction(film, claim, event, awardIs, atEvent);
    if (contradiction) return { verdict: 'contradicted', ...contradiction };
  }

  const known = atEvent.slice(0, 3).map((s) => describeAward(s));
  const target = claim.award
    ? `${claim.award}${event && event !== claim.award ? ` at the ${eventName(event)}` : ''}`
    : `an award at the ${event ?? 'event named'}`;
  return {
    verdict: 'unsupported',
    explanation:
      `No record that ${film.title} ${claim.result === 'won' ? 'won' : claim.result === 'nominated' ? 'was nominated for' : claim.result === 'special-mention' ? 'received a special mention for' : claim.result === 'submitted' ? 'was submitted for' : claim.result === 'ranked' ? 'was ranked in' : 'competed for'} ${target}${claim.year ? ` in ${claim.year}` : ''}.` +
      (known.length > 0 ? ` Recorded there: it ${joinWords(known)}.` : ''),
    evidence: atEvent.slice(0, 3).map(stmt),
  };
}

/**
 * A complete list for the edition the claim is about, without the film. The edition must be
 * pinned down: by the claim's edition number or year, or by a statement putting the film in that
 * event's race for that award; a film's own year is not enough (Ballad of a Soldier, 1959, was
 * nominated at the 1962 Academy Awards).
 */
function completeListContradiction(
  film: FilmContext,
  claim: AwardClaim,
  event: string | undefined,
  awardIs: (name: string) => 'same' | 'near' | 'different',
  atEvent: StatementOf<'award'>[],
): { explanation: string; evidence: Evidence[] } | undefined {
  if (event === undefined || claim.award === undefined) return undefined;
  const pins: Array<{ edition?: number; year?: number }> = [];
  if (claim.edition !== undefined) pins.push({ edition: claim.edition });
  else if (claim.year !== undefined) pins.push({ year: claim.year });
  else {
    for (const s of atEvent) {
      if (awardIs(s.value.award) !== 'same') continue;
      if (s.value.edition !== undefined) pins.push({ edition: s.value.edition });
      else if (s.value.year !== undefined) pins.push({ year: s.value.year });
    }
  }
  if (pins.length === 0) return undefined;
  const editions = film.kb
    .editions({ event })
    .filter(
      (e) =>
        e.kind === 'award' &&
        e.complete &&
        awardIs(e.award) === 'same' &&
        pins.some((p) => (p.edition !== undefined ? e.edition === p.edition : e.year === p.year)),
    );
  for (const e of editions) {
    const wantsWin = claim.result === 'won' || claim.result === 'special-mention';
    // A festival's "complete" list of winners says nothing about who competed.
    if (!wantsWin && e.nominees.length === 0) continue;
    const pool = wantsWin ? e.winners : [...e.winners, ...e.nominees];
    if (pool.some((entry) => film.kb.entryMightBeFilm(entry, film.key, e.year))) continue;
    const names = joinWords(pool.map((p) => p.title));
    const listWord = wantsWin ? 'winners' : 'nominees';
    const nominee = !wantsWin
      ? ''
      : e.nominees.some((n) => film.kb.entryIsFilm(n, film.key, e.year))
        ? ` ${film.title} was nominated but did not win.`
        : '';
    return {
      explanation: `The ${editionName(e)} ${wantsWin ? `gave the ${e.award} to ${names}` : `nominated ${names} for the ${e.award}`}; the list of ${listWord} is complete and ${film.title} is not on it.${nominee}`,
      evidence: [{ type: 'edition', edition: e }],
    };
  }
  return undefined;
}
