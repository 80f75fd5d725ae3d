/**
 * Stores the knowledge base as JSON documents by layer. `content` is replaced wholesale by each
 * content load; `wikidata` grows with each dump import (records with the same id replace the
 * old ones). Reading merges the layers in that order through `KnowledgeBase.add`.
 */
import type { Kysely, Transaction } from 'kysely';
import { type Database, bumpCatalogVersion } from '../../db/index.ts';
import { KnowledgeBase, type KnowledgeData } from './kb/index.ts';

export type Layer = 'content' | 'wikidata';
const LAYERS: readonly Layer[] = ['content', 'wikidata'];

function rows(layer: Layer, data: Partial<KnowledgeData>) {
  return [
    ...(data.films ?? []).map((f) => ({
      layer,
      kind: 'film' as const,
      id: f.key,
      subject: f.key,
      doc: JSON.stringify(f),
    })),
    ...(data.statements ?? []).map((s) => ({
      layer,
      kind: 'statement' as const,
      id: s.id,
      subject: s.subject,
      doc: JSON.stringify(s),
    })),
    ...(data.editions ?? []).map((e) => ({
      layer,
      kind: 'edition' as const,
      id: e.id,
      subject: null,
      doc: JSON.stringify(e),
    })),
  ];
}

export class KnowledgeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces a whole layer; returns whether anything changed. */
  async replaceLayer(
    layer: Layer,
    data: KnowledgeData,
    trx?: Transaction<Database>,
  ): Promise<boolean> {
    const run = async (t: Transaction<Database>) => {
      const existing = await t
        .selectFrom('kb_records')
        .select(['kind', 'id', 'doc'])
        .where('layer', '=', layer)
        .execute();
      const next = rows(layer, data);
      const before = new Map(existing.map((r) => [`${r.kind}:${r.id}`, r.doc]));
      const same =
        before.size === next.length && next.every((r) => before.get(`${r.kind}:${r.id}`) === r.doc);
      if (same) return false;
      await t.deleteFrom('kb_records').where('layer', '=', layer).execute();
      for (let i = 0; i < next.length; i += 200) {
        await t
          .insertInto('kb_records')
          .values(next.slice(i, i + 200))
          .execute();
      }
      await bumpCatalogVersion(t, `kb-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
      return true;
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  /** Adds records to a layer, replacing those with the same kind and id. */
  async addToLayer(layer: Layer, data: Partial<KnowledgeData>): Promise<number> {
    const next = rows(layer, data);
    await this.db.transaction().execute(async (t) => {
      for (let i = 0; i < next.length; i += 200) {
        await t
          .insertInto('kb_records')
          .values(next.slice(i, i + 200))
          .onConflict((oc) =>
            oc.columns(['layer', 'kind', 'id']).doUpdateSet((eb) => ({
              doc: eb.ref('excluded.doc'),
              subject: eb.ref('excluded.subject'),
            })),
          )
          .execute();
      }
      await bumpCatalogVersion(t, `kb-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
    });
    return next.length;
  }

  async load(): Promise<KnowledgeBase> {
    const all = await this.db.selectFrom('kb_records').select(['layer', 'kind', 'doc']).execute();
    const kb = new KnowledgeBase();
    for (const layer of LAYERS) {
      const mine = all.filter((r) => r.layer === layer);
      const pick = (kind: string) =>
        mine.filter((r) => r.kind === kind).map((r) => JSON.parse(r.doc));
      const films = pick('film') as { imdb?: unknown }[];
      // Validated on the way in; fromJSON validates again so a hand-edited row fails loudly.
      kb.add(
        KnowledgeBase.fromJSON({
          films,
          statements: pick('statement'),
          editions: pick('edition'),
        }).toJSON(),
        { catalogueByImdb: await this.catalogueByImdb(films) },
      );
    }
    return kb;
  }

  /**
   * The catalogue films (slug) carrying the IMDb ids these records name (Wikidata P345): an
   * item is linked to the catalogue film with its IMDb id, imported or content-managed.
   */
  private async catalogueByImdb(
    films: readonly { imdb?: unknown }[],
  ): Promise<Map<string, string>> {
    const ids = [...new Set(films.flatMap((f) => (typeof f.imdb === 'string' ? [f.imdb] : [])))];
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 10_000) {
      const rows = await this.db
        .selectFrom('films')
        .select(['slug', 'imdb_id'])
        .where('imdb_id', 'in', ids.slice(i, i + 10_000))
        .execute();
      for (const r of rows) if (r.imdb_id) out.set(r.imdb_id, r.slug);
    }
    return out;
  }

  async counts(): Promise<Record<string, number>> {
    const r = await this.db
      .selectFrom('kb_records')
      .select(['layer', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['layer', 'kind'])
      .execute();
    return Object.fromEntries(r.map((x) => [`${x.layer}.${x.kind}`, Number(x.n)]));
  }
}
