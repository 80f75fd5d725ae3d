/**
 * The knowledge base, list import and fact checking on real databases (SQLite and PostgreSQL):
 * the seed list is imported as a draft and each of its facts the base decides gets its verdict.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryCheck } from '../../src/modules/collections/index.ts';
import type { CheckedText } from '../../src/modules/facts/index.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { CONTENT_DIR, DIALECTS } from '../helpers/db.ts';

const SEED = path.resolve(import.meta.dirname, '../../../shared/seed/soviet-mothers.txt');
const SEED_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/lists/soviet-mothers.txt');
const WIKIDATA = path.resolve(import.meta.dirname, '../fixtures/wikidata/films.json');

/** The verdicts of the claims in a text, as [claim text, verdict], checkable ones only. */
const verdicts = (t: CheckedText) =>
  t.claims
    .filter((c) => c.judgement.verdict !== 'not-checkable')
    .map((c) => [c.text, c.judgement.verdict] as const);

describe.each(DIALECTS)('knowledge and fact checking on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('content load brings in the default knowledge, and a second load changes nothing', async () => {
    const counts = await app.services.knowledge.counts();
    expect(counts['content.film']).toBe(10);
    expect(counts['content.edition']).toBeGreaterThanOrEqual(40);
    expect(counts['content.statement']).toBeGreaterThan(100);
    const again = await app.services.content.load(CONTENT_DIR);
    expect(again.changed).toBe(false);
    expect(again.knowledgeChanged).toBe(false);
  });

  it('a broken knowledge file stops the whole load, naming file and line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-kb-'));
    fs.cpSync(CONTENT_DIR, dir, { recursive: true });
    const film = path.join(dir, 'films/the-ascent-1977.yaml');
    fs.writeFileSync(
      film,
      fs.readFileSync(film, 'utf8').replace('english: The Ascent', 'english: Changed'),
    );
    fs.appendFileSync(path.join(dir, 'knowledge/the-ascent-1977.yaml'), '\nnonsense: [\n');
    const before = await app.services.knowledge.counts();
    const error = await app.services.content.load(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'validation_failed',
      problems: [{ where: expect.stringMatching(/^knowledge\/the-ascent-1977\.yaml:\d+$/) }],
    });
    expect(await app.services.knowledge.counts()).toEqual(before);
    expect((await app.services.catalog.getFilm('the-ascent-1977')).englishTitle).toBe('The Ascent');
    const check = await app.services.content.check(dir);
    expect(check.problems.map((p) => p.where)).toEqual([
      expect.stringMatching(/^knowledge\/the-ascent-1977\.yaml:\d+$/),
    ]);
  });

  it('imports the seed list as a draft, leaving the 1975 film unresolved', async () => {
    const seed = fs.existsSync(SEED) ? SEED : SEED_FIXTURE;
    const result = await app.services.imports.importList(
      fs.readFileSync(seed),
      'soviet-mothers.txt',
    );
    expect(result.collection).toMatchObject({
      slug: 'soviet-mothers',
      status: 'draft',
      entries: 9,
    });
    const slot9 = result.list.entries[8]!;
    expect(slot9.heading).toBe('The Mother (1975)');
    expect(slot9.resolution.status).toBe('unresolved');
    expect(slot9.resolution.candidates.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['mother-1990', 'mother-1955', 'mother-1926']),
    );
    expect(result.list.entries.filter((e) => e.resolution.status === 'resolved')).toHaveLength(9);
    // Drafts stay out of public lists.
    expect((await app.services.collections.list()).map((c) => c.slug)).toEqual([
      'mothers-in-soviet-cinema',
    ]);
  });

  it('never overwrites an existing collection', async () => {
    const result = await app.services.imports.importList(
      '1. The Ascent (1977) — a note\n',
      'list.md',
      { title: 'Mothers in Soviet Cinema' },
    );
    expect(result.collection.slug).toBe('mothers-in-soviet-cinema-2');
    const published = await app.services.collections.get('mothers-in-soviet-cinema');
    expect(published.entries).toHaveLength(10);
    expect(published.status).toBe('published');
  });

  it("judges each of the seed list's facts that the base decides", async () => {
    const check = await app.services.collections.factCheck('soviet-mothers', {
      includeDrafts: true,
    });
    const fact = (position: number) =>
      verdicts(check.entries.find((e: EntryCheck) => e.position === position)!.fact);
    expect(fact(1)).toEqual([
      ['The film was directed by Mark Donskoy', 'supported'],
      [
        'It was also one of the first Soviet films to be shown at the Cannes Film Festival',
        'contradicted',
      ],
    ]);
    expect(fact(2)).toEqual([
      ["This film won the Palme d'Or at the Cannes Film Festival in 1958", 'supported'],
    ]);
    expect(fact(3)).toEqual([
      ['The film was nominated for an Academy Award for Best Original Screenplay', 'supported'],
    ]);
    expect(fact(4)).toEqual([['The film was remade in 1975', 'unsupported']]);
    expect(fact(5)).toEqual([['The film was directed by Lev Kulidzhanov', 'supported']]);
    expect(fact(7)).toEqual([
      ["This was the first part of a trilogy about Gorky's life", 'supported'],
    ]);
    expect(fact(8)).toEqual([['Directed by Vsevolod Pudovkin', 'supported']]);
    expect(fact(10)).toEqual([
      [
        'The film won the Golden Prize at the 10th Moscow International Film Festival',
        'contradicted',
      ],
      ['and was nominated for an Academy Award for Best Foreign Language Film', 'contradicted'],
    ]);
    // Slot 9 did not resolve, so it is not in the draft.
    expect(check.entries.map((e) => e.position)).not.toContain(9);
    // Every verdict but "not checkable" carries sourced evidence.
    for (const e of check.entries) {
      for (const c of [...e.description.claims, ...e.fact.claims]) {
        if (c.judgement.verdict === 'supported' || c.judgement.verdict === 'contradicted') {
          expect(c.judgement.evidence.length, c.text).toBeGreaterThan(0);
        }
      }
    }
  });

  it('finds nothing the base contradicts in the published collection', async () => {
    const check = await app.services.collections.factCheck('mothers-in-soviet-cinema');
    const contradicted = check.entries.flatMap((e) =>
      [...e.description.claims, ...e.fact.claims]
        .filter((c) => c.judgement.verdict === 'contradicted')
        .map((c) => `${e.position}: ${c.text}`),
    );
    expect(contradicted).toEqual([]);
  });

  it('judges one sentence, and refuses an unknown film', async () => {
    const r = await app.services.knowledge.check(
      "The Cranes Are Flying won the Palme d'Or at the 1958 Cannes Film Festival.",
      'the-cranes-are-flying-1957',
    );
    expect(verdicts(r)).toEqual([
      ["The Cranes Are Flying won the Palme d'Or at the 1958 Cannes Film Festival", 'supported'],
    ]);
    await expect(app.services.knowledge.check('Anything.', 'the-mother-1975')).rejects.toThrow(
      'The knowledge base knows no film "the-mother-1975".',
    );
  });

  it('loads films from a Wikidata dump and merges them with catalogue films', async () => {
    const report = await app.services.knowledge.loadWikidata(WIKIDATA);
    expect(report.films).toBeGreaterThanOrEqual(3);
    expect(report.statements).toBeGreaterThan(0);
    const counts = await app.services.knowledge.counts();
    expect(counts['wikidata.statement']).toBe(report.statements);
    const kb = await app.services.knowledge.snapshot();
    // The Cranes Are Flying from the dump merged into the catalogue film.
    expect(kb.film('the-cranes-are-flying-1957')?.wikidata).toMatch(/^Q\d+$/);
    // And a content reload leaves the Wikidata layer alone.
    await app.services.content.load(CONTENT_DIR);
    expect((await app.services.knowledge.counts())['wikidata.statement']).toBe(report.statements);
  });

  it('rejects a truncated dump naming the line, storing nothing', async () => {
    const before = await app.services.knowledge.counts();
    await expect(
      app.services.knowledge.loadWikidata(path.join(path.dirname(WIKIDATA), 'truncated.json')),
    ).rejects.toThrow(/truncated\.json:5/);
    expect(await app.services.knowledge.counts()).toEqual(before);
  });
});
