import { describe, expect, it } from 'vitest';
import type { Fact, Source } from './facts.ts';
import { type FactsReader, FactsService } from './facts.service.ts';

const source = (n: number): Source => ({
  url: `https://example.org/${n}`,
  title: `Source ${n}`,
  publisher: null,
  accessedOn: '2026-11-27',
});

/** An in-memory stand-in for FactsRepository, keyed by film, entry and correction id. */
class FakeFacts implements FactsReader {
  readonly calls: string[] = [];
  constructor(
    private readonly facts: Map<number, Fact[]>,
    private readonly synopsis: Map<number, Source[]>,
    private readonly sources: Map<number, Source>,
    private readonly entries: Map<number, Source[]>,
    private readonly corrections: Map<number, Source[]>,
  ) {}
  async factsForFilm(filmId: number) {
    this.calls.push(`facts:${filmId}`);
    return this.facts.get(filmId) ?? [];
  }
  async synopsisSources(filmId: number) {
    this.calls.push(`synopsis:${filmId}`);
    return this.synopsis.get(filmId) ?? [];
  }
  async sourcesByIds(ids: readonly number[]) {
    return new Map(
      ids.flatMap((id) => (this.sources.has(id) ? [[id, this.sources.get(id)!]] : [])),
    );
  }
  async entryFactSources(ids: readonly number[]) {
    return new Map(
      ids.flatMap((id) => (this.entries.has(id) ? [[id, this.entries.get(id)!]] : [])),
    );
  }
  async correctionSources(ids: readonly number[]) {
    return new Map(
      ids.flatMap((id) => (this.corrections.has(id) ? [[id, this.corrections.get(id)!]] : [])),
    );
  }
}

function service() {
  const fake = new FakeFacts(
    new Map([[1, [{ key: 'cannes', text: 'Shown at Cannes.', sources: [source(1)] }]]]),
    new Map([[1, [source(2), source(3)]]]),
    new Map([[7, source(7)]]),
    new Map([[10, [source(4)]]]),
    new Map([[20, [source(5), source(6)]]]),
  );
  return { fake, facts: new FactsService(fake) };
}

describe('FactsService', () => {
  it("reads a film's facts and synopsis sources together, and nothing for another film", async () => {
    const { fake, facts } = service();
    expect(await facts.forFilm(1)).toEqual({
      facts: [{ key: 'cannes', text: 'Shown at Cannes.', sources: [source(1)] }],
      synopsisSources: [source(2), source(3)],
    });
    expect(fake.calls.sort()).toEqual(['facts:1', 'synopsis:1']);
    expect(await facts.forFilm(2)).toEqual({ facts: [], synopsisSources: [] });
    expect(await facts.factsForFilm(1)).toHaveLength(1);
    expect(await facts.synopsisSources(1)).toEqual([source(2), source(3)]);
  });

  it('finds the sources of other records by id, leaving out unknown ids', async () => {
    const { facts } = service();
    expect([...(await facts.sourcesByIds([7, 8])).entries()]).toEqual([[7, source(7)]]);
    expect([...(await facts.entryFactSources([10, 11])).keys()]).toEqual([10]);
    expect((await facts.correctionSources([20])).get(20)).toEqual([source(5), source(6)]);
  });
});
