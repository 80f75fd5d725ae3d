/** The source work: "based on the play Alive Forever by Viktor Rozov", "Gorky's novel". */
import { sameTitle, type StatementOf } from '../../kb/kb.ts';
import { normalize, sameName } from '../../../../lib/text/index.ts';
import type { ClaimBase, Found } from '../core/claim.ts';
import { NAME, readNames } from '../core/patterns.ts';
import { type Decision, type FilmContext, stmt } from '../core/verdict.ts';

export interface BasedOnClaim extends ClaimBase {
  kind: 'basedOn';
  work?: string;
  author?: string;
  form?: string;
}

const FORMS =
  /\b(short story|novella|novel|play|story|book|poem|memoir|autobiography|trilogy|stories|screenplay)\b/i;

/**
 * Belarusian and Ukrainian romanizations write "-aŭ" where Russian ones write "-ov" (Bykaŭ and
 * Bykov are one writer, Быкаў / Быков): the Russian form of such a name.
 */
function russianForm(name: string): string {
  return name.replace(/a[ŭw](?=\s|$)/g, 'ov').replace(/ŭ/g, 'v');
}

export function sameAuthor(a: string, b: string): boolean {
  return sameName(a, b) || sameName(russianForm(a), russianForm(b));
}

export function matchBasedOn(c: string): Found<BasedOnClaim>[] {
  const m =
    /\b(?:based\s+on|adapted\s+from|(?:an?|another|the)\s+(?:film\s+)?adaptation\s+of|adaptation\s+of|(?<=\p{L}\s)(?:adapted|adapts)(?=\s+(?:the\s+)?(?:\p{Lu}|novel|novella|play|story|book)))\s+(.+)$/iu.exec(
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

export function judgeBasedOn(claim: BasedOnClaim, film: FilmContext): Decision {
  const known = film.kb.statements(film.key, 'basedOn');
  if (known.length === 0) {
    return {
      verdict: 'unsupported',
      explanation: `No source work is recorded for ${film.title}.`,
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
        (s.value.author !== undefined && sameAuthor(claim.author, s.value.author))) &&
      (claim.work === undefined || sameTitle(claim.work, s.value.work)) &&
      formOk(s.value.form),
  );
  const describe = (s: StatementOf<'basedOn'>) =>
    `${s.value.author ? `${s.value.author}'s ` : ''}${s.value.form ? `${s.value.form} ` : ''}${s.value.work}`;
  if (hits.length > 0) {
    return {
      verdict: 'supported',
      explanation: `${film.title} is based on ${hits.map(describe).join(' and ')}.`,
      evidence: hits.map(stmt),
    };
  }
  return {
    verdict: 'unsupported',
    explanation: `Recorded: ${film.title} is based on ${known.map(describe).join(' and ')}.`,
    evidence: known.map(stmt),
  };
}
