/**
 * Correctness rules of the claim checker on the whole labelled set (development and held-out):
 * it never calls a claim supported that is not, and never calls one contradicted that is not.
 * These are rules, not targets: a single wrong green or red mark fails the test.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeSet, loadSet, type Outcome } from '../../bench/claims/run.ts';
import { KnowledgeBase } from '../../src/modules/facts/kb/kb.ts';
import { loadKnowledgeDir } from '../../src/modules/facts/kb/knowledge-dir.ts';

const dir = fileURLToPath(new URL('../../bench/claims/', import.meta.url));
const set = loadSet([
  ...readdirSync(`${dir}set`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${dir}set/${f}`),
  `${dir}held-out.yaml`,
]);
let outcomes: Outcome[];
beforeAll(async () => {
  const kb = new KnowledgeBase(
    await loadKnowledgeDir(fileURLToPath(new URL('../../content/knowledge', import.meta.url))),
  );
  outcomes = judgeSet(set, kb);
});

const show = (o: readonly Outcome[]) => o.map((x) => `${x.film}: ${x.text} → ${x.verdict}`);

describe('the claim checker on the whole labelled set', () => {
  it('judges every sentence', () => {
    expect(outcomes).toHaveLength(set.length);
  });

  it('never marks a claim supported that the labels do not accept as supported', () => {
    expect(show(outcomes.filter((o) => o.falseSupported))).toEqual([]);
  });

  it('never marks a claim contradicted that the labels do not accept as contradicted', () => {
    expect(show(outcomes.filter((o) => o.falseContradicted))).toEqual([]);
  });
});
