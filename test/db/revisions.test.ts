/**
 * Revision history, restore, the reviewer's comparison and corrections, on SQLite and
 * PostgreSQL, through the services the pages and the API use: every change keeps a revision,
 * a restore is a new revision, sending back needs a comment the curator sees, a published
 * collection is edited through a working copy while readers keep the published text, and a
 * publication that changes a published fact keeps a correction with the publisher's reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/modules/accounts/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

const CRANES = 'the-cranes-are-flying-1957';
const MOTHER = 'mother-1926';
const TRUE_FACT = "It won the Palme d'Or at Cannes in 1958.";

describe.each(DIALECTS)('revisions and corrections (%s)', (dialect) => {
  let app: TestApp;
  let curator: User;
  let reviewer: User;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    curator = await app.services.accounts.addUserFromCli({
      email: 'c@kinoteka.test',
      username: 'carla',
      password: 'correct horse battery',
      role: 'curator',
    });
    reviewer = await app.services.accounts.addUserFromCli({
      email: 'r@kinoteka.test',
      username: 'rosa',
      password: 'correct horse battery',
      role: 'reviewer',
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const drafts = () => app.services.drafts;

  async function draftWithTwoFilms(title: string) {
    const slug = await drafts().create(curator, { title, intro: 'Two films about mothers.' });
    let d = await drafts().apply(curator, slug, { version: 1 }, { kind: 'add', film: CRANES });
    d = await drafts().apply(curator, slug, { version: d.version }, { kind: 'add', film: MOTHER });
    const [a, b] = d.entries;
    d = await drafts().apply(
      curator,
      slug,
      {
        version: d.version,
        notes: { [a!.id]: 'A war film about waiting.', [b!.id]: 'A mother joins the strike.' },
        facts: { [a!.id]: TRUE_FACT },
      },
      { kind: 'save' },
    );
    return { slug, draft: d };
  }

  it('keeps a revision of every change, with who and what, and diffs any two', async () => {
    const { slug, draft } = await draftWithTwoFilms('Mothers and sons');
    const moved = await drafts().apply(
      curator,
      slug,
      { version: draft.version },
      { kind: 'down', entry: draft.entries[0]!.id },
    );
    const history = await drafts().history.history(curator, slug);
    expect(history.revisions.map((r) => r.kind)).toEqual([
      'save',
      'save',
      'save',
      'save',
      'create',
    ]);
    expect(history.revisions[0]!.number).toBe(5);
    expect(history.revisions.every((r) => r.author === 'carla')).toBe(true);
    expect(history.revisions.find((r) => r.number === 2)!.summary).toContain(CRANES);

    const cmp = await drafts().history.compare(curator, slug, 1, 5);
    expect(cmp.diff.added.map((a) => a.film)).toEqual([MOTHER, CRANES]);
    const order = await drafts().history.compare(curator, slug, 4, 5);
    expect(order.diff.added).toEqual([]);
    expect(order.diff.moved).toHaveLength(1);
    expect(order.diff.changed).toEqual([]);
    const text = await drafts().history.compare(curator, slug, 3, 4);
    const note = text.diff.changed.find((c) => c.film === CRANES)!.note!;
    expect(note.before).toBe('');
    expect(
      note.parts
        .filter((p) => p.op === 'ins')
        .map((p) => p.text)
        .join(''),
    ).toBe('A war film about waiting.');
    expect(cmp.films[CRANES]!.title).toBe('The Cranes Are Flying');
    expect(moved.entries[0]!.film.slug).toBe(MOTHER);
  });

  it('restores an old revision as a new revision, and refuses a stale restore', async () => {
    const { slug, draft } = await draftWithTwoFilms('Restore me');
    const removed = await drafts().apply(
      curator,
      slug,
      { version: draft.version },
      { kind: 'remove', entry: draft.entries[1]!.id },
    );
    expect(removed.entries).toHaveLength(1);
    const before = (await drafts().history.history(curator, slug)).revisions.length;
    await expect(drafts().history.restore(curator, slug, 4, removed.version - 1)).rejects.toThrow(
      /Nothing was restored/,
    );
    await drafts().history.restore(curator, slug, 4, removed.version);
    const back = await drafts().get(curator, slug);
    expect(back.entries.map((e) => e.film.slug)).toEqual([CRANES, MOTHER]);
    expect(back.entries[1]!.note).toBe('A mother joins the strike.');
    expect(back.entries[0]!.sources).toEqual([]);
    const after = await drafts().history.history(curator, slug);
    expect(after.revisions).toHaveLength(before + 1);
    expect(after.revisions[0]).toMatchObject({ kind: 'restore', summary: 'restored revision 4' });
    // The revision with the removal is still there: history is never rewritten.
    const kept = await drafts().history.revision(curator, slug, before);
    expect(kept.snapshot.entries).toHaveLength(1);
  });

  it('needs a comment to send back, and shows it to the curator until resubmitted', async () => {
    const { slug, draft } = await draftWithTwoFilms('Send me back');
    const sent = await drafts().apply(
      curator,
      slug,
      { version: draft.version },
      { kind: 'submit' },
    );
    await expect(drafts().sendBack(reviewer, slug, sent.version, '  ')).rejects.toThrow(
      /what the curator should change/,
    );
    await drafts().sendBack(reviewer, slug, sent.version, 'Cite a source for the Mother note.');
    const back = await drafts().get(curator, slug);
    expect(back.status).toBe('draft');
    expect(back.sentBack).toMatchObject({
      by: 'rosa',
      comment: 'Cite a source for the Mother note.',
    });
    const again = await drafts().apply(
      curator,
      slug,
      { version: back.version },
      { kind: 'submit' },
    );
    expect(again.sentBack).toBeNull();
  });

  it('edits a published collection in a working copy and keeps a correction for a changed fact', async () => {
    const { slug, draft } = await draftWithTwoFilms('Corrected later');
    const sub = await drafts().apply(curator, slug, { version: draft.version }, { kind: 'submit' });
    const review1 = await drafts().history.review(reviewer, slug);
    expect(review1.against).toBe('nothing');
    expect(review1.diff.added).toHaveLength(2);
    await drafts().publish(reviewer, slug, sub.version);
    const published = await app.services.collections.get(slug);
    expect(published.publishedCorrections).toEqual([]);

    const copy = await drafts().history.reopen(curator, slug);
    expect(copy).toBe(`${slug}-edit`);
    expect(await drafts().history.reopen(curator, slug)).toBe(copy);
    let wc = await drafts().get(curator, copy);
    expect(wc.revises).toBe(slug);
    const cranes = wc.entries.find((e) => e.film.slug === CRANES)!;
    const mother = wc.entries.find((e) => e.film.slug === MOTHER)!;
    expect(cranes.fact).toBe(TRUE_FACT);
    wc = await drafts().apply(
      curator,
      copy,
      {
        version: wc.version,
        facts: { [cranes.id]: "It won the Palme d'Or at the 1958 Cannes festival." },
        notes: { [mother.id]: '' },
      },
      { kind: 'save' },
    );
    // Readers still see the published text.
    expect((await app.services.collections.get(slug)).entries[0]!.fact.text).toBe(TRUE_FACT);
    await expect(app.services.collections.get(copy)).rejects.toThrow(/No collection/);
    wc = await drafts().apply(curator, copy, { version: wc.version }, { kind: 'submit' });

    const review = await drafts().history.review(reviewer, copy);
    expect(review.against).toBe('published');
    expect(review.corrections.map((c) => c.key).sort()).toEqual([
      `${MOTHER}:note`,
      `${CRANES}:fact`,
    ]);
    await expect(drafts().publish(reviewer, copy, wc.version)).rejects.toThrow(/needs a reason/);
    await drafts().publish(reviewer, copy, wc.version, undefined, {
      [`${CRANES}:fact`]: 'We now name the festival year as the jury did.',
      [`${MOTHER}:note`]: 'The note described the wrong reel.',
    });

    const now = await app.services.collections.get(slug);
    expect(now.entries[0]!.fact.text).toBe("It won the Palme d'Or at the 1958 Cannes festival.");
    expect(now.entries[0]!.fact.sources).toEqual([]);
    expect(now.publishedCorrections).toHaveLength(2);
    const fact = now.publishedCorrections.find((c) => c.field === 'fact')!;
    expect(fact).toMatchObject({
      was: TRUE_FACT,
      now: "It won the Palme d'Or at the 1958 Cannes festival.",
      reason: 'We now name the festival year as the jury did.',
    });
    expect(fact.film.slug).toBe(CRANES);
    expect(fact.correctedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const withdrawn = now.publishedCorrections.find((c) => c.field === 'note')!;
    expect(withdrawn.now).toBe('');
    // The working copy is gone; its revisions belong to the collection's history.
    await expect(drafts().get(curator, copy)).rejects.toThrow(/No collection/);
    const history = await drafts().history.history(curator, slug);
    expect(history.revisions.map((r) => r.kind).slice(0, 4)).toEqual([
      'publish',
      'submit',
      'save',
      'reopen',
    ]);
    expect(history.revisions[0]!.summary).toBe('published with 2 corrections');
    const audit = await app.services.accounts.listAudit({ limit: 20 });
    expect(audit.some((a) => a.action === 'collection.reopen')).toBe(true);
  });
});
