/** Importing curators' lists: parsing and resolving entries to catalogue films. */
export { decodeListBytes, entryTexts, ListParseError, parseList } from './list-parse.ts';
export type {
  BlockLabel,
  ListEntry,
  ListFormat,
  ListIssue,
  ParsedList,
  TextBlock,
} from './list-parse.ts';
export { resolveEntries, resolveTitle } from './resolve.ts';
export type {
  CatalogueFilm,
  Candidate,
  EntryResolution,
  MatchEvidence,
  Resolution,
  TitleMatch,
} from './resolve.ts';
export { importList, parseAnyList } from './import-list.ts';
export {
  letterboxdCsv,
  looksLikeLetterboxdCsv,
  parseLetterboxdCsv,
  type LetterboxdRow,
} from './letterboxd.ts';
export type { ImportedEntry, ImportedList } from './import-list.ts';
export { ImportsService, type ImportResult } from './imports.service.ts';
export {
  ImdbImporter,
  type ImdbImportOptions,
  type ImdbImportReport,
  type ImdbProgress,
} from './imdb/importer.ts';
export { DEFAULT_TYPES as IMDB_DEFAULT_TYPES, IMDB_FILES } from './imdb/imdb.ts';
export { ImdbFormatError } from './imdb/tsv.ts';
