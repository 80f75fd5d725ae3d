/**
 * The search module's public surface: the pure engine (no database) and its text helpers.
 * search.service.ts (the catalogue side) feeds SearchIndex from the database.
 */
export {
  fold,
  foldWord,
  hasCyrillic,
  isYearToken,
  prefixVariants,
  skeleton,
  skeletonText,
  skeletonVariants,
  tokenize,
} from './normalize.ts';
export { romanize, ROMANIZATIONS } from './romanize.ts';
export type { Random, Romanization } from './romanize.ts';
export { osaDistance } from './distance.ts';
export { editBudget, SearchIndex } from './engine.ts';
export type { ProgressFn, SearchDocument, SearchHit, SearchOptions, TitleKind } from './engine.ts';
export { SearchService, type SearchResult } from './search.service.ts';
