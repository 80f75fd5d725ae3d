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
import { type Decision, type FilmContext, negate, stmt } from '../core/verdict.ts';

export interface PeopleClaim extends ClaimBase {
  kind: 'director' | 'writer';
  people: string[];
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

export function matchCast(c: string): Found<CastClaim>[] {
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

export function judgePeople(claim: PeopleClaim, film: FilmContext): Decision {
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
    const decisive = property === 'director' && !near;
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
