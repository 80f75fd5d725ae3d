/**
 * WebVTT cue text parsing, as W3C "WebVTT: The Web Video Text Tracks Format" §6.4 "WebVTT cue
 * text parsing rules" writes it: the tokenizer (§6.4 "WebVTT cue text tokenizer", its states
 * named as the spec names them) and the tree builder over its tokens, with the spec's step
 * numbers in the comments. The result is the tree of WebVTT Node Objects a browser builds:
 * class, italic, bold, underline, ruby, ruby text, voice and language objects, text and
 * timestamp objects. `cueTextToDom` is §6.5's DOM construction in a plain form (element name,
 * attributes, children), the shape `getCueAsHTML()` gives, for tests and for writers.
 *
 * Character references follow HTML's rules ("consume a character reference"): numeric ones,
 * with HTML's replacements for 0, surrogates, out-of-range and C1 values, and named ones by
 * longest match, the legacy names (amp, lt, nbsp, the Latin-1 letters…) also without the
 * semicolon. Our named table is HTML 4's set (Latin-1, the typographic specials, Greek, common
 * mathematical signs and arrows), not all 2,231 names of HTML's table; an unknown name is kept
 * as text, as HTML keeps it.
 */
import iconv from 'iconv-lite';
import { parseVttTimestamp } from './webvtt.ts';

export type CueNodeKind = 'class' | 'i' | 'b' | 'u' | 'ruby' | 'rt' | 'v' | 'lang';

export interface CueInternalNode {
  type: CueNodeKind | 'root';
  /** Applicable classes, empty strings excluded (§6.4 "attach a WebVTT Internal Node Object"). */
  classes: string[];
  /** Applicable language: the top of the language stack when the node was made. */
  language: string;
  /** The voice's name (`v`) or the language (`lang`): the tag's annotation string. */
  annotation?: string;
  children: CueNode[];
}
export interface CueTextNode {
  type: 'text';
  value: string;
}
export interface CueTimestampNode {
  type: 'timestamp';
  /** Seconds. */
  value: number;
}
export type CueNode = CueInternalNode | CueTextNode | CueTimestampNode;

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'start'; name: string; classes: string[]; annotation: string | null }
  | { kind: 'end'; name: string }
  | { kind: 'timestamp'; value: string }
  | { kind: 'eof' };

// Latin-1 names in code-point order from U+00A0: HTML's legacy names, valid without ";".
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
    ' ',
  );
// HTML 4's other names (with ";" only), as name:code point (hex).
const OTHERS =
  'quot:22 amp:26 lt:3c gt:3e apos:27 OElig:152 oelig:153 Scaron:160 scaron:161 Yuml:178 fnof:192 circ:2c6 tilde:2dc ensp:2002 emsp:2003 thinsp:2009 zwnj:200c zwj:200d lrm:200e rlm:200f ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d bdquo:201e dagger:2020 Dagger:2021 bull:2022 hellip:2026 permil:2030 prime:2032 Prime:2033 lsaquo:2039 rsaquo:203a oline:203e frasl:2044 euro:20ac image:2111 weierp:2118 real:211c trade:2122 alefsym:2135 larr:2190 uarr:2191 rarr:2192 darr:2193 harr:2194 crarr:21b5 lArr:21d0 uArr:21d1 rArr:21d2 dArr:21d3 hArr:21d4 forall:2200 part:2202 exist:2203 empty:2205 nabla:2207 isin:2208 notin:2209 ni:220b prod:220f sum:2211 minus:2212 lowast:2217 radic:221a prop:221d infin:221e ang:2220 and:2227 or:2228 cap:2229 cup:222a int:222b there4:2234 sim:223c cong:2245 asymp:2248 ne:2260 equiv:2261 le:2264 ge:2265 sub:2282 sup:2283 nsub:2284 sube:2286 supe:2287 oplus:2295 otimes:2297 perp:22a5 sdot:22c5 lceil:2308 rceil:2309 lfloor:230a rfloor:230b lang:27e8 rang:27e9 loz:25ca spades:2660 clubs:2663 hearts:2665 diams:2666 thetasym:3d1 upsih:3d2 piv:3d6';
const GREEK =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega'.split(
    ' ',
  );

/** Named references: name (with its ";" where required) → characters. */
const NAMED = new Map<string, string>();
LATIN1.forEach((n, i) => {
  NAMED.set(n, String.fromCharCode(0xa0 + i));
  NAMED.set(`${n};`, String.fromCharCode(0xa0 + i));
});
for (const [n, c] of [
  ['amp', '&'],
  ['AMP', '&'],
  ['lt', '<'],
  ['LT', '<'],
  ['gt', '>'],
  ['GT', '>'],
  ['quot', '"'],
  ['QUOT', '"'],
  ['COPY', '©'],
  ['REG', '®'],
] as const) {
  NAMED.set(n, c);
  NAMED.set(`${n};`, c);
}
for (const pair of OTHERS.split(' ')) {
  const [n, hex] = pair.split(':') as [string, string];
  NAMED.set(`${n};`, String.fromCodePoint(parseInt(hex, 16)));
}
GREEK.forEach((n, i) => {
  if (n === '_') return; // U+03A2 is not a letter
  NAMED.set(`${n};`, String.fromCodePoint(0x391 + i));
  NAMED.set(`${n.toLowerCase()};`, String.fromCodePoint(0x3b1 + i));
});
NAMED.set('sigmaf;', 'ς');
const LONGEST_NAME = Math.max(...[...NAMED.keys()].map((k) => k.length));

const isTagWs = (c: string | undefined): boolean =>
  c === '\t' || c === '\n' || c === '\f' || c === ' ';

/**
 * HTML "consume a character reference" at `pos` (just after the "&"). Returns the characters
 * and the position after them, or null when nothing is consumed (the "&" is then text).
 * `additional` is the spec's "additional allowed character" (">" in annotations): after "&" it
 * means no reference.
 */
function consumeCharRef(
  s: string,
  pos: number,
  additional?: string,
): { chars: string; next: number } | null {
  const c = s[pos];
  if (c === undefined || isTagWs(c) || c === '<' || c === '&' || c === additional) return null;
  if (c === '#') {
    // Numeric character reference.
    let i = pos + 1;
    const hex = s[i] === 'x' || s[i] === 'X';
    if (hex) i++;
    const from = i;
    while (i < s.length && (hex ? /[0-9A-Fa-f]/.test(s[i]!) : /[0-9]/.test(s[i]!))) i++;
    if (i === from) return null; // "&#" or "&#x" without digits: not a reference
    let code = parseInt(s.slice(from, i), hex ? 16 : 10);
    if (s[i] === ';') i++;
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = 0xfffd;
    else if (code >= 0x80 && code <= 0x9f) {
      // HTML's numeric character reference replacements are Windows-1252's.
      const w = iconv.decode(Buffer.from([code]), 'windows-1252');
      if (w.charCodeAt(0) !== code) return { chars: w, next: i };
    }
    return { chars: String.fromCodePoint(code), next: i };
  }
  // Named character reference: the longest name in the table that the input starts with.
  for (let len = Math.min(LONGEST_NAME, s.length - pos); len > 0; len--) {
    const cand = s.slice(pos, pos + len);
    const chars = NAMED.get(cand);
    if (chars !== undefined) return { chars, next: pos + len };
  }
  return null;
}

/** §6.4 "WebVTT cue text tokenizer": the next token from `pos`. */
function nextToken(s: string, at: { pos: number }): Token {
  // 1-2. Input, position; tokenizer state "data"; result, buffer, classes empty.
  let state:
    'data' | 'tag' | 'startTag' | 'startTagClass' | 'startTagAnnotation' | 'endTag' | 'timestamp' =
    'data';
  let result = '';
  let buffer = '';
  const classes: string[] = [];
  // 3. Loop.
  for (;;) {
    // 3.1. c is the character at position, or EOF.
    const c: string | undefined = s[at.pos];
    switch (state) {
      case 'data':
        if (c === '&') {
          // "HTML character reference in data state": attempt to consume one, no additional
          // allowed character; nothing returned → "&".
          const ref = consumeCharRef(s, at.pos + 1);
          if (ref) {
            result += ref.chars;
            at.pos = ref.next;
          } else {
            result += '&';
            at.pos++;
          }
          continue;
        }
        if (c === '<') {
          // Empty result: tag state; otherwise return the string token (do not advance).
          if (result === '') state = 'tag';
          else return { kind: 'string', value: result };
          break;
        }
        if (c === undefined)
          return result === '' ? { kind: 'eof' } : { kind: 'string', value: result };
        result += c;
        break;
      case 'tag':
        if (isTagWs(c)) {
          state = 'startTagAnnotation';
        } else if (c === '.') {
          state = 'startTagClass';
        } else if (c === '/') {
          state = 'endTag';
        } else if (c !== undefined && c >= '0' && c <= '9') {
          result = c;
          state = 'timestamp';
        } else if (c === '>') {
          at.pos++;
          return { kind: 'start', name: '', classes: [], annotation: null };
        } else if (c === undefined) {
          return { kind: 'start', name: '', classes: [], annotation: null };
        } else {
          result = c;
          state = 'startTag';
        }
        break;
      case 'startTag':
        if (c === '\t' || c === '\f' || c === ' ') state = 'startTagAnnotation';
        else if (c === '\n') {
          buffer = c;
          state = 'startTagAnnotation';
        } else if (c === '.') state = 'startTagClass';
        else if (c === '>') {
          at.pos++;
          return { kind: 'start', name: result, classes, annotation: null };
        } else if (c === undefined)
          return { kind: 'start', name: result, classes, annotation: null };
        else result += c;
        break;
      case 'startTagClass':
        if (c === '\t' || c === '\f' || c === ' ') {
          classes.push(buffer);
          buffer = '';
          state = 'startTagAnnotation';
        } else if (c === '\n') {
          classes.push(buffer);
          buffer = c;
          state = 'startTagAnnotation';
        } else if (c === '.') {
          classes.push(buffer);
          buffer = '';
        } else if (c === '>' || c === undefined) {
          if (c === '>') at.pos++;
          classes.push(buffer);
          return { kind: 'start', name: result, classes, annotation: null };
        } else buffer += c;
        break;
      case 'startTagAnnotation':
        if (c === '&') {
          // "HTML character reference in annotation state", ">" the additional allowed
          // character.
          const ref = consumeCharRef(s, at.pos + 1, '>');
          if (ref) {
            buffer += ref.chars;
            at.pos = ref.next;
          } else {
            buffer += '&';
            at.pos++;
          }
          continue;
        }
        if (c === '>' || c === undefined) {
          if (c === '>') at.pos++;
          // Strip leading and trailing white space, collapse runs of it to one space.
          const annotation = buffer
            .replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '')
            .replace(/[\t\n\f\r ]+/g, ' ');
          return { kind: 'start', name: result, classes, annotation };
        }
        buffer += c;
        break;
      case 'endTag':
        if (c === '>' || c === undefined) {
          if (c === '>') at.pos++;
          return { kind: 'end', name: result };
        }
        result += c;
        break;
      case 'timestamp':
        if (c === '>' || c === undefined) {
          if (c === '>') at.pos++;
          return { kind: 'timestamp', value: result };
        }
        result += c;
        break;
    }
    // 3.3. Advance position to the next character.
    at.pos++;
  }
}

const START_TAGS: Record<string, CueNodeKind> = {
  c: 'class',
  i: 'i',
  b: 'b',
  u: 'u',
  ruby: 'ruby',
  rt: 'rt',
  v: 'v',
  lang: 'lang',
};

/**
 * §6.4 "WebVTT cue text parsing rules": the tree of WebVTT Node Objects for a cue's text.
 * `fallbackLanguage` is the track's language, if any (step 3). `onIgnored` hears of each tag
 * the rules ignore (unknown names, a misplaced end tag, a bad timestamp), for the reader's notes.
 */
export function parseCueText(
  input: string,
  fallbackLanguage = '',
  onIgnored?: (tag: {
    kind: 'start' | 'end' | 'timestamp';
    name: string;
    annotation?: string | null;
  }) => void,
): CueInternalNode {
  // 1-2. Position at the start; result is a list of WebVTT Node Objects (a root holding them);
  // current is the root.
  const root: CueInternalNode = { type: 'root', classes: [], language: '', children: [] };
  let current = root;
  const parents = new Map<CueInternalNode, CueInternalNode>();
  // 3. The language stack, with the fallback language when there is one.
  const languages: string[] = fallbackLanguage !== '' ? [fallbackLanguage] : [];
  const at = { pos: 0 };
  // "Attach a WebVTT Internal Node Object": classes without empty strings, the applicable
  // language from the top of the stack, appended to current, which it becomes.
  const attach = (
    type: CueNodeKind,
    token: { classes: string[]; annotation: string | null },
    annotation?: string,
  ): void => {
    const node: CueInternalNode = {
      type,
      classes: token.classes.filter((x) => x !== ''),
      language: languages.at(-1) ?? '',
      children: [],
    };
    if (annotation !== undefined) node.annotation = annotation;
    current.children.push(node);
    parents.set(node, current);
    current = node;
  };
  // 4. Loop: run the tokenizer, act on its token.
  for (;;) {
    const token = nextToken(input, at);
    switch (token.kind) {
      case 'string':
        // A WebVTT Text Object appended to current.
        current.children.push({ type: 'text', value: token.value });
        break;
      case 'start': {
        const kind = START_TAGS[token.name];
        if (kind === undefined) {
          // Any other tag name: ignore the token.
          onIgnored?.({ kind: 'start', name: token.name, annotation: token.annotation });
          break;
        }
        if (kind === 'rt') {
          // "rt": only inside a WebVTT Ruby Object.
          if (current.type === 'ruby') attach('rt', token);
          else onIgnored?.({ kind: 'start', name: 'rt' });
        } else if (kind === 'v') {
          attach('v', token, token.annotation ?? '');
        } else if (kind === 'lang') {
          // Push the annotation to the language stack; the node's language is it.
          languages.push(token.annotation ?? '');
          attach('lang', token, token.annotation ?? '');
        } else attach(kind, token);
        break;
      }
      case 'end': {
        const kind = START_TAGS[token.name];
        if (kind !== undefined && kind !== 'lang' && current.type === kind) {
          // The end tag of current: current becomes its parent.
          current = parents.get(current) ?? root;
        } else if (kind === 'lang' && current.type === 'lang') {
          current = parents.get(current) ?? root;
          languages.pop();
        } else if (kind === 'ruby' && current.type === 'rt') {
          // "</ruby>" inside ruby text closes both.
          current = parents.get(parents.get(current) ?? root) ?? root;
        } else onIgnored?.({ kind: 'end', name: token.name }); // Otherwise ignore the token.
        break;
      }
      case 'timestamp': {
        // Collect a WebVTT timestamp from the tag's value; it must use all of it.
        const t = parseVttTimestamp(token.value);
        if (t !== null) current.children.push({ type: 'timestamp', value: t });
        else onIgnored?.({ kind: 'timestamp', name: token.value });
        break;
      }
      case 'eof':
        // 5. Return result.
        return root;
    }
  }
}

/** A DOM-like node, §6.5 "WebVTT cue text DOM construction rules". */
export type DomNode =
  | { element: string; attributes: Record<string, string>; children: DomNode[] }
  | { text: string }
  | { pi: 'timestamp'; data: string };

const ELEMENT: Record<CueNodeKind, string> = {
  class: 'span',
  i: 'i',
  b: 'b',
  u: 'u',
  ruby: 'ruby',
  rt: 'rt',
  v: 'span',
  lang: 'span',
};

/** A timestamp as WebVTT writes it: hh:mm:ss.ttt, hours at least two digits. */
export function formatVttTimestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
}

/** §6.5: what `getCueAsHTML()` would give for the tree. */
export function cueTextToDom(node: CueInternalNode): DomNode[] {
  return node.children.map((n): DomNode => {
    if (n.type === 'text') return { text: n.value };
    if (n.type === 'timestamp') return { pi: 'timestamp', data: formatVttTimestamp(n.value) };
    const kind = n.type as CueNodeKind;
    const attributes: Record<string, string> = {};
    if (n.classes.length > 0) attributes.class = n.classes.join(' ');
    if (kind === 'v') attributes.title = n.annotation ?? '';
    if (kind === 'lang') attributes.lang = n.language;
    return { element: ELEMENT[kind], attributes, children: cueTextToDom(n) };
  });
}

/**
 * The tree as the shared cue markup: `<i>`, `<b>`, `<u>` kept, every other node's text kept
 * without its tag (voices, classes, languages, ruby and its ruby text), timestamps dropped.
 */
export function cueTextToMarkup(node: CueInternalNode): string {
  return node.children
    .map((n) => {
      if (n.type === 'text') return n.value;
      if (n.type === 'timestamp') return '';
      const inner = cueTextToMarkup(n);
      return n.type === 'i' || n.type === 'b' || n.type === 'u'
        ? `<${n.type}>${inner}</${n.type}>`
        : inner;
    })
    .join('');
}

/** The cue's text without markup: what a reader sees, ruby text included. */
export function cueTextPlain(node: CueInternalNode): string {
  return node.children
    .map((n) => (n.type === 'text' ? n.value : n.type === 'timestamp' ? '' : cueTextPlain(n)))
    .join('');
}
