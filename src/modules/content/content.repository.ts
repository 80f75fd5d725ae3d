/**
 * Writes a validated content plan into the database in one transaction. The content module is
 * the single writer of content-managed records (films, people, sources, collections); the
 * other modules only read them. A file whose hash is unchanged is not touched, so loading
 * the same content twice writes nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import { type Database, bumpCatalogVersion, readCatalogVersion } from '../../db/index.ts';
import { type Problem, ValidationError } from '../../lib/errors.ts';
import { slugify } from '../../lib/text/index.ts';
import { decideCollectionSync } from './collection-files.ts';
import { browserCorrectedFilm } from './film-guard.ts';
import type { ContentPlan, PlannedCollection, PlannedFilm, PlannedPerson } from './content.ts';
import { personSlug } from './content.ts';

export interface Tally {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface SyncReport {
  films: Tally;
  collections: Tally;
  people: Tally;
  sources: Tally;
  /** Whether the knowledge base behind claim checking changed (content/knowledge/). */
  knowledgeChanged?: boolean;
  changed: boolean;
}

export type SyncProgress = (step: string, done: number, total: number) => void;

const tally = (): Tally => ({ added: 0, updated: 0, unchanged: 0, removed: 0 });

export class ContentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The catalogue version: changes whenever a load changes anything. */
  async version(): Promise<string> {
    return readCatalogVersion(this.db);
  }

  /** How many films the database holds now (whatever loaded them). */
  async filmCount(): Promise<number> {
    const row = await this.db
      .selectFrom('films')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async sync(plan: ContentPlan, progress: SyncProgress = () => {}): Promise<SyncReport> {
    return this.db.transaction().execute(async (trx) => {
      const report: SyncReport = {
        films: tally(),
        collections: tally(),
        people: tally(),
        sources: tally(),
        changed: false,
      };
      const stamp = this.now().toISOString();
      const sourceIds = await this.syncSources(trx, plan, report.sources);
      const personIds = await this.syncPeople(trx, plan, sourceIds, report.people);

      // A film corrected in the browser is never overwritten silently by a changed file.
      const filmConflicts: Problem[] = [];
      for (const film of plan.films) {
        const message = await browserCorrectedFilm(trx, film);
        if (message) filmConflicts.push({ where: film.file, message });
      }
      if (filmConflicts.length > 0)
        throw new ValidationError(
          `${filmConflicts.length} film file(s) conflict with corrections made in the browser; nothing was loaded.`,
          filmConflicts,
        );
      const filmIds = new Map<string, number>();
      let done = 0;
      for (const film of plan.films) {
        filmIds.set(
          film.data.slug,
          await this.syncFilm(trx, film, sourceIds, personIds, stamp, report.films),
        );
        progress('films', ++done, plan.films.length);
      }
      done = 0;
      const conflicts: Problem[] = [];
      for (const c of plan.collections) {
        const decision = await decideCollectionSync(trx, c.data, c.hash);
        if (decision.kind === 'conflict') conflicts.push({ where: c.file, message: decision.message });
        else if (decision.kind === 'unchanged') report.collections.unchanged++;
        else await this.syncCollection(trx, c, sourceIds, filmIds, stamp, report.collections);
        progress('collections', ++done, plan.collections.length);
      }
      // Edited in the browser and in a file: reported, never resolved; the load writes nothing.
      if (conflicts.length > 0)
        throw new ValidationError(
          `${conflicts.length} collection file(s) conflict with edits made in the browser; nothing was loaded.`,
          conflicts,
        );

      // Records whose files were deleted go too; imported drafts (origin 'import') stay.
      const keepCollections = plan.collections.map((c) => c.data.slug);
      const goneCollections = await trx
        .deleteFrom('collections')
        .where('origin', '=', 'content')
        .$if(keepCollections.length > 0, (q) => q.where('slug', 'not in', keepCollections))
        .executeTakeFirst();
      report.collections.removed = Number(goneCollections.numDeletedRows);
      const keepFilms = plan.films.map((f) => f.data.slug);
      const goneFilms = await trx
        .deleteFrom('films')
        .where('origin', '=', 'content')
        .$if(keepFilms.length > 0, (q) => q.where('slug', 'not in', keepFilms))
        .executeTakeFirst();
      report.films.removed = Number(goneFilms.numDeletedRows);
      const gonePeople = await trx
        .deleteFrom('people')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('credits').select('id').whereRef('person_id', '=', 'people.id'))),
        )
        .executeTakeFirst();
      report.people.removed = Number(gonePeople.numDeletedRows);
      await trx
        .deleteFrom('studios')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('films').select('id').whereRef('studio_id', '=', 'studios.id'))),
        )
        .execute();

      report.changed = [report.films, report.collections, report.people, report.sources].some(
        (t) => t.added + t.updated + t.removed > 0,
      );
      if (report.changed) {
        await bumpCatalogVersion(trx, stamp);
      }
      return report;
    });
  }

  private async syncSources(
    trx: Transaction<Database>,
    plan: ContentPlan,
    t: Tally,
  ): Promise<Map<string, number>> {
    const existing = await trx
      .selectFrom('sources')
      .select(['id', 'url', 'title', 'publisher', 'accessed_on'])
      .execute();
    const byUrl = new Map(existing.map((s) => [s.url, s]));
    const ids = new Map<string, number>();
    for (const s of plan.sources) {
      const row = byUrl.get(s.url);
      const values = { title: s.title, publisher: s.publisher ?? null, accessed_on: s.accessed };
      if (!row) {
        const { id } = await trx
          .insertInto('sources')
          .values({ url: s.url, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(s.url, id);
        t.added++;
      } else {
        ids.set(s.url, row.id);
        if (
          row.title !== values.title ||
          row.publisher !== values.publisher ||
          row.accessed_on !== values.accessed_on
        ) {
          await trx.updateTable('sources').set(values).where('id', '=', row.id).execute();
          t.updated++;
        } else t.unchanged++;
      }
    }
    return ids;
  }

  private async syncPeople(
    trx: Transaction<Database>,
    plan: ContentPlan,
    sourceIds: Map<string, number>,
    t: Tally,
  ): Promise<Map<string, number>> {
    const existing = await trx
      .selectFrom('people')
      .select(['id', 'slug', 'name', 'name_original', 'content_hash'])
      .execute();
    const bySlug = new Map(existing.map((p) => [p.slug, p]));
    const ids = new Map<string, number>();
    for (const p of plan.people) {
      const row = bySlug.get(p.slug);
      const hash = p.details?.hash ?? null;
      if (!row) {
        const { id } = await trx
          .insertInto('people')
          .values({ slug: p.slug, name: p.name, name_original: p.nameOriginal, content_hash: hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(p.slug, id);
        await this.syncPersonDetails(trx, id, p, sourceIds);
        t.added++;
      } else {
        ids.set(p.slug, row.id);
        const detailsChanged = (row.content_hash ?? null) !== hash;
        if (row.name !== p.name || row.name_original !== p.nameOriginal || detailsChanged) {
          await trx
            .updateTable('people')
            .set({ name: p.name, name_original: p.nameOriginal, content_hash: hash })
            .where('id', '=', row.id)
            .execute();
          if (detailsChanged) await this.syncPersonDetails(trx, row.id, p, sourceIds);
          t.updated++;
        } else t.unchanged++;
      }
    }
    return ids;
  }

  /** Replaces a person's birth, death and other names with those of their file (or none). */
  private async syncPersonDetails(
    trx: Transaction<Database>,
    personId: number,
    p: PlannedPerson,
    sourceIds: Map<string, number>,
  ): Promise<void> {
    await trx.deleteFrom('person_life').where('person_id', '=', personId).execute();
    await trx.deleteFrom('person_names').where('person_id', '=', personId).execute();
    const d = p.details?.data;
    if (!d) return;
    const src = (key: string) => sourceIds.get(d.sources[key]!.url)!;
    for (const event of ['born', 'died'] as const) {
      const e = d[event];
      if (!e) continue;
      const { id } = await trx
        .insertInto('person_life')
        .values({
          person_id: personId,
          event,
          date: e.date ?? null,
          place: e.place ?? null,
          note: e.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('person_life_sources')
        .values([...new Set(e.sources.map(src))].map((source_id, position) => ({ life_id: id, source_id, position })))
        .execute();
    }
    for (const [position, n] of d.names.entries()) {
      const { id } = await trx
        .insertInto('person_names')
        .values({
          person_id: personId,
          text: n.text,
          language: n.language,
          script: n.script ?? null,
          note: n.note ?? null,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('person_name_sources')
        .values([...new Set(n.sources.map(src))].map((source_id, p) => ({ name_id: id, source_id, position: p })))
        .execute();
    }
  }

  private async studioId(
    trx: Transaction<Database>,
    studio: { name: string; original?: string | undefined } | undefined,
  ): Promise<number | null> {
    if (!studio) return null;
    const slug = slugify(studio.name);
    const row = await trx.selectFrom('studios').select(['id', 'name', 'name_original']).where('slug', '=', slug).executeTakeFirst();
    if (row) {
      if (row.name !== studio.name || row.name_original !== (studio.original ?? null)) {
        await trx
          .updateTable('studios')
          .set({ name: studio.name, name_original: studio.original ?? null })
          .where('id', '=', row.id)
          .execute();
      }
      return row.id;
    }
    const { id } = await trx
      .insertInto('studios')
      .values({ slug, name: studio.name, name_original: studio.original ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  private async syncFilm(
    trx: Transaction<Database>,
    planned: PlannedFilm,
    sourceIds: Map<string, number>,
    personIds: Map<string, number>,
    stamp: string,
    t: Tally,
  ): Promise<number> {
    const f = planned.data;
    const existing = await trx
      .selectFrom('films')
      .select(['id', 'content_hash'])
      .where('slug', '=', f.slug)
      .executeTakeFirst();
    if (existing && existing.content_hash === planned.hash) {
      t.unchanged++;
      return existing.id;
    }
    const src = (key: string) => sourceIds.get(f.sources[key]!.url)!;
    const values = {
      year: f.year,
      runtime_minutes: f.runtime?.minutes ?? null,
      runtime_note: f.runtime?.note ?? null,
      silent: f.silent ? 1 : 0,
      languages: f.languages.join(','),
      studio_id: await this.studioId(trx, f.studio),
      synopsis: f.synopsis,
      access_note: f.accessNote ?? null,
      origin: 'content',
      content_hash: planned.hash,
      updated_at: stamp,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await trx.updateTable('films').set(values).where('id', '=', id).execute();
      for (const table of [
        'titles',
        'credits',
        'film_countries',
        'film_synopsis_sources',
        'facts',
        'access_offers',
      ] as const) {
        await trx.deleteFrom(table).where('film_id', '=', id).execute();
      }
      t.updated++;
    } else {
      ({ id } = await trx
        .insertInto('films')
        .values({ slug: f.slug, ...values })
        .returning('id')
        .executeTakeFirstOrThrow());
      t.added++;
    }

    const titles = [
      { kind: 'english', text: f.titles.english, language: 'en', script: 'Latn', note: null },
      {
        kind: 'original',
        text: f.titles.original.text,
        language: f.titles.original.language,
        script: f.titles.original.script ?? null,
        note: f.titles.original.note ?? null,
      },
      ...(f.titles.transliteration
        ? [
            {
              kind: 'transliteration',
              text: f.titles.transliteration,
              language: `${f.titles.original.language}-Latn`,
              script: 'Latn',
              note: null,
            },
          ]
        : []),
      ...f.titles.alternative.map((a) => ({
        kind: 'alternative',
        text: a.text,
        language: a.language,
        script: a.script ?? null,
        note: a.note ?? null,
      })),
    ];
    await trx
      .insertInto('titles')
      .values(titles.map((x, position) => ({ film_id: id, position, ...x })))
      .execute();

    const credits = [
      ...f.directors.map((p) => ({ role: 'director', p, character: null, sources: p.sources })),
      ...f.writers.map((p) => ({ role: 'writer', p, character: null, sources: p.sources })),
      ...f.cast.map((c) => ({
        role: 'cast',
        p: c.person,
        character: c.character ?? null,
        sources: c.sources,
      })),
    ];
    if (credits.length) {
      await trx
        .insertInto('credits')
        .values(
          credits.map((c, position) => ({
            film_id: id,
            person_id: personIds.get(personSlug(c.p))!,
            role: c.role,
            character: c.character,
            position,
          })),
        )
        .execute();
      // Each credit's sources, by the credit's position (RETURNING order is not guaranteed).
      const rows = await trx
        .selectFrom('credits')
        .select(['id', 'position'])
        .where('film_id', '=', id)
        .execute();
      const byPosition = new Map(rows.map((r) => [r.position, r.id]));
      const creditSources = credits.flatMap((c, position) =>
        [...new Set(c.sources.map(src))].map((source_id, p) => ({
          credit_id: byPosition.get(position)!,
          source_id,
          position: p,
        })),
      );
      if (creditSources.length) await trx.insertInto('credit_sources').values(creditSources).execute();
    }
    await trx
      .insertInto('film_countries')
      .values(f.countries.map((country_code, position) => ({ film_id: id, country_code, position })))
      .execute();
    await trx
      .insertInto('film_synopsis_sources')
      .values(
        [...new Set(f.synopsisSources.map(src))].map((source_id, position) => ({
          film_id: id,
          source_id,
          position,
        })),
      )
      .execute();
    for (const [position, fact] of f.facts.entries()) {
      const { id: factId } = await trx
        .insertInto('facts')
        .values({ film_id: id, key: fact.id, text: fact.text, position })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('fact_sources')
        .values(
          [...new Set(fact.sources.map(src))].map((source_id, p) => ({
            fact_id: factId,
            source_id,
            position: p,
          })),
        )
        .execute();
    }
    if (f.access.length) {
      await trx
        .insertInto('access_offers')
        .values(
          f.access.map((o, position) => ({
            film_id: id,
            kind: o.kind,
            medium: o.medium,
            provider: o.provider,
            edition: o.edition ?? null,
            region: o.region ?? null,
            year: o.year ?? null,
            url: o.url ?? null,
            source_id: src(o.source),
            checked_on: o.checked,
            note: o.note ?? null,
            position,
          })),
        )
        .execute();
    }
    return id;
  }

  private async syncCollection(
    trx: Transaction<Database>,
    planned: PlannedCollection,
    sourceIds: Map<string, number>,
    filmIds: Map<string, number>,
    stamp: string,
    t: Tally,
  ): Promise<void> {
    const c = planned.data;
    const existing = await trx
      .selectFrom('collections')
      .select(['id', 'content_hash', 'origin', 'version'])
      .where('slug', '=', c.slug)
      .executeTakeFirst();
    if (existing && existing.content_hash === planned.hash) {
      t.unchanged++;
      return;
    }
    // A file change moves the version, so an editor open in the browser gets a conflict too.
    const version = existing ? Number(existing.version) + 1 : 1;
    const src = (key: string) => sourceIds.get(c.sources[key]!.url)!;
    const values = {
      title: c.title,
      subtitle: c.subtitle ?? null,
      curator: c.curator,
      status: c.status,
      published_on: c.published ?? null,
      intro: c.intro,
      origin_title: c.origin?.title ?? null,
      origin_note: c.origin?.note ?? null,
      // A collection made in the workspace stays the workspace's (deleting its file keeps it).
      origin: existing && existing.origin !== 'content' ? existing.origin : 'content',
      content_hash: planned.hash,
      updated_at: stamp,
      version,
      loaded_version: version,
    };
    let id: number;
    if (existing) {
      id = existing.id;
      await trx.updateTable('collections').set(values).where('id', '=', id).execute();
      await trx.deleteFrom('collection_entries').where('collection_id', '=', id).execute();
      t.updated++;
    } else {
      ({ id } = await trx
        .insertInto('collections')
        .values({ slug: c.slug, ...values })
        .returning('id')
        .executeTakeFirstOrThrow());
      t.added++;
    }
    for (const [i, e] of c.entries.entries()) {
      const { id: entryId } = await trx
        .insertInto('collection_entries')
        .values({
          collection_id: id,
          film_id: filmIds.get(e.film)!,
          position: i + 1,
          listed_as: e.listedAs ?? null,
          description: e.description,
          fact_text: e.fact?.text ?? '',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cited = [...new Set((e.fact?.sources ?? []).map(src))];
      if (cited.length > 0)
        await trx
          .insertInto('entry_fact_sources')
          .values(cited.map((source_id, position) => ({ entry_id: entryId, source_id, position })))
          .execute();
      for (const [position, corr] of e.corrections.entries()) {
        const { id: corrId } = await trx
          .insertInto('corrections')
          .values({ entry_id: entryId, field: corr.field, listed: corr.listed, reason: corr.reason, position })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('correction_sources')
          .values(
            [...new Set(corr.sources.map(src))].map((source_id, p) => ({
              correction_id: corrId,
              source_id,
              position: p,
            })),
          )
          .execute();
      }
    }
  }
}
