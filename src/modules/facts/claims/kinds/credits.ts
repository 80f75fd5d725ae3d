/**
 * Credits: who directed, wrote or starred ("directed by Mark Donskoy", "Mark Donskoy directed
 * it", "starring Vera Maretskaya"). Only a director can be contradicted; cast and writer lists
 * may be partial.
 */
import { sameTitle } from '../../kb/kb.ts';
import {
  editDistance,
  joinWords,
  normalize,
  sameName,
  surnameKey,
} from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { NAME, NEGATION, NOT_NAMES, readNames } from '../core/patterns.ts';
import { type FilmRef, readFilmRef, resolveFilm, unknownFilm } from '../core/films.ts';
import { type Decision, type FilmContext, negate, stmt } from '../core/verdict.ts';

export interface PeopleClaim extends ClaimBase {
  kind: 'director' | 'writer';
  people: string[];
  /** The film named, when it is named ("Mikhail Romm directed The Forty-First"). */
  film?: FilmRef;
  /** "Chukhrai's Ballad of a Soldier": a claim only if the title is a film the base knows. */
  possessive?: boolean;
  /** Read from a verb that does not name the role for certain ("made"): never contradicted. */
  loose?: boolean;
}
export interface CastClaim extends ClaimBase {
  kind: 'cast';
  people: string[];
  character?: string;
}

export function matchPeople(c: string): Found<PeopleClaim>[] {
  const out: Found<PeopleClaim>[] = [];
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
  // Person first: "Mark Donskoy directed it", "Larisa Shepitko directed The Ascent",
  // "Pudovkin co-directed the film with Mikhail Doller", "Kalatozov made The Cranes Are Flying".
  const subj = new RegExp(
    String.raw`(${NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)${NAME})*)\s+(?:also\s+|had\s+|has\s+|jointly\s+|did\s+not\s+|didn['’]t\s+|never\s+)?(co-directed|directed|direct|made|wrote|write|scripted|co-wrote)\s+(.+?)(?=\s+(?:at|for|from|as|after|before|during|with|together|alongside|jointly)\b|[,;.]|$)`,
    'u',
  ).exec(c);
  if (subj?.[1] && subj[2] && subj[3] && !NOT_NAMES.has(subj[1].split(/\s+/)[0] ?? '')) {
    const verb = subj[2].toLowerCase();
    const object = subj[3];
    const script = /^(?:the\s+)?(?:screenplay|script|scenario)\b/i.test(object);
    const kind = /direct|made/.test(verb) ? 'director' : 'writer';
    const ref = script ? {} : readFilmRef(object);
    const subjects = subj[1]
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
      .map((p) => p.replace(/^(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.?\s+/, '').trim())
      .filter((p) => p.length > 0);
    if (ref && (kind === 'writer' || !script) && !out.some((o) => o.kind === kind)) {
      const people = [...subjects];
      let end = subj.index + subj[0].length;
      // "co-directed … with Mikhail Doller", "directed it together with …": every name counts.
      const withAt = /^\s+(?:together\s+)?with\s+/i.exec(c.slice(end));
      if (withAt && (verb.startsWith('co-') || /together/i.test(withAt[0]))) {
        const more = readNames(c, end + withAt[0].length);
        if (more) {
          people.push(...more.names);
          end = more.end;
        }
      }
      out.push({
        kind,
        people,
        start: subj.index,
        end,
        negated: NEGATION.test(subj[0]),
        // "made" may be said of a producer or a studio: it supports, never contradicts.
        ...(verb === 'made' ? { loose: true } : {}),
        ...(ref.title !== undefined || ref.year !== undefined ? { film: ref } : {}),
      });
    }
  }
  // Possessive before the film's title: "Chukhrai's Ballad of a Soldier". Only a title the base
  // knows makes this a claim (the judge resolves it); "Gorky's novel" is not a film.
  const poss = new RegExp(
    String.raw`(${NAME})['’]s\s+((?:The\s+|A\s+|An\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:of|a|an|the|in|and|is|are|i|\p{Lu}[\p{L}'’-]*))*)`,
    'u',
  ).exec(c);
  if (
    poss?.[1] &&
    poss[2] &&
    !out.some((o) => o.kind === 'director') &&
    !NOT_NAMES.has(poss[1].split(/\s+/)[0] ?? '')
  ) {
    const title = poss[2].replace(/(?:\s+(?:of|a|an|the|in|and|is|are|i))+$/i, '');
    out.push({
      kind: 'director',
      people: [poss[1]],
      film: { title },
      possessive: true,
      start: poss.index,
      end: poss.index + poss[1].length + 2 + title.length,
      negated: false,
    });
  }
  return out;
}

export function matchCast(c: string): Found<CastClaim>[] {
  const m =
    /\b(?:starring|stars|starred|featuring\s+(?:actors?|actress)|with\s+(?:actors?|actress))\s+/i.exec(
      c,
    );
  if (m) {
    const names = readNames(c, m.index + m[0].length);
    if (names) return [{ kind: 'cast', people: names.names, start: m.index, end: names.end }];
  }
  // "Vera Baranovskaya stars as the mother, Pelageya Nilovna", "… plays the governor".
  const plays = new RegExp(
    String.raw`(${NAME})\s+(?:plays|played|stars\s+as|starred\s+as|portrays|portrayed|appears\s+as|is\s+cast\s+as|was\s+cast\s+as)\s+(.+)$`,
    'u',
  ).exec(c);
  if (plays?.[1] && plays[2] && !NOT_NAMES.has(plays[1].split(/\s+/)[0] ?? '')) {
    return [
      {
        kind: 'cast',
        people: [plays[1]],
        character: plays[2].replace(/\s+in\s+(?:the|this)\s+film$/i, '').trim(),
        start: plays.index,
        end: c.length,
      },
    ];
  }
  // Passive: "The young soldier Alyosha is played by Vladimir Ivashov".
  const played = /^(.+?)\s+(?:is|was)\s+(?:played|portrayed)\s+by\s+/iu.exec(c);
  if (played?.[1]) {
    const names = readNames(c, played[0].length);
    if (names) {
      return [
        {
          kind: 'cast',
          people: names.names,
          character: played[1].trim(),
          start: 0,
          end: names.end,
        },
      ];
    }
  }
  return [];
}

export function judgePeople(claim: PeopleClaim, context: FilmContext): Decision {
  const film = resolveFilm(context, claim.film);
  if (film === undefined) return unknownFilm(claim.film);
  const people = peopleDecision(claim, film);
  // "Mark Donskoy directed Mother in 1955": the year is a part of the claim too.
  const year = claim.film?.year;
  if (year === undefined || people.verdict === 'contradicted' || people.verdict === 'not-checkable')
    return people;
  const years = film.kb.statements(film.key, 'releaseYear').map((s) => s.value.year);
  const known = years.length > 0 ? years : film.year !== undefined ? [film.year] : [];
  if (known.includes(year)) return people;
  const off = Math.min(...known.map((y) => Math.abs(y - year)));
  if (known.length > 0 && off >= 2) {
    return {
      verdict: 'contradicted',
      explanation: `Wrong on the year: ${film.title} was released in ${known.join(' or ')}, not ${year}.`,
      evidence: film.kb.statements(film.key, 'releaseYear').map(stmt),
    };
  }
  return {
    verdict: 'unsupported',
    explanation: `${people.explanation} The year ${year} is not the recorded one (${known.join(', ') || 'none'}).`,
    evidence: people.evidence,
  };
}

function peopleDecision(claim: PeopleClaim, film: FilmContext): Decision {
  const property = claim.kind;
  const known = film.kb.statements(film.key, property);
  const role = property === 'director' ? 'director' : 'writer';
  if (known.length === 0) {
    return {
      verdict: 'unsupported',
      explanation: `No ${role} of ${film.title} is recorded.`,
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
        `${joinWords(hits.flatMap((h) => h.statements.map((s) => s.value.name)))} ${verb} ${film.title}.` +
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
    // "Gorky's Mother": a possessive may name the author or a star rather than the director.
    const otherRole =
      claim.possessive === true &&
      claim.people.some((p) =>
        [
          ...film.kb.statements(film.key, 'writer').map((s) => s.value.name),
          ...film.kb.statements(film.key, 'cast').map((s) => s.value.person.name),
          ...film.kb
            .statements(film.key, 'basedOn')
            .map((s) => s.value.author ?? '')
            .filter((a) => a !== ''),
        ].some((n) => sameName(p, n)),
      );
    if (otherRole) {
      return {
        verdict: 'not-checkable',
        explanation: `${joinWords(claim.people)} is credited on ${film.title}, though not as its director; the possessive does not say in what role.`,
        evidence: [],
      };
    }
    const decisive = property === 'director' && !near && claim.loose !== true;
    d = {
      verdict: decisive ? 'contradicted' : 'unsupported',
      explanation: decisive
        ? `${film.title} was directed by ${knownNames}, not ${joinWords(claim.people)}.`
        : `The recorded ${role}${known.length > 1 ? 's are' : ' is'} ${knownNames}; ${joinWords(claim.people)} is not among them.`,
      evidence: known.map(stmt),
    };
  }
  return claim.negated ? negate(d, claim.text) : d;
}

export function judgeCast(claim: CastClaim, film: FilmContext): Decision {
  const known = film.kb.statements(film.key, 'cast');
  const hits = claim.people.map((p) => known.filter((s) => sameName(p, s.value.person.name)));
  if (hits.every((h) => h.length > 0) && hits.length > 0) {
    const statements = hits.flat();
    const characterOk =
      claim.character === undefined ||
      statements.some((s) => characterMatches(claim.character ?? '', s.value));
    if (characterOk) {
      return {
        verdict: 'supported',
        explanation: statements
          .map(
            (s) =>
              `${s.value.person.name} plays ${s.value.character ?? 'a role'} in ${film.title}.`,
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
    explanation: `${joinWords(claim.people)} is not in the recorded cast of ${film.title}${known.length > 0 ? `, which is not complete` : ''}.`,
    evidence: [],
  };
}

const ROLE_FILLER = new Set([
  'the',
  'a',
  'an',
  'her',
  'his',
  'their',
  'its',
  'young',
  'old',
  'of',
  'and',
  'as',
  'role',
  'part',
]);

/**
 * Whether a claimed role fits a recorded one. The proper name in the claim ("the interrogator
 * Portnov" → Portnov) must be the character's, word for word up to spelling; a role named only
 * by common nouns ("the governor", "her son") must be in the character or its description.
 */
function characterMatches(
  claimed: string,
  recorded: { character?: string | undefined; characterNote?: string | undefined },
): boolean {
  if (recorded.character === undefined) return false;
  if (sameTitle(recorded.character, claimed)) return true;
  const words = (t: string) =>
    normalize(t)
      .split(' ')
      .filter((w) => w.length > 0);
  const character = words(recorded.character);
  const proper = [...claimed.matchAll(/(?:^|[\s,])(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*)/gu)]
    .map((m) => m[1] ?? '')
    .filter((n) => !/^(?:The|A|An|Her|His|White|Red)$/.test(n));
  const name = proper.at(-1);
  const close = (a: string, b: string) =>
    a === b || editDistance(a, b, 2) <= (Math.min(a.length, b.length) >= 5 ? 1 : 0);
  if (name !== undefined) {
    const parts = words(name);
    return parts.length > 0 && parts.every((p) => character.some((c) => close(p, c)));
  }
  const nouns = words(claimed).filter((w) => !ROLE_FILLER.has(w) && w.length > 2);
  const pool = [...character, ...words(recorded.characterNote ?? '')];
  return nouns.length > 0 && nouns.every((n) => pool.some((c) => close(n, c)));
}
