import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { Fact, Source } from './facts.ts';

type SourceRow = { url: string; title: string; publisher: string | null; accessed_on: string };

export function toSource(r: SourceRow): Source {
  return { url: r.url, title: r.title, publisher: r.publisher, accessedOn: r.accessed_on };
}

export class FactsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async factsForFilm(filmId: number): Promise<Fact[]> {
    const facts = await this.db
      .selectFrom('facts')
      .select(['id', 'key', 'text'])
      .where('film_id', '=', filmId)
      .orderBy('position')
      .execute();
    if (facts.length === 0) return [];
    const links = await this.db
      .selectFrom('fact_sources')
      .innerJoin('sources', 'sources.id', 'fact_sources.source_id')
      .select(['fact_sources.fact_id', 'url', 'title', 'publisher', 'accessed_on'])
      .where(
        'fact_sources.fact_id',
        'in',
        facts.map((f) => f.id),
      )
      .orderBy('fact_sources.position')
      .execute();
    return facts.map((f) => ({
      key: f.key,
      text: f.text,
      sources: links.filter((l) => l.fact_id === f.id).map(toSource),
    }));
  }

  async synopsisSources(filmId: number): Promise<Source[]> {
    const rows = await this.db
      .selectFrom('film_synopsis_sources')
      .innerJoin('sources', 'sources.id', 'film_synopsis_sources.source_id')
      .select(['url', 'title', 'publisher', 'accessed_on'])
      .where('film_id', '=', filmId)
      .orderBy('position')
      .execute();
    return rows.map(toSource);
  }

  /** Sources by id, for records that point at one source each (access offers). */
  async sourcesByIds(ids: readonly number[]): Promise<Map<number, Source>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('sources')
      .select(['id', 'url', 'title', 'publisher', 'accessed_on'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, toSource(r)]));
  }

  /** Sources linked from a join table row group, e.g. a collection entry's fact. */
  async entryFactSources(entryIds: readonly number[]): Promise<Map<number, Source[]>> {
    return this.linked('entry_fact_sources', entryIds);
  }

  async correctionSources(correctionIds: readonly number[]): Promise<Map<number, Source[]>> {
    return this.linked('correction_sources', correctionIds);
  }

  private async linked(
    table: 'entry_fact_sources' | 'correction_sources',
    ids: readonly number[],
  ): Promise<Map<number, Source[]>> {
    const out = new Map<number, Source[]>();
    if (ids.length === 0) return out;
    // The two link tables share a shape; Kysely cannot express "one of two tables" with a
    // typed column, so each branch is spelled out.
    const rows =
      table === 'entry_fact_sources'
        ? await this.db
            .selectFrom('entry_fact_sources as l')
            .innerJoin('sources', 'sources.id', 'l.source_id')
            .select(['l.entry_id as owner', 'url', 'title', 'publisher', 'accessed_on'])
            .where('l.entry_id', 'in', [...ids])
            .orderBy('l.position')
            .execute()
        : await this.db
            .selectFrom('correction_sources as l')
            .innerJoin('sources', 'sources.id', 'l.source_id')
            .select(['l.correction_id as owner', 'url', 'title', 'publisher', 'accessed_on'])
            .where('l.correction_id', 'in', [...ids])
            .orderBy('l.position')
            .execute();
    for (const r of rows) {
      const list = out.get(r.owner) ?? [];
      list.push(toSource(r));
      out.set(r.owner, list);
    }
    return out;
  }
}
