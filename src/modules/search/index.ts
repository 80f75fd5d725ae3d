/**
 * The search module's public surface: the pure engine (no database) and the service that feeds
 * it from the catalogue. Text folding and the skeleton live in the text core (src/lib/text).
 */
export { editBudget, SearchIndex } from './engine.ts';
export { parseQuery, type QueryWord } from './query.ts';
export { SnapshotError, snapshotMeta } from './snapshot.ts';
export type { ProgressFn, SearchDocument, SearchHit, SearchOptions, TitleKind } from './engine.ts';
export {
  buildInWorker,
  type IndexOrigin,
  type RefreshReport,
  SearchService,
  type SearchResult,
  type SearchServiceOptions,
} from './search.service.ts';
