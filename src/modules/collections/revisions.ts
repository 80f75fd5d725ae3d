/**
 * Revisions of a collection: a snapshot of what a curator wrote (title, intro, the ordered
 * entries with their notes, facts and sources), kept at every save, submission, send-back,
 * restore and publication. Two snapshots are compared on our own data model: entries added,
 * removed and moved; title, intro, notes and facts changed word by word; sources cited or
 * dropped. The same comparison finds the published statements a new publication changes or
 * withdraws, which become corrections shown to readers. Pure functions only.
 */

export interface SnapshotSource {
  url: string;
  title: string;
  publisher: string | null;
  accessedOn: string;
}

export interface SnapshotEntry {
  /** The film's slug: a film appears once in a collection. */
  film: string;
  note: string;
  fact: string;
  sources: SnapshotSource[];
}

export interface Snapshot {
  title: string;
  intro: string;
  entries: SnapshotEntry[];
}

export type RevisionKind =
  'create' | 'save' | 'submit' | 'send_back' | 'publish' | 'restore' | 'reopen';

export const REVISION_KIND_VALUES = [
  'create',
  'save',
  'submit',
  'send_back',
  'publish',
  'restore',
  'reopen',
] as const satisfies readonly RevisionKind[];

export interface RevisionInfo {
  number: number;
  kind: RevisionKind;
  author: string;
  at: string;
  /** What happened, in words: "added Mother (1926)", the send-back comment, "restored revision 3". */
  summary: string;
}

export interface Revision extends RevisionInfo {
  snapshot: Snapshot;
}

export const EMPTY_SNAPSHOT: Snapshot = { title: '', intro: '', entries: [] };

/** One run of a word-level diff: kept, removed or inserted text (with its spacing). */
export interface DiffPart {
  op: 'same' | 'del' | 'ins';
  text: string;
}

/** Beyond this many token pairs the texts are shown as replaced whole (bounded memory). */
const MAX_CELLS = 4_000_000;

/** Words and the spaces after them, so joining the tokens gives the text back exactly. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * A word-level diff of two texts (longest common subsequence of words and spaces). Joining the
 * `same` and `del` parts gives `before`; joining `same` and `ins` gives `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: 'same', text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('same', a.slice(0, start).join(''));
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  const n = ma.length;
  const m = mb.length;
  if (n * m > MAX_CELLS) {
    push('del', ma.join(''));
    push('ins', mb.join(''));
  } else {
    // lcs[i][j]: the longest common subsequence of ma[i..] and mb[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] =
          ma[i] === mb[j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ma[i] === mb[j]) {
        push('same', ma[i]!);
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
        push('ins', mb[j]!);
        j++;
      } else {
        push('del', ma[i]!);
        i++;
      }
    }
  }
  push('same', a.slice(endA).join(''));
  return readable(parts);
}

/**
 * Makes a diff read like an editor's marks: a lone space kept between two changes joins them,
 * and each run of changes shows what was removed, then what was added (not word-by-word
 * interleaving). Both texts still come back exactly.
 */
function readable(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'del', text: del });
    if (ins) out.push({ op: 'ins', text: ins });
    del = '';
    ins = '';
  };
  for (const [i, p] of parts.entries()) {
    const between = i > 0 && i < parts.length - 1 && (del || ins);
    if (p.op === 'same' && between && /^\s+$/.test(p.text)) {
      del += p.text;
      ins += p.text;
    } else if (p.op === 'same') {
      flush();
      out.push({ ...p });
    } else if (p.op === 'del') del += p.text;
    else ins += p.text;
  }
  flush();
  return out;
}

export interface TextChange {
  before: string;
  after: string;
  parts: DiffPart[];
}

export interface EntryChange {
  film: string;
  note?: TextChange;
  fact?: TextChange;
  sourcesAdded: SnapshotSource[];
  sourcesRemoved: SnapshotSource[];
}

export interface SnapshotDiff {
  title?: TextChange;
  intro?: TextChange;
  added: { film: string; position: number }[];
  removed: { film: string; position: number }[];
  /** Entries whose place among the kept entries changed (not those shifted by an add/remove). */
  moved: { film: string; from: number; to: number }[];
  changed: EntryChange[];
  /** True when nothing differs. */
  same: boolean;
}

function textChange(before: string, after: string): TextChange | undefined {
  return before === after ? undefined : { before, after, parts: wordDiff(before, after) };
}

/** The films kept in place by the longest common subsequence of the two orders. */
function keptInOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** What changed from snapshot `a` to snapshot `b`. */
export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const posA = new Map(a.entries.map((e, i) => [e.film, i + 1]));
  const posB = new Map(b.entries.map((e, i) => [e.film, i + 1]));
  const byFilmA = new Map(a.entries.map((e) => [e.film, e]));
  const added = b.entries
    .filter((e) => !posA.has(e.film))
    .map((e) => ({ film: e.film, position: posB.get(e.film)! }));
  const removed = a.entries
    .filter((e) => !posB.has(e.film))
    .map((e) => ({ film: e.film, position: posA.get(e.film)! }));
  const commonA = a.entries.filter((e) => posB.has(e.film)).map((e) => e.film);
  const commonB = b.entries.filter((e) => posA.has(e.film)).map((e) => e.film);
  const kept = keptInOrder(commonA, commonB);
  const moved = commonB
    .filter((f) => !kept.has(f))
    .map((film) => ({ film, from: posA.get(film)!, to: posB.get(film)! }));
  const changed: EntryChange[] = [];
  for (const eb of b.entries) {
    const ea = byFilmA.get(eb.film);
    if (!ea) continue;
    const urlsA = new Set(ea.sources.map((s) => s.url));
    const urlsB = new Set(eb.sources.map((s) => s.url));
    const note = textChange(ea.note, eb.note);
    const fact = textChange(ea.fact, eb.fact);
    const sourcesAdded = eb.sources.filter((s) => !urlsA.has(s.url));
    const sourcesRemoved = ea.sources.filter((s) => !urlsB.has(s.url));
    if (note || fact || sourcesAdded.length || sourcesRemoved.length)
      changed.push({
        film: eb.film,
        ...(note ? { note } : {}),
        ...(fact ? { fact } : {}),
        sourcesAdded,
        sourcesRemoved,
      });
  }
  const title = textChange(a.title, b.title);
  const intro = textChange(a.intro, b.intro);
  return {
    ...(title ? { title } : {}),
    ...(intro ? { intro } : {}),
    added,
    removed,
    moved,
    changed,
    same:
      !title &&
      !intro &&
      added.length === 0 &&
      removed.length === 0 &&
      moved.length === 0 &&
      changed.length === 0,
  };
}

export type StatementField = 'note' | 'fact';

/** A published statement that a new publication changes or withdraws. */
export interface StatementChange {
  /** `film:field`, the key a publisher's reason is given under. */
  key: string;
  film: string;
  field: StatementField;
  was: string;
  /** Empty when the statement is withdrawn (emptied, or its entry removed). */
  now: string;
}

/**
 * The statements readers could read in `published` that `next` changes or withdraws. A
 * statement added where there was none is new, not a correction.
 */
export function statementChanges(published: Snapshot, next: Snapshot): StatementChange[] {
  const nextByFilm = new Map(next.entries.map((e) => [e.film, e]));
  const out: StatementChange[] = [];
  for (const e of published.entries) {
    const n = nextByFilm.get(e.film);
    for (const field of ['note', 'fact'] as const) {
      const was = e[field].trim();
      const now = (n?.[field] ?? '').trim();
      if (was && was !== now)
        out.push({ key: `${e.film}:${field}`, film: e.film, field, was, now });
    }
  }
  return out;
}

/** A snapshot stored as JSON, read back with a clear error if it is not one. */
export function parseSnapshot(json: string, where: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${where}: the stored snapshot is not JSON`);
  }
  const v = value as Partial<Snapshot>;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.title !== 'string' ||
    typeof v.intro !== 'string' ||
    !Array.isArray(v.entries)
  )
    throw new Error(`${where}: the stored snapshot lacks title, intro or entries`);
  return v as Snapshot;
}
