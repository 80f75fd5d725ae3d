/** Sentences and clauses: the units claims are read from. */
import type { Span } from './claim.ts';

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
