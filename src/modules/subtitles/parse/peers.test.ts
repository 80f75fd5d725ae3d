import { describe, expect, it } from 'vitest';
import { PEER_CASES, runPeerCase } from '../../../../test/fixtures/subtitles/peers.ts';

describe('peer-style fixtures', () => {
  it.each(PEER_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(runPeerCase(c)).toEqual({ pass: true });
  });
});
