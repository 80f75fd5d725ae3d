import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { type AccessKind, type AccessMedium, type AccessOffer, isAccessKind } from './access.ts';

export class AccessRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async offersForFilm(filmId: number): Promise<AccessOffer[]> {
    const rows = await this.db
      .selectFrom('access_offers as o')
      .innerJoin('sources as s', 's.id', 'o.source_id')
      .select([
        'o.kind',
        'o.medium',
        'o.provider',
        'o.edition',
        'o.region',
        'o.year',
        'o.url',
        'o.checked_on',
        'o.note',
        's.url as source_url',
        's.title as source_title',
        's.publisher as source_publisher',
        's.accessed_on as source_accessed_on',
      ])
      .where('o.film_id', '=', filmId)
      .orderBy('o.position')
      .execute();
    return rows.map((r) => ({
      kind: r.kind as AccessKind,
      medium: r.medium as AccessMedium,
      provider: r.provider,
      edition: r.edition,
      region: r.region,
      year: r.year,
      url: r.url,
      checkedOn: r.checked_on,
      note: r.note,
      source: {
        url: r.source_url,
        title: r.source_title,
        publisher: r.source_publisher,
        accessedOn: r.source_accessed_on,
      },
    }));
  }

  /** The kinds of English access of many films at once (for lists and badges). */
  async kindsForFilms(filmIds: readonly number[]): Promise<Map<number, AccessKind[]>> {
    const out = new Map<number, AccessKind[]>();
    if (filmIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('access_offers')
      .select(['film_id', 'kind'])
      .distinct()
      .where('film_id', 'in', [...filmIds])
      .execute();
    for (const r of rows) {
      if (!isAccessKind(r.kind)) continue;
      const list = out.get(r.film_id) ?? [];
      list.push(r.kind);
      out.set(r.film_id, list);
    }
    return out;
  }
}
