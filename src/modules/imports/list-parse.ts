/**
 * Parses a curator's film list written elsewhere: plain text ("Title (Year)" lines followed by
 * "Description:" and "Fact:" paragraphs, like the seed list), numbered or bulleted lists
 * ("1. Title (1957) — note"), and Markdown with "## Title (Year)" headings. Text before the first
 * film is kept as the intro. Pure: bytes or text in, entries out.
 */
import { ValidationError } from '../../lib/errors.ts';

export type ListFormat = 'plain' | 'numbered' | 'markdown' | 'letterboxd';
export type BlockLabel = 'description' | 'fact' | 'note';

export interface TextBlock {
  label: BlockLabel;
  text: string;
  /** 1-based line where the block starts. */
  line: number;
}

export interface ListEntry {
  /** 0-based position in the list. */
  index: number;
  /** 1-based line of the entry's heading. */
  line: number;
  /** The heading as written, without list markers or Markdown: "The Mother (1975)". */
  heading: string;
  title: string;
  year: number | null;
  description: TextBlock | null;
  facts: TextBlock[];
  /** Unlabelled text: a numbered item's "— note", or extra paragraphs. */
  notes: TextBlock[];
}

export interface ParsedList {
  format: ListFormat;
  /** A Markdown "# Title" above the entries, if any. */
  title: string | null;
  intro: string;
  entries: ListEntry[];
}

export interface ListIssue {
  file: string;
  line: number;
  message: string;
}

/** A list that cannot be imported; the message has one `file:line: problem` per line. */
export class ListParseError extends ValidationError {
  readonly issues: readonly ListIssue[];
  constructor(issues: readonly ListIssue[]) {
    super(
      issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'),
      issues.map((i) => ({ where: `${i.file}:${i.line}`, message: i.message })),
    );
    this.name = 'ListParseError';
    this.issues = issues;
  }
}

/**
 * Decodes a file's bytes as UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured). Bytes that are
 * not UTF-8 are reported with their line rather than turned into replacement characters, because a
 * garbled title would silently fail to resolve.
 */
export function decodeListBytes(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    // Cyrillic in Windows-1251 is mostly bytes 0xC0–0xFF, which is the usual culprit for Russian
    // titles; say so, but do not guess silently.
    const high = bytes.filter((b) => b >= 0x80);
    const hint =
      high.length > 0 && high.filter((b) => b >= 0xc0).length / high.length > 0.6
        ? ' It looks like a legacy encoding such as Windows-1251.'
        : '';
    throw new ListParseError([
      {
        file,
        line,
        message: `the file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase()} at offset ${bad}); save it as UTF-8 and import it again.${hint}`,
      },
    ]);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

const LABELS: Readonly<Record<string, BlockLabel>> = {
  description: 'description',
  synopsis: 'description',
  summary: 'description',
  plot: 'description',
  fact: 'fact',
  facts: 'fact',
  'fun fact': 'fact',
  trivia: 'fact',
  note: 'note',
  notes: 'note',
  why: 'note',
  'why watch': 'note',
};

// "Description: …", "**Fact:** …", "- Fact: …", "_Note_: …".
const LABEL_LINE =
  /^\s*(?:[-*•]\s+)?(?:\*\*|__|\*|_)?\s*(description|synopsis|summary|plot|fun fact|facts?|trivia|notes?|why watch|why)\s*(?::\s*(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)\s*:|:)\s*(.*)$/i;
const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.+)$/;
const BULLET = /^\s*[-*•]\s+(.+)$/;
const YEAR_AT_END = /\(\s*(?:[^()]*?[,;]\s*)?(\d{4})\s*\)\s*$|\[\s*(\d{4})\s*\]\s*$/;
const HEADING_SPLIT =
  /^(.*?(?:\(\s*(?:[^()]*?[,;]\s*)?\d{4}\s*\)|\[\s*\d{4}\s*\]))\s*(?:[—–-]+|:)\s*(.+)$/;

/** Removes Markdown emphasis, code and links, keeping their text. */
function plainText(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=$|[\s),.:;!?])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

interface Heading {
  heading: string;
  title: string;
  year: number | null;
  note: string | null;
}

function parseHeading(raw: string): Heading {
  const text = plainText(raw);
  let head = text;
  let note: string | null = null;
  const split = HEADING_SPLIT.exec(text);
  if (split?.[1] !== undefined && split[2] !== undefined) {
    head = split[1].trim();
    note = split[2].trim();
  }
  const m = YEAR_AT_END.exec(head);
  const yearText = m?.[1] ?? m?.[2];
  const year = yearText === undefined ? null : Number(yearText);
  const title = (m ? head.slice(0, m.index) : head)
    .replace(/[\s,;:—–-]+$/, '')
    .replace(/^["“'‘]|["”'’]$/g, '')
    .trim();
  return { heading: head, title, year, note };
}

function isYearHeadingLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 160 && YEAR_AT_END.test(plainText(t)) && !LABEL_LINE.test(t);
}

export function parseList(input: string | Uint8Array, file = '<input>'): ParsedList {
  const text =
    typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeListBytes(input, file);
  const lines = text.split(/\r\n|\r|\n/);
  const issues: ListIssue[] = [];
  const issue = (line: number, message: string) => issues.push({ file, line, message });

  const nonBlankAfter = (i: number): string | undefined => {
    for (let j = i + 1; j < lines.length; j++) if ((lines[j] ?? '').trim() !== '') return lines[j];
    return undefined;
  };

  const hasMarkdownHeadings = lines.some((l) => /^#{2,6}\s+\S/.test(l));
  // Two numbered lines make a numbered list; so does a single "1. Title (1957)…" item.
  const numberedLines = lines.filter((l) => NUMBERED.test(l));
  const numbered =
    numberedLines.length >= 2 ||
    numberedLines.some((l) => /\(\s*(?:[^()]*?[,;]\s*)?\d{4}\s*\)/.test(l));
  const format: ListFormat = hasMarkdownHeadings ? 'markdown' : numbered ? 'numbered' : 'plain';

  /** Whether line i starts an entry, and its heading text. */
  const entryStart = (i: number): string | undefined => {
    const line = lines[i] ?? '';
    if (line.trim() === '') return undefined;
    if (format === 'markdown') {
      const h = MD_HEADING.exec(line);
      return h?.[1] !== undefined && h[1].length >= 2 ? h[2] : undefined;
    }
    if (format === 'numbered') {
      const n = NUMBERED.exec(line);
      if (n?.[2] !== undefined) return n[2];
      const b = BULLET.exec(line);
      return b?.[1] !== undefined && isYearHeadingLine(b[1]) && !LABEL_LINE.test(line)
        ? b[1]
        : undefined;
    }
    // Plain: a "Title (Year)" line, or a short line directly followed by a labelled paragraph.
    if (LABEL_LINE.test(line)) return undefined;
    if (isYearHeadingLine(line)) return line;
    const next = nonBlankAfter(i);
    const t = line.trim();
    if (next !== undefined && LABEL_LINE.test(next) && t.length <= 120 && !/[.!?]$/.test(t))
      return line;
    return undefined;
  };

  let title: string | null = null;
  const introParts: string[] = [];
  const entries: ListEntry[] = [];
  let current: ListEntry | null = null;
  let block: TextBlock | null = null;
  let blockLines: string[] = [];

  const closeBlock = () => {
    if (block && current) {
      block.text = plainText(blockLines.join(' ').replace(/\s+/g, ' '));
      if (block.text !== '') {
        if (block.label === 'description') {
          if (current.description === null) current.description = block;
          else current.notes.push(block);
        } else if (block.label === 'fact') current.facts.push(block);
        else current.notes.push(block);
      }
    }
    block = null;
    blockLines = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    const start = entryStart(i);
    if (start !== undefined) {
      closeBlock();
      const h = parseHeading(start);
      if (h.title === '') issue(lineNo, 'an entry heading without a title');
      if (h.year !== null && (h.year < 1880 || h.year > 2100)) {
        issue(lineNo, `${h.year} is not a plausible film year`);
      }
      current = {
        index: entries.length,
        line: lineNo,
        heading: h.heading,
        title: h.title,
        year: h.year,
        description: null,
        facts: [],
        notes: [],
      };
      entries.push(current);
      if (h.note) {
        block = { label: 'note', text: '', line: lineNo };
        blockLines = [h.note];
      }
      continue;
    }
    if (current === null) {
      const h1 = MD_HEADING.exec(line);
      if (h1?.[1] === '#' && title === null && introParts.every((l) => l.trim() === '')) {
        title = plainText(h1[2] ?? '');
        continue;
      }
      const label = LABEL_LINE.exec(line);
      if (label?.[1] !== undefined) {
        issue(
          lineNo,
          `a "${label[1]}:" paragraph before the first film; each one must follow a film's heading`,
        );
        continue;
      }
      introParts.push(line);
      continue;
    }
    if (line.trim() === '') {
      closeBlock();
      continue;
    }
    const label = LABEL_LINE.exec(line);
    if (label?.[1] !== undefined) {
      closeBlock();
      block = { label: LABELS[label[1].toLowerCase()] ?? 'note', text: '', line: lineNo };
      blockLines = [label[2] ?? ''];
      continue;
    }
    if (block === null) {
      // An unlabelled paragraph: the description if there is none yet (Markdown lists often
      // write the description straight under the heading), otherwise a note.
      block = {
        label: current.description === null && format === 'markdown' ? 'description' : 'note',
        text: '',
        line: lineNo,
      };
    }
    blockLines.push(line.replace(/^\s*[-*•]\s+/, '').trim());
  }
  closeBlock();

  if (entries.length === 0 && issues.length === 0) {
    issue(
      1,
      'no films found: expected "Title (Year)" lines, a numbered list ("1. Title (1957)") or "## Title (Year)" headings',
    );
  }
  if (issues.length > 0) throw new ListParseError(issues);
  const intro = introParts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { format, title, intro, entries };
}

/** The texts of an entry that carry claims, in order: description, facts, notes. */
export function entryTexts(entry: ListEntry): TextBlock[] {
  return [...(entry.description ? [entry.description] : []), ...entry.facts, ...entry.notes];
}
