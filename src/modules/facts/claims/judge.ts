/**
 * Judges extracted claims against the knowledge base. Four verdicts:
 *
 * - supported: a statement or an edition list says so (shown with its sources);
 * - contradicted: a record rules it out — a complete list of an edition's winners or nominees
 *   without the film, a different value where only one can be true (release year, director), a
 *   recorded "submitted but not nominated", or earlier occurrences that defeat a "first" claim;
 * - unsupported: a kind of claim the base covers, about a film it knows, with nothing matching;
 * - not-checkable: plot, opinion, or a film the base does not know.
 *
 * A wrong "contradicted" is the worst mistake this can make, so every contradiction needs a record
 * that leaves no room: editions must be complete and pinned down (by the claim's edition or year,
 * or by a statement placing the film there), near-miss spellings hold a verdict back, and
 * one-year differences in dates are never called errors.
 */
import {
  type AwardEdition,
  type AwardResult,
  type EditionEntry,
  type KnowledgeBase,
  type Statement,
  type StatementOf,
  sameTitle,
} from '../kb/kb.ts';
import {
  editDistance,
  joinWords,
  normalize,
  ordinal,
  sameName,
  surnameKey,
} from '../../../lib/text/index.ts';
import { compareAwards, findEvent, sameEvent, eventName } from '../kb/vocabulary.ts';
import type {
  AwardClaim,
  BasedOnClaim,
  CastClaim,
  Claim,
  ClaimedAwardResult,
  PeopleClaim,
  PriorityClaim,
  ReleaseYearClaim,
  ScreeningClaim,
  SeriesClaim,
  StudioClaim,
  UncheckableSegment,
  VersionClaim,
} from './extract.ts';

export const VERDICTS = ['supported', 'contradicted', 'unsupported', 'not-checkable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type Evidence =
  | { type: 'statement'; statement: Statement }
  | { type: 'edition'; edition: AwardEdition; entry?: EditionEntry; role?: 'winner' | 'nominee' };

export interface Judgement {
  claimId: string;
  verdict: Verdict;
  /** One or two sentences for a curator: what the base holds and why that decides the claim. */
  explanation: string;
  evidence: Evidence[];
}

type Decision = Omit<Judgement, 'claimId'>;

const stmt = (statement: Statement): Evidence => ({ type: 'statement', statement });

function editionName(e: Pick<AwardEdition, 'event' | 'edition' | 'year'>): string {
  return e.edition === undefined
    ? `${e.year} ${e.event}`
    : `${ordinal(e.edition)} ${e.event} (${e.year})`;
}

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

function describeAward(s: StatementOf<'award'>): string {
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
};

function negate(d: Decision, claimText: string): Decision {
  if (d.verdict === 'supported') {
    return {
      ...d,
      verdict: 'contradicted',
      explanation: `The claim denies something the record shows: ${d.explanation}`,
    };
  }
  if (d.verdict === 'contradicted') {
    return {
      ...d,
      verdict: 'supported',
      explanation: `The record bears out the denial: ${d.explanation}`,
    };
  }
  return { ...d, explanation: d.explanation || `Nothing recorded decides "${claimText}".` };
}

/**
 * Curated knowledge files record an award's outcome (a film that won is recorded as having
 * won); Wikidata's "nominated for" does not rule out a win, so its records never count here.
 */
function isCuratedOutcome(s: Statement): boolean {
  return s.origin !== undefined && !s.origin.startsWith('wikidata');
}

function sameCountry(a: string, b: string): boolean {
  const alias = (s: string) => {
    const n = normalize(s);
    return n === 'ussr' || n === 'soviet' ? 'soviet union' : n;
  };
  return alias(a) === alias(b);
}

class Judge {
  constructor(
    readonly kb: KnowledgeBase,
    readonly key: string,
  ) {}

  /** "Mother (1955)": with its year, since several films share a title. */
  get title(): string {
    const year = this.kb.film(this.key)?.year;
    return `${this.kb.displayTitle(this.key)}${year === undefined ? '' : ` (${year})`}`;
  }

  get year(): number | undefined {
    return this.kb.film(this.key)?.year;
  }

  // --- awards ---------------------------------------------------------------------------------

  award(claim: AwardClaim): Decision {
    const positive = this.awardPositive(claim);
    return claim.negated ? negate(positive, claim.text) : positive;
  }

  awardPositive(claim: AwardClaim): Decision {
    const event =
      claim.event ?? (claim.award ? findEvent(claim.award, { weak: false })?.name : undefined);
    const atEvent = this.kb
      .statements(this.key, 'award')
      .filter((s) => event === undefined || sameEvent(s.value.event, event));
    const when = (v: { edition?: number | undefined; year?: number | undefined }) =>
      (claim.edition === undefined || v.edition === undefined || v.edition === claim.edition) &&
      // Ceremonies are dated by the ceremony or by the films' year, so a year either way is the same claim.
      (claim.year === undefined || v.year === undefined || Math.abs(v.year - claim.year) <= 1);
    const awardIs = (name: string): 'same' | 'near' | 'different' => {
      if (claim.award === undefined) return 'same';
      const short = compareAwards(claim.award, name);
      const long =
        claim.awardLong === undefined ? 'different' : compareAwards(claim.awardLong, name);
      return short === 'same' || long === 'same'
        ? 'same'
        : short === 'near' || long === 'near'
          ? 'near'
          : 'different';
    };
    const accepts = SUPPORTS[claim.result];

    const supporting = atEvent.filter(
      (s) => when(s.value) && awardIs(s.value.award) === 'same' && accepts.includes(s.value.result),
    );
    const listed = this.kb
      .listings(this.key)
      .filter(
        (l) =>
          l.edition.kind === 'award' &&
          (event === undefined || sameEvent(l.edition.event, event)) &&
          when(l.edition) &&
          awardIs(l.edition.award) === 'same' &&
          (claim.result === 'won' || claim.result === 'special-mention'
            ? l.role === 'winner'
            : true),
      );
    if (supporting.length > 0 || listed.length > 0) {
      const first = supporting[0];
      const listing = listed[0];
      const what = first
        ? `${this.title} ${describeAward(first)}.`
        : listing
          ? `${this.title} is listed among the ${listing.role === 'winner' ? 'winners' : 'nominees'} of ${listing.edition.award} at the ${editionName(listing.edition)}.`
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
        explanation: `${this.title} ${lookAlikes.map(describeAward).join(' and ')}; the claim's "${claim.award ?? ''}" may mean that, but the names are of different prizes.`,
        evidence: lookAlikes.map(stmt),
      };
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
      const contradiction = this.completeListContradiction(claim, event, awardIs, atEvent);
      if (refused.length > 0 || contradiction) {
        const r = refused[0];
        const parts = [
          r ? `${this.title} ${describeAward(r)}.` : '',
          contradiction?.explanation ?? '',
        ].filter((p) => p !== '');
        return {
          verdict: 'contradicted',
          explanation: parts.join(' '),
          evidence: [...refused.map(stmt), ...(contradiction?.evidence ?? [])],
        };
      }
    } else if (claim.result === 'special-mention') {
      const contradiction = this.completeListContradiction(claim, event, awardIs, atEvent);
      if (contradiction) return { verdict: 'contradicted', ...contradiction };
    }

    const known = atEvent.slice(0, 3).map((s) => describeAward(s));
    const target = claim.award
      ? `${claim.award}${event && event !== claim.award ? ` at the ${eventName(event)}` : ''}`
      : `an award at the ${event ?? 'event named'}`;
    return {
      verdict: 'unsupported',
      explanation:
        `No record that ${this.title} ${claim.result === 'won' ? 'won' : claim.result === 'nominated' ? 'was nominated for' : claim.result === 'special-mention' ? 'received a special mention for' : claim.result === 'submitted' ? 'was submitted for' : 'competed for'} ${target}${claim.year ? ` in ${claim.year}` : ''}.` +
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
  completeListContradiction(
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
    const editions = this.kb
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
      if (pool.some((entry) => this.kb.entryMightBeFilm(entry, this.key, e.year))) continue;
      const names = joinWords(pool.map((p) => p.title));
      const listWord = wantsWin ? 'winners' : 'nominees';
      const nominee = !wantsWin
        ? ''
        : e.nominees.some((n) => this.kb.entryIsFilm(n, this.key, e.year))
          ? ` ${this.title} was nominated but did not win.`
          : '';
      return {
        explanation: `The ${editionName(e)} ${wantsWin ? `gave the ${e.award} to ${names}` : `nominated ${names} for the ${e.award}`}; the list of ${listWord} is complete and ${this.title} is not on it.${nominee}`,
        evidence: [{ type: 'edition', edition: e }],
      };
    }
    return undefined;
  }

  // --- screenings -----------------------------------------------------------------------------

  screening(claim: ScreeningClaim): Decision {
    const shown: readonly AwardResult[] = claim.competition
      ? ['won', 'nominated', 'in-competition', 'special-mention']
      : ['won', 'nominated', 'in-competition', 'special-mention', 'screened'];
    const when = (v: { edition?: number | undefined; year?: number | undefined }) =>
      (claim.edition === undefined || v.edition === undefined || v.edition === claim.edition) &&
      (claim.year === undefined || v.year === undefined || Math.abs(v.year - claim.year) <= 1);
    const statements = this.kb
      .statements(this.key, 'award')
      .filter(
        (s) =>
          sameEvent(s.value.event, claim.event) && when(s.value) && shown.includes(s.value.result),
      );
    const listed = this.kb
      .listings(this.key)
      .filter((l) => sameEvent(l.edition.event, claim.event) && when(l.edition));
    let d: Decision;
    if (statements.length > 0 || listed.length > 0) {
      const first = statements[0];
      const l = listed[0];
      d = {
        verdict: 'supported',
        explanation: first
          ? `${this.title} ${describeAward(first)}.`
          : `${this.title} appears in the ${l ? editionName(l.edition) : claim.event} records.`,
        evidence: [
          ...statements.map(stmt),
          ...listed.map((x) => ({
            type: 'edition' as const,
            edition: x.edition,
            entry: x.entry,
            role: x.role,
          })),
        ],
      };
    } else {
      // Festival line-ups are never complete in the base, so absence proves nothing.
      d = {
        verdict: 'unsupported',
        explanation: `No record of ${this.title} at the ${claim.event}${claim.year ? ` in ${claim.year}` : ''}. Festival selections in the knowledge base are not complete, so this is unconfirmed rather than wrong.`,
        evidence: [],
      };
    }
    return claim.negated ? negate(d, claim.text) : d;
  }

  // --- people ---------------------------------------------------------------------------------

  people(claim: PeopleClaim): Decision {
    const property = claim.kind;
    const known = this.kb.statements(this.key, property);
    const role = property === 'director' ? 'director' : 'writer';
    if (known.length === 0) {
      return {
        verdict: 'unsupported',
        explanation: `No ${role} of ${this.title} is recorded.`,
        evidence: [],
      };
    }
    const matches = (name: string) =>
      known.filter(
        (s) =>
          sameName(name, s.value.name) ||
          (s.value.original !== undefined && sameName(name, s.value.original)),
      );
    const matched = claim.people.map((p) => ({ name: p, statements: matches(p) }));
    const hits = matched.filter((m) => m.statements.length > 0);
    const knownNames = joinWords(known.map((s) => s.value.name));
    let d: Decision;
    if (hits.length === claim.people.length) {
      const used = new Set(hits.flatMap((h) => h.statements.map((s) => s.id)));
      const others = known.filter((s) => !used.has(s.id)).map((s) => s.value.name);
      const verb = property === 'director' ? 'directed' : 'wrote';
      d = {
        verdict: 'supported',
        explanation:
          `${joinWords(hits.flatMap((h) => h.statements.map((s) => s.value.name)))} ${verb} ${this.title}.` +
          (others.length > 0
            ? ` ${property === 'director' ? 'Co-directed' : 'Co-written'} with ${joinWords(others)}.`
            : ''),
        evidence: hits.flatMap((h) => h.statements.map(stmt)),
      };
    } else if (hits.length > 0) {
      const missing = matched.filter((m) => m.statements.length === 0).map((m) => m.name);
      d = {
        verdict: 'unsupported',
        explanation: `${joinWords(hits.map((h) => h.name))} is recorded as ${role}, but ${joinWords(missing)} is not (recorded: ${knownNames}).`,
        evidence: hits.flatMap((h) => h.statements.map(stmt)),
      };
    } else {
      // A name spelt close to a recorded one may be a transliteration we do not know: hold back.
      const near = claim.people.some((p) =>
        known.some((s) => editDistance(surnameKey(p), surnameKey(s.value.name), 3) <= 3),
      );
      const decisive = property === 'director' && !near;
      d = {
        verdict: decisive ? 'contradicted' : 'unsupported',
        explanation: decisive
          ? `${this.title} was directed by ${knownNames}, not ${joinWords(claim.people)}.`
          : `The recorded ${role}${known.length > 1 ? 's are' : ' is'} ${knownNames}; ${joinWords(claim.people)} is not among them.`,
        evidence: known.map(stmt),
      };
    }
    return claim.negated ? negate(d, claim.text) : d;
  }

  cast(claim: CastClaim): Decision {
    const known = this.kb.statements(this.key, 'cast');
    const hits = claim.people.map((p) => known.filter((s) => sameName(p, s.value.person.name)));
    if (hits.every((h) => h.length > 0) && hits.length > 0) {
      const statements = hits.flat();
      const characterOk =
        claim.character === undefined ||
        statements.some(
          (s) =>
            s.value.character !== undefined &&
            (sameTitle(s.value.character, claim.character ?? '') ||
              normalize(s.value.character).includes(normalize(claim.character ?? ''))),
        );
      if (characterOk) {
        return {
          verdict: 'supported',
          explanation: statements
            .map(
              (s) =>
                `${s.value.person.name} plays ${s.value.character ?? 'a role'} in ${this.title}.`,
            )
            .join(' '),
          evidence: statements.map(stmt),
        };
      }
      return {
        verdict: 'unsupported',
        explanation: `${joinWords(claim.people)} is in the cast, but as ${joinWords(statements.map((s) => s.value.character ?? 'an unnamed role'))}, not ${claim.character}.`,
        evidence: statements.map(stmt),
      };
    }
    // Cast lists are partial: a missing name is unconfirmed, not wrong.
    return {
      verdict: 'unsupported',
      explanation: `${joinWords(claim.people)} is not in the recorded cast of ${this.title}${known.length > 0 ? `, which is not complete` : ''}.`,
      evidence: [],
    };
  }

  // --- year -----------------------------------------------------------------------------------

  releaseYear(claim: ReleaseYearClaim): Decision {
    const known = this.kb.statements(this.key, 'releaseYear');
    if (known.length === 0) {
      return {
        verdict: 'unsupported',
        explanation: `No sourced release year is recorded for ${this.title}.`,
        evidence: [],
      };
    }
    const exact = known.filter((s) => s.value.year === claim.year);
    if (exact.length > 0) {
      return {
        verdict: 'supported',
        explanation: `${this.title} was released in ${claim.year}.`,
        evidence: exact.map(stmt),
      };
    }
    const years = joinWords([...new Set(known.map((s) => String(s.value.year)))]);
    const close = known.some((s) => Math.abs(s.value.year - claim.year) === 1);
    if (close) {
      return {
        verdict: 'unsupported',
        explanation: `Recorded as ${years}. Production and release years often differ by one, so ${claim.year} is not called wrong, but it needs a source.`,
        evidence: known.map(stmt),
      };
    }
    return {
      verdict: 'contradicted',
      explanation: `${this.title} was released in ${years}, not ${claim.year}.`,
      evidence: known.map(stmt),
    };
  }

  // --- versions -------------------------------------------------------------------------------

  version(claim: VersionClaim): Decision {
    const year = this.year;
    const all = [
      ...this.kb.statements(this.key, 'remakeOf'),
      ...this.kb.statements(this.key, 'remadeAs'),
      ...this.kb.statements(this.key, 'otherVersion'),
    ];
    const films = all.filter((s) => s.value.medium !== 'stage');
    const later = (s: Statement & { value: { year?: number } }) =>
      year !== undefined && s.value.year !== undefined && s.value.year > year;
    const earlier = (s: Statement & { value: { year?: number } }) =>
      year !== undefined && s.value.year !== undefined && s.value.year < year;
    const pool = films.filter((s) =>
      claim.relation === 'remadeAs'
        ? s.property === 'remadeAs' || (s.property === 'otherVersion' && later(s))
        : claim.relation === 'remakeOf'
          ? s.property === 'remakeOf' || (s.property === 'otherVersion' && earlier(s))
          : true,
    );
    const hits = pool.filter(
      (s) =>
        (claim.year === undefined ||
          (s.value.year !== undefined && Math.abs(s.value.year - claim.year) <= 1)) &&
        (claim.title === undefined || sameTitle(claim.title, s.value.title)) &&
        (claim.director === undefined ||
          s.value.directors.some((d) => sameName(d, claim.director ?? ''))),
    );
    const describe = (s: (typeof all)[number]) =>
      `${s.value.title}${s.value.year ? ` (${s.value.year}${s.value.directors.length > 0 ? `, ${joinWords(s.value.directors)}` : ''})` : ''}${
        s.property === 'remakeOf'
          ? ', which this film remakes'
          : s.property === 'remadeAs'
            ? ', a remake of this film'
            : s.value.medium === 'stage'
              ? ', a stage version'
              : ', another adaptation of the same source'
      }`;
    if (hits.length > 0 && !claim.negated) {
      const h = hits[0];
      const loose = h && h.property === 'otherVersion' && claim.relation !== 'otherVersion';
      return {
        verdict: 'supported',
        explanation: `Recorded: ${hits.map(describe).join('; ')}.${loose ? ' Another adaptation of the same source is commonly called a remake.' : ''}`,
        evidence: hits.map(stmt),
      };
    }
    const what =
      claim.relation === 'remadeAs'
        ? `remake of ${this.title}`
        : claim.relation === 'remakeOf'
          ? `earlier film that ${this.title} remakes`
          : `other version of ${this.title}`;
    return {
      verdict: 'unsupported',
      explanation:
        `No ${claim.year ? `${claim.year} ` : ''}${what} is recorded.` +
        (all.length > 0
          ? ` Known versions: ${all.map(describe).join('; ')}.`
          : ' No remakes or other versions are recorded.'),
      evidence: all.map(stmt),
    };
  }

  // --- series ---------------------------------------------------------------------------------

  series(claim: SeriesClaim): Decision {
    const known = this.kb.statements(this.key, 'seriesPart');
    if (known.length === 0) {
      return {
        verdict: 'unsupported',
        explanation: `No series is recorded for ${this.title}.`,
        evidence: [],
      };
    }
    const ofOk = (s: StatementOf<'seriesPart'>) =>
      claim.of === undefined || s.value.of === undefined || s.value.of === claim.of;
    const place = (s: StatementOf<'seriesPart'>) =>
      `${s.value.ordinal !== undefined ? `part ${s.value.ordinal}${s.value.of ? ` of ${s.value.of}` : ''} of ` : 'part of '}the ${s.value.series}`;
    const hits = known.filter(
      (s) =>
        ofOk(s) &&
        (claim.last
          ? s.value.of !== undefined && s.value.ordinal === s.value.of
          : claim.ordinal === undefined || s.value.ordinal === claim.ordinal),
    );
    if (hits.length > 0) {
      return {
        verdict: 'supported',
        explanation: `${this.title} is ${hits.map(place).join(' and ')}.`,
        evidence: hits.map(stmt),
      };
    }
    const conflicting = known.filter(
      (s) =>
        ofOk(s) &&
        s.value.ordinal !== undefined &&
        (claim.ordinal !== undefined || (claim.last && s.value.of !== undefined)),
    );
    if (conflicting.length > 0 && known.length === 1) {
      return {
        verdict: 'contradicted',
        explanation: `${this.title} is ${conflicting.map(place).join(' and ')}.`,
        evidence: conflicting.map(stmt),
      };
    }
    return {
      verdict: 'unsupported',
      explanation: `Recorded: ${this.title} is ${known.map(place).join(' and ')}.`,
      evidence: known.map(stmt),
    };
  }

  // --- priority -------------------------------------------------------------------------------

  priority(claim: PriorityClaim): Decision {
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
    const ownStatements = this.kb
      .statements(this.key, 'award')
      .filter(
        (s) =>
          sameEvent(s.value.event, event) &&
          s.value.year !== undefined &&
          (claim.action === 'won'
            ? s.value.result === 'won' && awardMatches(s.value.award)
            : s.value.result !== 'submitted-not-nominated'),
      );
    const ownListings = this.kb
      .listings(this.key)
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
    const bound = ownYear ?? (this.year !== undefined ? this.year - 1 : undefined);

    // Other films of the group at the same event, with their years.
    const others = new Map<string, { title: string; year: number; edition: AwardEdition }>();
    const firstFor: AwardEdition[] = [];
    for (const e of this.kb.editions({ event })) {
      if (e.firstFor && country !== undefined && sameCountry(e.firstFor.country, country))
        firstFor.push(e);
      if (claim.action === 'won' && (e.kind !== 'award' || !awardMatches(e.award))) continue;
      const entries = claim.action === 'won' ? e.winners : [...e.winners, ...e.nominees];
      for (const entry of entries) {
        if (this.kb.entryMightBeFilm(entry, this.key, e.year) || !ofGroup(entry.countries))
          continue;
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
        ? ` ${this.title} ${claim.action === 'won' ? 'won it' : 'was there'} in ${ownYear}.`
        : '';
    const earliestYear = earlier[0]?.year;
    const editionEvidence = (list: typeof earlier): Evidence[] =>
      [...new Set(list.map((o) => o.edition))].map((edition) => ({ type: 'edition', edition }));

    if (canContradict && earliestYear !== undefined && bound !== undefined) {
      const sample = joinWords(earlier.slice(0, 3).map((o) => `${o.title} (${o.year})`));
      if (claim.scope === 'first') {
        return {
          verdict: 'contradicted',
          explanation: `${sample} ${earlier.length === 1 ? 'was' : 'were'} there earlier.${ownText}`,
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
          explanation: `At least ${earlier.length} ${group} ${doing} before ${this.title}, the earliest in ${earliestYear}: ${sample}.${ownText}${firstNote}`,
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
    const inFirst = firstFor.filter((e) =>
      [...e.winners, ...e.nominees].some((entry) => this.kb.entryIsFilm(entry, this.key, e.year)),
    );
    if (inFirst.length > 0 && claim.scope !== 'only') {
      return {
        verdict: 'supported',
        explanation: `${this.title} was among the first ${group} at the ${event}, at the ${editionName(inFirst[0] ?? { event, year: 0 })}.`,
        evidence: inFirst.map((edition) => ({ type: 'edition', edition })),
      };
    }
    return {
      verdict: 'unsupported',
      explanation: `The knowledge base cannot confirm that ${this.title} was ${claim.scope === 'only' ? 'the only one of the' : claim.scope === 'first' ? 'the first of the' : 'one of the first'} ${group} that ${doing}.${ownText}`,
      evidence: ownStatements.map(stmt),
    };
  }

  // --- sources, studio ------------------------------------------------------------------------

  basedOn(claim: BasedOnClaim): Decision {
    const known = this.kb.statements(this.key, 'basedOn');
    if (known.length === 0) {
      return {
        verdict: 'unsupported',
        explanation: `No source work is recorded for ${this.title}.`,
        evidence: [],
      };
    }
    const formOk = (f?: string) =>
      claim.form === undefined ||
      f === undefined ||
      normalize(f).includes(normalize(claim.form)) ||
      normalize(claim.form).includes(normalize(f)) ||
      claim.form === 'book' ||
      claim.form === 'story';
    const hits = known.filter(
      (s) =>
        (claim.author === undefined ||
          (s.value.author !== undefined && sameName(claim.author, s.value.author))) &&
        (claim.work === undefined || sameTitle(claim.work, s.value.work)) &&
        formOk(s.value.form),
    );
    const describe = (s: StatementOf<'basedOn'>) =>
      `${s.value.author ? `${s.value.author}'s ` : ''}${s.value.form ? `${s.value.form} ` : ''}${s.value.work}`;
    if (hits.length > 0) {
      return {
        verdict: 'supported',
        explanation: `${this.title} is based on ${hits.map(describe).join(' and ')}.`,
        evidence: hits.map(stmt),
      };
    }
    return {
      verdict: 'unsupported',
      explanation: `Recorded: ${this.title} is based on ${known.map(describe).join(' and ')}.`,
      evidence: known.map(stmt),
    };
  }

  studio(claim: StudioClaim): Decision {
    const known = this.kb.statements(this.key, 'studio');
    const hits = known.filter(
      (s) =>
        sameTitle(claim.name, s.value.name) ||
        normalize(s.value.name).includes(normalize(claim.name)),
    );
    if (hits.length > 0) {
      return {
        verdict: 'supported',
        explanation: `${this.title} was made at ${joinWords(hits.map((s) => s.value.name))}.`,
        evidence: hits.map(stmt),
      };
    }
    return {
      verdict: 'unsupported',
      explanation:
        known.length > 0
          ? `Recorded studio: ${joinWords(known.map((s) => s.value.name))}.`
          : `No studio is recorded for ${this.title}.`,
      evidence: known.map(stmt),
    };
  }
}

const NOT_CHECKABLE: Readonly<Record<UncheckableSegment['reason'], string>> = {
  opinion: 'An opinion or a judgement of quality: there is no fact to check.',
  plot: 'A description of the story. The knowledge base does not record plots, so it cannot check this; compare it with the film.',
  outside: 'Not a kind of statement the knowledge base records.',
};

/**
 * Judges one claim about the film `filmKey`. A null key (an entry that did not resolve to a film)
 * makes every claim not checkable.
 */
export function judgeClaim(
  claim: Claim,
  filmKey: string | null | undefined,
  kb: KnowledgeBase,
): Judgement {
  const decide = (): Decision => {
    if (claim.kind === 'none')
      return { verdict: 'not-checkable', explanation: NOT_CHECKABLE[claim.reason], evidence: [] };
    if (filmKey === null || filmKey === undefined) {
      return {
        verdict: 'not-checkable',
        explanation: 'This entry is not matched to a known film, so its claims cannot be checked.',
        evidence: [],
      };
    }
    if (kb.film(filmKey) === undefined || kb.statements(filmKey).length === 0) {
      return {
        verdict: 'not-checkable',
        explanation: 'The knowledge base holds nothing about this film yet.',
        evidence: [],
      };
    }
    const j = new Judge(kb, filmKey);
    switch (claim.kind) {
      case 'award':
        return j.award(claim);
      case 'screening':
        return j.screening(claim);
      case 'director':
      case 'writer':
        return j.people(claim);
      case 'cast':
        return j.cast(claim);
      case 'releaseYear':
        return j.releaseYear(claim);
      case 'version':
        return j.version(claim);
      case 'series':
        return j.series(claim);
      case 'priority':
        return j.priority(claim);
      case 'basedOn':
        return j.basedOn(claim);
      case 'studio':
        return j.studio(claim);
    }
  };
  return { claimId: claim.id, ...decide() };
}

export function judgeClaims(
  claims: readonly Claim[],
  filmKey: string | null | undefined,
  kb: KnowledgeBase,
): Judgement[] {
  return claims.map((c) => judgeClaim(c, filmKey, kb));
}
