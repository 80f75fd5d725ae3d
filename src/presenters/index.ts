/**
 * What leaves the server: URLs, response shapes (zod) and presenters. Shared by the API, the
 * pages and the CLI; imports only modules' public surfaces and lib.
 */
export { absoluteUrl, urls } from './urls.ts';
export * from './dto.ts';
export * from './check.dto.ts';
export {
  presentCollection,
  presentCollectionSummary,
  presentFilm,
  presentFilmSummary,
  presentPerson,
  presentPersonListItem,
  presentPersonRef,
  presentSource,
} from './catalog.ts';
export { presentCheckedText, presentCollectionCheck, presentImport } from './check.ts';
export { presentSearchResult } from './search.ts';
export * from './workspace.ts';
export * from './revisions.ts';
export * from './film-drafts.ts';
