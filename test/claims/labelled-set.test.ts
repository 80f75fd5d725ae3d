/**
 * The labelled claim set of bench/claims is well formed and balanced, and the bench's sentence
 * verdict follows its rule. (The checker's own figures on it are printed by the bench.)
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSet, sentenceVerdict } from '../../bench/claims/run.ts';

const dir = fileURLToPath(new URL('../../bench/claims/', import.meta.url));
const dev = loadSet(
  readdirSync(`${dir}set`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${dir}set/${f}`),
);
const heldOut = loadSet([`${dir}held-out.yaml`]);

describe('the labelled claim set', () => {
  it('has at least 300 sentences, a tenth of them held out, none twice', () => {
    const all = [...dev, ...heldOut];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(heldOut.length / all.length).toBeGreaterThanOrEqual(0.09);
    expect(new Set(all.map((s) => `${s.film} ${s.text}`)).size).toBe(all.length);
  });

  it('is roughly a third true, a third false and a third undecidable', () => {
    const all = [...dev, ...heldOut];
    for (const e of ['supported', 'contradicted', 'undecidable'] as const) {
      const share = all.filter((s) => s.expect === e).length / all.length;
      expect(share, e).toBeGreaterThan(0.25);
      expect(share, e).toBeLessThan(0.45);
    }
  });
});

describe('sentenceVerdict', () => {
  it('is contradicted if any claim is, supported only if every checkable claim is', () => {
    expect(sentenceVerdict(['supported', 'contradicted'])).toBe('contradicted');
    expect(sentenceVerdict(['supported', 'not-checkable'])).toBe('supported');
    expect(sentenceVerdict(['supported', 'unsupported'])).toBe('unsupported');
    expect(sentenceVerdict(['not-checkable'])).toBe('not-checkable');
    expect(sentenceVerdict([])).toBe('not-checkable');
  });
});
