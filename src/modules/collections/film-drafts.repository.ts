/**
 * SQL for film drafts: reading a film's titles, credits and English access offers as one
 * FilmFields, keeping drafts with a version check, and writing a published correction into the
 * film's rows in one transaction (which also marks the film as corrected in the browser).
 */
import type { Kysely } from 'kysely';
import { type Database, bumpCatalogVersion } from '../../db/index.ts';
import { slugify } from '../../lib/text/index.ts';
import type { CollectionStatus } from './collections.ts';
import type { FilmFields, FilmProposal } from './film-drafts.ts';

type Db = Kysely<Database>;

export interface FilmDraftRow {
  id: number;
  filmId: number;
  filmSlug: string;
  status: CollectionStatus;
  version: number;
  ownerId: number | null;
  curator: string;
  base: FilmFields;
  proposal: FilmProposal;
  reviewComment: string | null;
  createdAt: string;
  updatedAt: string;
  publishedOn: string | null;
}

export class FilmDraftsRepository {
  constructor(private readonly db: Db) {}

  async filmId(slug: string): Promise<number | undefined> {
    const r = await this.db
      .selectFrom('films')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return r?.id;
  }

  /** The film as readers see it now, in the shape a draft edits. */
  async fields(filmId: number, db: Db = this.db): Promise<FilmFields> {
    const titles = await db
      .selectFrom('titles')
      .select(['kind', 'text', 'language'])
      .where('film_id', '=', filmId)
      .orderBy('position')
      .execute();
    const credits = await db
      .selectFrom('credits as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.role', 'p.name', 'c.character'])
      .where('c.film_id', '=', filmId)
      .orderBy('c.position')
      .execute();
    const offers = await db
      .selectFrom('access_offers')
      .select(['kind', 'medium', 'provider', 'url', 'region'])
      .where('film_id', '=', filmId)
      .orderBy('position')
      .execute();
    const original = titles.find((t) => t.kind === 'original');
    return {
      original: original?.text ?? '',
      originalLanguage: original?.language ?? '',
      transliteration: titles.find((t) => t.kind === 'transliteration')?.text ?? '',
      english: titles.find((t) => t.kind === 'english')?.text ?? '',
      alternatives: titles
        .filter((t) => t.kind === 'alternative')
        .map((t) => ({ text: t.text, language: t.language })),
      credits: credits.map((c) => ({
        role: c.role as FilmFields['credits'][number]['role'],
        name: c.name,
        character: c.character,
      })),
      offers: offers.map((o) => ({
        kind: o.kind as FilmFields['offers'][number]['kind'],
        medium: o.medium as FilmFields['offers'][number]['medium'],
        provider: o.provider,
        url: o.url,
        region: o.region,
      })),
    };
  }

  private base() {
    return this.db
      .selectFrom('film_drafts as d')
      .innerJoin('films as f', 'f.id', 'd.film_id')
      .selectAll('d')
      .select('f.slug as film_slug');
  }

  async find(id: number): Promise<FilmDraftRow | undefined> {
    const r = await this.base().where('d.id', '=', id).executeTakeFirst();
    return r && toRow(r);
  }

  /** The open (unpublished) draft of a film, if any. */
  async openFor(filmId: number): Promise<FilmDraftRow | undefined> {
    const r = await this.base()
      .where('d.film_id', '=', filmId)
      .where('d.status', '!=', 'published')
      .executeTakeFirst();
    return r && toRow(r);
  }

  async open(): Promise<FilmDraftRow[]> {
    const rows = await this.base()
      .where('d.status', '!=', 'published')
      .orderBy('d.updated_at', 'desc')
      .execute();
    return rows.map(toRow);
  }

  async insert(d: {
    filmId: number;
    ownerId: number;
    curator: string;
    base: FilmFields;
    now: string;
  }): Promise<number> {
    const proposal: FilmProposal = { ...d.base, source: null, note: '' };
    const r = await this.db
      .insertInto('film_drafts')
      .values({
        film_id: d.filmId,
        status: 'draft',
        owner_id: d.ownerId,
        curator: d.curator,
        base: JSON.stringify(d.base),
        proposal: JSON.stringify(proposal),
        review_comment: null,
        created_at: d.now,
        updated_at: d.now,
        published_on: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /**
   * Moves the draft from `expected` to the next version and applies `set`; false when someone
   * saved in between (nothing changes then).
   */
  async change(
    id: number,
    expected: number,
    now: string,
    set: {
      status?: CollectionStatus;
      proposal?: FilmProposal;
      reviewComment?: string | null;
      publishedOn?: string;
    },
    apply?: (db: Db) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('film_drafts')
        .set((eb) => ({
          version: eb('version', '+', 1),
          updated_at: now,
          ...(set.status ? { status: set.status } : {}),
          ...(set.proposal ? { proposal: JSON.stringify(set.proposal) } : {}),
          ...(set.reviewComment !== undefined ? { review_comment: set.reviewComment } : {}),
          ...(set.publishedOn ? { published_on: set.publishedOn } : {}),
        }))
        .where('id', '=', id)
        .where('version', '=', expected)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (apply) await apply(trx);
      return true;
    });
  }

  /** Writes a published correction into the film's rows (inside the draft's change). */
  async writeFilm(db: Db, filmId: number, p: FilmProposal, now: string): Promise<void> {
    const source = p.source!;
    let src = await db
      .selectFrom('sources')
      .select('id')
      .where('url', '=', source.url)
      .executeTakeFirst();
    src ??= await db
      .insertInto('sources')
      .values({
        url: source.url,
        title: source.title,
        publisher: source.publisher,
        accessed_on: source.accessedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const titles = [
      { kind: 'english', text: p.english, language: 'en', script: 'Latn' as string | null },
      { kind: 'original', text: p.original, language: p.originalLanguage, script: null },
      ...(p.transliteration
        ? [
            {
              kind: 'transliteration',
              text: p.transliteration,
              language: `${p.originalLanguage}-Latn`,
              script: 'Latn',
            },
          ]
        : []),
      ...p.alternatives.map((a) => ({
        kind: 'alternative',
        text: a.text,
        language: a.language,
        script: null,
      })),
    ];
    // What stays the same keeps what the files said about it (script, note, its own sources).
    const oldTitles = await db
      .selectFrom('titles')
      .select(['kind', 'text', 'language', 'script', 'note'])
      .where('film_id', '=', filmId)
      .execute();
    const keptTitle = new Map(oldTitles.map((t) => [`${t.kind}|${t.text}|${t.language}`, t]));
    await db.deleteFrom('titles').where('film_id', '=', filmId).execute();
    await db
      .insertInto('titles')
      .values(
        titles.map((t, position) => {
          const was = keptTitle.get(`${t.kind}|${t.text}|${t.language}`);
          return {
            film_id: filmId,
            position,
            ...t,
            script: was ? was.script : t.script,
            note: was?.note ?? null,
          };
        }),
      )
      .execute();

    const old = await db
      .selectFrom('credits as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.id', 'c.role', 'p.name', 'c.character'])
      .where('c.film_id', '=', filmId)
      .execute();
    const oldSources = old.length
      ? await db
          .selectFrom('credit_sources')
          .select(['credit_id', 'source_id', 'position'])
          .where(
            'credit_id',
            'in',
            old.map((c) => c.id),
          )
          .orderBy('position')
          .execute()
      : [];
    const creditKey = (c: { role: string; name: string; character: string | null }) =>
      `${c.role}|${c.name}|${c.character ?? ''}`;
    const keptCredit = new Map(
      old.map((c) => [
        creditKey(c),
        oldSources.filter((x) => x.credit_id === c.id).map((x) => x.source_id),
      ]),
    );
    if (old.length)
      await db
        .deleteFrom('credit_sources')
        .where(
          'credit_id',
          'in',
          old.map((c) => c.id),
        )
        .execute();
    await db.deleteFrom('credits').where('film_id', '=', filmId).execute();
    for (const [position, c] of p.credits.entries()) {
      let person = await db
        .selectFrom('people')
        .select('id')
        .where('name', '=', c.name)
        .executeTakeFirst();
      if (!person) {
        const base = slugify(c.name) || 'person';
        let slug = base;
        for (
          let n = 2;
          await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst();
          n++
        )
          slug = `${base}-${n}`;
        person = await db
          .insertInto('people')
          .values({ slug, name: c.name, name_original: null, imdb_id: null })
          .returning('id')
          .executeTakeFirstOrThrow();
      }
      const credit = await db
        .insertInto('credits')
        .values({
          film_id: filmId,
          person_id: person.id,
          role: c.role,
          character: c.character,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cites = keptCredit.get(creditKey(c)) ?? [src.id];
      for (const [i, source_id] of (cites.length ? cites : [src.id]).entries())
        await db
          .insertInto('credit_sources')
          .values({ credit_id: credit.id, source_id, position: i })
          .execute();
    }

    const oldOffers = await db
      .selectFrom('access_offers')
      .select([
        'kind',
        'medium',
        'provider',
        'url',
        'region',
        'edition',
        'year',
        'source_id',
        'checked_on',
        'note',
      ])
      .where('film_id', '=', filmId)
      .execute();
    const offerKey = (o: {
      kind: string;
      medium: string;
      provider: string;
      url: string | null;
      region: string | null;
    }) => `${o.kind}|${o.medium}|${o.provider}|${o.url ?? ''}|${o.region ?? ''}`;
    const keptOffer = new Map(oldOffers.map((o) => [offerKey(o), o]));
    await db.deleteFrom('access_offers').where('film_id', '=', filmId).execute();
    for (const [position, o] of p.offers.entries()) {
      const was = keptOffer.get(offerKey(o));
      await db
        .insertInto('access_offers')
        .values({
          film_id: filmId,
          kind: o.kind,
          medium: o.medium,
          provider: o.provider,
          edition: was?.edition ?? null,
          region: o.region,
          year: was?.year ?? null,
          url: o.url,
          source_id: was?.source_id ?? src.id,
          checked_on: was?.checked_on ?? source.accessedOn,
          note: was?.note ?? null,
          position,
        })
        .execute();
    }
    // Corrected in the browser: a later content load must not overwrite it silently.
    await db
      .updateTable('films')
      .set({ origin: 'workspace', updated_at: now })
      .where('id', '=', filmId)
      .execute();
    await bumpCatalogVersion(db, `${now} film ${filmId}`);
  }
}

function toRow(r: {
  id: number;
  film_id: number;
  film_slug: string;
  status: string;
  version: number;
  owner_id: number | null;
  curator: string;
  base: string;
  proposal: string;
  review_comment: string | null;
  created_at: string;
  updated_at: string;
  published_on: string | null;
}): FilmDraftRow {
  return {
    id: r.id,
    filmId: r.film_id,
    filmSlug: r.film_slug,
    status: r.status as CollectionStatus,
    version: Number(r.version),
    ownerId: r.owner_id,
    curator: r.curator,
    base: JSON.parse(r.base) as FilmFields,
    proposal: JSON.parse(r.proposal) as FilmProposal,
    reviewComment: r.review_comment,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedOn: r.published_on,
  };
}
