import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Snapshot,
  diffSnapshots,
  parseSnapshot,
  statementChanges,
  wordDiff,
} from './revisions.ts';

const join = (parts: { op: string; text: string }[], keep: 'del' | 'ins') =>
  parts
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');

const entry = (film: string, note = '', fact = '') => ({ film, note, fact, sources: [] });
const snap = (entries: Snapshot['entries'], title = 'T', intro = ''): Snapshot => ({
  title,
  intro,
  entries,
});

describe('wordDiff', () => {
  it('marks only the changed words', () => {
    const parts = wordDiff(
      "It won the Palme d'Or in 1960.",
      "It won the Palme d'Or in 1958 at Cannes.",
    );
    expect(parts.filter((p) => p.op === 'del').map((p) => p.text)).toEqual(['1960.']);
    expect(parts.filter((p) => p.op === 'ins').map((p) => p.text.trim())).toEqual([
      '1958 at Cannes.',
    ]);
    expect(parts[0]).toEqual({ op: 'same', text: "It won the Palme d'Or in " });
  });

  it('gives both texts back exactly, in any script', () => {
    const word = fc.constantFrom('Летят', 'журавли', 'mat', '1926', 'the', 'Cranes', '—', 'a');
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n')), { maxLength: 30 })
      .map((ws) => ws.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = wordDiff(a, b);
        expect(join(parts, 'del')).toBe(a);
        expect(join(parts, 'ins')).toBe(b);
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.op).not.toBe(parts[i - 1]!.op);
      }),
    );
  });

  it('shows a rewritten phrase as one removal and one addition, not interleaved words', () => {
    expect(
      wordDiff(
        'It won the Palme d’Or at Cannes in 1958.',
        'It won the Palme d’Or at the 1958 Cannes Film Festival, the only Soviet film to do so.',
      ),
    ).toEqual([
      { op: 'same', text: 'It won the Palme d’Or at ' },
      { op: 'ins', text: 'the 1958 ' },
      { op: 'same', text: 'Cannes ' },
      { op: 'del', text: 'in 1958.' },
      { op: 'ins', text: 'Film Festival, the only Soviet film to do so.' },
    ]);
  });

  it('is empty for two empty texts and whole for a new one', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'New note.')).toEqual([{ op: 'ins', text: 'New note.' }]);
  });
});

describe('diffSnapshots', () => {
  it('tells added, removed and moved entries apart from those shifted by them', () => {
    const a = snap([entry('a'), entry('b'), entry('c'), entry('d')]);
    const b = snap([entry('b'), entry('d'), entry('c'), entry('e')]);
    const d = diffSnapshots(a, b);
    expect(d.added).toEqual([{ film: 'e', position: 4 }]);
    expect(d.removed).toEqual([{ film: 'a', position: 1 }]);
    // b stays first among the kept ones; one of c/d moved, not both.
    expect(d.moved).toHaveLength(1);
    expect(d.same).toBe(false);
  });

  it('finds changed notes, facts, title and cited sources, and nothing between equal ones', () => {
    const src = {
      url: 'https://example.org/a',
      title: 'A',
      publisher: null,
      accessedOn: '2026-12-01',
    };
    const a = snap([entry('a', 'Old note.', 'A fact.')], 'Old title');
    const b = snap([{ ...entry('a', 'New note.', 'A fact.'), sources: [src] }], 'New title');
    const d = diffSnapshots(a, b);
    expect(d.title?.after).toBe('New title');
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.note?.before).toBe('Old note.');
    expect(d.changed[0]!.fact).toBeUndefined();
    expect(d.changed[0]!.sourcesAdded).toEqual([src]);
    expect(diffSnapshots(a, a).same).toBe(true);
  });
});

describe('statementChanges', () => {
  it('lists changed and withdrawn published statements, not new ones', () => {
    const published = snap([entry('a', 'Note A.', 'Fact A.'), entry('b', 'Note B.')]);
    const next = snap([entry('a', 'Note A.', 'Fact A, corrected.'), entry('c', 'Note C.')]);
    expect(statementChanges(published, next)).toEqual([
      { key: 'a:fact', film: 'a', field: 'fact', was: 'Fact A.', now: 'Fact A, corrected.' },
      { key: 'b:note', film: 'b', field: 'note', was: 'Note B.', now: '' },
    ]);
    expect(statementChanges(snap([entry('a')]), snap([entry('a', 'First note.')]))).toEqual([]);
  });
});

describe('parseSnapshot', () => {
  it('names the revision when the stored JSON is not a snapshot', () => {
    expect(() => parseSnapshot('{"title":1}', 'revision 3 of collection 9')).toThrow(
      /revision 3 of collection 9: .*lacks/,
    );
    expect(() => parseSnapshot('nope', 'revision 4')).toThrow(/revision 4: .*not JSON/);
  });
});
