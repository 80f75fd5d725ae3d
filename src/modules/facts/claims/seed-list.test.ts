/**
 * The list that started the project, imported and checked end to end: parse it, resolve its
 * entries against the catalogue (the films of content/knowledge), and judge every description
 * and fact against the default knowledge base.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  entryTexts,
  parseList,
  resolveEntries,
  type EntryResolution,
} from '../../imports/index.ts';
import { KnowledgeBase } from '../kb/kb.ts';
import { loadKnowledgeDir } from '../kb/knowledge-dir.ts';
import { checkText, type CheckedClaim } from './check.ts';

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

interface Row {
  entry: string;
  label: string;
  claim: string;
  kind: string;
  verdict: string;
  explanation: string;
}

let rows: Row[];
let resolutions: EntryResolution[];

beforeAll(async () => {
  const kb = new KnowledgeBase(await loadKnowledgeDir(root('content/knowledge')));
  const catalogue = kb
    .films()
    .map((f) => ({ slug: f.key, year: f.year ?? 0, titles: f.titles, directors: f.directors }));
  const list = parseList(
    readFileSync(root('test/fixtures/lists/soviet-mothers.txt')),
    'soviet-mothers.txt',
  );
  resolutions = resolveEntries(list.entries, catalogue);
  rows = list.entries.flatMap((entry) => {
    const r = resolutions[entry.index];
    const film = r?.status === 'resolved' ? r.slug : null;
    return entryTexts(entry).flatMap((block) =>
      checkText(block.text, film, kb).claims.map((c: CheckedClaim) => ({
        entry: entry.heading,
        label: block.label,
        claim: c.text,
        kind: c.kind,
        verdict: c.judgement.verdict,
        explanation: c.judgement.explanation,
      })),
    );
  });
});

describe('the seed list', () => {
  it('resolves nine entries and leaves "The Mother (1975)" unresolved', () => {
    const mother1975 = resolutions[8];
    expect(mother1975?.status).toBe('unresolved');
    expect(mother1975?.candidates.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['mother-1990', 'mother-1955', 'mother-1926']),
    );
    expect(resolutions.filter((r) => r.status === 'resolved')).toHaveLength(9);
  });

  it('gets the verdict the knowledge base decides for every checkable claim', () => {
    const checkable = rows
      .filter((r) => r.kind !== 'none')
      .map((r) => [r.entry, r.label, r.kind, r.verdict, r.claim]);
    expect(checkable).toEqual([
      ['Mother (1955)', 'fact', 'director', 'supported', 'The film was directed by Mark Donskoy'],
      [
        'Mother (1955)',
        'fact',
        'priority',
        'contradicted',
        'It was also one of the first Soviet films to be shown at the Cannes Film Festival',
      ],
      [
        'The Cranes Are Flying (1957)',
        'fact',
        'award',
        'supported',
        "This film won the Palme d'Or at the Cannes Film Festival in 1958",
      ],
      [
        'The Ballad of a Soldier (1959)',
        'fact',
        'award',
        'supported',
        'The film was nominated for an Academy Award for Best Original Screenplay',
      ],
      ['The Forty-First (1956)', 'fact', 'version', 'unsupported', 'The film was remade in 1975'],
      [
        'The House I Live In (1957)',
        'fact',
        'director',
        'supported',
        'The film was directed by Lev Kulidzhanov',
      ],
      [
        'The Return of Vasili Bortnikov (1953)',
        'fact',
        'priority',
        'unsupported',
        'The film was one of the first to address the theme of soldiers returning from war',
      ],
      [
        'The Childhood of Maxim Gorky (1938)',
        'fact',
        'series',
        'supported',
        "This was the first part of a trilogy about Gorky's life",
      ],
      ['The Mother (1926)', 'description', 'basedOn', 'supported', "Based on Maxim Gorky's novel"],
      ['The Mother (1926)', 'fact', 'director', 'supported', 'Directed by Vsevolod Pudovkin'],
      [
        'The Mother (1975)',
        'description',
        'basedOn',
        'not-checkable',
        "Another adaptation of Gorky's novel",
      ],
      [
        'The Ascent (1977)',
        'fact',
        'award',
        'contradicted',
        'The film won the Golden Prize at the 10th Moscow International Film Festival',
      ],
      [
        'The Ascent (1977)',
        'fact',
        'award',
        'contradicted',
        'and was nominated for an Academy Award for Best Foreign Language Film',
      ],
    ]);
  });

  it('explains the contradictions with the records that decide them', () => {
    const why = (claim: string) => rows.find((r) => r.claim.startsWith(claim))?.explanation;
    expect(why('It was also one of the first Soviet')).toMatch(/earliest in 1946/);
    expect(why('The film won the Golden Prize')).toMatch(
      /The Fifth Seal, El puente and Mimino; the list of winners is complete/,
    );
    expect(why('and was nominated for an Academy Award')).toMatch(
      /submitted for, but not nominated for/,
    );
    expect(why('The film was remade in 1975')).toMatch(/1927, Yakov Protazanov/);
  });

  it('marks plot and opinion as not checkable', () => {
    const rest = rows.filter((r) => r.kind === 'none');
    expect(rest.length).toBeGreaterThan(20);
    expect(new Set(rest.map((r) => r.verdict))).toEqual(new Set(['not-checkable']));
    // Every description in the list is plot or opinion, except the two "based on" clauses.
    const descriptions = rows.filter((r) => r.label === 'description' && r.kind !== 'none');
    expect(descriptions.map((r) => r.kind)).toEqual(['basedOn', 'basedOn']);
  });
});
