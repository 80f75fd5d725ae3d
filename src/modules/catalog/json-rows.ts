/**
 * Rows read beside another row in the same statement, as a JSON array of arrays: one small
 * correlated subquery per kind of row instead of a statement (on PostgreSQL a round trip) each.
 * The aggregate is the one per-dialect piece; the arrays' order is not the database's to keep,
 * so each array starts with the values to sort by and `jsonRows` sorts them.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';

/** `json_agg(json_build_array(…))` on PostgreSQL, `json_group_array(json_array(…))` on SQLite. */
export function jsonAgg(db: Kysely<any>, values: readonly string[]): RawBuilder<unknown> {
  return sql.raw(
    dialectOf(db as Kysely<unknown>) === 'postgres'
      ? `json_agg(json_build_array(${values.join(', ')}))`
      : `json_group_array(json_array(${values.join(', ')}))`,
  );
}

/**
 * The rows of a `jsonAgg` column (text on SQLite, parsed by pg, null for none), sorted by their
 * first `keys` values (numbers).
 */
export function jsonRows(v: unknown, keys = 1): unknown[][] {
  const rows = (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as unknown[][];
  return rows.sort((a, b) => {
    for (let k = 0; k < keys; k++) {
      const d = Number(a[k]) - Number(b[k]);
      if (d) return d;
    }
    return 0;
  });
}
