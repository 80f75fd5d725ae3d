/**
 * List import and claim checking against a big imported catalogue: the sample list of Soviet
 * mothers, imported into the ten content films plus tens of thousands of generated IMDb films
 * (hundreds of them called "Mother", several in 1926 itself), resolves as it does against the
 * ten alone: "The Mother (1926)" is Pudovkin's film, first, and the candidates beside it are
 * the namesakes of those years; the fact check of that entry is unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImdb } from '../fixtures/imdb/generate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const LIST = path.resolve(import.meta.dirname, '../fixtures/lists/soviet-mothers.txt');
const TITLES = 30_000;

describe('list import and claim checking at scale (SQLite)', () => {
  let small: TestApp;
  let big: TestApp;
  let data: string;

  beforeAll(async () => {
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-imdb-scale-'));
    await generateImdb(data, { titles: TITLES });
    small = await createTestApp('sqlite');
    big = await createTestApp('sqlite');
    const r = await big.services.imdb.import(data);
    expect(r.films.added).toBeGreaterThan(20_000);
  }, 120_000);
  afterAll(async () => {
    await small?.close();
    await big?.close();
    fs.rmSync(data, { recursive: true, force: true });
  });

  it('resolves "The Mother (1926)" to Pudovkin\'s film first, beside its namesakes', async () => {
    const bytes = new Uint8Array(fs.readFileSync(LIST));
    const few = await small.services.imports.importList(bytes, LIST, { slug: 'mothers-small' });
    const many = await big.services.imports.importList(bytes, LIST, { slug: 'mothers-big' });

    // Every entry resolves to the same film as against the ten content films alone.
    const outcome = (l: typeof few) =>
      l.list.entries.map((e) => [
        e.heading,
        e.resolution.status,
        e.resolution.status === 'resolved' ? e.resolution.slug : null,
      ]);
    expect(outcome(many).filter((o) => o[1] === 'resolved')).toEqual(
      outcome(few).filter((o) => o[1] === 'resolved'),
    );

    const entry = many.list.entries.find((e) => e.heading === 'The Mother (1926)');
    expect(entry?.resolution).toMatchObject({ status: 'resolved', slug: 'mother-1926' });
    const candidates = entry!.resolution.candidates;
    expect(candidates[0]?.slug).toBe('mother-1926');
    // The rest are IMDb films called Mother from 1925 to 1927, and only those.
    const namesakes = await big.testDb.kysely
      .selectFrom('films')
      .innerJoin('titles', 'titles.film_id', 'films.id')
      .select('films.slug')
      .distinct()
      .where('films.origin', '=', 'imdb')
      .where('films.year', '>=', 1925)
      .where('films.year', '<=', 1927)
      .where('titles.text', 'in', ['Mother', 'Мать'])
      .execute();
    expect(namesakes.length).toBeGreaterThan(3);
    expect(new Set(candidates.slice(1).map((c) => c.slug))).toEqual(
      new Set(namesakes.map((n) => n.slug)),
    );
    for (const c of candidates) expect(Math.abs(c.evidence?.yearDelta ?? 9)).toBeLessThanOrEqual(1);
    // The same-year namesakes rank before those a year off.
    const deltas = candidates.map((c) => Math.abs(c.evidence?.yearDelta ?? 9));
    expect([...deltas].sort((a, b) => a - b)).toEqual(deltas);

    // Claim checking of the entry: the same verdicts as on the small catalogue.
    const verdicts = async (app: TestApp, slug: string) => {
      const check = await app.services.collections.factCheck(slug, { includeDrafts: true });
      return check.entries
        .filter((e) => e.filmSlug === 'mother-1926')
        .map((e) => JSON.stringify([e.description, e.fact]));
    };
    const bigVerdicts = await verdicts(big, many.collection.slug);
    expect(bigVerdicts).toHaveLength(1);
    expect(bigVerdicts).toEqual(await verdicts(small, few.collection.slug));
  }, 60_000);
});
